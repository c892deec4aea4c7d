"""Fan-out: 1,000 channels (500 Slack, 500 Discord) whose daily question is due in the same minute.

The bot process holds the project's real services over a real SQLite file, with both real posters: the
Slack one (bot.slack.app.build_slack_bot, its WebClient pointed at a fake Web API) and the Discord one
(bot.discord.client.create_bot, logged in with discord.py's `Route.BASE` pointed at a fake REST API).
A second process runs both fake APIs on 127.0.0.1, and they enforce rate limits the way the platforms
answer them, with HTTP 429 and a retry delay:

Slack, chat.postMessage (per app and workspace; all 500 channels are in one workspace):
  - per channel: 1 message per second, a burst of 2 (Slack's documented "1 per second per channel,
    short bursts allowed");
  - workspace-wide: 10 messages per second (600 a minute) with a burst of 20. Slack documents that this
    limit exists but not its size ("several hundred a minute" is the usual reading); --slack-rate and
    --slack-burst change it.
  - a refused call gets HTTP 429, {"ok": false, "error": "ratelimited"} and `Retry-After: <whole seconds>`
    (at least 1), the time until the limit lets a message through again.
Discord (per bot token):
  - global: 50 requests per second (fixed one-second windows, counted from the first request after the
    trigger); a refused call gets 429 with `X-RateLimit-Global: true`, `X-RateLimit-Scope: global`,
    `Retry-After` and {"retry_after": <seconds to the window's end>, "global": true};
  - per channel, POST /channels/<id>/messages: 5 per 5 seconds, announced in the X-RateLimit-* headers
    of every answer (as Discord does) and refused with a `X-RateLimit-Scope: user` 429 beyond that.
  Every 429 carries `Via: 1.1 google`, as Discord's do (discord.py treats a 429 without it as a
  Cloudflare ban).

The trigger is what the scheduler does at that minute: its job function (DailyScheduler._fire, which
calls DailyService.post_daily) runs for every channel at once. Figures: per platform, the time from the
trigger until the fake API accepted the last post, against the floor the limits allow if every post
were sent at the best moment (Slack: (500 - burst) / rate; Discord: one window per 50 posts, the last
window opening 9 s in); posts lost (a channel with no accepted post; in the database a post that is not
open) and duplicated (a channel with more than one accepted post; in the database more than one post
for the channel and date); how many 429s were answered.

With `--answers N` (default 2,000) a Discord answer burst (the discord_burst benchmark's load: N people
press an answer button of one more channel's open daily post, a closed loop of 100) runs once alone
before the trigger and once more, on N new people, from the moment of the trigger: the answers/s during
the fan-out against alone show what the posting costs the people answering.

`--workspaces W` spreads the Slack channels over W workspaces (each its own token, as an OAuth install
gives, and its own workspace-wide limit) and `--guilds G` the Discord channels over G servers (one bot
token: one global limit). The 10,000-channel figure: `--channels 5000 --workspaces 100 --guilds 1000
--answers 0`.

Targets: time to the last post within 1.3x the floor (`--target`), 0 lost, 0 duplicated; answers during
the fan-out >= 80 % of alone. The run exits 1 if a post or an answer was lost or duplicated (timings are
only printed). `--quick` (CI smoke): 20 channels per platform, 100 answers, no timing checked.

`--what-if NAME[,NAME]`, applied in this process only (nothing under bot/ is edited):
  patient-429     bot/slack/api.py: slack_sdk keeps retrying a 429 after its Retry-After (200 times, not 3)
  one-at-a-time   bot/slack/poster.py: one chat.postMessage in flight per workspace (with patient-429)
  discord-paced   bot/discord/poster.py: at most 50 posts started per 1.05 s, Discord's documented global
                  limit with a little room (discord.py only learns of the global limit from a 429)

Run: .venv/bin/python -m bench.fanout [--channels 500] [--workspaces 1] [--guilds 1] [--answers 2000]
                                     [--slack-rate 10] [--slack-burst 20] [--profile] [--quick]
                                     [--what-if patient-429,one-at-a-time,discord-paced]
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import json
import math
import random
import re
import tempfile
import time
from collections import Counter, defaultdict
from multiprocessing.connection import Connection
from pathlib import Path

from aiohttp import web

from bench.burstkit import (
    HELPER_DEADLINE,
    LOOPBACK,
    LogCounter,
    Profiled,
    discord_application,
    discord_bot_user,
    discord_callback_reply,
    discord_message,
    machine,
    receive,
    run_with_helper,
    single_select_seed,
)

SLACK_TOKEN = "xoxb-bench-fanout"
SLACK_TEAM = "T-fanout"
DISCORD_TOKEN = "bench-fanout-token.not-a-secret"
APPLICATION_ID = 1390000000000000001
GUILD_ID = 1290000000000000001
FIRST_DISCORD_CHANNEL = 1290000000000100000
API_PREFIX = "/api/v10"
SLACK_CHANNEL_RATE, SLACK_CHANNEL_BURST = 1.0, 2
DISCORD_GLOBAL = 50  # per second
DISCORD_CHANNEL_LIMIT, DISCORD_CHANNEL_WINDOW = 5, 5.0
FANOUT_TIMEOUT = 150.0
WHAT_IFS = ("patient-429", "one-at-a-time", "discord-paced")


# =============================================================================================
# The platforms' side (helper process): two fake APIs with rate limits
# =============================================================================================
class TokenBucket:
    """`capacity` requests at once, refilled at `rate` per second."""

    def __init__(self, rate: float, capacity: float) -> None:
        self.rate, self.capacity = rate, capacity
        self.tokens, self.stamp = capacity, None

    def wait(self, now: float) -> float:
        """Seconds until a request may pass (0.0: now)."""
        if self.stamp is not None:
            self.tokens = min(self.capacity, self.tokens + (now - self.stamp) * self.rate)
        self.stamp = now
        return 0.0 if self.tokens >= 1 else (1 - self.tokens) / self.rate

    def take(self) -> None:
        self.tokens -= 1


class FixedWindow:
    """`limit` requests per window of `seconds`; the first window opens at the first request."""

    def __init__(self, limit: int, seconds: float) -> None:
        self.limit, self.seconds = limit, seconds
        self.opened: float | None = None
        self.used = 0

    def wait(self, now: float) -> float:
        if self.opened is None:
            self.opened = now
        elif now - self.opened >= self.seconds:
            self.opened += self.seconds * math.floor((now - self.opened) / self.seconds)
            self.used = 0
        return 0.0 if self.used < self.limit else self.opened + self.seconds - now

    def take(self) -> None:
        self.used += 1

    def reset_after(self, now: float) -> float:
        return max(0.0, (self.opened or now) + self.seconds - now)


class Platforms:
    def __init__(self, slack_rate: float, slack_burst: int) -> None:
        self.slack_rate, self.slack_burst = slack_rate, slack_burst
        self.ids = itertools.count(1490000000000000001)
        self.ts = itertools.count(1)
        self.arm()
        self._runner: web.AppRunner | None = None
        self.port = 0

    def arm(self) -> None:
        """Fresh limits and counters, just before the trigger."""
        self.workspaces: dict[str, TokenBucket] = {}
        self.slack_channels: dict[str, TokenBucket] = {}
        self.global_window = FixedWindow(DISCORD_GLOBAL, 1.0)
        self.discord_channels: dict[int, FixedWindow] = {}
        self.accepted: dict[str, list[tuple[str, str, float]]] = {"slack": [], "discord": []}  # channel, ref, when
        self.refused: Counter[str] = Counter()
        self.calls: Counter[str] = Counter()
        self.arrived: dict[int, float] = getattr(self, "arrived", {})  # interaction id -> callback arrival
        self.last_message: dict[int, dict] = getattr(self, "last_message", {})  # Discord channel -> message

    async def start(self) -> None:
        application = web.Application()
        application.router.add_route("*", "/slack/api/{method}", self.slack)
        application.router.add_route("*", API_PREFIX + "/{tail:.*}", self.discord)
        self._runner = web.AppRunner(application, access_log=None)
        await self._runner.setup()
        await web.TCPSite(self._runner, LOOPBACK, 0).start()
        self.port = self._runner.addresses[0][1]

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()

    # -- Slack -------------------------------------------------------------------------------
    async def slack(self, request: web.Request) -> web.Response:
        method = request.match_info["method"]
        params = await request.json() if request.content_type == "application/json" else dict(await request.post())
        team = slack_team_of(request.headers.get("Authorization", ""))
        if team is None:
            return web.json_response({"ok": False, "error": "invalid_auth"})
        if method == "auth.test":
            return web.json_response({"ok": True, "team_id": team, "user_id": "U-BOT", "bot_id": "B-BOT"})
        if method != "chat.postMessage":
            return web.json_response({"ok": True})
        self.calls["slack chat.postMessage"] += 1
        channel, now = params["channel"], time.monotonic()
        bucket = self.slack_channels.setdefault(channel, TokenBucket(SLACK_CHANNEL_RATE, SLACK_CHANNEL_BURST))
        workspace = self.workspaces.setdefault(team, TokenBucket(self.slack_rate, self.slack_burst))
        wait = max(workspace.wait(now), bucket.wait(now))
        if wait > 0:
            self.refused["slack 429"] += 1
            retry_after = max(1, math.ceil(wait))
            return web.json_response(
                {"ok": False, "error": "ratelimited"}, status=429, headers={"Retry-After": str(retry_after)}
            )
        workspace.take()
        bucket.take()
        ts = f"1700000000.{next(self.ts):06d}"
        self.accepted["slack"].append((channel, f"{channel}:{ts}", now))
        return web.json_response({"ok": True, "channel": channel, "ts": ts, "message": {"ts": ts}})

    # -- Discord -----------------------------------------------------------------------------
    async def discord(self, request: web.Request) -> web.Response:
        path = request.path.removeprefix(API_PREFIX)
        body = await request.json() if request.content_type == "application/json" else None
        if match := re.fullmatch(r"/interactions/(\d+)/[^/]+/callback", path):  # not rate limited, no bot token
            self.arrived[int(match[1])] = time.monotonic()
            return discord_json(discord_callback_reply(match[1], body, self.message(0, body.get("data") or {})))
        if request.headers.get("Authorization") != f"Bot {DISCORD_TOKEN}":
            return discord_json({"message": "401: Unauthorized", "code": 0}, 401)
        if path == "/users/@me":
            return discord_json(BOT_USER)
        if path == "/oauth2/applications/@me":
            return discord_json(APPLICATION)
        if re.fullmatch(r"/applications/\d+(/guilds/\d+)?/commands", path):
            return discord_json([{**c, "id": str(next(self.ids)), "application_id": str(APPLICATION_ID)} for c in body])
        match = re.fullmatch(r"/channels/(\d+)/messages", path)
        if not match or request.method != "POST":
            return discord_json({"message": "404: Not Found", "code": 0}, 404)
        self.calls["discord POST /channels/<id>/messages"] += 1
        channel, now = int(match[1]), time.monotonic()
        route = self.discord_channels.setdefault(channel, FixedWindow(DISCORD_CHANNEL_LIMIT, DISCORD_CHANNEL_WINDOW))
        wait = self.global_window.wait(now)
        if wait > 0:
            self.refused["discord 429 global"] += 1
            return too_many(wait, scope="global")
        wait = route.wait(now)
        if wait > 0:
            self.refused["discord 429 per channel"] += 1
            return too_many(wait, scope="user", route=route, now=now)
        self.global_window.take()
        route.take()
        message = self.message(channel, body)
        self.last_message[channel] = message
        self.accepted["discord"].append((str(channel), f"{channel}:{message['id']}", now))
        return discord_json(message, headers=route_headers(route, now))

    def message(self, channel_id: int, body: dict) -> dict:
        return discord_message(next(self.ids), channel_id, body, BOT_USER)


BOT_USER = discord_bot_user(APPLICATION_ID)
APPLICATION = discord_application(APPLICATION_ID, BOT_USER)


def slack_token(team: str) -> str:
    return f"{SLACK_TOKEN}-{team}"


def slack_team_of(authorization: str) -> str | None:
    """The workspace a bearer token of ours speaks for (each workspace has its own token and limits)."""
    prefix = f"Bearer {SLACK_TOKEN}-"
    return authorization.removeprefix(prefix) if authorization.startswith(prefix) else None


class TokenPerWorkspace:
    """The bot's TokenSource here: each workspace's own token, as the OAuth installations give them."""

    async def __call__(self, workspace: str) -> str:
        return slack_token(workspace)


def discord_json(payload, status: int = 200, headers: dict | None = None) -> web.Response:
    """Exactly `application/json`, as Discord answers (discord.py compares the header literally)."""
    return web.Response(
        body=json.dumps(payload).encode(),
        status=status,
        headers={"Content-Type": "application/json", "Via": "1.1 google", **(headers or {})},
    )


def route_headers(route: FixedWindow, now: float) -> dict[str, str]:
    reset_after = route.reset_after(now)
    return {
        "X-RateLimit-Limit": str(route.limit),
        "X-RateLimit-Remaining": str(max(0, route.limit - route.used)),
        "X-RateLimit-Reset": f"{time.time() + reset_after:.3f}",
        "X-RateLimit-Reset-After": f"{reset_after:.3f}",
        "X-RateLimit-Bucket": "bench-channel-messages",
    }


def too_many(wait: float, *, scope: str, route: FixedWindow | None = None, now: float = 0.0) -> web.Response:
    is_global = scope == "global"
    headers = {"Retry-After": str(max(1, math.ceil(wait))), "X-RateLimit-Scope": scope}
    if is_global:
        headers["X-RateLimit-Global"] = "true"
    elif route is not None:
        headers |= route_headers(route, now)
    body = {"message": "You are being rate limited.", "retry_after": round(wait, 3), "global": is_global, "code": 0}
    return discord_json(body, 429, headers)


def platforms_side(conn: Connection) -> None:
    asyncio.run(_platforms_side(conn))


async def _platforms_side(conn: Connection) -> None:
    setup = await receive(conn, 60)
    deadline = setup.get("deadline", HELPER_DEADLINE)
    platforms = Platforms(setup["slack_rate"], setup["slack_burst"])
    await platforms.start()
    base = f"http://{LOOPBACK}:{platforms.port}"
    conn.send({"slack": base + "/slack/api/", "discord": base + API_PREFIX})
    give_up = time.monotonic() + deadline
    try:
        while time.monotonic() < give_up:
            try:
                message = await receive(conn, give_up - time.monotonic())
            except (TimeoutError, EOFError, OSError):
                break
            if message["cmd"] == "message":
                conn.send(platforms.last_message.get(message["channel"]))
            elif message["cmd"] == "arrivals":
                conn.send(dict(platforms.arrived))
                platforms.arrived.clear()
            elif message["cmd"] == "arm":
                platforms.arm()
                conn.send({"armed": True})
            elif message["cmd"] == "report":
                conn.send(
                    {"accepted": platforms.accepted, "refused": dict(platforms.refused), "calls": dict(platforms.calls)}
                )
            else:
                break
    finally:
        await platforms.stop()


# =============================================================================================
# The bot's side (this process)
# =============================================================================================
def be_patient_with_429() -> None:
    import bot.slack.api

    bot.slack.api.RATE_LIMIT_RETRIES = 200


def one_post_at_a_time_per_workspace() -> None:
    from bot.slack.poster import SlackPoster

    locks: dict[str, asyncio.Lock] = {}
    post_question = SlackPoster.post_question

    async def queued(self, channel, view):
        async with locks.setdefault(channel.workspace, asyncio.Lock()):
            return await post_question(self, channel, view)

    SlackPoster.post_question = queued


def pace_discord_posts(per_window: int = DISCORD_GLOBAL, window: float = 1.05) -> None:
    from bot.discord.poster import DiscordPoster

    started: list[float] = []  # start times of the posts in the current window
    gate = asyncio.Lock()
    post_question = DiscordPoster.post_question

    async def paced(self, channel, view):
        async with gate:
            now = time.monotonic()
            started[:] = [t for t in started if now - t < window]
            if len(started) >= per_window:
                await asyncio.sleep(started[0] + window - now)
                started[:] = started[1:]
            started.append(time.monotonic())
        return await post_question(self, channel, view)

    DiscordPoster.post_question = paced


def floors(args: argparse.Namespace) -> dict[str, float]:
    """Seconds from the trigger to the last post if every post went at the best moment: Slack's limit is per
    workspace (they post in parallel), Discord's global one is per bot, whatever the guild."""
    per_workspace = math.ceil(args.channels / args.workspaces)
    return {
        "slack": max(0.0, (per_workspace - args.slack_burst) / args.slack_rate),
        "discord": float(max(0, math.ceil(args.channels / DISCORD_GLOBAL) - 1)),
    }


