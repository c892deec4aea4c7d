"""The real `quizbot run slack --http` process killed or stopped in the middle of a burst of answers:
what got HTTP 200 is stored, nothing twice, and the database and the bot come back."""

from __future__ import annotations

import asyncio
import signal
import time

import aiohttp

from storage.db import open_db
from tests.integration.faults import payloads
from tests.integration.faults.payloads import Sender
from tests.integration.faults.process import (
    ADMIN,
    BotProcess,
    Prepared,
    assert_no_secret,
    prepare_database,
    query,
)

PEOPLE = 240
CONCURRENCY = 48
STOP_AFTER = PEOPLE // 3  # answers acknowledged before the signal


def people(prefix: str = "U-burst", count: int = PEOPLE) -> list[str]:
    return [f"{prefix}-{n:03d}" for n in range(count)]


async def answer_all(
    bot: BotProcess, web_api, prepared: Prepared, users: list[str], statuses: dict[str, int] | None = None
) -> dict[str, int]:
    """Every person answers the open post at once; the HTTP status per person (0: no answer came back),
    filled in as the answers arrive."""
    statuses = {} if statuses is None else statuses
    connector = aiohttp.TCPConnector(limit=CONCURRENCY)
    timeout = aiohttp.ClientTimeout(total=20)
    async with aiohttp.ClientSession(connector=connector, timeout=timeout) as session:

        async def one(user: str) -> None:
            body = payloads.daily_answer(Sender(user), prepared.post_id, prepared.question, web_api.response_url(user))
            statuses[user] = await bot.post(session, body)

        await asyncio.gather(*(one(user) for user in users))
    return statuses


async def signal_after(bot: BotProcess, statuses: dict[str, int], acknowledged: int, sig: signal.Signals) -> float:
    """Send `sig` once `acknowledged` answers got HTTP 200; returns when it was sent (monotonic)."""
    deadline = time.monotonic() + 30
    while sum(status == 200 for status in statuses.values()) < acknowledged:
        assert time.monotonic() < deadline, f"only {len(statuses)} answers came back: {bot.output()}"
        await asyncio.sleep(0.002)
    bot.send(sig)
    return time.monotonic()


async def burst_with_signal(bot, web_api, prepared, sig) -> tuple[dict[str, int], float]:
    statuses: dict[str, int] = {}
    sender = asyncio.create_task(signal_after(bot, statuses, STOP_AFTER, sig))
    answered = asyncio.create_task(answer_all(bot, web_api, prepared, people(), statuses))
    try:
        sent_at = await sender
        await answered
    finally:
        answered.cancel()
        sender.cancel()
    return statuses, sent_at


def stored_answerers(db_path, post_id: int) -> list[str]:
    rows = query(
        db_path,
        "SELECT u.external_id FROM attempts a JOIN users u ON u.id = a.user_id WHERE a.post_id = ?",
        post_id,
    )
    return [user for (user,) in rows]


def assert_database_sound(db_path) -> None:
    assert query(db_path, "PRAGMA integrity_check") == [("ok",)]
    assert query(db_path, "PRAGMA quick_check") == [("ok",)]
    assert query(db_path, "PRAGMA foreign_key_check") == []
    twice = query(
        db_path,
        "SELECT post_id, user_id FROM attempts WHERE post_id IS NOT NULL GROUP BY post_id, user_id HAVING COUNT(*) > 1",
    )
    assert twice == []


def channel_totals(db_path, channel_id: int) -> tuple[int, int]:
    """(answers, points) in the channel's all-time leaderboard rows, kept in each answer's transaction."""
    [(answered, points)] = query(
        db_path,
        "SELECT COALESCE(SUM(answered), 0), COALESCE(SUM(points), 0) FROM scores "
        "WHERE channel_id = ? AND season_key = 'all'",
        channel_id,
    )
    return answered, points


