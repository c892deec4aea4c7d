"""View models of the web dashboard and of Slack's App Home: plain data, ready to render."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from bot.services.display import ChecklistView, LeaderboardView, PlanView, RevealView, StatsView
from bot.services.study_views import ExamSummaryView, WeekView


@dataclass(frozen=True)
class ReadinessView:
    """The readiness estimate in words: its band (a verdict), the score with its 90 % band, the pass chance."""

    band: str  # 'likely to pass' | 'borderline' | 'not there yet' | 'too little data'
    estimate: float | None
    low: float | None
    high: float | None
    pass_chance: float | None  # 0..1
    advice: str
    answered: int
    based_on: str  # what the estimate rests on, in one line

    @property
    def pass_percent_chance(self) -> int | None:
        return None if self.pass_chance is None else round(100 * self.pass_chance)


@dataclass(frozen=True)
class ReviewItemView:
    """A question the person got wrong and has not got right since."""

    question_id: str
    objective_id: str
    section: str
    stem: str
    missed_on: datetime


@dataclass(frozen=True)
class MePage:
    name: str
    readiness: ReadinessView
    stats: StatsView
    weeks: tuple[WeekView, ...]  # oldest first
    plan: PlanView
    checklist: ChecklistView
    exams: tuple[ExamSummaryView, ...]  # newest first
    review: tuple[ReviewItemView, ...]
    review_total: int


@dataclass(frozen=True)
class MemberStateView:
    name: str
    answered: int
    readiness: ReadinessView
    checklist_done: int
    checklist_total: int
    state: str  # 'ready' | 'close' | 'stalled' | 'studying' | 'not started'
    last_answer: date | None


@dataclass(frozen=True)
class DayView:
    day: date
    people: int
    answers: int


@dataclass(frozen=True)
class ChannelSummaryView:
    channel_id: int
    name: str
    posts: int
    last_date: str | None


@dataclass(frozen=True)
class ReportView:
    report_id: int
    question_id: str
    reason: str
    reporter: str
    created_at: datetime


@dataclass(frozen=True)
class TeamPage:
    members: tuple[MemberStateView, ...]  # this page of them, by name
    page: int
    pages: int
    member_total: int
    state_counts: tuple[tuple[str, int], ...]  # (state, members on this page in it)
    participation: tuple[DayView, ...]  # oldest first, every day of the window
    people_season: LeaderboardView
    people_all: LeaderboardView
    teams_season: LeaderboardView
    teams_all: LeaderboardView
    channels: tuple[ChannelSummaryView, ...]
    reports: tuple[ReportView, ...]
    report_total: int


@dataclass(frozen=True)
class DailyEntryView:
    local_date: str
    question_id: str
    status: str  # 'pending' | 'open' | 'revealed' | 'failed'
    reveal: RevealView | None  # once revealed: the tally, the key and the explanation


@dataclass(frozen=True)
class ChannelPage:
    channel_id: int
    name: str
    entries: tuple[DailyEntryView, ...]  # newest first
    total: int


@dataclass(frozen=True)
class ItemFigures:
    """A question's answers in a workspace, with the item analysis's figures and flags (kinds only: a flag's
    reason may name the option the key is not, and keys stay hidden until revealed)."""

    answered: int
    correct: int
    analysis: str = ""  # e.g. 'facility 62 % (90 %: 55-68) · pb +0.31 · U-L +0.42 · n=230'
    flags: tuple[str, ...] = ()

    @property
    def percent(self) -> float | None:
        return round(100 * self.correct / self.answered, 1) if self.answered else None


@dataclass(frozen=True)
class BankQuestionView:
    question_id: str
    stem: str
    difficulty: int
    figures: ItemFigures
    key: tuple[str, ...] | None  # only for questions revealed in the workspace or answered by the viewer
    explanation: str | None


@dataclass(frozen=True)
class BankObjectiveView:
    objective_id: str
    text: str
    tier: int
    question_count: int  # in the bank


@dataclass(frozen=True)
class BankSectionView:
    section_id: str
    name: str
    questions: int


@dataclass(frozen=True)
class BankPage:
    sections: tuple[BankSectionView, ...]  # every section, for choosing
    section_id: str
    section: str
    objectives: tuple[BankObjectiveView, ...]  # of the chosen section, for choosing
    objective: BankObjectiveView  # the chosen one
    questions: tuple[BankQuestionView, ...]  # its questions with this workspace's answer statistics
    total_questions: int


@dataclass(frozen=True)
class HomeView:
    """Slack's App Home tab: where the person stands, at a glance."""

    name: str
    readiness: ReadinessView
    next_step: str  # the study plan's first step, in words
    practice_scope: str
    daily: str  # today's daily question state for this person, in words
    team: str  # the person's team's standing, in words
