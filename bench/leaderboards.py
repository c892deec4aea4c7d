"""Leaderboards at scale: daily answers of many people in one workspace (default 1,000,000 answers,
10,000 people, 500 channels, 50 teams; `--attempts 10000000 --people 100000` for the 10M figure);
top-10 plus the caller's own rank for each scope and period, p50/p99 in milliseconds. Also printed:
the database file's size per million answers, and what opening it costs (storage/db.py open_db, its
integrity check included).

The database is built in bulk by SQL inside SQLite (answers drawn with random(), the leaderboard
totals summed with GROUP BY), with the answers' secondary indexes created after the rows are in:
10M answers take minutes, not the hours the answer path would. The totals it writes are those the
answer transaction keeps (storage/scores.py); `--quick` checks that on a small database by counting
the answers again through storage.scores.backfill_scores and comparing every total, and exits 1 on a
difference.

Run: .venv/bin/python -m bench.leaderboards [--attempts 1000000] [--people 10000] [--calls 100]
                                            [--db PATH] [--quick]
"""

from __future__ import annotations

import argparse
import math
import random
import sqlite3
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from bench.seedkit import seed_workspace
from bot.services.competition import CompetitionService
from bot.services.context import ServiceContext
from bot.services.identity import Member
from questions.bank import load_bank
from storage.clock import to_db
from storage.db import open_db
from storage.scores import backfill_scores

CHANNELS, TEAMS, DAYS = 500, 50, 200
START = datetime(2026, 5, 1, 7, 0, tzinfo=UTC)
TOTALS = ("scores", "team_scores", "team_active")


