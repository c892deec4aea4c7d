"""The use cases every platform shares. Adapters call these with a Member and render the returned views."""

from __future__ import annotations

import random
from collections.abc import Callable, Iterable
from datetime import UTC, datetime

import sqlite_utils

from bot.errors import InvalidChoiceError, NotYourQuestionError, UnknownAskError, UnknownScopeError
from bot.identity import Member
from bot.views import AccuracyRow, FeedbackView, OptionView, QuestionView, RationaleView, StatsView
from questions.bank import Bank
from questions.grading import InvalidAnswerError, grade
from questions.models import Question
from questions.selection import EmptyPoolError, pick_question
from questions.syllabus import UnknownScopeError as SyllabusScopeError
from storage.attempts import AttemptRow, AttemptStore
from storage.directory import DirectoryStore

Clock = Callable[[], datetime]
WEAKEST_MIN_ANSWERS = 3


def utc_now() -> datetime:
    return datetime.now(UTC)


class QuizService:
    def __init__(
        self,
        db: sqlite_utils.Database,
        bank: Bank,
        *,
        clock: Clock = utc_now,
        rng: random.Random | None = None,
    ) -> None:
        self.db = db
        self.bank = bank
        self.clock = clock
        self.rng = rng or random.Random()
        self.directory = DirectoryStore(db)
        self.attempts = AttemptStore(db)

    # -- identities -------------------------------------------------------
    def user_id(self, member: Member) -> int:
        now = self.clock()
        workspace = self.directory.workspace(member.platform, member.workspace, member.workspace_name, now=now)
        return self.directory.user(workspace.id, member.user, member.name, now=now)

    # -- practice ---------------------------------------------------------
    def practice_question(self, member: Member, scope: str | None = None) -> QuestionView:
        domain_id, section_id = self.resolve_scope(scope)
        user_id = self.user_id(member)
        try:
            question = pick_question(
                self.bank, self.rng, self.attempts.served_counts(user_id), domain_id=domain_id, section_id=section_id
            )
        except EmptyPoolError as exc:
            raise UnknownScopeError(f"There are no questions for {scope} yet.") from exc
        ask = self.attempts.create_ask(user_id, question.id, "practice", now=self.clock())
        return self.question_view(question, ask.id)

    def answer_practice(self, member: Member, ask_id: int, chosen: Iterable[str] | str) -> FeedbackView:
        ask = self.attempts.get_ask(ask_id)
        if ask is None:
            raise UnknownAskError()
        if ask.user_id != self.user_id(member):
            raise NotYourQuestionError()
        question = self.bank.get(ask.question_id)
        try:
            result = grade(question, chosen)
        except InvalidAnswerError as exc:
            raise InvalidChoiceError(str(exc)) from exc
        recorded = self.attempts.record_for_ask(
            ask, question.objective, "".join(result.chosen), result.correct, now=self.clock()
        )
        stored_choice = tuple(recorded.attempt.chosen)
        return self.feedback_view(question, stored_choice, already_answered=not recorded.created)

    # -- stats ------------------------------------------------------------
    def stats(self, member: Member) -> StatsView:
        user_id = self.user_id(member)
        attempts = self.attempts.for_user(user_id)
        return self.stats_view(member.name or member.user, attempts)

    def stats_view(self, name: str, attempts: list[AttemptRow]) -> StatsView:
        syllabus = self.bank.syllabus
        by_section: dict[str, list[int]] = {s.id: [0, 0] for s in syllabus.sections}
        for attempt in attempts:
            if not syllabus.has_objective(attempt.objective_id):
                continue
            tally = by_section[syllabus.section_of(attempt.objective_id).id]
            tally[0] += 1
            tally[1] += attempt.correct
        sections = tuple(AccuracyRow(s.id, s.name, *by_section[s.id]) for s in syllabus.sections)
        domains = tuple(
            AccuracyRow(
                d.id,
                d.name,
                sum(by_section[s.id][0] for s in d.sections),
                sum(by_section[s.id][1] for s in d.sections),
            )
            for d in syllabus.domains
        )
        answered = [row for row in sections if row.answered >= WEAKEST_MIN_ANSWERS]
        weakest = tuple(sorted(answered, key=lambda row: (row.percent, -row.answered))[:3])
        return StatsView(
            name=name,
            answered=sum(d.answered for d in domains),
            correct=sum(d.correct for d in domains),
            domains=domains,
            sections=sections,
            pass_percent=syllabus.exam.pass_percent,
            weakest=weakest,
        )

    # -- shared helpers ---------------------------------------------------
    def resolve_scope(self, scope: str | None) -> tuple[str | None, str | None]:
        try:
            return self.bank.syllabus.resolve_scope(scope)
        except SyllabusScopeError as exc:
            raise UnknownScopeError(str(exc)) from exc

    def question_view(self, question: Question, ref: int, kind: str = "practice") -> QuestionView:
        syllabus = self.bank.syllabus
        return QuestionView(
            kind=kind,
            ref=ref,
            question_id=question.id,
            domain=syllabus.domain_of(question.objective).name,
            section=syllabus.section_of(question.objective).name,
            objective_id=question.objective,
            stem=question.stem,
            code=question.code,
            options=tuple(
                OptionView(letter, o.text) for letter, o in zip(question.letters, question.options, strict=True)
            ),
            choose=question.choose,
            difficulty=question.difficulty,
        )

    def feedback_view(
        self, question: Question, chosen: tuple[str, ...], *, already_answered: bool = False
    ) -> FeedbackView:
        key = tuple(sorted(question.answer))
        shown = list(chosen) + [letter for letter in key if letter not in chosen]
        return FeedbackView(
            question_id=question.id,
            correct=chosen == key,
            chosen=chosen,
            key=key,
            rationales=tuple(
                RationaleView(letter, question.option(letter).text, question.option(letter).why, letter in key)
                for letter in shown
            ),
            explanation=question.explanation,
            references=question.references,
            already_answered=already_answered,
        )
