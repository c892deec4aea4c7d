"""Readiness validated by simulation: does the band hold the exam score, and is the pass chance calibrated?

Simulated learners answer the real bank under a two-parameter IRT model. Every bank question gets a
difficulty (from its authored difficulty 1-3, plus noise) and a discrimination; a learner has an
ability per domain that rises over the weeks (a gain approached with a time constant). They study on
some days, a session of questions each: a question whose FSRS review is due first (the project's own
scheduler, questions/review.py: a miss rated Again, a hit Good), otherwise a new question at the
blueprint weights. A repeat is easier than a first sight (MEMORY logits: the explanation is
remembered), which is why the new estimate counts only first answers.

At checkpoints every learner's readiness is estimated twice, with the estimator before this change
(a Beta per domain over every attempt, normal approximation, P(accuracy >= 70 %)) and with the new
one (questions/readiness.py: first answers, recency-weighted, Rasch on difficulties calibrated from
the other learners' first answers so far). Then the learner sits EXAMS fresh 59-question exams drawn
to the blueprint (26/26/7, questions drawn from the domain's pool) at their ability that day, with no
memory bonus: the real exam's questions are not the bank's. Reported: how often the band holds the
exam score, the calibration table of the pass chance (per tenth of predicted probability, the
observed pass rate of those exams), and the Brier score of both estimators on the same exams.

Run: .venv/bin/python -m bench.readiness_sim [--quick] [--people N] [--seed S]
"""

from __future__ import annotations

import argparse
import heapq
import math
import random
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from typing import Any

from fsrs import Card

from questions.bank import Bank, load_bank
from questions.calibration import TREND_PERIOD_DAYS, calibrate, trend_from, trend_terms
from questions.readiness import HALF_LIFE_DAYS, Answer, ExamBlueprint, estimate_readiness, exam_blueprint
from questions.review import review_card

START = datetime(2026, 1, 5, tzinfo=UTC)
MEMORY = 1.5  # logits added to a repeat: the explanation is remembered
AUTHORED_DIFFICULTY = {1: -1.0, 2: 0.0, 3: 0.7}  # logits by the question's authored difficulty
Z90 = 1.6449


@dataclass(frozen=True)
class Config:
    people: int = 1000
    days: int = 120
    checkpoints: tuple[int, ...] = (30, 45, 60, 75, 90, 105, 120)
    exams: int = 5  # fresh exams per learner and checkpoint
    seed: int = 18
    half_life_days: float = HALF_LIFE_DAYS
    learning: bool = True  # False: every learner's ability stays where it started (a plateau)


QUICK = Config(people=150, days=60, checkpoints=(30, 60), exams=4)
TEST = Config(people=800, days=90, checkpoints=(30, 45, 60, 75, 90), exams=3)  # the simulation test's run


@dataclass(frozen=True)
class Learner:
    start: float  # ability at day 0, logits
    offsets: dict[str, float]  # per domain
    gain: float  # ability gained in the long run
    tau: float  # days to reach 63 % of the gain
    active: float  # share of days studied
    session: tuple[int, int]  # questions per session, min and max

    def ability(self, domain_id: str, day: float) -> float:
        return self.start + self.offsets[domain_id] + self.gain * (1 - math.exp(-day / self.tau))


@dataclass
class Prediction:
    new_chance: float
    new_low: float
    new_high: float
    old_chance: float
    old_low: float
    old_high: float
    day: int = 0
    estimate: float = 0.0  # the new estimate's expected score, percent
    scores: list[int] = field(default_factory=list)  # the right answers on each fresh exam


