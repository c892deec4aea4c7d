"""An honest "am I ready?": the chance of passing a 59-question exam drawn to the blueprint, and the band
of the score on it.

What counts: a person's first answer to each question only (a repeat after a miss shows memory of the
explanation, not ability), each weighted by its age, half as much every `half_life_days`.

How the ability is read, per domain:
- adjusted for difficulty (Rasch, 1PL), when at least RASCH_SHARE of the counted answers are to
  questions whose difficulty is calibrated from other people's first answers (questions/calibration.py):
  a level per domain and one learning trend shared by the domains, with normal priors (the trend's
  centred on the workspace's learning trend), fitted to the weighted answers by Newton's method; the
  posterior of each level is taken as normal with the fit's curvature (Laplace), at the newest answer;
- otherwise a Beta(1 + weighted right, 1 + weighted wrong) posterior of the domain's accuracy.

What is predicted: the number right on an exam of the blueprint's size, domain by domain (26/26/7 for
59 questions), each question drawn from the domain's pool. Given the ability, a domain's count is
binomial with the pool's mean chance of a right answer; averaged over the posterior (a 33-point rule over
the normal) it is a mixture of binomials (beta-binomial in the Beta case). The domains' distributions are
convolved exactly into the distribution of the exam score; the pass chance is its mass at or above the
pass mark, the band its central BAND interval. No sampling: the same answers always give the same figures.

With fewer than MIN_TOTAL first answers, or fewer than MIN_PER_DOMAIN in a domain, the estimate is
withheld and the person is told what is missing.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from functools import lru_cache

from questions.bank import Bank
from questions.calibration import Calibration, logit
from questions.exam import exam_percent
from questions.selection import allocate

MIN_TOTAL = 30
MIN_PER_DOMAIN = 5
HALF_LIFE_DAYS = 30.0  # the default; a setting (bot/config.py) may change it
BAND = 0.90  # the central predictive interval of the exam score
LIKELY = 0.8  # a pass chance at or above this reads 'likely to pass'
BORDERLINE = 0.5  # below this, 'not there yet'
RASCH_SHARE = 0.5  # share of counted answers on calibrated questions needed for the difficulty-adjusted reading
PRIOR_SD = 2.0  # the Rasch prior on a domain ability: normal, centred on the workspace's average person
SLOPE_SD = 0.5  # the prior on a person's trend: normal around the workspace's trend, logits per TREND_DAYS
TREND_DAYS = 30.0


@dataclass(frozen=True)
class Answer:
    question_id: str
    domain_id: str
    correct: bool
    answered_at: datetime


@dataclass(frozen=True)
class ExamBlueprint:
    counts: Mapping[str, int]  # domain id -> questions on the exam
    pass_correct: int  # right answers needed to pass
    pass_percent: int
    pool: Mapping[str, tuple[str, ...]] = field(default_factory=dict)  # domain id -> the questions drawn from

    @property
    def size(self) -> int:
        return sum(self.counts.values())


def pass_mark(size: int, pass_percent: int) -> int:
    """The fewest right answers that pass, as the exam scores them (42 of 59 at 70 %: 41 is 69.5 %)."""
    return next(k for k in range(size + 1) if exam_percent(k, size) >= pass_percent)


def exam_blueprint(bank: Bank) -> ExamBlueprint:
    syllabus = bank.syllabus
    counts = allocate(syllabus.exam.questions, {d.id: d.weight for d in syllabus.domains})
    pool = {d.id: tuple(q.id for q in bank.filtered(domain_id=d.id)) for d in syllabus.domains}
    return ExamBlueprint(
        counts, pass_mark(syllabus.exam.questions, syllabus.exam.pass_percent), syllabus.exam.pass_percent, pool
    )


@dataclass(frozen=True)
class Basis:
    """What an estimate rests on, for the one line every front end shows."""

    counted: int  # first answers counted
    repeats: int  # later answers to questions already answered, left out
    first_at: datetime | None
    last_at: datetime | None
    now: datetime
    half_life_days: float
    difficulty_adjusted: bool

    @property
    def span_days(self) -> int:
        if self.first_at is None or self.last_at is None:
            return 0
        return (self.last_at.date() - self.first_at.date()).days + 1

    @property
    def newest_days_ago(self) -> int | None:
        return None if self.last_at is None else max(0, (self.now.date() - self.last_at.date()).days)

    def line(self) -> str:
        if not self.counted:
            return "Based on no answers yet."
        ago = self.newest_days_ago
        newest = "today" if ago == 0 else "yesterday" if ago == 1 else f"{ago} days ago"
        span = self.span_days
        text = (
            f"Based on {self.counted} first answer{'s' if self.counted != 1 else ''}"
            f" over {span} day{'s' if span != 1 else ''}, newest {newest}"
        )
        if self.repeats:
            text += f" ({self.repeats} repeat{'s' if self.repeats != 1 else ''} not counted)"
        text += f"; recent answers count more (half-life {self.half_life_days:g} days)"
        if self.difficulty_adjusted:
            text += "; adjusted for question difficulty"
        return text + "."


@dataclass(frozen=True)
class Readiness:
    enough_data: bool
    estimate: float | None  # percent: the expected exam score
    low: float | None  # the band of the exam score, percent
    high: float | None
    pass_chance: float | None  # 0..1: the chance of at least the pass mark on a blueprint exam
    answered: int  # first answers counted
    needed: dict[str, int]  # domain id -> more first answers needed (and 'total')
    basis: Basis | None = None
    exam_size: int = 59

    @property
    def verdict(self) -> str:
        """'likely to pass', 'borderline', 'not there yet', or 'too little data'."""
        if not self.enough_data or self.pass_chance is None:
            return "too little data"
        if self.pass_chance >= LIKELY:
            return "likely to pass"
        return "not there yet" if self.pass_chance < BORDERLINE else "borderline"

    def advice(self) -> str:
        if not self.enough_data:
            parts = [f"{n} more in {k}" if k != "total" else f"{n} more in all" for k, n in self.needed.items()]
            return "Too little data to estimate readiness yet: answer " + ", ".join(parts) + " (new questions)."
        assert self.pass_chance is not None  # set whenever there is enough data
        verdict = self.verdict
        return (
            f"Estimated exam score {self.estimate:.0f} % ({100 * BAND:.0f} % band {self.low:.0f}-{self.high:.0f} %), "
            f"chance of passing a {self.exam_size}-question exam {100 * self.pass_chance:.0f} %: {verdict}."
        )

    def based_on(self) -> str:
        """One line: how many answers the estimate counts, over how long, how recent."""
        return self.basis.line() if self.basis is not None else ""


def first_only(answers: Iterable[Answer]) -> tuple[list[Answer], int]:
    """Each question's first answer (`answers` in time order), and how many repeats were left out."""
    seen: set[str] = set()
    first = []
    repeats = 0
    for answer in answers:
        if answer.question_id in seen:
            repeats += 1
        else:
            seen.add(answer.question_id)
            first.append(answer)
    return first, repeats


