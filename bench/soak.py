"""Soak: many answers through both platforms' real clients in one bot process, day after day.

One process holds what `quizbot run` would: the project's services over one SQLite file, the real Bolt
app served by aiohttp (bot.slack.app.web_application, as `quizbot run slack --http`) and the real
discord.py client (bot.discord.client.create_bot, REST pointed at a fake), with WAL checkpoints in the
background as the running scheduler has them. Two helper processes play the platforms: the Slack one
of bench.slack_burst (fake Web API, response_url receiver, load generator of signed block_actions) and
the Discord one of bench.discord_burst (fake REST API receiving the interaction callbacks).

The daily questions are the bank's single-select ones (the load generators press buttons). Each round
is one day (the services' clock moves a day per round): yesterday's posts are revealed
(chat.update on Slack, a message edit and a reply on Discord), today's daily question is posted in one
Slack and one Discord channel, `--people` people answer it on each platform in a burst (100 in flight:
signed HTTP into the Bolt app, INTERACTION_CREATE payloads into the discord.py client), and in between,
through the same clients, five people on each platform practise (`/quiz practice` and a signed button
press on Slack; `/quiz` and a button press into the client on Discord) and one person takes a 15-question
exam to the end (`/quiz exam start 15`, a press per question, `/quiz exam submit` on Slack; `/exam start
size:15`, a press per question, the Submit button on Discord). Default: 50 rounds of 2,000 people, 100,000
daily answers per platform.

After each round the bot process's resident memory (VmRSS), open file descriptors and asyncio tasks
are read. The first `--warm-up` rounds fill caches; the figures after them must stay flat. Targets:
RSS grows by <= 10 MB after warm-up; open files (give or take the checkpoint's three) and asyncio tasks
never above their count after warm-up, sockets (keep-alive pools, sized by the load) within what the
pools allow; every answer stored once.
The run exits 1 when an answer is lost or stored twice, or a practice answer or an exam is missing
(memory figures are only printed).

Run: .venv/bin/python -m bench.soak [--rounds 50] [--people 2000] [--warm-up 5] [--quick]
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import itertools
import json
import os
import random
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from urllib.parse import urlencode

import aiohttp

os.environ.setdefault("BENCH_HELPER_DEADLINE", "1800")  # the helpers live as long as the soak (read on import)

from bench import discord_burst, slack_burst
from bench.burstkit import (
    LogCounter,
    discord_bot_user,
    discord_message,
    machine,
    receive,
    single_select_seed,
    start_helper,
    stop_helper,
)

START = datetime(2026, 6, 1, 9, 0, tzinfo=UTC)
SLACK_CHANNEL = slack_burst.CHANNEL
DISCORD_CHANNEL = discord_burst.CHANNEL_ID
EXAM_SIZE = 15


def single_select_only(bank):
    """The bank with its multiple-select questions retired: the load generators press answer buttons, and a
    multiple-select daily question has checkboxes (Slack) or a menu (Discord) instead."""
    from questions.bank import Bank

    questions = [q.model_copy(update={"retired": True}) if q.is_multiple else q for q in bank.all_questions]
    return Bank(questions, bank.syllabus)


def letters(question) -> list[str]:
    """As many of a bank question's options as it asks for, the first ones (right or wrong does not matter)."""
    return list(question.letters[: question.choose])


def resident_mb() -> float:
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def open_fds() -> tuple[int, int]:
    """(files, sockets) this process holds open: SQLite's files, pipes and the like; TCP connections."""
    files = sockets = 0
    for fd in os.listdir("/proc/self/fd"):
        try:
            target = os.readlink(f"/proc/self/fd/{fd}")
        except OSError:
            continue  # closed meanwhile (the listing's own fd)
        if target.startswith("socket:"):
            sockets += 1
        else:
            files += 1
    return files, sockets


LEARNER = 900_000  # Discord learners' numbers in discord_burst.interaction_payload, apart from the answerers
STEP_TIMEOUT = 10.0


