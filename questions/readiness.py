"""An honest "am I ready?": a blueprint-weighted estimate of the exam score with an uncertainty band.

Each domain's accuracy gets a Beta(1 + correct, 1 + wrong) posterior; the exam score is the
blueprint-weighted sum of the domain accuracies. Its mean and variance follow from the Betas
(the domains are independent), and a normal approximation gives the 90 % band and the chance
that the score clears the pass mark. With fewer than MIN_TOTAL answers, or fewer than
MIN_PER_DOMAIN in a domain, the estimate is withheld and the person is told what is missing.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

MIN_TOTAL = 30
MIN_PER_DOMAIN = 5
Z90 = 1.6449


@dataclass(frozen=True)
class Readiness:
    enough_data: bool
    estimate: float | None  # percent
    low: float | None
    high: float | None
    pass_chance: float | None  # 0..1
    answered: int
    needed: dict[str, int]  # domain id -> more answers needed (and 'total')

    def advice(self) -> str:
        if not self.enough_data:
            parts = [f"{n} more in {k}" if k != "total" else f"{n} more in all" for k, n in self.needed.items()]
            return "Too little data to estimate readiness yet: answer " + ", ".join(parts) + "."
        assert self.pass_chance is not None  # set whenever there is enough data
        verdict = (
            "likely to pass" if self.pass_chance >= 0.8 else "not there yet" if self.pass_chance < 0.5 else "borderline"
        )
        return (
            f"Estimated exam score {self.estimate:.0f} % (90 % band {self.low:.0f}-{self.high:.0f} %), "
            f"chance of clearing the pass mark {100 * self.pass_chance:.0f} %: {verdict}."
        )


def estimate_readiness(
    by_domain: Mapping[str, tuple[int, int]], weights: Mapping[str, float], pass_percent: int
) -> Readiness:
    """`by_domain` maps domain id -> (correct, answered); `weights` domain id -> share of the exam."""
    answered = sum(n for _, n in by_domain.values())
    needed = {d: MIN_PER_DOMAIN - by_domain.get(d, (0, 0))[1] for d in weights}
    needed = {d: n for d, n in needed.items() if n > 0}
    if answered < MIN_TOTAL:
        needed["total"] = MIN_TOTAL - answered
    if needed:
        return Readiness(False, None, None, None, None, answered, needed)
    mean = variance = 0.0
    for domain_id, weight in weights.items():
        correct, n = by_domain[domain_id]
        a, b = 1 + correct, 1 + n - correct
        mean += weight * a / (a + b)
        variance += weight**2 * a * b / ((a + b) ** 2 * (a + b + 1))
    sd = math.sqrt(variance)
    threshold = pass_percent / 100
    pass_chance = 0.5 * math.erfc((threshold - mean) / (sd * math.sqrt(2))) if sd else float(mean >= threshold)
    return Readiness(
        True,
        round(100 * mean, 1),
        round(100 * max(0.0, mean - Z90 * sd), 1),
        round(100 * min(1.0, mean + Z90 * sd), 1),
        round(pass_chance, 3),
        answered,
        {},
    )