def recency_weight(answered_at: datetime, now: datetime, half_life_days: float) -> float:
    age_days = max(0.0, (now - answered_at).total_seconds() / 86400)
    return 0.5 ** (age_days / half_life_days)


def estimate_readiness(
    answers: Iterable[Answer],
    blueprint: ExamBlueprint,
    *,
    now: datetime,
    half_life_days: float = HALF_LIFE_DAYS,
    calibration: Calibration | None = None,
) -> Readiness:
    """`answers` are all of a person's answers in time order (repeats are left out here)."""
    first, repeats = first_only(answers)
    first = [a for a in first if a.domain_id in blueprint.counts]
    calibration = calibration or Calibration()
    calibrated = sum(calibration.calibrated(a.question_id) for a in first)
    rasch = bool(first) and calibrated >= RASCH_SHARE * len(first)
    basis = Basis(
        len(first),
        repeats,
        first[0].answered_at if first else None,
        max((a.answered_at for a in first), default=None),
        now,
        half_life_days,
        rasch,
    )
    per_domain = {d: 0 for d in blueprint.counts}
    for answer in first:
        per_domain[answer.domain_id] += 1
    needed = {d: MIN_PER_DOMAIN - n for d, n in per_domain.items() if n < MIN_PER_DOMAIN}
    if len(first) < MIN_TOTAL:
        needed["total"] = MIN_TOTAL - len(first)
    if needed:
        return Readiness(False, None, None, None, None, len(first), needed, basis, blueprint.size)

    total = [1.0]
    weights = [recency_weight(a.answered_at, now, half_life_days) for a in first]
    if rasch:
        newest = max(a.answered_at for a in first)
        grouped: dict[tuple[str, float, bool, float], float] = {}  # answers alike to a tenth of a logit and a day
        for a, w in zip(first, weights, strict=True):
            age = round((newest - a.answered_at).total_seconds() / 86400)
            key = (a.domain_id, round(calibration.of(a.question_id), 1), a.correct, float(age))
            grouped[key] = grouped.get(key, 0.0) + w
        rows = [(d, b, correct, w, age) for (d, b, correct, age), w in grouped.items()]
        abilities = rasch_abilities(rows, list(blueprint.counts), logit(calibration.pool_share), calibration.trend)
        for domain_id, count in blueprint.counts.items():
            pool = tuple(sorted(round(calibration.of(q), 1) for q in blueprint.pool.get(domain_id, ())))
            total = _convolve(total, _rasch_predictive(*abilities[domain_id], pool, count))
    else:
        for domain_id, count in blueprint.counts.items():
            right = sum(w for a, w in zip(first, weights, strict=True) if a.domain_id == domain_id and a.correct)
            wrong = sum(w for a, w in zip(first, weights, strict=True) if a.domain_id == domain_id and not a.correct)
            total = _convolve(total, _beta_binomial(count, 1 + right, 1 + wrong))
    return summarise(total, blueprint, len(first), basis)