async def until(read, timeout: float = STEP_TIMEOUT):
    """Poll `read()` (a database read) until it returns something truthy; the acknowledgement of a Slack
    command comes before its work, so what the work stores is waited for."""
    give_up = time.monotonic() + timeout
    while not (found := read()):
        if time.monotonic() > give_up:
            raise TimeoutError("the bot did not store what the request asked for in time")
        await asyncio.sleep(0.005)
    return found


class SlackPerson:
    """One person's signed requests into the Bolt app, as Slack sends a slash command or a button press."""

    def __init__(self, session, url: str, replies: str, user: str) -> None:
        self.session, self.url, self.replies, self.user = session, url, replies, user

    async def command(self, text: str) -> None:
        await self._post(
            urlencode(
                {
                    "token": "legacy-token-unused",
                    "team_id": slack_burst.TEAM,
                    "team_domain": slack_burst.TEAM_DOMAIN,
                    "channel_id": SLACK_CHANNEL,
                    "channel_name": "soak",
                    "user_id": self.user,
                    "user_name": self.user.lower(),
                    "command": "/quiz",
                    "text": text,
                    "api_app_id": "A-BENCH",
                    "response_url": f"{self.replies}/respond/0",
                    "trigger_id": "1.1.soak",
                }
            )
        )

    async def press(self, block_id: str, action_id: str, value: str) -> None:
        payload = {
            "type": "block_actions",
            "user": {
                "id": self.user,
                "username": self.user.lower(),
                "name": self.user.lower(),
                "team_id": slack_burst.TEAM,
            },
            "api_app_id": "A-BENCH",
            "token": "legacy-token-unused",
            "container": {"type": "message", "message_ts": "1700000000.000001", "channel_id": SLACK_CHANNEL},
            "trigger_id": "1.1.soak",
            "team": {"id": slack_burst.TEAM, "domain": slack_burst.TEAM_DOMAIN},
            "channel": {"id": SLACK_CHANNEL, "name": "soak"},
            "message": {"type": "message", "ts": "1700000000.000001", "text": "question"},
            "state": {"values": {}},
            "response_url": f"{self.replies}/respond/0",
            "actions": [{"type": "button", "block_id": block_id, "action_id": action_id, "value": value}],
        }
        await self._post(urlencode({"payload": json.dumps(payload)}))

    async def _post(self, body: str) -> None:
        timestamp = str(int(time.time()))
        headers = {
            "Content-Type": "application/x-www-form-urlencoded",
            "X-Slack-Request-Timestamp": timestamp,
            "X-Slack-Signature": slack_burst.sign(body, timestamp),
        }
        async with self.session.post(self.url, data=body, headers=headers) as response:
            await response.read()
            if response.status != 200:
                raise RuntimeError(f"the Bolt app answered {response.status} to {self.user}'s request")


class DiscordPerson:
    """One person's interactions dispatched into the discord.py client, each waited for until its callback
    reaches the fake API (the bot calls back after the work)."""

    def __init__(self, client, tracker, ids, number: int) -> None:
        self.client, self.tracker, self.ids, self.number = client, tracker, ids, number

    async def command(self, name: str, options: list[dict]) -> None:
        payload = discord_burst.interaction_payload(self.number, next(self.ids), {}, "")
        del payload["message"]
        payload["type"] = 2
        payload["data"] = {
            "id": str(next(self.ids)),
            "name": name,
            "type": 1,
            "guild_id": str(discord_burst.GUILD_ID),
            "options": options,
        }
        await self._deliver(payload)

    async def press(self, custom_id: str) -> None:
        body = {
            "components": [{"type": 1, "components": [{"type": 2, "style": 2, "label": "x", "custom_id": custom_id}]}]
        }
        message = discord_message(next(self.ids), DISCORD_CHANNEL, body, discord_bot_user(discord_burst.APPLICATION_ID))
        message["flags"] = 64  # ephemeral, as the bot's private messages are
        await self._deliver(discord_burst.interaction_payload(self.number, next(self.ids), message, custom_id))

    async def _deliver(self, payload: dict) -> None:
        interaction = int(payload["id"])
        self.client._connection.parse_interaction_create(json.loads(json.dumps(payload)))
        give_up = time.monotonic() + STEP_TIMEOUT
        while interaction not in self.tracker.returned:
            if time.monotonic() > give_up:
                raise TimeoutError(f"no interaction callback from the bot for {payload['type']=}")
            await asyncio.sleep(0.002)