@dataclass
class Results:
    config: Config
    pass_correct: int
    size: int
    predictions: list[Prediction]
    answers: int
    seconds: float

    def outcomes(self):
        for p in self.predictions:
            for score in p.scores:
                yield p, score, 100 * score / self.size, score >= self.pass_correct

    def coverage(self, which: str) -> float:
        inside = [getattr(p, f"{which}_low") <= pct <= getattr(p, f"{which}_high") for p, _, pct, _ in self.outcomes()]
        return sum(inside) / len(inside)

    def brier(self, which: str) -> float:
        errors = [(getattr(p, f"{which}_chance") - passed) ** 2 for p, _, _, passed in self.outcomes()]
        return sum(errors) / len(errors)

    def table(self, which: str) -> list[tuple[int, int, float, float]]:
        """Per tenth of predicted pass chance with data: (tenth, exams, mean predicted, observed pass rate)."""
        bins: dict[int, list[tuple[float, bool]]] = {}
        for p, _, _, passed in self.outcomes():
            chance = getattr(p, f"{which}_chance")
            bins.setdefault(min(9, int(chance * 10)), []).append((chance, passed))
        return [
            (tenth, len(rows), sum(c for c, _ in rows) / len(rows), sum(o for _, o in rows) / len(rows))
            for tenth, rows in sorted(bins.items())
        ]


def item_parameters(bank: Bank, rng: random.Random) -> dict[str, tuple[float, float]]:
    """Question id -> (discrimination, difficulty) of the 2PL model."""
    return {
        q.id: (
            min(2.5, max(0.4, rng.lognormvariate(0.0, 0.3))),
            AUTHORED_DIFFICULTY[q.difficulty] + rng.gauss(0, 0.7),
        )
        for q in bank.questions
    }


def make_learner(domains: Sequence[str], rng: random.Random) -> Learner:
    return Learner(
        start=rng.gauss(0.3, 0.9),
        offsets={d: rng.gauss(0, 0.3) for d in domains},
        gain=rng.uniform(0.0, 1.5),
        tau=rng.uniform(15, 60),
        active=rng.uniform(0.25, 0.9),
        session=rng.choice(((5, 12), (10, 20), (15, 30))),
    )


def chance(discrimination: float, difficulty: float, ability: float, bonus: float = 0.0) -> float:
    return 1 / (1 + math.exp(-(discrimination * (ability - difficulty) + bonus)))


def study(
    learner: Learner,
    bank: Bank,
    items: dict[str, tuple[float, float]],
    days: int,
    rng: random.Random,
) -> list[Answer]:
    """The learner's answers over `days` days, in time order."""
    syllabus = bank.syllabus
    domains = [d.id for d in syllabus.domains]
    weights = [syllabus.domain(d).weight for d in domains]
    unseen = {d: [q.id for q in bank.filtered(domain_id=d)] for d in domains}
    for pool in unseen.values():
        rng.shuffle(pool)
    domain_of = {q.id: bank.domain_id(q) for q in bank.questions}
    cards: dict[str, Card] = {}
    due: dict[str, datetime] = {}
    queue: list[tuple[datetime, str]] = []
    answers = []
    for day in range(days):
        if rng.random() >= learner.active:
            continue
        when = START + timedelta(days=day, hours=rng.uniform(7, 21))
        for _ in range(rng.randint(*learner.session)):
            when += timedelta(seconds=rng.uniform(40, 150))
            while queue and due.get(queue[0][1]) != queue[0][0]:
                heapq.heappop(queue)  # a stale entry: the card was answered again since
            if queue and queue[0][0] <= when:
                question_id = heapq.heappop(queue)[1]
            else:
                open_domains = [(d, w) for d, w in zip(domains, weights, strict=True) if unseen[d]]
                if not open_domains:
                    break  # the bank is used up and nothing is due
                domain_id = rng.choices([d for d, _ in open_domains], weights=[w for _, w in open_domains])[0]
                question_id = unseen[domain_id].pop()
            discrimination, difficulty = items[question_id]
            domain_id = domain_of[question_id]
            ability = learner.ability(domain_id, (when - START).total_seconds() / 86400)
            bonus = MEMORY if question_id in cards else 0.0
            correct = rng.random() < chance(discrimination, difficulty, ability, bonus)
            answers.append(Answer(question_id, domain_id, correct, when))
            cards[question_id] = card = review_card(cards.get(question_id), correct, when)
            due[question_id] = card.due
            heapq.heappush(queue, (due[question_id], question_id))
    return answers


