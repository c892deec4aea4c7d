"""Platform-neutral view models the service returns and every adapter renders."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from questions.guide import Comparison
from questions.plan import ChecklistItem
from questions.readiness import Readiness
from questions.syllabus import ExamFacts


def percent_of(correct: int, answered: int) -> float | None:
    """A share as the views show it: a percentage to one decimal, None when nothing was answered."""
    return round(100 * correct / answered, 1) if answered else None


class Tallied:
    """A view that counts `correct` answers of `answered` ones, and so has a percentage."""

    correct: int
    answered: int

    @property
    def percent(self) -> float | None:
        return percent_of(self.correct, self.answered)


@dataclass(frozen=True)
class OptionView:
    letter: str
    text: str


@dataclass(frozen=True)
class SetStepView:
    """Where a question stands in a practice set: a review of the person's mistakes, or questions named by id."""

    set_id: int
    kind: str  # 'review' | 'ids'
    position: int
    total: int
    correct: int = 0  # answered correctly in the set so far (on feedback: this answer included)
    answered: int = 0

    @property
    def next_position(self) -> int | None:
        return self.position + 1 if self.position < self.total else None

    @property
    def label(self) -> str:
        return f"{'Mistake to review' if self.kind == 'review' else 'Practice set'} {self.position}/{self.total}"

    @property
    def summary(self) -> str:
        return f"Set done: {self.correct}/{self.answered} correct."


@dataclass(frozen=True)
class PickReasonView:
    """Why adaptive practice chose a question, and how many reviews are due."""

    reason: str  # 'due' (a spaced-repetition review) | 'weak' (a weak objective) | 'new' | 'seen' (pool used up)
    reviews_due: int  # reviews due now over the whole bank (this question included when it is one)
    objective_id: str
    correct: int = 0  # the person's answers on the objective so far (for a weak one)
    answered: int = 0
    scope: str | None = None  # the domain or section practice was narrowed to
    scope_due: int | None = None  # reviews due in that scope

    @property
    def why(self) -> str:
        if self.reason == "due":
            return "a review is due (you answered it before; spaced repetition brings it back now)"
        if self.reason == "weak":
            return f"{self.objective_id} is one of your weak objectives ({self.correct}/{self.answered} right so far)"
        if self.reason == "seen":
            return "you have seen every question here, so one you have seen least, at the exam's blueprint weights"
        return "a question new to you, at the exam's blueprint weights"

    @property
    def due_text(self) -> str:
        if not self.reviews_due:
            return "No reviews are due now."
        noun = "review is" if self.reviews_due == 1 else "reviews are"
        text = f"{self.reviews_due} {noun} due now"
        if self.reason == "due":
            text += ", this one included"
        if self.scope and self.scope_due is not None and self.scope_due != self.reviews_due:
            text += f" ({self.scope_due} in {self.scope})"
        return text + "."

    @property
    def text(self) -> str:
        return f"Why this question: {self.why}. {self.due_text}"


@dataclass(frozen=True)
class QuestionView:
    kind: str  # 'practice' | 'daily' | 'exam'
    answers_to: int  # the ask, post or exam item this question answers to
    question_id: str
    domain: str
    section: str
    objective_id: str
    stem: str
    code: str | None
    options: tuple[OptionView, ...]
    choose: int
    difficulty: int
    in_set: SetStepView | None = None
    why: PickReasonView | None = None  # adaptive practice: why this question came

    @property
    def is_multiple(self) -> bool:
        return self.choose > 1


@dataclass(frozen=True)
class RationaleView:
    letter: str
    text: str
    why: str
    is_key: bool
    chosen: bool = False

    @property
    def role(self) -> str:
        """How the feedback names the option: the person's choice, the answer, or another option."""
        return "your choice" if self.chosen else "the answer" if self.is_key else "not chosen"


@dataclass(frozen=True)
class FeedbackView:
    question_id: str
    correct: bool
    chosen: tuple[str, ...]
    key: tuple[str, ...]
    rationales: tuple[RationaleView, ...]  # the chosen options, the key options not chosen, then on a miss the rest
    explanation: str
    references: tuple[str, ...]
    already_answered: bool = False
    letters: str = ""  # every option's letter, in order (for showing all of them, answered)
    in_set: SetStepView | None = None  # the practice set the question came from, this answer counted