def slack_team(number: int) -> str:
    return SLACK_TEAM if number == 0 else f"{SLACK_TEAM}-{number:04d}"


async def bot_side(conn: Connection, args: argparse.Namespace) -> int:
    import discord
    from pydantic import SecretStr

    from bench import discord_burst
    from bot.app import build_app
    from bot.config import DiscordSettings, Settings, SlackSettings
    from bot.discord.client import create_bot
    from bot.services.context import ChannelTarget
    from bot.services.identity import Member
    from bot.slack.poster import SlackPoster
    from questions.bank import load_bank

    logs = LogCounter().install()
    limit = floors(args)
    timeout = max(FANOUT_TIMEOUT, 2 * max(limit.values()) + 60)
    conn.send({"slack_rate": args.slack_rate, "slack_burst": args.slack_burst, "deadline": timeout + 120})
    urls = await receive(conn, 60)
    discord.http.Route.BASE = urls["discord"]
    if "patient-429" in args.what_if or "one-at-a-time" in args.what_if:
        be_patient_with_429()
    if "one-at-a-time" in args.what_if:
        one_post_at_a_time_per_workspace()
    if "discord-paced" in args.what_if:
        pace_discord_posts()

    answers: dict[str, discord_burst.Figures] = {}
    with tempfile.TemporaryDirectory(prefix="fanout-") as tmp:
        settings = Settings(
            _env_file=None,
            db_path=Path(tmp) / "quiz.db",
            slack=SlackSettings(signing_secret="unused-here"),
            discord=DiscordSettings(token=SecretStr(DISCORD_TOKEN), dev_guild_id=GUILD_ID),
        )
        bank = load_bank()
        # retry delays as in production (1, 2, 4 s); the first pick (the answers' channel) is single-select
        services = build_app(settings, bank=bank, rng=random.Random(single_select_seed(bank)))
        # the poster of an OAuth install: each workspace's own token (and its own rate limit)
        services.add_poster("slack", SlackPoster(TokenPerWorkspace(), base_url=urls["slack"]))
        tracker = discord_burst.Tracker()
        discord_bot = create_bot(services, settings, http_trace=tracker.config())
        services.scheduler.checkpoints.start()  # as the running bot's scheduler does
        try:
            await discord_bot.login(DISCORD_TOKEN)
            configured = time.monotonic()
            slack_admins = [
                Member("slack", slack_team(w), "U-admin", "admin", "fanout", is_admin=True)
                for w in range(args.workspaces)
            ]
            discord_admins = [
                Member("discord", str(GUILD_ID + g), "1190000000000099999", "admin", "fanout", is_admin=True)
                for g in range(args.guilds)
            ]
            press = None
            if args.answers:  # its channel first: the bank's first pick is a single-select question (buttons)
                press = await answer_burst_setup(
                    conn, args, services, discord_bot, tracker, discord_admins[0], discord_burst
                )
                if isinstance(press, int):
                    return press
            for number in range(args.channels):
                for admin, ref in (
                    (slack_admins[number % args.workspaces], f"C{number:05d}"),
                    (discord_admins[number % args.guilds], str(FIRST_DISCORD_CHANNEL + number)),
                ):
                    services.daily_setup.configure(
                        admin, ChannelTarget(ref), local_time="09:00", timezone="UTC", weekdays="daily"
                    )
            configured = time.monotonic() - configured
            answers_channel = str(discord_burst.CHANNEL_ID)
            schedules = [s for s in services.daily.schedules.all() if s.channel_id_on_platform != answers_channel]

            if press is not None:
                answers["alone"] = await press("answer burst alone (before the fan-out)", 0)

            conn.send({"cmd": "arm"})
            await receive(conn)
            trigger = time.monotonic()
            with Profiled(args.profile) as profiled:
                fanout = asyncio.gather(*(services.scheduler._fire(s.channel_id) for s in schedules))
                if press is not None:
                    answers["during"] = await press("answer burst during the fan-out", args.answers)
                await asyncio.wait_for(fanout, timeout)
            finished = time.monotonic() - trigger
            conn.send({"cmd": "report"})
            report = await receive(conn)
        finally:
            await discord_bot.close()
        db = services.context.db
        rows = db.execute(
            """SELECT w.platform, c.external_id, p.status, p.message_ref FROM posts p
               JOIN channels c ON c.id = p.channel_id JOIN workspaces w ON w.id = c.workspace_id
               WHERE c.external_id != ?""",
            [str(discord_burst.CHANNEL_ID)],
        ).fetchall()
        doubled = db.execute(
            "SELECT COUNT(*) FROM (SELECT 1 FROM posts GROUP BY channel_id, local_date HAVING COUNT(*) > 1)"
        ).fetchone()[0]
        stored, people = db.execute(
            """SELECT COUNT(*), COUNT(DISTINCT a.user_id) FROM attempts a JOIN posts p ON p.id = a.post_id
               JOIN channels c ON c.id = p.channel_id WHERE c.external_id = ?""",
            [str(discord_burst.CHANNEL_ID)],
        ).fetchone()
        db.conn.close()

    print("Fan-out of the daily question" + (" (--quick: small counts, figures not meaningful)" if args.quick else ""))
    print(f"machine: {machine()}")
    print(
        f"channels: {args.channels:,} Slack in {args.workspaces:,} workspace(s) + {args.channels:,} Discord in "
        f"{args.guilds:,} server(s), all due at 09:00; {len(schedules):,} schedules configured in {configured:.1f} s"
    )
    print(
        f"limits: Slack chat.postMessage {args.slack_rate:g}/s per workspace (burst {args.slack_burst}), "
        f"{SLACK_CHANNEL_RATE:g}/s per channel (burst {SLACK_CHANNEL_BURST}); Discord {DISCORD_GLOBAL}/s global, "
        f"{DISCORD_CHANNEL_LIMIT} per {DISCORD_CHANNEL_WINDOW:g} s per channel"
    )
    if args.what_if:
        print(f"what-if: {', '.join(args.what_if)}")
    print(f"all scheduler jobs returned after {finished:.1f} s")
    target = args.target
    print(f"{'':<9}{'last post':>11}{'floor':>9}{'x floor':>9}{'lost':>7}{'dup':>6}{'db open':>9}{'db not open':>13}")
    ok = True
    by_platform: dict[str, list[tuple]] = defaultdict(list)
    for platform, channel, status, ref in rows:
        by_platform[platform].append((channel, status, ref))
    for platform in ("slack", "discord"):
        accepted = [a for a in report["accepted"][platform] if a[0] != str(discord_burst.CHANNEL_ID)]
        per_channel = Counter(channel for channel, _, _ in accepted)
        lost = args.channels - len(per_channel)
        duplicated = sum(1 for count in per_channel.values() if count > 1)
        last = max((when for _, _, when in accepted), default=trigger) - trigger
        stored_posts = by_platform[platform]
        db_open = sum(1 for _, status, _ in stored_posts if status == "open")
        statuses = Counter(status for _, status, _ in stored_posts if status != "open")
        refs = {ref for _, ref, _ in accepted}
        stray = sum(1 for _, status, ref in stored_posts if status == "open" and ref not in refs)
        ratio = last / limit[platform] if limit[platform] else float("inf")
        print(
            f"{platform:<9}{last:>10.1f}s{limit[platform]:>8.1f}s{ratio:>9.2f}{lost:>7}{duplicated:>6}{db_open:>9}"
            f"{sum(statuses.values()):>13}  {dict(statuses) or ''}"
        )
        seconds = Counter(int(when - trigger) for _, _, when in accepted)
        timeline = " ".join(str(seconds.get(second, 0)) for second in range(int(last) + 1))
        print(f"  accepted in each second after the trigger: {timeline}")
        if stray:
            print(f"  {stray} open posts in the database point at a message the API never accepted")
        targets = [ratio <= target, lost == 0, duplicated == 0, db_open == args.channels, stray == 0]
        ok = ok and all(targets[1:])  # the exit code reports lost or duplicated posts, never a timing
        in_time = "met" if targets[0] and lost == 0 else "MISSED" if lost == 0 else "MISSED (posts were lost)"
        if args.quick:
            in_time = "not checked (--quick)"
        print(
            f"  targets: within {target:g}x the floor {in_time}; 0 lost "
            f"{'met' if targets[1] and targets[3] else 'MISSED'}; 0 duplicated {'met' if targets[2] else 'MISSED'}"
        )
    print(f"duplicate posts per channel and date in the database: {doubled}")
    print(f"API calls: {report['calls']}; refused with 429: {report['refused'] or 'none'}")
    if answers:
        print(f"Discord answer burst ({args.answers:,} people each, closed loop of {args.concurrency}):")
        for figures in answers.values():
            for line in figures.lines():
                print(line)
        ratio = answers["during"].rate / answers["alone"].rate if answers["alone"].rate else 0.0
        verdict = "" if args.quick else f"; target >= 80 %: {'met' if ratio >= 0.8 else 'MISSED'}"
        print(f"answers during the fan-out / alone: {100 * ratio:.1f} %{verdict}")
        expected = 2 * args.answers
        answers_ok = stored == expected and people == stored
        print(
            f"stored answers: {stored:,} of {people:,} people (expected exactly {expected:,}) "
            f"{'OK' if answers_ok else 'WRONG'}"
        )
        ok = ok and answers_ok
    print(f"bot log lines at WARNING and above: {logs.summary()}")
    if args.profile:
        print("\ncProfile of the bot process from the trigger until every job returned:")
        print(profiled.report())
    return 0 if ok else 1


