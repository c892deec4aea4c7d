"""Readiness at scale: `stats` (accuracy, readiness with its calibration from the whole workspace) and
the readiness history behind the chart, for a person with thousands of attempts in a busy workspace.

The workspace: PEOPLE people with practice attempts spread over DAYS days (every question's first
answer and repeats), the measured person with PERSON_ATTEMPTS of their own. Prints p50 / p95 in ms.

Run: .venv/bin/python -m bench.readiness_stats [--quick] [--attempts N] [--db PATH]
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from bench.seedkit import seed_workspace
from bot.services.context import ServiceContext
from bot.services.identity import Member
from bot.services.practice import PracticeService
from questions.bank import load_bank
from storage.clock import to_db
from storage.db import open_db

START = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)
DAYS = 120
PERSON_ATTEMPTS = 5_000


def build(path: Path, attempts: int, people: int, seed: int = 1) -> None:
    rng = random.Random(seed)
    db = open_db(path)
    conn = db.conn
    bank = load_bank()
    questions = [(q.id, q.objective) for q in bank.questions]
    created = to_db(START)
    conn.execute("BEGIN")
    seed_workspace(conn, created, people=people)
    rows = []
    per_person = {1: PERSON_ATTEMPTS} | {u: (attempts - PERSON_ATTEMPTS) // (people - 1) for u in range(2, people + 1)}
    for user, count in per_person.items():
        skill = rng.uniform(0.4, 0.9)
        for i in range(count):
            question_id, objective = questions[rng.randrange(len(questions))]
            when = START + timedelta(days=DAYS * i / count, minutes=rng.randint(0, 600))
            rows.append((user, question_id, objective, "A", int(rng.random() < skill), to_db(when)))
    conn.executemany(
        "INSERT INTO attempts (user_id, question_id, objective_id, mode, chosen, correct, answered_at)"
        " VALUES (?, ?, ?, 'practice', ?, ?, ?)",
        rows,
    )
    conn.execute("COMMIT")
    conn.close()


def timed(call, runs: int) -> tuple[float, float]:
    samples = []
    for _ in range(runs):
        began = time.perf_counter()
        call()
        samples.append(1000 * (time.perf_counter() - began))
    samples.sort()
    return statistics.median(samples), samples[min(len(samples) - 1, int(0.95 * len(samples)))]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="stats and the readiness history for a heavy user")
    parser.add_argument("--quick", action="store_true", help="a small run for CI smoke")
    parser.add_argument("--attempts", type=int, help="attempts in the workspace (default 400,000)")
    parser.add_argument("--db", type=Path, help="keep the database here")
    args = parser.parse_args(argv)
    attempts = args.attempts or (20_000 if args.quick else 400_000)
    people = 20 if args.quick else 200
    runs = 3 if args.quick else 15
    path = args.db or Path(tempfile.mkdtemp()) / "readiness.db"
    began = time.perf_counter()
    build(path, max(attempts, PERSON_ATTEMPTS + people), people)
    print(f"built {attempts:,} attempts, {people} people, in {time.perf_counter() - began:.1f} s")
    service = PracticeService(ServiceContext(open_db(path), load_bank(), lambda: START + timedelta(days=DAYS)))
    member = Member(platform="slack", workspace="T-bench", user="U1", name="person 1")
    view = service.stats(member)
    readiness = view.readiness
    assert readiness is not None
    print(f"person 1: {view.answered:,} attempts; {readiness.advice()}")
    print(readiness.based_on())
    user_id = service.context.user_id(member)

    def cold() -> None:  # a fresh service: the workspace's first-answer tallies are read again
        PracticeService(service.context).stats(member)

    for name, call in (
        ("stats, cold (reads the workspace's first answers for calibration)", cold),
        ("stats, warm (workspace tallies reused, up to 10 minutes)", lambda: service.stats(member)),
        ("  of which the calibration, warm (the person's own answers taken out)", lambda: service.calibration(user_id)),
        ("readiness history for the chart (one estimate per day)", lambda: service.readiness_history(member)),
    ):
        p50, p95 = timed(call, runs)
        print(f"{name}: p50 {p50:.0f} ms, p95 {p95:.0f} ms")


if __name__ == "__main__":
    main()