@dataclass(frozen=True)
class ScopeView:
    """A domain or section a person can narrow practice to."""

    id: str
    name: str
    domain_name: str  # the domain's own name for a domain

    @property
    def is_domain(self) -> bool:
        return "." not in self.id


@dataclass(frozen=True)
class TrapView:
    id: str
    section: str
    section_name: str
    objectives: tuple[str, ...]
    trap: str
    tip: str
    references: tuple[str, ...]


@dataclass(frozen=True)
class AccuracyRow(Tallied):
    id: str
    name: str
    answered: int
    correct: int


@dataclass(frozen=True)
class StatsView(Tallied):
    name: str
    answered: int
    correct: int
    domains: tuple[AccuracyRow, ...]
    sections: tuple[AccuracyRow, ...]
    pass_percent: int
    weakest: tuple[AccuracyRow, ...] = field(default=())
    readiness: Readiness | None = None


@dataclass(frozen=True)
class FailedPostView:
    """The channel's latest daily question did not reach it (or was never confirmed), and why."""

    local_date: str
    reason: str
    maybe_posted: bool  # the platform may show it: only an admin's post-now posts it again
    tries: int


@dataclass(frozen=True)
class ScheduleView:
    channel: str
    local_time: str
    timezone: str
    weekdays: tuple[str, ...]
    open_hours: int | None
    feedback: str
    paused: bool
    paused_reason: str
    next_post_at: datetime | None
    failed_post: FailedPostView | None = None


@dataclass(frozen=True)
class DailyPostView:
    post_id: int
    local_date: str
    question: QuestionView
    closes_at: datetime
    feedback: str  # 'reveal': verdicts only at the reveal; 'immediate': private feedback at once


@dataclass(frozen=True)
class DailyAnswerView:
    post_id: int
    chosen: tuple[str, ...]
    already_answered: bool
    reveals_at: datetime | None  # when it was revealed, once `revealed`
    feedback: FeedbackView | None  # only when the channel gives immediate feedback
    revealed: bool = False


@dataclass(frozen=True)
class OptionTally:
    letter: str
    text: str
    count: int
    percent: float
    is_key: bool


@dataclass(frozen=True)
class RevealView:
    post_id: int
    local_date: str
    question_id: str
    stem: str
    key: tuple[str, ...]
    options: tuple[OptionTally, ...]
    explanation: str
    references: tuple[str, ...]
    answered: int
    correct: int
    correct_names: tuple[str, ...]  # the first correct answerers, in answer order

    @property
    def percent_correct(self) -> float:
        return round(100 * self.correct / self.answered, 1) if self.answered else 0.0


@dataclass(frozen=True)
class BoardRow:
    rank: int
    name: str
    points: float  # a person's points, or a team's points per active member
    detail: str
    is_me: bool = False


@dataclass(frozen=True)
class LeaderboardView:
    title: str
    scope: str  # 'channel' | 'workspace' | 'team'
    period: str  # 'season' | 'all'
    season_label: str
    rows: tuple[BoardRow, ...]
    me: BoardRow | None  # the asker's own row when outside the rows shown
    rule: str
    streak: int | None = None  # the asker's streak of correct daily answers in this channel (channel scope)

    @property
    def streak_text(self) -> str | None:
        if self.streak is None:
            return None
        days = "day" if self.streak == 1 else "days"
        return f"Your streak in this channel: {self.streak} {days} answered correctly in a row."


@dataclass(frozen=True)
class TeamView:
    name: str
    members: int
    is_mine: bool = False
    left: str | None = None  # the team the person left to be in this one (on creating it)


@dataclass(frozen=True)
class SeasonSummaryView:
    workspace: str
    season_label: str
    people: tuple[BoardRow, ...]
    teams: tuple[BoardRow, ...]

    @property
    def winning_team(self) -> str | None:
        return self.teams[0].name if self.teams and self.teams[0].points > 0 else None


@dataclass(frozen=True)
class ExamItemView:
    exam_id: int
    position: int
    total: int
    question: QuestionView
    chosen: tuple[str, ...]
    flagged: bool
    answered: int
    flagged_count: int
    remaining_seconds: int
    ends_at: datetime | None = None  # the server-side deadline

    @property
    def all_answered(self) -> bool:
        """Every question has an answer: each front end then says how to submit."""
        return self.answered == self.total

    @property
    def progress(self) -> str:
        hours, rest = divmod(max(0, self.remaining_seconds), 3600)
        minutes, seconds = divmod(rest, 60)
        return f"Q {self.position}/{self.total} · {hours}:{minutes:02d}:{seconds:02d} left"