async def answer_burst_setup(conn: Connection, args, services, discord_bot, tracker, admin, discord_burst):
    """An open daily post in one more Discord channel, and `press(label, first)`: a closed-loop burst of
    `--answers` people on it (the discord_burst benchmark's load). Returns 1 if the post could not be made."""
    from bot.services.context import ChannelTarget

    services.daily_setup.configure(
        admin,
        ChannelTarget(str(discord_burst.CHANNEL_ID), "answers"),
        local_time="09:00",
        timezone="UTC",
        weekdays="daily",
        open_hours=24,
    )
    channel = next(
        s.channel_id
        for s in services.daily.schedules.all()
        if s.channel_id_on_platform == str(discord_burst.CHANNEL_ID)
    )
    post = await services.daily.post_daily(channel, services.context.clock())
    conn.send({"cmd": "message", "channel": discord_burst.CHANNEL_ID})
    message = await receive(conn)
    if post is None or post.status != "open" or message is None:
        print(f"the answers' daily question could not be posted: {post}")
        return 1
    buttons = discord_burst.daily_buttons(message, post.id)
    ids = itertools.count(1590000000000000001)

    def presses(count: int, first: int) -> list[str]:
        return [
            json.dumps(discord_burst.interaction_payload(first + n, next(ids), message, buttons[n % len(buttons)]))
            for n in range(count)
        ]

    async def press(label: str, first: int):
        pressed, dispatched = await discord_burst.burst(
            discord_bot, tracker, presses(args.answers, first), args.concurrency
        )
        conn.send({"cmd": "arrivals"})
        arrived = {int(k): v for k, v in (await receive(conn)).items()}
        return discord_burst.Figures(label, pressed, dispatched, arrived, dict(tracker.statuses))

    warm = [raw.replace(f"quiz:daily:{post.id}:", "quiz:daily:999999:") for raw in presses(50, 10**6)]
    await discord_burst.burst(discord_bot, tracker, warm, args.concurrency)
    conn.send({"cmd": "arrivals"})
    await receive(conn)
    return press


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--channels", type=int, default=500, help="channels per platform")
    parser.add_argument("--workspaces", type=int, default=1, help="Slack workspaces the channels are spread over")
    parser.add_argument("--guilds", type=int, default=1, help="Discord servers the channels are spread over")
    parser.add_argument(
        "--answers", type=int, default=2000, help="people in the Discord answer burst alone and during (0: none)"
    )
    parser.add_argument("--concurrency", type=int, default=100, help="presses in flight in the answer burst")
    parser.add_argument("--target", type=float, default=1.3, help="target: last post within this many x the floor")
    parser.add_argument("--quick", action="store_true", help="CI smoke: 20 channels, 100 answers; no timing checked")
    parser.add_argument("--slack-rate", type=float, default=10.0, help="Slack workspace-wide posts per second")
    parser.add_argument("--slack-burst", type=int, default=20, help="Slack workspace-wide burst")
    parser.add_argument("--profile", action="store_true", help="cProfile the bot process during the fan-out")
    parser.add_argument("--what-if", default="", help=f"comma-separated, of: {', '.join(WHAT_IFS)}")
    args = parser.parse_args()
    args.what_if = [w for w in args.what_if.split(",") if w]
    if args.quick:
        args.channels, args.answers, args.concurrency = 20, min(args.answers, 100), 20
    if set(args.what_if) - set(WHAT_IFS):
        parser.error(f"--what-if takes {', '.join(WHAT_IFS)}")
    run_with_helper(platforms_side, bot_side, args)


if __name__ == "__main__":
    main()
