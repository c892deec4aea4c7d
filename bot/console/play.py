"""`quizbot play`: a practice round in the terminal."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TextIO

from bot.console import render
from bot.console.screen import show, width
from bot.services.display import QuestionView
from bot.services.errors import QuizError
from bot.services.identity import Member
from bot.services.practice import PracticeService

QUIT_WORDS = {"q", "quit", "exit"}


@dataclass
class RoundResult:
    asked: int = 0
    answered: int = 0
    correct: int = 0


def play_round(
    service: PracticeService,
    member: Member,
    count: int,
    scope: str | None,
    stdin: TextIO,
    stdout: TextIO,
    *,
    adaptive: bool = False,
) -> RoundResult:
    return play_questions(
        service,
        member,
        (service.practice_question(member, scope, adaptive=adaptive) for _ in range(count)),
        count,
        stdin,
        stdout,
    )


def play_questions(
    service: PracticeService,
    member: Member,
    questions: Iterable[QuestionView],
    count: int,
    stdin: TextIO,
    stdout: TextIO,
    head=render.question,
) -> RoundResult:
    """Ask each question (each one fetched only when it is its turn) until the person stops."""
    result = RoundResult()
    for number, view in enumerate(questions, start=1):
        result.asked += 1
        show(head(view, number, count), stdout)
        while True:
            print("Your answer: ", end="", file=stdout, flush=True)
            line = stdin.readline()
            if not line or line.strip().casefold() in QUIT_WORDS:
                print(file=stdout)
                _summary(result, stdout)
                return result
            try:
                feedback = service.answer_practice(member, view.answers_to, line.strip())
            except QuizError as exc:
                show(render.refusal(exc), stdout)
                continue
            break
        result.answered += 1
        result.correct += feedback.correct
        show("\n" + render.feedback(feedback) + "\n" + "─" * width(stdout), stdout)
    _summary(result, stdout)
    return result


def _summary(result: RoundResult, stdout: TextIO) -> None:
    if not result.answered:
        print("Round over: no answers given.", file=stdout)
        return
    percent = round(100 * result.correct / result.answered)
    print(
        f"Round over: {result.correct}/{result.answered} correct ({percent} %). "
        "Run `quizbot stats` for your accuracy by domain and section.",
        file=stdout,
    )