@dataclass(frozen=True)
class ExamStatusView:
    exam_id: int
    total: int
    answered: int
    unanswered: tuple[int, ...]
    flagged: tuple[int, ...]
    remaining_seconds: int

    @property
    def settled(self) -> bool:
        """Nothing unanswered and nothing flagged: a submit needs no confirmation."""
        return not self.unanswered and not self.flagged

    @property
    def still_open(self) -> str:
        """What a submit would leave behind, e.g. "2 unanswered (Q3, Q9) and 1 flagged (Q4)"."""
        parts = []
        if self.unanswered:
            parts.append(f"{len(self.unanswered)} unanswered ({_positions(self.unanswered)})")
        if self.flagged:
            parts.append(f"{len(self.flagged)} flagged ({_positions(self.flagged)})")
        return " and ".join(parts) or "nothing open"

    @property
    def abandon_question(self) -> str:
        return (
            f"Abandon your exam in progress ({self.answered}/{self.total} answered, "
            f"{self.remaining_seconds // 60} min left)? Its answers will not be kept."
        )


def _positions(positions: tuple[int, ...], shown: int = 8) -> str:
    listed = ", ".join(f"Q{p}" for p in positions[:shown])
    return listed + (f" and {len(positions) - shown} more" if len(positions) > shown else "")


@dataclass(frozen=True)
class ExamAbandonedView:
    """An exam given up before submitting: it and its answers are gone, and nothing was scored."""

    exam_id: int
    total: int
    answered: int

    @property
    def text(self) -> str:
        answers = "answer" if self.answered == 1 else "answers"
        return (
            f"Exam abandoned: its {self.answered} {answers} of {self.total} questions are not kept and count nowhere."
        )


@dataclass(frozen=True)
class MissedView:
    position: int
    question_id: str
    stem: str
    chosen: tuple[str, ...]
    key: tuple[str, ...]
    explanation: str
    references: tuple[str, ...]
    options: tuple[OptionView, ...] = ()

    def option_text(self, letter: str) -> str:
        return next((o.text for o in self.options if o.letter == letter), "")

    def lettered(self, letters: tuple[str, ...]) -> tuple[str, ...]:
        """Each letter with its option's text, e.g. "B) Log the model with mlflow.spark"."""
        return tuple(f"{letter}) {text}" if (text := self.option_text(letter)) else letter for letter in letters)


@dataclass(frozen=True)
class ReviewObjectiveView:
    objective_id: str
    objective: str
    section: str
    missed: tuple[MissedView, ...]


@dataclass(frozen=True)
class ExamReportView:
    exam_id: int
    status: str  # 'submitted' | 'expired' (time ran out: scored as it stood)
    correct: int
    total: int
    percent: float
    pass_percent: int
    passed: bool
    time_used_seconds: int
    domains: tuple[AccuracyRow, ...]
    sections: tuple[AccuracyRow, ...]
    to_review: tuple[ReviewObjectiveView, ...]
    already_over: bool = False  # a submit of an exam that had finished before (a double click, a retry)


@dataclass(frozen=True)
class ReadingPageView:
    url: str
    questions: int  # questions of the scope that cite it


@dataclass(frozen=True)
class ResourceView:
    title: str
    url: str
    what: str


@dataclass(frozen=True)
class ReadingView:
    """Where to read for an objective, a section or a domain."""

    scope_id: str
    kind: str  # 'objective' | 'section' | 'domain'
    name: str  # the objective's text, or the section's or domain's name
    questions: int  # bank questions in the scope
    pages: tuple[ReadingPageView, ...]  # the documentation its questions cite most
    official: tuple[ResourceView, ...]  # the official free resources

    @property
    def title(self) -> str:
        return f"Where to read for {self.scope_id}" + (f" ({self.name})" if self.kind != "objective" else "")

    def cited(self, page: ReadingPageView) -> str:
        return f"cited by {page.questions} of {self.questions} question{'s' if self.questions != 1 else ''}"


@dataclass(frozen=True)
class StudyDayView:
    day: date
    objectives: tuple[str, ...]


