"""What to study next, and whether a person is exam-ready, from their own answers.

Study plan: each section's need is the chance of missing its next question, estimated as
1 - (1 + right) / (2 + answered) (an unseen section counts 0.5); need is scaled by the section's
tier (Tier 1 counts fully, Tier 2 at 0.7, Tier 3 at 0.4), and ties go to the section with the larger
share of the exam. A new person therefore starts on the Tier 1 sections, largest first.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from questions.syllabus import Section, Syllabus

TIER_FACTOR = {1: 1.0, 2: 0.7, 3: 0.4}


@dataclass(frozen=True)
class PlanStep:
    section: Section
    tier: int
    answered: int
    correct: int
    priority: float
    focus: tuple[str, ...]  # objective ids to work on first: unseen Tier 1, then the weakest

    @property
    def percent(self) -> float | None:
        return round(100 * self.correct / self.answered, 1) if self.answered else None


def section_tier(section: Section) -> int:
    return min(o.tier for o in section.objectives)


def exam_share(syllabus: Syllabus, section: Section) -> float:
    domain = next(d for d in syllabus.domains if section in d.sections)
    objectives_in_domain = sum(len(s.objectives) for s in domain.sections)
    return domain.weight / 100 * len(section.objectives) / objectives_in_domain


def study_plan(syllabus: Syllabus, by_objective: Mapping[str, tuple[int, int]]) -> list[PlanStep]:
    """Sections, most needed first; `by_objective` maps objective id -> (correct, answered)."""
    steps = []
    for section in syllabus.sections:
        correct = sum(by_objective.get(o.id, (0, 0))[0] for o in section.objectives)
        answered = sum(by_objective.get(o.id, (0, 0))[1] for o in section.objectives)
        need = 1 - (1 + correct) / (2 + answered)
        tier = section_tier(section)
        priority = round(need * TIER_FACTOR[tier], 4)
        steps.append(PlanStep(section, tier, answered, correct, priority, _focus(section, by_objective)))
    return sorted(steps, key=lambda s: (-s.priority, -exam_share(syllabus, s.section), s.section.id))


def _focus(section: Section, by_objective: Mapping[str, tuple[int, int]]) -> tuple[str, ...]:
    def need(objective) -> tuple:
        correct, answered = by_objective.get(objective.id, (0, 0))
        return (answered > 0, objective.tier, (1 + correct) / (2 + answered))

    return tuple(o.id for o in sorted(section.objectives, key=need)[:3])


@dataclass(frozen=True)
class ChecklistItem:
    name: str
    done: bool
    detail: str


RECENT_PER_DOMAIN = 20
RECENT_WINDOW = 50
MOCK_EXAM_DAYS = 14
READY_CHANCE = 0.8
