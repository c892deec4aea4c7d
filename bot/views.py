"""Platform-neutral view models the service returns and every adapter renders."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class OptionView:
    letter: str
    text: str


@dataclass(frozen=True)
class QuestionView:
    ask_id: int
    question_id: str
    domain: str
    section: str
    objective_id: str
    stem: str
    code: str | None
    options: tuple[OptionView, ...]
    choose: int
    difficulty: int

    @property
    def is_multiple(self) -> bool:
        return self.choose > 1


@dataclass(frozen=True)
class RationaleView:
    letter: str
    text: str
    why: str
    is_key: bool


@dataclass(frozen=True)
class FeedbackView:
    question_id: str
    correct: bool
    chosen: tuple[str, ...]
    key: tuple[str, ...]
    rationales: tuple[RationaleView, ...]  # the chosen options first, then the key options not chosen
    explanation: str
    references: tuple[str, ...]
    already_answered: bool = False


@dataclass(frozen=True)
class AccuracyRow:
    id: str
    name: str
    answered: int
    correct: int

    @property
    def percent(self) -> float | None:
        return round(100 * self.correct / self.answered, 1) if self.answered else None


@dataclass(frozen=True)
class StatsView:
    name: str
    answered: int
    correct: int
    domains: tuple[AccuracyRow, ...]
    sections: tuple[AccuracyRow, ...]
    pass_percent: int
    weakest: tuple[AccuracyRow, ...] = field(default=())

    @property
    def percent(self) -> float | None:
        return round(100 * self.correct / self.answered, 1) if self.answered else None