HEAVY_DAY = 6  # objectives a day above which the countdown says to start with the most needed


@dataclass(frozen=True)
class CountdownView:
    """The person's exam date, the days left, the objectives still open spread over them, and the mock
    exams scheduled before it."""

    exam_date: date
    today: date
    remaining: int  # objectives still to work on (fewer than 3 answers, or below the pass mark)
    objectives: int  # in the syllabus
    days: tuple[StudyDayView, ...]  # study days with their objectives, from today
    mock_exams: tuple[date, ...]
    mock_size: int  # questions in a full mock exam

    @property
    def days_left(self) -> int:
        return (self.exam_date - self.today).days

    @property
    def per_day(self) -> int:
        return max((len(d.objectives) for d in self.days), default=0)

    @property
    def headline(self) -> str:
        when = f"{self.exam_date:%a %d %b %Y}"
        if self.days_left < 0:
            return f"Your exam date, {when}, has passed; set the next one to plan again."
        if self.days_left == 0:
            return f"Your exam is today ({when}). Good luck: read the questions twice, flag and come back."
        days = "1 day" if self.days_left == 1 else f"{self.days_left} days"
        return f"Your exam: {when}, in {days}."

    @property
    def pace(self) -> str:
        """The objectives left and how they are spread (empty when the date has passed)."""
        if self.days_left < 0:
            return ""
        if not self.remaining:
            return f"All {self.objectives} objectives are solid: keep them fresh with practice and mock exams."
        if not self.days:
            return f"{self.remaining} of {self.objectives} objectives are still open."
        a_day = "objective" if self.per_day == 1 else "objectives"
        pace = (
            f"{self.remaining} of {self.objectives} objectives still to work on: {self.per_day} {a_day} a day, "
            f"done by {self.days[-1].day:%a %d %b}."
        )
        if self.per_day > HEAVY_DAY:
            pace += " That is a lot for a day: they come in order of need, so start at the top."
        return pace

    @property
    def mock_text(self) -> str:
        if not self.mock_exams:
            return ""
        days = " and ".join(f"{d:%a %d %b}" for d in self.mock_exams)
        exams = "a full mock exam" if len(self.mock_exams) == 1 else "full mock exams"
        return f"Take {exams} ({self.mock_size} questions, timed) on {days}."

    def day_label(self, day: date) -> str:
        offset = (day - self.today).days
        return "Today" if offset == 0 else "Tomorrow" if offset == 1 else f"{day:%a %d %b}"

    def day_lines(self, shown: int = 3) -> tuple[str, ...]:
        """The first study days, e.g. "Today: OPS.MONITOR.1, OPS.MONITOR.2", and how many more follow."""
        lines = [f"{self.day_label(d.day)}: {', '.join(d.objectives)}" for d in self.days[:shown]]
        rest = len(self.days) - shown
        if rest > 0:
            lines.append(f"... and {rest} more study day{'s' if rest > 1 else ''}")
        return tuple(lines)


@dataclass(frozen=True)
class PlanStepView:
    section_id: str
    section: str
    tier: int
    answered: int
    percent: float | None
    focus: tuple[tuple[str, str], ...]  # (objective id, objective text)


@dataclass(frozen=True)
class PlanView:
    new_person: bool
    steps: tuple[PlanStepView, ...]
    comparisons: tuple[Comparison, ...]  # for the top step
    practice_scope: str  # the top step's section id, for `/quiz <scope>`
    practice_question_ids: tuple[str, ...]  # a first practice set there, unseen questions first
    countdown: CountdownView | None = None  # when the person set an exam date
    read_first: tuple[str, ...] = ()  # the pages the top step's questions cite most


@dataclass(frozen=True)
class ChecklistView:
    items: tuple[ChecklistItem, ...]
    countdown: CountdownView | None = None  # when the person set an exam date

    @property
    def ready(self) -> bool:
        return all(item.done for item in self.items)

    @property
    def done(self) -> int:
        return sum(item.done for item in self.items)


@dataclass(frozen=True)
class DomainFactView:
    name: str
    weight: int
    questions: int  # of the full exam, at the blueprint weight
    sections: tuple[str, ...]


@dataclass(frozen=True)
class ExamInfoView:
    facts: ExamFacts
    domains: tuple[DomainFactView, ...]
    objectives: int