def build(path: Path, attempts: int, people: int, seed: int = 1) -> tuple[int, int]:
    """A quiz database with `people` people answering `attempts` daily questions (fewer if the draw falls
    short); returns (answers, bytes the answers and their totals take in the file)."""
    if attempts > people * DAYS:
        raise SystemExit(f"at most {people * DAYS:,} answers fit {people:,} people over {DAYS} days")
    open_db(path).conn.close()  # the schema, by the project's own migrations
    rng = random.Random(seed)
    bank = load_bank()
    conn = sqlite3.connect(str(path), isolation_level=None)
    conn.execute("PRAGMA journal_mode=OFF")  # a throw-away file: no journal, no syncs while building
    conn.execute("PRAGMA synchronous=OFF")
    conn.execute("PRAGMA cache_size=-400000")  # 400 MB of page cache
    conn.execute("PRAGMA temp_store=MEMORY")
    created = to_db(START)
    conn.execute("BEGIN")
    seed_workspace(conn, created, people=people, channels=CHANNELS, season_period="month")
    conn.executemany(
        "INSERT INTO teams (id, workspace_id, name, created_at) VALUES (?, 1, ?, ?)",
        [(t, f"team {t}", created) for t in range(1, TEAMS + 1)],
    )
    conn.executemany(
        "INSERT INTO team_members (user_id, team_id, joined_at) VALUES (?, ?, ?)",
        ((u, 1 + u % TEAMS, created) for u in range(1, people + 1)),
    )
    question_ids = [q.id for q in bank.questions]
    posts = (
        (day * CHANNELS + channel, channel, (START + timedelta(days=day)).date().isoformat(), rng.choice(question_ids))
        for day in range(DAYS)
        for channel in range(1, CHANNELS + 1)
    )
    conn.executemany(
        "INSERT INTO posts (id, channel_id, local_date, question_id, scheduled_for, status, posted_at, closes_at)"
        " VALUES (?, ?, ?, ?, ?, 'revealed', ?, ?)",
        ((*p, to_db(START + timedelta(days=(p[0] - 1) // CHANNELS)), created, created) for p in posts),
    )
    conn.execute("CREATE TEMP TABLE objectives (question_id TEXT PRIMARY KEY, objective_id TEXT)")
    conn.executemany("INSERT INTO temp.objectives VALUES (?, ?)", [(q.id, q.objective) for q in bank.questions])
    conn.execute("CREATE TEMP TABLE days (d INTEGER PRIMARY KEY)")
    conn.executemany("INSERT INTO temp.days VALUES (?)", [(d,) for d in range(DAYS)])
    # each person answers in their home channel on about `share` of the days, 60 % right
    share = min(10_000, math.ceil(1.15 * 10_000 * attempts / (people * DAYS)))  # LIMIT cuts the surplus
    indexes = conn.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'attempts' AND sql IS NOT NULL"
    ).fetchall()
    for name, _ in indexes:
        conn.execute(f"DROP INDEX {name}")
    before = file_bytes(conn)
    conn.execute(
        """INSERT INTO attempts (user_id, question_id, objective_id, mode, post_id, team_id, chosen, correct, points,
                                 answered_at)
           SELECT user_id, p.question_id, o.objective_id, 'daily', p.id, 1 + user_id % ?, 'A', correct, 10 * correct,
                  strftime('%Y-%m-%dT%H:%M:%S', julianday(?) + d + (abs(random()) % 600) / 1440.0) || '.000000Z'
           FROM (SELECT u.id AS user_id, days.d AS d, abs(random()) % 10 < 6 AS correct
                 FROM users u CROSS JOIN temp.days days WHERE abs(random()) % 10000 < ?
                 LIMIT ?) a
           JOIN posts p ON p.id = a.d * ? + 1 + a.user_id % ?
           JOIN temp.objectives o ON o.question_id = p.question_id""",
        [TEAMS, START.strftime("%Y-%m-%d %H:%M:%S"), share, attempts, CHANNELS, CHANNELS],
    )
    for _, sql in indexes:
        conn.execute(sql)
    bulk_totals(conn)
    conn.execute("COMMIT")
    count = conn.execute("SELECT COUNT(*) FROM attempts").fetchone()[0]
    conn.execute("ANALYZE")
    grown = file_bytes(conn) - before  # (the dropped indexes were empty: the schema had no answers yet)
    conn.close()
    return count, grown


def file_bytes(conn: sqlite3.Connection) -> int:
    return conn.execute("PRAGMA page_count").fetchone()[0] * conn.execute("PRAGMA page_size").fetchone()[0]


def bulk_totals(conn: sqlite3.Connection) -> None:
    """The leaderboard totals of every daily answer, summed in SQL (workspace timezone UTC, monthly seasons:
    the season key is the answer's YYYY-MM), as storage.scores.add_score keeps them one answer at a time."""
    conn.execute(
        """CREATE TEMP TABLE daily AS
           SELECT c.workspace_id, p.channel_id, a.user_id, a.team_id, a.points, a.correct,
                  substr(a.answered_at, 1, 7) AS season_key
           FROM attempts a JOIN posts p ON p.id = a.post_id JOIN channels c ON c.id = p.channel_id
           WHERE a.mode = 'daily'"""
    )
    for channel in ("channel_id", "channel_id * 0"):  # (a bare 0 in GROUP BY would name a column)
        for season in ("season_key", "'all'"):
            conn.execute(
                f"""INSERT INTO scores (workspace_id, channel_id, season_key, user_id, points, correct, answered)
                    SELECT workspace_id, {channel}, {season}, user_id, SUM(points), SUM(correct), COUNT(*)
                    FROM temp.daily GROUP BY workspace_id, {channel}, {season}, user_id"""
            )
    for season in ("season_key", "'all'"):
        conn.execute(
            f"""INSERT INTO team_active (team_id, season_key, user_id)
                SELECT DISTINCT team_id, {season}, user_id FROM temp.daily WHERE team_id IS NOT NULL"""
        )
        conn.execute(
            f"""INSERT INTO team_scores (team_id, season_key, points, correct, active_members)
                SELECT team_id, {season}, SUM(points), SUM(correct), COUNT(DISTINCT user_id)
                FROM temp.daily WHERE team_id IS NOT NULL GROUP BY team_id, {season}"""
        )
    conn.execute("DROP TABLE temp.daily")


def totals_match_the_answer_path(path: Path) -> bool:
    """Count the answers again through storage.scores (the answer transaction's own rule) and compare."""
    conn = sqlite3.connect(str(path), isolation_level=None)
    try:
        bulk = {table: sorted(conn.execute(f"SELECT * FROM {table}").fetchall()) for table in TOTALS}
        conn.execute("BEGIN")
        for table in TOTALS:
            conn.execute(f"DELETE FROM {table}")
        backfill_scores(conn)
        again = {table: sorted(conn.execute(f"SELECT * FROM {table}").fetchall()) for table in TOTALS}
        conn.execute("ROLLBACK")
    finally:
        conn.close()
    for table in TOTALS:
        if bulk[table] != again[table]:
            print(
                f"the bulk totals in {table} differ from the answer path's ({len(bulk[table])} vs {len(again[table])})"
            )
            return False
    return True


def measure(path: Path, calls: int, people: int, seed: int = 2) -> dict[str, tuple[float, float]]:
    rng = random.Random(seed)
    now = START + timedelta(days=DAYS - 3)
    competition = CompetitionService(ServiceContext(open_db(path), load_bank(), lambda: now))
    figures = {}
    for scope in ("channel", "workspace", "team"):
        for period in ("season", "all"):
            timings = []
            for _ in range(calls):
                user = rng.randint(1, people)
                member = Member("slack", "T-bench", f"U{user}", f"person {user}")
                started = time.perf_counter()
                competition.leaderboard(member, scope, period, channel_id_on_platform=f"C{1 + user % CHANNELS}")
                timings.append((time.perf_counter() - started) * 1000)
            timings.sort()
            figures[f"{scope}/{period}"] = (statistics.median(timings), timings[int(0.99 * (len(timings) - 1))])
    competition.context.db.conn.close()
    return figures


def opening(path: Path) -> tuple[float, float]:
    """(seconds for open_db, seconds for a full PRAGMA quick_check) on this file, page cache cold-ish."""
    started = time.perf_counter()
    open_db(path).conn.close()
    opened = time.perf_counter() - started
    conn = sqlite3.connect(str(path))
    started = time.perf_counter()
    conn.execute("PRAGMA quick_check").fetchone()
    checked = time.perf_counter() - started
    conn.close()
    return opened, checked


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--attempts", type=int, default=1_000_000)
    parser.add_argument("--people", type=int, default=10_000)
    parser.add_argument("--calls", type=int, default=100)
    parser.add_argument("--db", type=Path, default=None, help="reuse or create this database file")
    parser.add_argument("--quick", action="store_true", help="CI smoke: 20,000 answers, totals checked")
    args = parser.parse_args()
    if args.quick:
        args.attempts, args.people, args.calls = 20_000, 1_000, 10
    with tempfile.TemporaryDirectory(prefix="leaderboards-") as tmp:
        run(args, args.db or Path(tmp) / "bench.db")


def run(args: argparse.Namespace, path: Path) -> None:
    if not path.exists():
        started = time.perf_counter()
        count, grown = build(path, args.attempts, args.people)
        print(f"built {count:,} answers of {args.people:,} people in {time.perf_counter() - started:.1f} s at {path}")
        print(
            f"the answers with their indexes and leaderboard totals take {grown / 2**20:,.0f} MiB: "
            f"{grown / 2**20 / (count / 1e6):,.0f} MiB per million answers"
        )
    conn = sqlite3.connect(str(path))
    count = conn.execute("SELECT COUNT(*) FROM attempts").fetchone()[0]
    people = conn.execute("SELECT COUNT(*) FROM users").fetchone()[0]
    conn.close()
    size = path.stat().st_size
    print(f"database: {count:,} answers, {people:,} people; file {size / 2**20:,.0f} MiB")
    opened, checked = opening(path)
    print(
        f"open_db (checks and migrations included): {opened * 1000:,.0f} ms; a full PRAGMA quick_check: "
        f"{checked * 1000:,.0f} ms"
    )
    print(f"{'scope/period':<20}{'p50 ms':>10}{'p99 ms':>10}")
    worst = 0.0
    for name, (p50, p99) in measure(path, args.calls, people).items():
        worst = max(worst, p99)
        print(f"{name:<20}{p50:>10.2f}{p99:>10.2f}")
    if not args.quick:
        print(f"target p99 < 10 ms: {'met' if worst < 10 else 'MISSED'} (worst {worst:.2f} ms)")
    if args.quick and not totals_match_the_answer_path(path):
        sys.exit(1)


if __name__ == "__main__":
    main()
