"""The mock exam: 59 blueprint-weighted questions in 120 minutes (or a shorter, proportional one),
timed on the server, resumable, answers changeable and flaggable until submitted, as on the real exam."""

from __future__ import annotations

import random
from collections.abc import Iterable
from dataclasses import replace
from datetime import timedelta

from bot.services.context import ServiceContext
from bot.services.display import (
    AccuracyRow,
    ExamAbandonedView,
    ExamItemView,
    ExamReportView,
    ExamStatusView,
    MissedView,
    ReviewObjectiveView,
)
from bot.services.errors import InvalidChoiceError, NoExamError, QuizError
from bot.services.identity import Member
from bot.services.practice import PracticeService
from questions.exam import FULL_EXAM, SHORT_EXAMS, ExamAssemblyError, assemble_exam, score_exam
from questions.grading import InvalidAnswerError, grade, normalise_choice
from storage.exams import ExamInProgressError, ExamItemRow, ExamRow, ExamStore

EXAM_SIZES = (FULL_EXAM, *SHORT_EXAMS)


class ExamTimeUpError(QuizError):
    """The deadline passed: the exam was scored as it stood; `report` holds the result."""

    def __init__(self, report: ExamReportView) -> None:
        super().__init__("Time is up: your exam was submitted as it stood.")
        self.report = report


ALREADY_OVER = "This exam is already over; here is its report."


class ExamOverError(QuizError):
    """A control of an exam that is already over (an old message, a second press): every front end shows
    that exam's report, held in `report`."""

    def __init__(self, report: ExamReportView) -> None:
        super().__init__(ALREADY_OVER)
        self.report = report


class ExamAbandonedError(QuizError):
    """A control of an exam that was abandoned: there is nothing left of it to show."""

    def __init__(self) -> None:
        super().__init__("That exam was abandoned; nothing of it was kept.")


class ConfirmSubmitError(QuizError):
    """Questions are still unanswered or flagged: each front end asks, then submits with confirmed=True."""

    def __init__(self, status: ExamStatusView) -> None:
        super().__init__(f"You have {status.still_open}. Submit anyway?")
        self.status = status