async def test_sigkill_mid_burst_loses_no_acknowledged_answer_and_the_restart_serves(tmp_path, bot_process, web_api):
    db_path = tmp_path / "quiz.db"
    prepared = await prepare_database(db_path)
    bot = bot_process(db_path)
    await bot.start()

    statuses, _ = await burst_with_signal(bot, web_api, prepared, signal.SIGKILL)

    assert await bot.wait_exit(10) == -signal.SIGKILL
    acknowledged = {user for user, status in statuses.items() if status == 200}
    assert STOP_AFTER <= len(acknowledged) < PEOPLE, "the kill did not land in the middle of the burst"
    stored = stored_answerers(db_path, prepared.post_id)
    assert acknowledged <= set(stored)
    assert len(stored) == len(set(stored))
    assert_database_sound(db_path)
    answers, points = channel_totals(db_path, prepared.channel_id)
    assert answers == len(stored) and points == 10 * len(stored)

    await bot.start()  # the same database, the same port
    retried = await answer_all(bot, web_api, prepared, people())  # everyone clicks again

    assert set(retried.values()) == {200}
    stored = stored_answerers(db_path, prepared.post_id)
    assert sorted(stored) == people()
    assert channel_totals(db_path, prepared.channel_id) == (PEOPLE, 10 * PEOPLE)
    first = sorted(acknowledged)[0]
    await web_api.wait_until(lambda: len(web_api.replies.get(first, [])) >= 2, timeout=10)
    assert "first answer stands" in web_api.replies[first][-1]["text"]
    assert_database_sound(db_path)
    assert_no_secret(bot.output())


async def test_sigterm_mid_burst_exits_zero_soon_and_keeps_every_acknowledged_answer(tmp_path, bot_process, web_api):
    db_path = tmp_path / "quiz.db"
    prepared = await prepare_database(db_path)
    bot = bot_process(db_path)
    await bot.start()

    statuses, sent_at = await burst_with_signal(bot, web_api, prepared, signal.SIGTERM)

    assert await bot.wait_exit(10) == 0, bot.output()
    assert time.monotonic() - sent_at < 5
    acknowledged = {user for user, status in statuses.items() if status == 200}
    assert STOP_AFTER <= len(acknowledged) < PEOPLE, "the stop did not land in the middle of the burst"
    assert acknowledged <= set(stored_answerers(db_path, prepared.post_id))
    assert_database_sound(db_path)
    reopened = open_db(db_path)  # migrations run again on a database a stop left behind
    try:
        assert reopened.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert reopened.execute("SELECT id FROM posts WHERE status = 'pending'").fetchall() == []
    finally:
        reopened.conn.close()
    assert_no_secret(bot.output())


async def test_sigterm_while_a_daily_post_is_in_flight_leaves_no_pending_post(tmp_path, bot_process, web_api):
    db_path = tmp_path / "quiz.db"
    await prepare_database(db_path, channels=("C-general", "C-second"))
    web_api.admins.add(ADMIN.user)
    web_api.gate = asyncio.Event()  # Slack is slow to answer chat.postMessage
    bot = bot_process(db_path)
    admin = Sender(ADMIN.user, channel="C-second")
    await bot.start()
    async with aiohttp.ClientSession() as session:
        assert await bot.post(session, payloads.slash(admin, "daily post-now", web_api.response_url("first"))) == 200
    await web_api.wait_until(lambda: web_api.posts_received == 1, timeout=10)

    bot.send(signal.SIGTERM)
    asyncio.get_running_loop().call_later(0.5, web_api.release)  # Slack answers half a second later
    assert await bot.wait_exit(10) == 0, bot.output()
    await bot.start()
    async with aiohttp.ClientSession() as session:
        assert await bot.post(session, payloads.slash(admin, "daily post-now", web_api.response_url("again"))) == 200
    await web_api.wait_until(lambda: "again" in web_api.replies, timeout=10)

    assert web_api.posts_received == 1, "the day's question was posted twice"
    statuses = query(
        db_path,
        "SELECT p.status FROM posts p JOIN channels c ON c.id = p.channel_id WHERE c.external_id = 'C-second'",
    )
    assert statuses == [("open",)]
