"""Item difficulties on a logit (Rasch) scale, calibrated from people's first answers to each question.

An item's difficulty is how much lower its share of first answers right is than the pool's, in logits:
difficulty = logit(pool share right) - logit(item's shrunk share right). The item's share is shrunk
toward the pool's with PRIOR_ANSWERS pseudo-answers, so an item with few answers sits near 0 (an
average item) and only moves as its answers accumulate. Positive is harder, negative easier. Pure:
it takes counts and returns numbers; where the counts come from is the caller's business.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field

PRIOR_ANSWERS = 10.0  # pseudo-answers at the pool's share right: the shrinkage toward difficulty 0
CALIBRATED_MIN = 10  # first answers an item needs before its difficulty counts as calibrated
LIMIT = 4.0  # difficulties are kept within +-LIMIT logits


@dataclass(frozen=True)
class Calibration:
    difficulty: Mapping[str, float] = field(default_factory=dict)  # question id -> logits (0: average)
    answers: Mapping[str, int] = field(default_factory=dict)  # question id -> first answers behind it
    pool_share: float = 0.5  # share of all the first answers that were right

    @property
    def total(self) -> int:
        return sum(self.answers.values())

    def of(self, question_id: str) -> float:
        """The item's difficulty; 0 (an average item) for one nobody has answered."""
        return self.difficulty.get(question_id, 0.0)

    def calibrated(self, question_id: str) -> bool:
        return self.answers.get(question_id, 0) >= CALIBRATED_MIN


def logit(p: float) -> float:
    return math.log(p / (1 - p))


def calibrate(counts: Mapping[str, tuple[int, int]], prior_answers: float = PRIOR_ANSWERS) -> Calibration:
    """`counts` maps question id -> (first answers right, first answers); items with none are left out."""
    counts = {q: (c, n) for q, (c, n) in counts.items() if n > 0}
    right = sum(c for c, _ in counts.values())
    answered = sum(n for _, n in counts.values())
    if not answered:
        return Calibration()
    # The pool's share, kept off 0 and 1 so that its logit exists.
    pool = min(max((right + 0.5) / (answered + 1), 0.01), 0.99)
    difficulty = {}
    centre = logit(pool)
    for question_id, (c, n) in counts.items():
        share = (c + prior_answers * pool) / (n + prior_answers)
        difficulty[question_id] = max(-LIMIT, min(LIMIT, centre - logit(share)))
    return Calibration(difficulty, {q: n for q, (_, n) in counts.items()}, pool)