def newest_ask(db, user_external_id: str, after: int):
    return db.execute(
        """SELECT a.id, a.question_id FROM asks a JOIN users u ON u.id = a.user_id
           WHERE u.external_id = ? AND a.id > ? ORDER BY a.id DESC LIMIT 1""",
        [user_external_id, after],
    ).fetchone()


def exam_in_progress(db, user_external_id: str):
    return db.execute(
        """SELECT e.id FROM exams e JOIN users u ON u.id = e.user_id
           WHERE u.external_id = ? AND e.status = 'in_progress'""",
        [user_external_id],
    ).fetchone()


def exam_questions(db, exam_id: int) -> list[tuple[int, str]]:
    return db.execute(
        "SELECT position, question_id FROM exam_items WHERE exam_id = ? ORDER BY position", [exam_id]
    ).fetchall()


async def practise(person, external_id: str, db, bank) -> None:
    """Ask for a practice question and answer it, through the platform's client."""
    before = db.execute("SELECT COALESCE(MAX(id), 0) FROM asks").fetchone()[0]
    if isinstance(person, SlackPerson):
        await person.command("practice")
    else:
        await person.command("quiz", [])
    ask_id, question_id = await until(lambda: newest_ask(db, external_id, before))
    letter = letters(bank.get(question_id))[0]
    if isinstance(person, SlackPerson):
        await person.press(f"answer:practice:{ask_id}", f"answer_single:{letter}", f"practice:{ask_id}:{letter}")
    else:
        await person.press(f"quiz:practice:{ask_id}:{letter}")
    await until(lambda: db.execute("SELECT 1 FROM attempts WHERE ask_id = ?", [ask_id]).fetchone())


async def sit_an_exam(person, external_id: str, db, bank) -> None:
    """Start a 15-question exam, answer every question and submit it, through the platform's client."""
    if isinstance(person, SlackPerson):
        await person.command(f"exam start {EXAM_SIZE}")
    else:
        await person.command(
            "exam", [{"name": "start", "type": 1, "options": [{"name": "size", "type": 4, "value": EXAM_SIZE}]}]
        )
    (exam_id,) = await until(lambda: exam_in_progress(db, external_id))
    for position, question_id in exam_questions(db, exam_id):
        letter = letters(bank.get(question_id))[0]
        if isinstance(person, SlackPerson):
            spot = f"exam:{exam_id}:{position}"
            await person.press(f"exam_answer:{spot}", f"exam_pick:{letter}", f"{spot}:{letter}")
        else:
            await person.press(f"quiz:exam:{exam_id}:{position}:{letter}")
    unanswered = "SELECT COUNT(*) FROM exam_items WHERE exam_id = ? AND chosen IS NULL"
    await until(lambda: db.execute(unanswered, [exam_id]).fetchone()[0] == 0)
    if isinstance(person, SlackPerson):
        await person.command("exam submit")
    else:
        await person.press(f"quiz:exam-submit:{exam_id}")
    submitted = "SELECT 1 FROM exams WHERE id = ? AND status = 'submitted'"
    await until(lambda: db.execute(submitted, [exam_id]).fetchone())


def task_name(task: asyncio.Task) -> str:
    return f"{task.get_name()} ({getattr(task.get_coro(), '__qualname__', '?')})"


class DayClock:
    """The services' clock: the round's day at 09:00 plus the real time since the round began."""

    def __init__(self) -> None:
        self.day = START
        self.since = time.monotonic()

    def next_day(self, number: int) -> None:
        self.day, self.since = START + timedelta(days=number), time.monotonic()

    def __call__(self) -> datetime:
        return self.day + timedelta(seconds=time.monotonic() - self.since)