def old_estimate(answers: Sequence[Answer], weights: dict[str, float], pass_percent: int) -> tuple[float, ...] | None:
    """The estimator before this change: a Beta(1 + right, 1 + wrong) per domain over every attempt, the
    blueprint-weighted accuracy's normal approximation; (pass chance, low %, high %) or None when withheld."""
    tally = {d: [0, 0] for d in weights}
    for a in answers:
        tally[a.domain_id][0] += a.correct
        tally[a.domain_id][1] += 1
    if len(answers) < 30 or any(n < 5 for _, n in tally.values()):
        return None
    mean = variance = 0.0
    for domain_id, weight in weights.items():
        right, n = tally[domain_id]
        a, b = 1 + right, 1 + n - right
        mean += weight * a / (a + b)
        variance += weight**2 * a * b / ((a + b) ** 2 * (a + b + 1))
    sd = math.sqrt(variance)
    threshold = pass_percent / 100
    pass_chance = 0.5 * math.erfc((threshold - mean) / (sd * math.sqrt(2)))
    return pass_chance, 100 * max(0.0, mean - Z90 * sd), 100 * min(1.0, mean + Z90 * sd)


def exam_score(
    learner: Learner,
    blueprint: ExamBlueprint,
    items: dict[str, tuple[float, float]],
    day: float,
    rng: random.Random,
) -> int:
    """Right answers on a fresh exam drawn to the blueprint, at the learner's ability that day."""
    right = 0
    for domain_id, count in blueprint.counts.items():
        ability = learner.ability(domain_id, day)
        for question_id in rng.sample(blueprint.pool[domain_id], count):
            right += rng.random() < chance(*items[question_id], ability)
    return right


Counts = dict[Any, tuple[int, int]]


def first_counts(answers: Sequence[Answer], until: datetime, person: int) -> tuple[Counts, Counts]:
    """A learner's first answers until `until`: (right, answered) per question and per (learner, period of study), as
    the store's AttemptStore.first_answer_counts and first_answer_periods give them for a workspace."""
    counts: Counts = {}
    months: Counts = {}
    seen: set[str] = set()
    for a in answers:
        if a.answered_at > until:
            break
        if a.question_id not in seen:
            seen.add(a.question_id)
            month = (a.answered_at - answers[0].answered_at).days // TREND_PERIOD_DAYS
            for tally, key in ((counts, a.question_id), (months, (person, month))):
                right, n = tally.get(key, (0, 0))
                tally[key] = (right + a.correct, n + 1)
    return counts, months


def without(everyone: dict[Any, list[int]], mine: Counts) -> Counts:
    return {k: (right - mine.get(k, (0, 0))[0], n - mine.get(k, (0, 0))[1]) for k, (right, n) in everyone.items()}


def summed(tallies: Iterable[Counts]) -> dict[Any, list[int]]:
    total: dict[Any, list[int]] = {}
    for tally in tallies:
        for key, (right, n) in tally.items():
            cell = total.setdefault(key, [0, 0])
            cell[0] += right
            cell[1] += n
    return total


