"""View models of the learner's loop (history, search, team members), beside display.py's."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from bot.services.display import AccuracyRow, Tallied


@dataclass(frozen=True)
class RoundView(Tallied):
    """Practice answers given close together: one sitting."""

    started_at: datetime
    answered: int
    correct: int


@dataclass(frozen=True)
class ExamSummaryView:
    exam_id: int
    finished_at: datetime
    status: str  # 'submitted' | 'expired'
    correct: int
    total: int
    percent: float
    passed: bool


@dataclass(frozen=True)
class WeekView(Tallied):
    """One week (Monday first) of answers, every mode, overall and per domain."""

    week_start: date
    answered: int
    correct: int
    domains: tuple[AccuracyRow, ...]


@dataclass(frozen=True)
class HistoryView:
    rounds: tuple[RoundView, ...]  # newest first
    exams: tuple[ExamSummaryView, ...]  # newest first
    weeks: tuple[WeekView, ...]  # oldest first
    domain_ids: tuple[str, ...]  # the columns of the weekly table
    pass_percent: int

    @property
    def empty(self) -> bool:
        return not (self.rounds or self.exams or self.weeks)


@dataclass(frozen=True)
class SearchHitView:
    question_id: str
    objective_id: str
    section: str
    stem: str
    last_correct: bool | None  # how the person last answered it; None if never


@dataclass(frozen=True)
class SearchView:
    query: str
    hits: tuple[SearchHitView, ...]  # the first ones
    total: int  # every match the person may see
    everything: bool  # an admin's search of the whole bank, answered or not
    hidden: int  # matches not shown because the person has not answered them yet


@dataclass(frozen=True)
class TeamMembersView:
    name: str
    members: tuple[str, ...]
    is_mine: bool
