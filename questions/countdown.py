"""A countdown to the person's exam date: the objectives still to work on spread over the days left, and
the mock exams scheduled before it.

The days from today up to the day before the last mock exam are study days (mock-exam days excluded); the
objectives still open are dealt out to them in study-plan order, the same number each day (rounded up), so
they are done early and the last days before the exam are for the final mock and for review. Mock exams go
14 and 3 days before the exam (those still ahead); with less than 3 days left, one today.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

MOCK_DAYS_BEFORE = (14, 3)  # the full mock exams, in days before the exam
SOLID_ANSWERS = 3  # an objective is done with at least this many answers ...
# ... at or above the pass mark


@dataclass(frozen=True)
class StudyDay:
    day: date
    objectives: tuple[str, ...]


@dataclass(frozen=True)
class Countdown:
    exam_date: date
    today: date
    remaining: tuple[str, ...]  # objective ids still to work on, in study-plan order
    study_days: tuple[StudyDay, ...]  # only the days that have objectives
    mock_exams: tuple[date, ...]

    @property
    def days_left(self) -> int:
        return (self.exam_date - self.today).days

    @property
    def per_day(self) -> int:
        return max((len(d.objectives) for d in self.study_days), default=0)


def mock_exam_days(today: date, exam_date: date, before: Sequence[int] = MOCK_DAYS_BEFORE) -> tuple[date, ...]:
    days_left = (exam_date - today).days
    if days_left < 1:
        return ()
    scheduled = tuple(exam_date - timedelta(days=d) for d in sorted(before, reverse=True) if days_left >= d)
    return scheduled or (today,)


def countdown(today: date, exam_date: date, remaining: Sequence[str]) -> Countdown:
    """The schedule from `today` to `exam_date` for the objectives in `remaining` (study-plan order)."""
    mocks = mock_exam_days(today, exam_date)
    if (exam_date - today).days < 1:
        return Countdown(exam_date, today, tuple(remaining), (), mocks)
    last = (mocks[-1] if mocks else exam_date) - timedelta(days=1)
    if last < today:
        last = today
    days = [today + timedelta(days=n) for n in range((last - today).days + 1)]
    days = [d for d in days if d not in mocks] or [today]
    per_day = -(-len(remaining) // len(days)) if remaining else 0
    study = tuple(
        StudyDay(day, tuple(remaining[i * per_day : (i + 1) * per_day]))
        for i, day in enumerate(days)
        if remaining[i * per_day : (i + 1) * per_day]
    )
    return Countdown(exam_date, today, tuple(remaining), study, mocks)


def open_objectives(ordered: Sequence[str], accuracy: dict[str, tuple[int, int]], pass_percent: int) -> list[str]:
    """The objectives (in the given order) not yet solid: fewer than SOLID_ANSWERS answers, or below the pass
    mark; `accuracy` maps an objective id to (correct, answered)."""
    open_ = []
    for objective in ordered:
        correct, answered = accuracy.get(objective, (0, 0))
        if answered < SOLID_ANSWERS or 100 * correct < pass_percent * answered:
            open_.append(objective)
    return open_
