"""The person's exam date: set, shown and cleared; the countdown the plan and the checklist show."""

from __future__ import annotations

from datetime import date, timedelta

from bot.services.context import ServiceContext
from bot.services.display import CountdownView, StudyDayView
from bot.services.errors import InvalidChoiceError, quoted
from bot.services.identity import Member
from bot.services.practice import PracticeService
from questions.countdown import countdown, open_objectives
from questions.exam import FULL_EXAM
from questions.plan import study_plan
from storage.attempts import AttemptRow
from storage.exam_dates import ExamDateStore

FURTHEST_DAYS = 2 * 366  # an exam date further ahead than this is a typo


class CountdownService:
    def __init__(self, context: ServiceContext, practice: PracticeService) -> None:
        self.context = context
        self.practice = practice
        self.dates = ExamDateStore(context.db)

    def today(self) -> date:
        """The day, in UTC: the same for every front end."""
        return self.context.clock().date()

    def set(self, member: Member, text: str) -> CountdownView:
        """Set (or move) the person's exam date from `YYYY-MM-DD`; today or later, within two years."""
        try:
            day = date.fromisoformat(text.strip())
        except ValueError:
            raise InvalidChoiceError(
                f"write the exam date as YYYY-MM-DD, e.g. 2027-01-15 (got {quoted(text)})"
            ) from None
        today = self.today()
        if day < today:
            raise InvalidChoiceError(f"{day} has passed (today is {today}, UTC); give the day you sit the exam")
        if day > today + timedelta(days=FURTHEST_DAYS):
            raise InvalidChoiceError(f"{day} is more than two years away; give the day you sit the exam")
        user_id = self.context.user_id(member)
        self.dates.set(user_id, day, now=self.context.clock())
        view = self.for_user(user_id, self.practice.attempts.for_user(user_id))
        assert view is not None
        return view

    def clear(self, member: Member) -> bool:
        """Forget the person's exam date; False if none was set."""
        return self.dates.clear(self.context.user_id(member))

    def show(self, member: Member) -> CountdownView | None:
        user_id = self.context.user_id(member)
        return self.for_user(user_id, self.practice.attempts.for_user(user_id))

    def for_user(self, user_id: int, attempts: list[AttemptRow]) -> CountdownView | None:
        """The countdown to the person's exam date, from their answers; None without a date."""
        exam_date = self.dates.get(user_id)
        if exam_date is None:
            return None
        syllabus = self.context.bank.syllabus
        accuracy = self.practice.objective_accuracy(attempts)
        ordered = [
            o.id
            for step in study_plan(syllabus, accuracy)
            for o in sorted(step.section.objectives, key=lambda o: (o.tier, o.id))
        ]
        plan = countdown(self.today(), exam_date, open_objectives(ordered, accuracy, syllabus.exam.pass_percent))
        return CountdownView(
            exam_date=plan.exam_date,
            today=plan.today,
            remaining=len(plan.remaining),
            objectives=len(syllabus.objectives),
            days=tuple(StudyDayView(d.day, d.objectives) for d in plan.study_days),
            mock_exams=plan.mock_exams,
            mock_size=FULL_EXAM,
        )
