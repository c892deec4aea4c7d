"""The web dashboard at scale: every page's time through HTTP (aiohttp on 127.0.0.1, templates rendered, charts
drawn), on one workspace of 10,000 people with 1,000,000 answers (daily and practice), 50 channels with 60 days
of revealed daily questions, 20 teams and a queue of question reports. p50 and p99 in milliseconds.

Run: .venv/bin/python -m bench.dashboard [--quick] [--attempts N] [--people N] [--requests N] [--db PATH]
"""

from __future__ import annotations

import argparse
import asyncio
import random
import re
import shutil
import statistics
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from aiohttp.test_utils import TestClient, TestServer

from bench.seedkit import seed_workspace
from bot.app import build_app
from bot.config import Settings
from bot.services.identity import Member
from questions.bank import load_bank
from storage.clock import to_db
from storage.db import open_db
from storage.scores import backfill_scores

CHANNELS, TEAMS, DAYS, REPORTS = 50, 20, 60, 200
START = datetime(2026, 9, 1, 7, 0, tzinfo=UTC)
NOW = START + timedelta(days=DAYS, hours=2)
DAILY_SHARE = 0.4  # of the days, a person answers their channel's daily question


def build(path: Path, attempts: int, people: int, seed: int = 1) -> None:
    rng = random.Random(seed)
    db = open_db(path)
    conn = db.conn
    bank = load_bank()
    question_ids = [q.id for q in bank.questions]
    objective = {q.id: q.objective for q in bank.questions}
    created = to_db(START)
    conn.execute("BEGIN")
    seed_workspace(conn, created, people=people, channels=CHANNELS, person_name="person {:05d}")
    conn.executemany(
        "INSERT INTO teams (id, workspace_id, name, created_at) VALUES (?, 1, ?, ?)",
        [(t, f"team {t}", created) for t in range(1, TEAMS + 1)],
    )
    conn.executemany(
        "INSERT INTO team_members (user_id, team_id, joined_at) VALUES (?, ?, ?)",
        [(u, 1 + u % TEAMS, created) for u in range(1, people + 1)],
    )
    posts = []
    for day in range(DAYS):
        moment = START + timedelta(days=day)
        for channel in range(1, CHANNELS + 1):
            posts.append((len(posts) + 1, channel, moment.date().isoformat(), rng.choice(question_ids), to_db(moment)))
    conn.executemany(
        "INSERT INTO posts (id, channel_id, local_date, question_id, scheduled_for, status, posted_at, closes_at,"
        " revealed_at) VALUES (?, ?, ?, ?, ?, 'revealed', ?, ?, ?)",
        [(*p, p[4], p[4], p[4]) for p in posts],
    )
    rows = []
    daily_target = int(attempts * 0.25)
    seen: set[tuple[int, int]] = set()
    while len(rows) < daily_target:
        user, day = rng.randint(1, people), rng.randrange(DAYS)
        post_id = day * CHANNELS + 1 + user % CHANNELS
        if (post_id, user) in seen:
            continue
        seen.add((post_id, user))
        qid = posts[post_id - 1][3]
        correct = rng.random() < 0.65
        answered = START + timedelta(days=day, minutes=rng.randint(1, 600))
        rows.append(
            (user, qid, objective[qid], "daily", post_id, 1 + user % TEAMS, int(correct), 10 * correct, answered)
        )
    while len(rows) < attempts:
        user, qid = rng.randint(1, people), rng.choice(question_ids)
        answered = START + timedelta(days=rng.randrange(DAYS), minutes=rng.randint(1, 1400))
        correct = rng.random() < 0.55 + 0.3 * (user % 7) / 7
        rows.append((user, qid, objective[qid], "practice", None, None, int(correct), 0, answered))
    rows.sort(key=lambda row: row[-1])  # stored in answer order, as the bot stores them
    conn.executemany(
        "INSERT INTO attempts (user_id, question_id, objective_id, mode, post_id, team_id, chosen, correct, points,"
        " answered_at) VALUES (?, ?, ?, ?, ?, ?, 'A', ?, ?, ?)",
        [(*row[:-1], to_db(row[-1])) for row in rows],
    )
    conn.executemany(
        "INSERT INTO question_reports (user_id, question_id, reason, created_at) VALUES (?, ?, ?, ?)",
        [
            (rng.randint(1, people), rng.choice(question_ids), "The key looks wrong to me.", created)
            for _ in range(REPORTS)
        ],
    )
    backfill_scores(conn)  # the leaderboard totals, as the answer transaction keeps them
    conn.execute("COMMIT")
    conn.execute("ANALYZE")
    db.conn.close()


