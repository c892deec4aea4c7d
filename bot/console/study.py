"""`quizbot review` and `quizbot play --id`: a practice set in the terminal, one question after the other."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TextIO

from bot.console import render_study
from bot.console.play import RoundResult, play_questions
from bot.services.display import QuestionView
from bot.services.identity import Member
from bot.services.practice import PracticeService
from bot.services.study import StudyService


def play_set(
    study: StudyService, practice: PracticeService, member: Member, first: QuestionView, stdin: TextIO, stdout: TextIO
) -> RoundResult:
    """Answer the set that `first` opens; each next question is served only when it is its turn."""
    step = first.in_set
    if step is None:
        raise ValueError("not a question of a practice set")

    def questions() -> Iterator[QuestionView]:
        yield first
        for position in range(2, step.total + 1):
            yield study.set_question(member, step.set_id, position)

    return play_questions(practice, member, questions(), step.total, stdin, stdout, head=render_study.set_question)