async def bot_side(slack_conn, discord_conn, args: argparse.Namespace) -> int:
    import discord
    from pydantic import SecretStr

    from bot.app import build_app
    from bot.config import DiscordSettings, Settings, SlackSettings
    from bot.discord.client import create_bot
    from bot.services.context import ChannelTarget
    from bot.services.identity import Member
    from bot.slack.app import build_slack_bot, web_application
    from questions.bank import load_bank

    logs = LogCounter().install()
    slack_api = (await receive(slack_conn, 60))["api"]
    discord.http.Route.BASE = (await receive(discord_conn, 60))["base"]
    clock = DayClock()
    rounds: list[dict] = []
    expected = {"slack": 0, "discord": 0}
    with tempfile.TemporaryDirectory(prefix="soak-") as tmp:
        settings = Settings(
            _env_file=None,
            db_path=Path(tmp) / "quiz.db",
            slack=SlackSettings(signing_secret=slack_burst.SIGNING_SECRET, bot_token=slack_burst.BOT_TOKEN),
            discord=DiscordSettings(token=SecretStr(discord_burst.BOT_TOKEN), dev_guild_id=discord_burst.GUILD_ID),
        )
        bank = single_select_only(load_bank())
        services = build_app(settings, bank=bank, clock=clock, rng=random.Random(single_select_seed(bank)))
        slack_bot = build_slack_bot(settings, services, base_url=slack_api)
        services.add_poster("slack", slack_bot.poster)
        tracker = discord_burst.Tracker()
        discord_bot = create_bot(services, settings, http_trace=tracker.config())
        services.scheduler.checkpoints.start()
        runner, slack_url = await slack_burst.serve(web_application(slack_bot))
        ids = itertools.count(1590000000000000001)
        session = aiohttp.ClientSession()
        try:
            await discord_bot.login(discord_burst.BOT_TOKEN)
            channels = {}
            for platform, workspace, channel in (
                ("slack", slack_burst.TEAM, SLACK_CHANNEL),
                ("discord", str(discord_burst.GUILD_ID), str(DISCORD_CHANNEL)),
            ):
                admin = Member(
                    platform,
                    workspace,
                    "U-admin" if platform == "slack" else "1190000000000099999",
                    "admin",
                    "soak",
                    is_admin=True,
                )
                services.daily_setup.configure(
                    admin,
                    ChannelTarget(channel, "soak"),
                    local_time="09:00",
                    timezone="UTC",
                    weekdays="daily",
                    open_hours=20,
                )
                channels[platform] = next(
                    s.channel_id for s in services.daily.schedules.all() if s.channel_id_on_platform == channel
                )
            replies = slack_api.rsplit("/api", 1)[0]
            learners = [(SlackPerson(session, slack_url, replies, f"L{n}"), f"L{n}") for n in range(5)] + [
                (DiscordPerson(discord_bot, tracker, ids, LEARNER + n), str(discord_burst.FIRST_PERSON + LEARNER + n))
                for n in range(5)
            ]
            posts: dict[str, int] = {}
            started = time.monotonic()
            for number in range(args.rounds):
                clock.next_day(number)
                for post_id in posts.values():  # yesterday's question is revealed before today's
                    await services.daily.reveal(post_id)
                for platform, channel_id in channels.items():
                    post = await services.daily.post_daily(channel_id, clock())
                    if post is None or post.status != "open":
                        print(f"round {number + 1}: the {platform} daily question could not be posted: {post}")
                        return 1
                    posts[platform] = post.id
                # Slack: signed block_actions into the Bolt app, from the helper
                slack_conn.send(
                    {
                        "cmd": "burst",
                        "url": slack_url,
                        "kind": "answer",
                        "count": args.people,
                        "concurrency": args.concurrency,
                        "replies": True,
                        "rate": 0.0,
                        "first": 0,
                        "needs_post": True,
                    }
                )
                slack_result = await receive(slack_conn)
                if "error" in slack_result:
                    print(f"round {number + 1}: {slack_result['error']}")
                    return 1
                expected["slack"] += args.people
                # Discord: INTERACTION_CREATE presses into the client
                discord_conn.send({"cmd": "posted"})
                message = (await receive(discord_conn))[-1]
                buttons = discord_burst.daily_buttons(message, posts["discord"])
                pressed_ids = [next(ids) for _ in range(args.people)]
                presses = [
                    json.dumps(discord_burst.interaction_payload(n, pressed_ids[n], message, buttons[n % len(buttons)]))
                    for n in range(args.people)
                ]
                await discord_burst.burst(discord_bot, tracker, presses, args.concurrency)
                discord_conn.send({"cmd": "arrivals"})
                arrived = await receive(discord_conn)  # the learners' callbacks too: only the daily presses count
                arrived = {int(k): v for k, v in arrived.items()}
                arrived = {i: arrived[i] for i in pressed_ids if i in arrived}
                expected["discord"] += args.people
                # in between: practice for a few people on each platform and an exam to the end, through the clients
                for person, external_id in learners:
                    await practise(person, external_id, services.context.db, bank)
                await sit_an_exam(*learners[number % len(learners)], services.context.db, bank)
                gc.collect()
                await asyncio.sleep(0.5)  # connections the load generators just closed are closed here too
                files, sockets = open_fds()
                rounds.append(
                    {
                        "rss": resident_mb(),
                        "fds": files,
                        "sockets": sockets,
                        "tasks": len(asyncio.all_tasks()),
                        "task_names": sorted(map(task_name, asyncio.all_tasks())),
                        "slack": slack_result["reply_kinds"].get("recorded", 0),
                        "slack_ok": slack_result["statuses"].get("200", 0),
                        "discord": len(arrived),
                        "elapsed": time.monotonic() - started,
                    }
                )
                if args.verbose or (number + 1) % max(1, args.rounds // 10) == 0:
                    r = rounds[-1]
                    print(
                        f"round {number + 1:>3}: {r['elapsed']:6.0f} s, RSS {r['rss']:6.1f} MB, files {r['fds']:>3}, "
                        f"sockets {r['sockets']:>3}, "
                        f"tasks {r['tasks']:>3}, recorded Slack {r['slack']:,} Discord {r['discord']:,}",
                        flush=True,
                    )
        finally:
            await session.close()
            await runner.cleanup()
            await discord_bot.close()
            services.scheduler.checkpoints.stop()
        db = services.context.db
        stored = {}
        for platform, channel_id in channels.items():
            stored[platform] = db.execute(
                """SELECT COUNT(*), COUNT(DISTINCT a.post_id || ':' || a.user_id) FROM attempts a
                   JOIN posts p ON p.id = a.post_id WHERE p.channel_id = ?""",
                [channel_id],
            ).fetchone()
        exams = db.execute("SELECT COUNT(*) FROM exams WHERE status = 'submitted'").fetchone()[0]
        practice = db.execute("SELECT COUNT(*) FROM attempts WHERE mode IN ('practice', 'adaptive')").fetchone()[0]
        size = Path(settings.db_path).stat().st_size
        db.conn.close()

    total = time.monotonic() - started
    print("Soak" + (" (--quick: small counts, figures not meaningful)" if args.quick else ""))
    print(f"machine: {machine()}")
    print(
        f"{args.rounds} rounds (days) of {args.people:,} people answering on Slack and on Discord, "
        f"{args.concurrency} in flight; {total:.0f} s; {expected['slack'] + expected['discord']:,} answers, "
        f"{(expected['slack'] + expected['discord']) / total:,.0f}/s overall; {practice:,} practice answers, "
        f"{exams} exams submitted; database {size / 2**20:,.0f} MiB"
    )
    warm = rounds[min(args.warm_up, len(rounds)) - 1]
    last = rounds[-1]
    grown = last["rss"] - warm["rss"]
    peak_after = max(r["rss"] for r in rounds[args.warm_up - 1 :])
    print(
        f"after warm-up (round {args.warm_up}): RSS {warm['rss']:.1f} MB, files {warm['fds']}, tasks {warm['tasks']}; "
        f"at the end: RSS {last['rss']:.1f} MB (highest after warm-up {peak_after:.1f} MB), files {last['fds']}, "
        f"tasks {last['tasks']}"
    )
    # flat: no file descriptor (SQLite's files, pipes) more than after warm-up, no task more; sockets are
    # the keep-alive pools, whose size follows the load: they must stay within what the pools allow
    after = rounds[args.warm_up - 1 :]
    # (+3: the background checkpoint opens the database, its -wal and -shm for a moment every second)
    fds_flat = max(r["fds"] for r in after) <= warm["fds"] + 3
    tasks_flat = max(r["tasks"] for r in after) <= warm["tasks"]
    socket_bound = 3 * args.concurrency + 20  # the generators' and the bot's pools, both platforms
    sockets_bounded = max(r["sockets"] for r in after) <= socket_bound
    print(
        f"after warm-up: open files {min(r['fds'] for r in after)}-{max(r['fds'] for r in after)}, sockets "
        f"{min(r['sockets'] for r in after)}-{max(r['sockets'] for r in after)} (pools allow {socket_bound}), "
        f"asyncio tasks {min(r['tasks'] for r in after)}-{max(r['tasks'] for r in after)}"
    )
    print(f"asyncio tasks at the end: {', '.join(last['task_names'])}")
    if not args.quick:
        print(f"target RSS growth after warm-up <= 10 MB: {'met' if grown <= 10 else 'MISSED'} ({grown:+.1f} MB)")
        flat = fds_flat and tasks_flat and sockets_bounded
        print(f"target fds and asyncio tasks flat: {'met' if flat else 'MISSED'}")
    ok = practice == 10 * args.rounds and exams == args.rounds
    print(
        f"practice answers through the clients: {practice:,} (expected {10 * args.rounds:,}); exams submitted: "
        f"{exams} (expected {args.rounds}) {'OK' if ok else 'WRONG'}"
    )
    for platform in ("slack", "discord"):
        rows, distinct = stored[platform]
        fine = rows == distinct == expected[platform]
        ok = ok and fine
        print(
            f"stored {platform} answers: {rows:,} ({distinct:,} distinct post and person; expected exactly "
            f"{expected[platform]:,}) {'OK' if fine else 'WRONG'}"
        )
    missing_replies = sum(args.people - r["slack"] for r in rounds), sum(args.people - r["discord"] for r in rounds)
    print(f"'recorded' replies missing: Slack {missing_replies[0]}; callbacks missing: Discord {missing_replies[1]}")
    print(f"bot log lines at WARNING and above: {logs.summary()}")
    return 0 if ok else 1


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=50)
    parser.add_argument("--people", type=int, default=2000)
    parser.add_argument("--concurrency", type=int, default=100)
    parser.add_argument("--warm-up", type=int, default=5, help="rounds before the memory baseline is taken")
    parser.add_argument("--verbose", action="store_true", help="a line after every round")
    parser.add_argument("--quick", action="store_true", help="CI smoke: 4 rounds of 200 people")
    args = parser.parse_args()
    if args.quick:
        args.rounds, args.people, args.concurrency, args.warm_up = 4, 200, 20, 2
    started = time.monotonic()
    slack_process, slack_conn = start_helper(slack_burst.slack_side)
    discord_process, discord_conn = start_helper(discord_burst.discord_side)
    try:
        code = asyncio.run(bot_side(slack_conn, discord_conn, args))
    finally:
        stop_helper(slack_process, slack_conn)
        stop_helper(discord_process, discord_conn)
    print(f"(benchmark took {time.monotonic() - started:.0f} s)")
    sys.exit(code)


if __name__ == "__main__":
    main()
