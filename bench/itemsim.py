"""Does item analysis find broken questions? Simulated people answer the real bank, with defects planted.

People have abilities drawn from a normal distribution; each real bank item gets a difficulty (from its
authored difficulty, jittered) and a discrimination, and a person answers it right with the two-parameter
logistic (2PL) chance; a wrong answer goes to the distractors with plausible weights. Defects planted on
single-select items: the bank's key swapped to a distractor (the option people who know choose is not the
key), items that do not discriminate (discrimination 0), and a distractor nobody picks (weight 0). The
answers are stored through the attempt store (with repeats, which must not count) and analysed by the
item statistics service; a planted defect is found when its question is flagged, a clean one is a false
alarm when it is flagged.

Run: .venv/bin/python -m bench.itemsim [--quick] [--seed 7]
"""

from __future__ import annotations

import argparse
import math
import random
import tempfile
import time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from bot.services.context import ServiceContext
from bot.services.identity import Member
from bot.services.itemstats import ItemStatsService
from questions.bank import Bank, load_bank
from questions.itemstats import DEAD_DISTRACTOR, MISKEYED, WEAK
from questions.models import LETTERS, Question
from storage.attempts import AttemptStore
from storage.db import open_db

MISKEY, FLAT, DEAD = "swapped key", "no discrimination", "dead distractor"
PLANTED = {MISKEY: 4, FLAT: 2, DEAD: 2}
EXPECTED_FLAG = {MISKEY: {MISKEYED}, FLAT: {WEAK, MISKEYED}, DEAD: {DEAD_DISTRACTOR}}
CENTRE_BY_DIFFICULTY = {1: -0.9, 2: -0.3, 3: 0.3}
MODES = ("practice", "daily", "exam")
START = datetime(2026, 9, 1, 8, 0, tzinfo=UTC)
ADMIN = Member("console", "local", "author", name="author", is_admin=True)


@dataclass(frozen=True)
class TrueItem:
    question: Question
    a: float  # discrimination
    b: float  # difficulty
    right: str  # the letters a person who knows chooses (the key, unless the key was swapped)
    weights: dict[str, float]  # the distractors' pull on a wrong answer
    defect: str | None


@dataclass(frozen=True)
class Outcome:
    people: int
    defects: int
    found: int  # planted defects flagged
    found_as_expected: int  # ... with the flag that names the defect
    clean: int
    false_alarms: int  # clean items flagged
    missed: tuple[str, ...]
    seconds: float

    @property
    def recall(self) -> float:
        return self.found / self.defects

    @property
    def precision(self) -> float:
        flagged = self.found + self.false_alarms
        return self.found / flagged if flagged else 1.0

    @property
    def false_alarm_rate(self) -> float:
        return self.false_alarms / self.clean


def true_items(bank: Bank, rng: random.Random) -> dict[str, TrueItem]:
    """Each active bank item's true parameters; defects planted on randomly chosen single-select items."""
    singles = sorted(q.id for q in bank.questions if q.select == "single")
    chosen = rng.sample(singles, sum(PLANTED.values()))
    defect_of: dict[str, str] = {}
    for kind, count in PLANTED.items():
        for _ in range(count):
            defect_of[chosen.pop()] = kind
    items = {}
    for q in bank.questions:
        letters = LETTERS[: len(q.options)]
        key = "".join(sorted(q.answer))
        distractors = [letter for letter in letters if letter not in key]
        weights = {letter: 0.5 + rng.random() for letter in distractors}
        defect = defect_of.get(q.id)
        a = rng.uniform(0.9, 2.2)
        b = CENTRE_BY_DIFFICULTY[q.difficulty] + rng.uniform(-0.3, 0.3)
        right = key
        if defect == MISKEY:
            right = rng.choice(distractors)  # what people who know choose; the bank keys something else
            weights = {letter: 0.5 + rng.random() for letter in letters if letter != right}
        elif defect == FLAT:
            a, b = 0.0, 0.0
        elif defect == DEAD:
            weights[rng.choice(distractors)] = 0.0
        items[q.id] = TrueItem(q, a, b, right, weights, defect)
    return items


