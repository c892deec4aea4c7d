"""A person's past: practice rounds and mock exams with their scores, any past exam report reopened, and
progress week by week per domain."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from bot.services.context import ServiceContext
from bot.services.display import AccuracyRow, ExamReportView
from bot.services.errors import QuizError
from bot.services.exam import ExamService
from bot.services.identity import Member
from bot.services.practice import PracticeService
from bot.services.study_views import ExamSummaryView, HistoryView, RoundView, WeekView
from storage.attempts import AttemptRow
from storage.clock import from_db

ROUND_GAP = timedelta(minutes=30)  # practice answers closer together than this are one round
ROUNDS_SHOWN = 10
EXAMS_SHOWN = 10
WEEKS_SHOWN = 8
PRACTICE_MODES = ("practice", "adaptive")


class NoSuchExamError(QuizError):
    def __init__(self, exam_id: int | None) -> None:
        super().__init__(
            "You have no finished mock exam yet."
            if exam_id is None
            else f"You have no finished mock exam number {exam_id}; your history lists yours."
        )


class HistoryService:
    def __init__(self, context: ServiceContext, practice: PracticeService, exams: ExamService) -> None:
        self.context = context
        self.practice = practice
        self.exams = exams

    def history(self, member: Member) -> HistoryView:
        user_id = self.context.user_id(member)
        attempts = self.practice.attempts.for_user(user_id)
        finished = self.exams.exams.finished(user_id)
        summaries = []
        for exam in reversed(finished[-EXAMS_SHOWN:]):
            report = self.exams.report(exam)
            summaries.append(
                ExamSummaryView(
                    exam.id,
                    exam.finished_at or exam.deadline,
                    exam.status,
                    report.correct,
                    report.total,
                    report.percent,
                    report.passed,
                )
            )
        syllabus = self.context.bank.syllabus
        return HistoryView(
            rounds=tuple(reversed(practice_rounds(attempts)[-ROUNDS_SHOWN:])),
            exams=tuple(summaries),
            weeks=tuple(self.weeks(attempts)[-WEEKS_SHOWN:]),
            domain_ids=tuple(d.id for d in syllabus.domains),
            pass_percent=syllabus.exam.pass_percent,
        )

    def exam_result(self, member: Member, exam_id: int | None = None) -> ExamReportView:
        """The report of one of the person's finished exams (the latest without an id)."""
        if exam_id is None:
            report = self.exams.last_report(member)
            if report is None:
                raise NoSuchExamError(None)
            return report
        exam = self.exams.exams.get(exam_id)
        if exam is None or exam.user_id != self.context.user_id(member) or exam.status == "in_progress":
            raise NoSuchExamError(exam_id)
        return self.exams.report(exam)

    def weeks(self, attempts: list[AttemptRow]) -> list[WeekView]:
        """Every answer (practice, daily, exam) by week, Monday first, overall and per domain."""
        syllabus = self.context.bank.syllabus
        tallies: dict[date, dict[str, list[int]]] = {}
        for attempt in attempts:
            if not syllabus.has_objective(attempt.objective_id):
                continue
            day = from_db(attempt.answered_at).date()
            week = tallies.setdefault(day - timedelta(days=day.weekday()), {d.id: [0, 0] for d in syllabus.domains})
            tally = week[syllabus.domain_of(attempt.objective_id).id]
            tally[0] += 1
            tally[1] += attempt.correct
        return [
            WeekView(
                start,
                sum(n for n, _ in week.values()),
                sum(c for _, c in week.values()),
                tuple(AccuracyRow(d.id, d.name, *week[d.id]) for d in syllabus.domains),
            )
            for start, week in sorted(tallies.items())
        ]


def practice_rounds(attempts: list[AttemptRow]) -> list[RoundView]:
    """Practice answers grouped into rounds (a gap of ROUND_GAP or more starts a new one), oldest first."""
    rounds: list[list] = []  # [started_at, last_at, answered, correct]
    for attempt in attempts:
        if attempt.mode not in PRACTICE_MODES:
            continue
        moment: datetime = from_db(attempt.answered_at)
        if not rounds or moment - rounds[-1][1] >= ROUND_GAP:
            rounds.append([moment, moment, 0, 0])
        current = rounds[-1]
        current[1] = moment
        current[2] += 1
        current[3] += attempt.correct
    return [RoundView(started, answered, correct) for started, _, answered, correct in rounds]