def summarise(pmf: Sequence[float], blueprint: ExamBlueprint, answered: int, basis: Basis | None) -> Readiness:
    """The readiness figures from the distribution of the number right on the exam."""
    size = len(pmf) - 1
    mean = sum(k * p for k, p in enumerate(pmf))
    tail = (1 - BAND) / 2
    low, high = _quantile(pmf, tail), _quantile(pmf, 1 - tail)
    pass_chance = sum(pmf[blueprint.pass_correct :])
    return Readiness(
        True,
        round(100 * mean / size, 1),
        round(100 * low / size, 1),
        round(100 * high / size, 1),
        round(min(1.0, max(0.0, pass_chance)), 3),
        answered,
        {},
        basis,
        size,
    )


def _quantile(pmf: Sequence[float], q: float) -> int:
    cumulative = 0.0
    for k, p in enumerate(pmf):
        cumulative += p
        if cumulative >= q - 1e-12:
            return k
    return len(pmf) - 1


def _convolve(a: Sequence[float], b: Sequence[float]) -> list[float]:
    out = [0.0] * (len(a) + len(b) - 1)
    for i, x in enumerate(a):
        if x:
            for j, y in enumerate(b):
                out[i + j] += x * y
    return out


def _binomial(n: int, p: float) -> list[float]:
    if p <= 0:
        return [1.0] + [0.0] * n
    if p >= 1:
        return [0.0] * n + [1.0]
    return [math.comb(n, k) * p**k * (1 - p) ** (n - k) for k in range(n + 1)]