def answer(item: TrueItem, theta: float, rng: random.Random) -> str:
    """One person's answer: right with the 2PL chance, otherwise a wrong answer drawn by the weights."""
    if rng.random() < 1 / (1 + math.exp(-item.a * (theta - item.b))):
        return item.right
    letters = list(item.weights)
    pick = rng.choices(letters, weights=[item.weights[x] for x in letters])[0]
    if len(item.right) == 1:
        return pick
    swapped = rng.choice(item.right)  # a multiple-select miss: one key letter traded for a distractor
    return "".join(sorted(item.right.replace(swapped, pick)))


def simulate(people: int, *, seed: int = 7, db_path: Path | None = None, bank: Bank | None = None) -> Outcome:
    """Store `people` simulated people's answers to the whole bank in a fresh database and score the flags."""
    rng = random.Random(seed)
    bank = bank or load_bank()
    items = true_items(bank, rng)
    with tempfile.TemporaryDirectory() as scratch:
        db = open_db(db_path or Path(scratch) / "itemsim.db")
        context = ServiceContext(db, bank, clock=lambda: START, rng=random.Random(seed))
        store_answers(context, items, people, rng)
        started = time.perf_counter()
        view = ItemStatsService(context).bank_stats(ADMIN)
        seconds = time.perf_counter() - started
        db.conn.close()
    flagged = {v.question_id: {f.kind for f in v.flags} for v in view.items if v.flags}
    defects = {qid: item.defect for qid, item in items.items() if item.defect}
    found = [qid for qid in defects if qid in flagged]
    as_expected = [qid for qid in found if flagged[qid] & EXPECTED_FLAG[defects[qid]]]
    clean = len(items) - len(defects)
    false_alarms = sum(1 for qid in flagged if qid not in defects)
    missed = tuple(f"{qid} ({defects[qid]})" for qid in defects if qid not in as_expected)
    return Outcome(people, len(defects), len(found), len(as_expected), clean, false_alarms, missed, seconds)


def seed(context: ServiceContext, member: Member, people: int, *, seed: int = 7) -> dict[str, TrueItem]:
    """Simulated people of `member`'s workspace answer the context's bank, defects planted; returns the items'
    true parameters (which are defective)."""
    rng = random.Random(seed)
    items = true_items(context.bank, rng)
    store_answers(context, items, people, rng, member)
    return items


def store_answers(
    context: ServiceContext, items: dict[str, TrueItem], people: int, rng: random.Random, member: Member = ADMIN
) -> None:
    """Every person answers every item once, in a random order and mode; a fifth also repeat a few items
    later and get them right (remembered explanations), which the analysis must not count."""
    workspace = context.workspace_of(member)
    attempts = AttemptStore(context.db)
    ids = sorted(items)
    rows = []
    for person in range(people):
        user_id = context.directory.user(workspace.id, f"sim-{person}", f"sim {person}", now=START)
        theta = rng.gauss(0.0, 1.0)
        order = ids[:]
        rng.shuffle(order)
        moment = START + timedelta(minutes=person)
        for position, qid in enumerate(order):
            item = items[qid]
            chosen = answer(item, theta, rng)
            when = moment + timedelta(seconds=position)
            rows.append(
                (user_id, qid, item.question.objective, rng.choice(MODES), chosen, chosen == key_of(item), when)
            )
        if person % 5 == 0:
            for qid in rng.sample(ids, 10):
                item = items[qid]
                later = moment + timedelta(days=3)
                rows.append((user_id, qid, item.question.objective, "practice", key_of(item), True, later))
    attempts.import_attempts(rows)


def key_of(item: TrueItem) -> str:
    return "".join(sorted(item.question.answer))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="100 and 500 people only (CI smoke)")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    sizes = (100, 500) if args.quick else (100, 500, 2000)
    print(f"planted defects: {', '.join(f'{n} {kind}' for kind, n in PLANTED.items())}; seed {args.seed}")
    print(f"{'people':>7} {'recall':>7} {'named':>6} {'precision':>9} {'clean flagged':>14} {'analysis':>9}")
    for people in sizes:
        o = simulate(people, seed=args.seed)
        print(
            f"{people:>7} {o.recall:>7.0%} {o.found_as_expected:>3}/{o.defects:<2} {o.precision:>9.0%}"
            f" {o.false_alarms:>4}/{o.clean} {o.false_alarm_rate:>4.1%} {o.seconds:>8.2f}s"
        )
        if o.missed:
            print(f"        missed: {', '.join(o.missed)}")


if __name__ == "__main__":
    main()