async def sign_in(client: TestClient, link: str) -> TestClient:
    token = link.rsplit("/", 1)[1]
    form = await (await client.get(f"/signin/{token}")).text()
    nonce = re.search(r'name="csrf" value="([^"]+)"', form)
    assert nonce is not None
    reply = await client.post("/signin", data={"token": token, "csrf": nonce.group(1)}, allow_redirects=False)
    assert reply.status == 303, reply.status
    return client


async def timed(client: TestClient, path: str) -> float:
    started = time.perf_counter()
    response = await client.get(path)
    await response.read()
    elapsed = (time.perf_counter() - started) * 1000
    assert response.status == 200, (path, response.status)
    return elapsed


async def measure(path: Path, people: int, requests: int, seed: int = 2) -> dict[str, tuple[float, float]]:
    from bot.web.context import RateLimiter
    from bot.web.server import RUNNER_OPTIONS, build_web

    rng = random.Random(seed)
    app = build_app(Settings(_env_file=None, db_path=path), clock=lambda: NOW, rng=random.Random(seed))
    app.web_access.base_url = "http://127.0.0.1"
    admin = Member("slack", "T-bench", "U1", "person 00001", "Bench", is_admin=True)
    exam = app.exam.start(admin, 15, seed=seed)
    for position in range(1, exam.total + 1):
        question = app.exam.item(admin, exam.exam_id, position).question
        app.exam.answer(admin, exam.exam_id, position, [o.letter for o in question.options[: question.choose]])
    app.exam.submit(admin, exam.exam_id)
    server = TestServer(build_web(app, limiter=RateLimiter(limit=100)))  # 11 sign-ins from one address
    await server.start_server(**RUNNER_OPTIONS)
    learners = []
    for user in rng.sample(range(2, people + 1), 10):  # several people's Me pages, each with its own session
        client = TestClient(server)
        member = Member("slack", "T-bench", f"U{user}", f"person {user:05d}")
        learners.append(await sign_in(client, app.web_access.link(member)))
    lead = await sign_in(TestClient(server), app.web_access.link(admin))
    objectives = [o.id for o in app.context.bank.syllabus.objectives]
    pages = {
        "me": lambda: (rng.choice(learners), "/w/1/me"),
        "exam report": lambda: (lead, f"/w/1/exams/{exam.exam_id}"),
        "team (page 1)": lambda: (lead, "/w/1/team"),
        "team, counts afresh": lambda: (app.dashboard._participation.clear(), (lead, "/w/1/team"))[1],
        "team (any page)": lambda: (lead, f"/w/1/team?page={rng.randint(1, max(1, people // 20))}"),
        "channel history": lambda: (lead, f"/w/1/channels/{rng.randint(1, CHANNELS)}"),
        "bank (an objective)": lambda: (lead, f"/w/1/bank?objective={rng.choice(objectives)}"),
    }
    figures = {}
    try:
        for name, pick in pages.items():
            client, first = pick()
            await timed(client, first)  # warm: templates compiled, pages of the file cached
            timings = sorted([await timed(*pick()) for _ in range(requests)])
            figures[name] = (statistics.median(timings), timings[int(0.99 * (len(timings) - 1))])
    finally:
        for client in [*learners, lead]:
            await client.close()
        await server.close()
        app.context.db.conn.close()
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="a small run for CI: 50,000 answers, 1,000 people")
    parser.add_argument("--attempts", type=int, default=None)
    parser.add_argument("--people", type=int, default=None)
    parser.add_argument("--requests", type=int, default=None, help="requests per page")
    parser.add_argument("--db", type=Path, default=None, help="reuse or create this database file")
    args = parser.parse_args()
    attempts = args.attempts or (50_000 if args.quick else 1_000_000)
    people = args.people or (1_000 if args.quick else 10_000)
    requests = args.requests or (20 if args.quick else 200)
    path = args.db or Path(tempfile.mkdtemp()) / "dashboard-bench.db"
    if not path.exists():
        started = time.perf_counter()
        build(path, attempts, people)
        print(f"built {attempts:,} answers of {people:,} people in {time.perf_counter() - started:.1f} s at {path}")
    try:
        figures = asyncio.run(measure(path, people, requests))
    finally:
        if args.db is None:  # a file of our own: about 200 MB at full size
            shutil.rmtree(path.parent, ignore_errors=True)
    print(f"{'page':<20}{'p50 ms':>10}{'p99 ms':>10}   ({requests} requests each)")
    for name, (p50, p99) in figures.items():
        print(f"{name:<20}{p50:>10.1f}{p99:>10.1f}")


if __name__ == "__main__":
    main()