def _beta_binomial(n: int, a: float, b: float) -> list[float]:
    log_beta_ab = math.lgamma(a) + math.lgamma(b) - math.lgamma(a + b)
    return [
        math.comb(n, k) * math.exp(math.lgamma(k + a) + math.lgamma(n - k + b) - math.lgamma(n + a + b) - log_beta_ab)
        for k in range(n + 1)
    ]


def _sigmoid(x: float) -> float:
    return 1 / (1 + math.exp(-x)) if x > -35 else 0.0


@lru_cache(maxsize=64)
def _distinct(pool: tuple[float, ...]) -> tuple[tuple[float, float], ...]:
    """The pool's difficulties as (difficulty, share of the pool) pairs."""
    counts: dict[float, int] = {}
    for b in pool or (0.0,):
        counts[b] = counts.get(b, 0) + 1
    size = sum(counts.values())
    return tuple((b, n / size) for b, n in counts.items())


def rasch_abilities(
    answers: Sequence[tuple[str, float, bool, float, float]],
    domains: Sequence[str],
    prior_mean: float = 0.0,
    slope_mean: float = 0.0,
) -> dict[str, tuple[float, float]]:
    """Each domain's ability at the newest answer from (domain, difficulty, right, weight, age in days)
    answers: the Rasch model with a level per domain and one learning trend shared by the domains, the
    ability at age a being level - slope * a / TREND_DAYS, all with normal priors. The posterior's mode by
    Newton's method, its spread from the curvature (Laplace). Returns domain -> (level, its variance)."""
    level = dict.fromkeys(domains, prior_mean)
    slope = slope_mean
    info: dict[str, float] = {}
    cross: dict[str, float] = {}
    for _ in range(50):
        # minus the Hessian is [[diag(info), cross], [cross, slope_info]]; the gradient is (g, g_slope)
        g = {d: -(level[d] - prior_mean) / PRIOR_SD**2 for d in domains}
        info = dict.fromkeys(domains, 1 / PRIOR_SD**2)
        cross = dict.fromkeys(domains, 0.0)
        g_slope, slope_info = -(slope - slope_mean) / SLOPE_SD**2, 1 / SLOPE_SD**2
        for domain_id, difficulty, correct, weight, age in answers:
            lag = age / TREND_DAYS
            p = _sigmoid(level[domain_id] - slope * lag - difficulty)
            residual = weight * (correct - p)
            fisher = weight * p * (1 - p)
            g[domain_id] += residual
            g_slope -= residual * lag
            info[domain_id] += fisher
            cross[domain_id] -= fisher * lag
            slope_info += fisher * lag * lag
        schur = slope_info - sum(cross[d] ** 2 / info[d] for d in domains)
        step_slope = (g_slope - sum(cross[d] * g[d] / info[d] for d in domains)) / schur
        steps = {d: (g[d] - cross[d] * step_slope) / info[d] for d in domains}
        slope += step_slope
        for d in domains:
            level[d] += steps[d]
        if abs(step_slope) < 1e-6 and all(abs(x) < 1e-6 for x in steps.values()):
            break
    schur = slope_info - sum(cross[d] ** 2 / info[d] for d in domains)
    return {d: (level[d], 1 / info[d] + (cross[d] / info[d]) ** 2 / schur) for d in domains}


def _rasch_predictive(level: float, variance: float, pool: tuple[float, ...], count: int) -> list[float]:
    """The number right out of `count` questions drawn from `pool` (difficulties), averaged over the
    (normal) posterior of the ability."""
    sd = math.sqrt(max(variance, 0.0))
    pmf = [0.0] * (count + 1)
    nodes = [z / 4 for z in range(-16, 17)]
    densities = [math.exp(-z * z / 2) for z in nodes]
    norm = sum(densities)
    distinct = _distinct(pool)
    for z, density in zip(nodes, densities, strict=True):
        ability = level + sd * z
        chance = sum(share * _sigmoid(ability - b) for b, share in distinct)
        for k, p in enumerate(_binomial(count, chance)):
            pmf[k] += density / norm * p
    return pmf