class ExamService:
    def __init__(self, context: ServiceContext, practice: PracticeService) -> None:
        self.context = context
        self.practice = practice
        self.exams = ExamStore(context.db)

    @property
    def syllabus(self):
        return self.context.bank.syllabus

    def minutes_for(self, size: int) -> int:
        """Time in proportion to the real exam's 120 minutes for 59 questions (rounded up)."""
        exam = self.syllabus.exam
        return -(-exam.minutes * size // exam.questions)

    # -- taking the exam ---------------------------------------------------------
    def start(self, member: Member, size: int = FULL_EXAM, seed: int | None = None) -> ExamItemView:
        if size not in EXAM_SIZES:
            sizes = sorted(EXAM_SIZES, reverse=True)
            raise InvalidChoiceError(f"An exam has {', '.join(map(str, sizes[:-1]))} or {sizes[-1]} questions.")
        user_id = self.context.user_id(member)
        if self.exams.in_progress(user_id):
            self._current(member)  # finishes it first if its time is up
            raise QuizError("You have an exam in progress; resume it or submit it first.")
        rng = random.Random(seed) if seed is not None else self.context.rng
        try:
            questions = assemble_exam(self.context.bank, size, rng)
        except ExamAssemblyError as exc:
            raise QuizError(str(exc)) from exc
        now = self.context.clock()
        try:
            exam = self.exams.create(
                user_id,
                [q.id for q in questions],
                started_at=now,
                deadline=now + timedelta(minutes=self.minutes_for(size)),
            )
        except ExamInProgressError:
            raise QuizError("You have an exam in progress; resume it or submit it first.") from None
        return self._item_view(exam, 1)

    def resume(self, member: Member) -> ExamItemView:
        exam = self._current(member)
        items = self.exams.items(exam.id)
        first_open = next((i.position for i in items if i.chosen is None), 1)
        return self._item_view(exam, first_open, items)

    def item(self, member: Member, exam_id: int, position: int) -> ExamItemView:
        exam = self._current(member, exam_id)
        return self._item_view(exam, self._position(exam, position))

    def answer(self, member: Member, exam_id: int, position: int, chosen: Iterable[str] | str) -> ExamItemView:
        """Record (or change) an answer; returns the next question (or this one if it is the last)."""
        exam = self._current(member, exam_id)
        position = self._position(exam, position)
        items = self.exams.items(exam.id)
        question = self.context.bank.get(items[position - 1].question_id)
        try:
            letters = normalise_choice(question, chosen)
        except InvalidAnswerError as exc:
            raise InvalidChoiceError(str(exc)) from exc
        self.exams.set_answer(exam.id, position, "".join(letters), now=self.context.clock())
        return self._item_view(exam, min(position + 1, exam.size))

    def flag(self, member: Member, exam_id: int, position: int, flagged: bool = True) -> ExamItemView:
        exam = self._current(member, exam_id)
        position = self._position(exam, position)
        self.exams.set_flag(exam.id, position, flagged)
        return self._item_view(exam, position)

    def status(self, member: Member, exam_id: int | None = None) -> ExamStatusView:
        """The exam in progress; with `exam_id` (a control of a particular exam), that exam or its report."""
        return self._status(self._current(member, exam_id))

    def _status(self, exam: ExamRow) -> ExamStatusView:
        items = self.exams.items(exam.id)
        return ExamStatusView(
            exam_id=exam.id,
            total=exam.size,
            answered=sum(i.chosen is not None for i in items),
            unanswered=tuple(i.position for i in items if i.chosen is None),
            flagged=tuple(i.position for i in items if i.flagged),
            remaining_seconds=self._remaining(exam),
        )

    def submit(self, member: Member, exam_id: int | None = None, *, confirmed: bool = False) -> ExamReportView:
        """Finish the exam in progress; a submit of an exam already over returns that exam's report.

        With questions unanswered or flagged and not `confirmed`, nothing is submitted: ConfirmSubmitError
        carries the status for the front end to ask about."""
        try:
            exam = self._current(member, exam_id)
        except ExamOverError as over:
            return replace(over.report, already_over=True)
        if not confirmed:
            status = self._status(exam)
            if not status.settled:
                raise ConfirmSubmitError(status)
        return self._finish(exam, "submitted")

    def abandon(self, member: Member, exam_id: int | None = None) -> ExamAbandonedView:
        """Give up the exam in progress: it and its answers are deleted, nothing is scored or kept.
        An exam whose time is up is scored instead (ExamTimeUpError), as on every other call."""
        exam = self._current(member, exam_id)
        status = self._status(exam)
        if not self.exams.abandon(exam, status.answered, now=self.context.clock()):
            finished = self.exams.get(exam.id)  # submitted meanwhile, from another device: its report
            if finished is not None:
                raise ExamOverError(self.report(finished))
            raise ExamAbandonedError()
        return ExamAbandonedView(exam.id, exam.size, status.answered)

    def last_report(self, member: Member) -> ExamReportView | None:
        exam = self.exams.latest_finished(self.context.user_id(member))
        return self.report(exam) if exam else None

    # -- scoring -------------------------------------------------------------
    def report(self, exam: ExamRow) -> ExamReportView:
        items = self.exams.items(exam.id)
        score = score_exam(self.context.bank, [(i.question_id, i.chosen) for i in items])
        missed_ids = set(score.missed)
        by_objective: dict[str, list[MissedView]] = {}
        for item in items:
            if item.question_id not in missed_ids:
                continue
            question = self.context.bank.get(item.question_id)
            by_objective.setdefault(question.objective, []).append(
                MissedView(
                    item.position,
                    question.id,
                    question.stem,
                    tuple(item.chosen or ""),
                    tuple(sorted(question.answer)),
                    question.explanation,
                    question.references,
                    self.practice.question_view(question, item.position, kind="exam").options,
                )
            )
        to_review = tuple(
            ReviewObjectiveView(
                objective_id,
                self.syllabus.objective(objective_id).text,
                self.syllabus.section_of(objective_id).name,
                tuple(missed),
            )
            for objective_id, missed in sorted(by_objective.items(), key=lambda kv: (-len(kv[1]), kv[0]))
        )
        finished = exam.finished_at or self.context.clock()
        used = min(finished, exam.deadline) - exam.started_at
        return ExamReportView(
            exam_id=exam.id,
            status=exam.status,
            correct=score.correct,
            total=score.total,
            percent=score.percent,
            pass_percent=score.pass_percent,
            passed=score.passed,
            time_used_seconds=int(used.total_seconds()),
            domains=tuple(AccuracyRow(t.id, t.name, t.total, t.correct) for t in score.domains),
            sections=tuple(AccuracyRow(t.id, t.name, t.total, t.correct) for t in score.sections),
            to_review=to_review,
        )

    def _finish(self, exam: ExamRow, status: str) -> ExamReportView:
        attempts = []
        for item in self.exams.items(exam.id):
            if item.chosen is None:
                continue
            question = self.context.bank.get(item.question_id)
            attempts.append((question.id, question.objective, item.chosen, grade(question, item.chosen).correct))
        if self.exams.finish(exam, status, attempts, now=self.context.clock()):
            for question_id, _, _, correct in attempts:
                self.practice.record_review(exam.user_id, question_id, correct)
        finished = self.exams.get(exam.id)
        if finished is None:  # abandoned meanwhile (from another device): nothing is left to score
            raise ExamAbandonedError()
        return self.report(finished)

    # -- lookups -------------------------------------------------------------
    def _current(self, member: Member, exam_id: int | None = None) -> ExamRow:
        """The member's exam in progress (checking ownership and the deadline, which the server enforces)."""
        user_id = self.context.user_id(member)
        exam = self.exams.in_progress(user_id)
        if exam_id is not None and (exam is None or exam.id != exam_id):
            named = self.exams.get(exam_id)
            if named is not None and named.user_id == user_id and named.status != "in_progress":
                raise ExamOverError(self.report(named))
            if exam_id is not None and self.exams.was_abandoned(exam_id, user_id):
                raise ExamAbandonedError()
            raise NoExamError()
        if exam is None:
            raise NoExamError()
        if self.context.clock() >= exam.deadline:
            raise ExamTimeUpError(self._finish(exam, "expired"))
        return exam

    def _position(self, exam: ExamRow, position: int) -> int:
        if not 1 <= position <= exam.size:
            raise InvalidChoiceError(f"questions are numbered 1 to {exam.size}")
        return position

    def _remaining(self, exam: ExamRow) -> int:
        return max(0, int((exam.deadline - self.context.clock()).total_seconds()))

    def _item_view(self, exam: ExamRow, position: int, items: list[ExamItemRow] | None = None) -> ExamItemView:
        items = items or self.exams.items(exam.id)
        item = items[position - 1]
        return ExamItemView(
            exam_id=exam.id,
            position=position,
            total=exam.size,
            question=self.practice.question_view(self.context.bank.get(item.question_id), position, kind="exam"),
            chosen=tuple(item.chosen or ""),
            flagged=item.flagged,
            answered=sum(i.chosen is not None for i in items),
            flagged_count=sum(i.flagged for i in items),
            remaining_seconds=self._remaining(exam),
            ends_at=exam.deadline,
        )
