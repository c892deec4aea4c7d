"""Adaptive practice: what a person needs next.

1. A question whose review is due (FSRS), the most overdue first.
2. Otherwise, with probability WEAK_SHARE, an unseen-or-least-served question from the person's
   weakest objectives (accuracy below the pass mark over at least MIN_ANSWERS answers).
3. Otherwise a new question at the blueprint weights, as `pick_question` does.
"""

from __future__ import annotations

import random
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

from questions.bank import Bank
from questions.models import Question
from questions.selection import least_served, pick_question, weighted_pick

WEAK_SHARE = 0.35
MIN_ANSWERS = 3
WEAKEST_OBJECTIVES = 3


@dataclass(frozen=True)
class Pick:
    question: Question
    reason: str  # 'due for review' | 'weak objective' | 'new'


def weakest_objectives(accuracy: Mapping[str, tuple[int, int]], pass_percent: int) -> list[str]:
    """Objective ids below the pass mark with enough answers, weakest first; accuracy is (correct, answered)."""
    weak = [
        (correct / answered, objective_id)
        for objective_id, (correct, answered) in accuracy.items()
        if answered >= MIN_ANSWERS and 100 * correct / answered < pass_percent
    ]
    return [objective_id for _, objective_id in sorted(weak)[:WEAKEST_OBJECTIVES]]


def adaptive_pick(
    bank: Bank,
    rng: random.Random,
    *,
    due: Mapping[str, datetime],
    accuracy: Mapping[str, tuple[int, int]],
    served: Mapping[str, int],
    domain_id: str | None = None,
    section_id: str | None = None,
) -> Pick:
    candidates = bank.filtered(domain_id, section_id)
    in_scope = {q.id: q for q in candidates}
    overdue = sorted((when, qid) for qid, when in due.items() if qid in in_scope)
    if overdue:
        return Pick(in_scope[overdue[0][1]], "due for review")
    weak = set(weakest_objectives(accuracy, bank.syllabus.exam.pass_percent))
    weak_pool = [q for q in candidates if q.objective in weak]
    if weak_pool and rng.random() < WEAK_SHARE:
        return Pick(weighted_pick(bank, least_served(weak_pool, served), rng), "weak objective")
    return Pick(pick_question(bank, rng, served, domain_id, section_id), "new")
