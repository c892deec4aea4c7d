"""Item difficulties on a logit (Rasch) scale, calibrated from people's first answers to each question.

An item's difficulty is how much lower its share of first answers right is than the pool's, in logits:
difficulty = logit(pool share right) - logit(item's shrunk share right). The item's share is shrunk
toward the pool's with PRIOR_ANSWERS pseudo-answers, so an item with few answers sits near 0 (an
average item) and only moves as its answers accumulate. Positive is harder, negative easier. Pure:
it takes counts and returns numbers; where the counts come from is the caller's business.

The same first answers, bucketed by person and by the fortnight of their study they fall in, give the
workspace's learning trend: how much higher a person's share right is a month further into studying. Readiness takes it
as what to expect of a person's own trend until their answers say otherwise.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field

TREND_PERIOD_DAYS = 14  # a person's study is cut into periods this long for the learning trend
TREND_MIN_ANSWERS = 20  # first answers a person's period needs to count in the learning trend
TREND_LIMITS = (-0.5, 1.5)  # logits per 30 days
PRIOR_ANSWERS = 10.0  # pseudo-answers at the pool's share right: the shrinkage toward difficulty 0
CALIBRATED_MIN = 10  # first answers an item needs before its difficulty counts as calibrated
LIMIT = 4.0  # difficulties are kept within +-LIMIT logits


@dataclass(frozen=True)
class Calibration:
    difficulty: Mapping[str, float] = field(default_factory=dict)  # question id -> logits (0: average)
    answers: Mapping[str, int] = field(default_factory=dict)  # question id -> first answers behind it
    pool_share: float = 0.5  # share of all the first answers that were right
    trend: float = 0.0  # how much people here gain on first answers per 30 days of study, logits

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


def learning_trend(cells: Mapping[tuple[int, int], tuple[int, int]]) -> float:
    """The workspace's learning trend, in logits per 30 days, from `cells`: (person, period of their
    study: 0 for their first TREND_PERIOD_DAYS days, 1 for the next...) -> (first answers right, first
    answers). Within each person, the slope of the share right's logit over their periods with
    TREND_MIN_ANSWERS answers, pooled over people (weighted by answers), so that who is still answering
    new questions later on does not pass for learning; within TREND_LIMITS, 0 without two such periods
    for anyone."""
    terms = trend_terms_by_person(cells).values()
    return trend_from(sum(c for c, _ in terms), sum(s for _, s in terms))


def trend_terms_by_person(cells: Mapping[tuple[int, int], tuple[int, int]]) -> dict[int, tuple[float, float]]:
    """Each person's `trend_terms`: the pooled slope is their sums, so leaving one person out is a
    subtraction."""
    by_person: dict[int, dict[int, tuple[int, int]]] = {}
    for (person, period), tally in cells.items():
        by_person.setdefault(person, {})[period] = tally
    return {person: trend_terms(periods) for person, periods in by_person.items()}


def trend_terms(periods: Mapping[int, tuple[int, int]]) -> tuple[float, float]:
    """One person's share of the pooled slope: (weighted co-variation, weighted spread) of the logit of
    their share right over their periods with enough answers."""
    points = [(m, logit((r + 0.5) / (n + 1)), n) for m, (r, n) in periods.items() if n >= TREND_MIN_ANSWERS]
    if len(points) < 2:
        return 0.0, 0.0
    total = sum(n for *_, n in points)
    mean_m = sum(m * n for m, _, n in points) / total
    mean_y = sum(y * n for _, y, n in points) / total
    return (
        sum(n * (m - mean_m) * (y - mean_y) for m, y, n in points),
        sum(n * (m - mean_m) ** 2 for m, _, n in points),
    )


def trend_from(covariation: float, spread: float) -> float:
    if spread <= 0:
        return 0.0
    return max(TREND_LIMITS[0], min(TREND_LIMITS[1], covariation / spread * 30 / TREND_PERIOD_DAYS))


def calibrate(
    counts: Mapping[str, tuple[int, int]],
    periods: Mapping[tuple[int, int], tuple[int, int]] | None = None,
    prior_answers: float = PRIOR_ANSWERS,
    *,
    trend: float | None = None,
) -> Calibration:
    """`counts` maps question id -> (first answers right, first answers); items with none are left out.
    `periods`, for the learning trend, maps (person, period of study) -> (first answers right, first answers);
    or `trend` gives the trend itself."""
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
    if trend is None:
        trend = learning_trend(periods or {})
    return Calibration(difficulty, {q: n for q, (_, n) in counts.items()}, pool, trend)
