"""Leaderboards at scale: 1,000,000 daily answers, 10,000 people, 500 channels, 50 teams in one
workspace; top-10 plus the caller's own rank for each scope and period, p50/p99 in milliseconds.

Run: .venv/bin/python -m bench.leaderboards [--attempts 1000000] [--db PATH]
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from bot.services.competition import CompetitionService
from bot.services.context import ServiceContext
from bot.services.identity import Member
from questions.bank import load_bank
from storage.clock import to_db
from storage.db import open_db
from storage.scores import backfill_scores

PEOPLE, CHANNELS, TEAMS, DAYS = 10_000, 500, 50, 200
START = datetime(2026, 5, 1, 7, 0, tzinfo=UTC)


def build(path: Path, attempts: int, seed: int = 1) -> None:
    rng = random.Random(seed)
    db = open_db(path)
    conn = db.conn
    bank = load_bank()
    question_ids = [q.id for q in bank.questions]
    objective = {q.id: q.objective for q in bank.questions}
    created = to_db(START)
    conn.execute("BEGIN")
    conn.execute(
        "INSERT INTO workspaces (id, platform, external_id, name, timezone, created_at)"
        " VALUES (1, 'slack', 'T-bench', 'Bench', 'Europe/Berlin', ?)",
        [created],
    )
    conn.executemany(
        "INSERT INTO channels (id, workspace_id, external_id, name, created_at) VALUES (?, 1, ?, ?, ?)",
        [(c, f"C{c}", f"chan-{c}", created) for c in range(1, CHANNELS + 1)],
    )
    conn.executemany(
        "INSERT INTO users (id, workspace_id, external_id, display_name, created_at) VALUES (?, 1, ?, ?, ?)",
        [(u, f"U{u}", f"person {u}", created) for u in range(1, PEOPLE + 1)],
    )
    conn.executemany(
        "INSERT INTO teams (id, workspace_id, name, created_at) VALUES (?, 1, ?, ?)",
        [(t, f"team {t}", created) for t in range(1, TEAMS + 1)],
    )
    conn.executemany(
        "INSERT INTO team_members (user_id, team_id, joined_at) VALUES (?, ?, ?)",
        [(u, 1 + u % TEAMS, created) for u in range(1, PEOPLE + 1)],
    )
    posts = []
    for day in range(DAYS):
        moment = START + timedelta(days=day)
        for channel in range(1, CHANNELS + 1):
            posts.append((len(posts) + 1, channel, moment.date().isoformat(), rng.choice(question_ids), to_db(moment)))
    conn.executemany(
        "INSERT INTO posts (id, channel_id, local_date, question_id, scheduled_for, status, posted_at, closes_at)"
        " VALUES (?, ?, ?, ?, ?, 'revealed', ?, ?)",
        [(*p, p[4], p[4]) for p in posts],
    )
    home = {u: 1 + u % CHANNELS for u in range(1, PEOPLE + 1)}
    rows, seen = [], set()
    while len(rows) < attempts:
        user = rng.randint(1, PEOPLE)
        day = rng.randrange(DAYS)
        post_id = day * CHANNELS + home[user]
        if (post_id, user) in seen:
            continue
        seen.add((post_id, user))
        qid = posts[post_id - 1][3]
        correct = rng.random() < 0.6
        answered = START + timedelta(days=day, minutes=rng.randint(1, 600))
        rows.append(
            (user, qid, objective[qid], post_id, 1 + user % TEAMS, "A", int(correct), 10 * correct, to_db(answered))
        )
    conn.executemany(
        "INSERT INTO attempts (user_id, question_id, objective_id, mode, post_id, team_id, chosen, correct, points,"
        " answered_at) VALUES (?, ?, ?, 'daily', ?, ?, ?, ?, ?, ?)",
        rows,
    )
    backfill_scores(conn)  # the same totals the answer transaction keeps, built in bulk
    conn.execute("COMMIT")
    db.conn.close()


def measure(path: Path, calls: int, seed: int = 2) -> dict[str, tuple[float, float]]:
    rng = random.Random(seed)
    now = START + timedelta(days=DAYS - 3)
    competition = CompetitionService(ServiceContext(open_db(path), load_bank(), lambda: now))
    figures = {}
    for scope in ("channel", "workspace", "team"):
        for period in ("season", "all"):
            timings = []
            for _ in range(calls):
                user = rng.randint(1, PEOPLE)
                member = Member("slack", "T-bench", f"U{user}", f"person {user}")
                started = time.perf_counter()
                competition.leaderboard(member, scope, period, channel_id_on_platform=f"C{1 + user % CHANNELS}")
                timings.append((time.perf_counter() - started) * 1000)
            timings.sort()
            figures[f"{scope}/{period}"] = (statistics.median(timings), timings[int(0.99 * (len(timings) - 1))])
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--attempts", type=int, default=1_000_000)
    parser.add_argument("--calls", type=int, default=100)
    parser.add_argument("--db", type=Path, default=None, help="reuse or create this database file")
    args = parser.parse_args()
    path = args.db or Path(tempfile.mkdtemp()) / "bench.db"
    if not path.exists():
        started = time.perf_counter()
        build(path, args.attempts)
        print(f"built {args.attempts:,} attempts in {time.perf_counter() - started:.1f} s at {path}")
    print(f"{'scope/period':<20}{'p50 ms':>10}{'p99 ms':>10}")
    for name, (p50, p99) in measure(path, args.calls).items():
        print(f"{name:<20}{p50:>10.2f}{p99:>10.2f}")


if __name__ == "__main__":
    main()