def run(config: Config) -> Results:
    began = time.perf_counter()
    rng = random.Random(config.seed)
    bank = load_bank()
    blueprint = exam_blueprint(bank)
    weights = bank.syllabus.weights()
    items = item_parameters(bank, rng)
    domains = [d.id for d in bank.syllabus.domains]
    learners = [make_learner(domains, rng) for _ in range(config.people)]
    if not config.learning:
        learners = [replace(learner, gain=0.0) for learner in learners]
    histories = [study(learner, bank, items, config.days, random.Random(rng.random())) for learner in learners]
    predictions = []
    for day in config.checkpoints:
        now = START + timedelta(days=day)
        own = [first_counts(history, now, person) for person, history in enumerate(histories)]
        everyone = summed(c for c, _ in own)
        # The learning trend pools each learner's terms: everyone's sums less the learner's own give the
        # others' trend, as learning_trend computes it from the others' periods.
        terms = [trend_terms({period: tally for (_, period), tally in periods.items()}) for _, periods in own]
        covariation, spread = sum(c for c, _ in terms), sum(s for _, s in terms)
        for learner, history, (mine, _), (my_covariation, my_spread) in zip(
            learners, histories, own, terms, strict=True
        ):
            so_far = [a for a in history if a.answered_at <= now]
            old = old_estimate(so_far, weights, blueprint.pass_percent)
            others_trend = trend_from(covariation - my_covariation, spread - my_spread)
            calibration = calibrate(without(everyone, mine), trend=others_trend)
            new = estimate_readiness(
                so_far, blueprint, now=now, half_life_days=config.half_life_days, calibration=calibration
            )
            if old is None or not new.enough_data:
                continue
            assert new.pass_chance is not None and new.low is not None and new.high is not None
            prediction = Prediction(new.pass_chance, new.low, new.high, *old, day=day, estimate=new.estimate or 0.0)
            exam_rng = random.Random(rng.random())
            prediction.scores = [exam_score(learner, blueprint, items, day, exam_rng) for _ in range(config.exams)]
            predictions.append(prediction)
    return Results(
        config,
        blueprint.pass_correct,
        blueprint.size,
        predictions,
        sum(len(h) for h in histories),
        time.perf_counter() - began,
    )


def report(results: Results) -> str:
    c = results.config
    exams = sum(len(p.scores) for p in results.predictions)
    who = "learners" if c.learning else "learners on a plateau"
    lines = [
        f"{c.people} {who} over {c.days} days ({results.answers:,} answers), checkpoints at days "
        f"{', '.join(map(str, c.checkpoints))}; {len(results.predictions)} estimates, {exams:,} fresh exams "
        f"(seed {c.seed}, {results.seconds:.1f} s)",
        "",
        "Pass chance calibration (per tenth of predicted chance: exams, mean predicted, observed pass rate)",
        f"{'tenth':>9} | {'new: exams':>10} {'predicted':>9} {'observed':>8} | {'old: exams':>10} "
        f"{'predicted':>9} {'observed':>8}",
    ]
    new, old = dict((t[0], t) for t in results.table("new")), dict((t[0], t) for t in results.table("old"))
    for tenth in range(10):
        cells = []
        for table in (new, old):
            row = table.get(tenth)
            cells.append(f"{row[1]:>10} {100 * row[2]:>8.1f}% {100 * row[3]:>7.1f}%" if row else f"{'-':>10} {'':>18}")
        lines.append(f"{tenth * 10:>3}-{tenth * 10 + 10:>3} % | {cells[0]} | {cells[1]}")
    lines += [
        "",
        f"band holds the exam score: new {100 * results.coverage('new'):.1f} % (90 % predictive band of the score); "
        f"old {100 * results.coverage('old'):.1f} % (90 % band of the accuracy)",
        f"Brier score of the pass chance: new {results.brier('new'):.4f}, old {results.brier('old'):.4f}"
        " (lower is better)",
    ]
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0] if __doc__ else None)
    parser.add_argument("--quick", action="store_true", help="a small run for CI smoke")
    parser.add_argument("--people", type=int)
    parser.add_argument("--seed", type=int)
    parser.add_argument("--plateau", action="store_true", help="learners who do not improve")
    args = parser.parse_args(argv)
    config = QUICK if args.quick else Config()
    if args.people:
        config = replace(config, people=args.people)
    if args.seed is not None:
        config = replace(config, seed=args.seed)
    if args.plateau:
        config = replace(config, learning=False)
    print(report(run(config)))


if __name__ == "__main__":
    main()
