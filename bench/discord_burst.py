"""Answer burst on the Discord path: 2,000 distinct people press an answer button of one open daily
question, as INTERACTION_CREATE component payloads dispatched into the client, at most 100 in flight.

The bot process runs the project's real discord.py client (bot.discord.client.create_bot over a real
SQLite file with one configured channel and one open daily post), logged in with `Route.BASE` pointed
at a fake Discord REST API in a second process on 127.0.0.1. Each payload is decoded from JSON and
handed to `client._connection.parse_interaction_create`, which is what discord.py does with a gateway
INTERACTION_CREATE. The load is a closed loop of 100 people: each presses again as soon as the response
to their last press is back, so 100 presses are always pending; a pending press waits (as it would in
the gateway socket's buffer) until the bot's event loop gets round to dispatching it.

Latency runs to the interaction callback (POST /interactions/<id>/<token>/callback) reaching the fake
API, which stamps the arrival with the machine-wide monotonic clock: from the dispatch into the client
(the bot's own work), and from the press (dispatch plus the wait before it, what the person sees). The
bot answers the callback only after the answer is committed. In the same run the same payloads go to a
minimal discord.py client whose dynamic button (same custom id template) only sends an ephemeral
"recorded": the ceiling. Afterwards the stored answers are counted: the run exits 1 unless there are
exactly as many as people.

Target: quiz bot >= 60 % of the ceiling's answers/s.

`--what-if card-id` builds new FSRS cards with a card_id (questions/review.py), in this process only, to
measure what avoiding fsrs.Card()'s time.sleep(0.001) would buy.

Run: .venv/bin/python -m bench.discord_burst [--users 2000] [--concurrency 100] [--profile] [--what-if card-id]
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import json
import random
import re
import statistics
import tempfile
import time
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
    give_cards_an_id,
    latency_line,
    machine,
    print_stored,
    receive,
    run_with_helper,
    single_select_seed,
)

API_PREFIX = "/api/v10"
BOT_TOKEN = "bench-discord-token.not-a-secret"
APPLICATION_ID = 1390000000000000001
GUILD_ID = 1290000000000000001
CHANNEL_ID = 1290000000000000010
FIRST_PERSON = 1190000000000000000
BOT_USER = discord_bot_user(APPLICATION_ID)
MEMBER_PERMISSIONS = 0x400 | 0x800 | 0x4000 | 0x8000 | 0x10000 | 0x80000000  # view/send/embed/attach/history/cmds
WARM_UP = 100
BURST_TIMEOUT = 120.0


def discord_json(payload) -> web.Response:
    """Exactly `application/json`, as Discord answers (discord.py compares the header literally)."""
    return web.Response(body=json.dumps(payload).encode(), headers={"Content-Type": "application/json"})


# =============================================================================================
# Discord's side (helper process): the REST API the client calls
# =============================================================================================
class DiscordSide:
    def __init__(self) -> None:
        self.ids = itertools.count(1490000000000000001)
        self.posted: list[dict] = []
        self.arrived: dict[int, float] = {}  # interaction id -> when its callback arrived
        self.port = 0
        self._runner: web.AppRunner | None = None

    async def start(self) -> None:
        application = web.Application()
        application.router.add_route("*", "/{tail:.*}", self.handle)
        self._runner = web.AppRunner(application, access_log=None)
        await self._runner.setup()
        await web.TCPSite(self._runner, LOOPBACK, 0).start()
        self.port = self._runner.addresses[0][1]

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()

    async def handle(self, request: web.Request) -> web.Response:
        path = request.path.removeprefix(API_PREFIX)
        body = await request.json() if request.content_type == "application/json" else None
        if match := re.fullmatch(r"/interactions/(\d+)/[^/]+/callback", path):
            self.arrived[int(match[1])] = time.monotonic()
            return discord_json(discord_callback_reply(match[1], body, self.message(0, body.get("data") or {})))
        if request.headers.get("Authorization") != f"Bot {BOT_TOKEN}":
            return web.json_response({"message": "401: Unauthorized", "code": 0}, status=401)
        if path == "/users/@me":
            return discord_json(BOT_USER)
        if path == "/oauth2/applications/@me":
            return discord_json(self.application())
        if re.fullmatch(r"/applications/\d+(/guilds/\d+)?/commands", path) and request.method == "PUT":
            return discord_json(
                [{**c, "id": str(next(self.ids)), "application_id": str(APPLICATION_ID), "version": "1"} for c in body]
            )
        if (match := re.fullmatch(r"/channels/(\d+)/messages/(\d+)", path)) and request.method == "PATCH":
            return discord_json({**self.message(int(match[1]), body), "id": match[2]})  # an edit (the reveal)
        if (match := re.fullmatch(r"/channels/(\d+)/messages", path)) and request.method == "POST":
            message = self.message(int(match[1]), body)
            self.posted.append(message)
            return discord_json(message)
        return web.json_response({"message": "404: Not Found", "code": 0}, status=404)

    def message(self, channel_id: int, body: dict) -> dict:
        return discord_message(next(self.ids), channel_id, body, BOT_USER)

    @staticmethod
    def application() -> dict:
        return discord_application(APPLICATION_ID, BOT_USER)


def discord_side(conn: Connection) -> None:
    asyncio.run(_discord_side(conn))


async def _discord_side(conn: Connection) -> None:
    side = DiscordSide()
    await side.start()
    conn.send({"base": f"http://{LOOPBACK}:{side.port}{API_PREFIX}"})
    give_up = time.monotonic() + HELPER_DEADLINE
    try:
        while time.monotonic() < give_up:
            try:
                message = await receive(conn, give_up - time.monotonic())
            except (TimeoutError, EOFError, OSError):
                break
            if message["cmd"] == "posted":
                conn.send(side.posted)
            elif message["cmd"] == "arrivals":
                conn.send(dict(side.arrived))
                side.arrived.clear()
            else:
                break
    finally:
        await side.stop()


# =============================================================================================
# The bot's side (this process)
# =============================================================================================
def daily_buttons(message: dict, post_id: int) -> list[str]:
    """The custom ids of a posted daily question's answer buttons."""
    return [
        c["custom_id"]
        for row in message["components"]
        for c in row["components"]
        if c.get("custom_id", "").startswith(f"quiz:daily:{post_id}:")
    ]


def interaction_payload(number: int, interaction_id: int, message: dict, custom_id: str) -> dict:
    """A button press as the gateway delivers it: a guild member (distinct per number) in the channel."""
    person = str(FIRST_PERSON + number)
    return {
        "id": str(interaction_id),
        "application_id": str(APPLICATION_ID),
        "type": 3,
        "data": {"custom_id": custom_id, "component_type": 2},
        "guild_id": str(GUILD_ID),
        "guild": {"id": str(GUILD_ID), "locale": "en-US", "features": []},
        "channel_id": str(CHANNEL_ID),
        "channel": {
            "id": str(CHANNEL_ID),
            "type": 0,
            "guild_id": str(GUILD_ID),
            "name": "ml-study",
            "position": 1,
            "permission_overwrites": [],
            "nsfw": False,
            "parent_id": None,
            "topic": None,
            "last_message_id": None,
            "rate_limit_per_user": 0,
            "flags": 0,
        },
        "member": {
            "user": {
                "id": person,
                "username": f"p{number}",
                "global_name": f"Person {number}",
                "discriminator": "0",
                "avatar": None,
                "public_flags": 0,
            },
            "roles": [],
            "permissions": str(MEMBER_PERMISSIONS),
            "joined_at": "2026-01-05T10:00:00.000000+00:00",
            "premium_since": None,
            "nick": None,
            "avatar": None,
            "deaf": False,
            "mute": False,
            "pending": False,
            "flags": 0,
            "communication_disabled_until": None,
        },
        "message": message,
        "token": f"bench-interaction-token-{interaction_id}",
        "version": 1,
        "app_permissions": str(MEMBER_PERMISSIONS),
        "locale": "en-US",
        "guild_locale": "en-US",
        "entitlements": [],
        "authorizing_integration_owners": {"0": str(GUILD_ID)},
        "context": 0,
        "attachment_size_limit": 10485760,
    }


class Tracker:
    """Sees every request a client's HTTP session finishes (aiohttp trace hooks): each interaction
    callback that comes back is a person who presses again, at that moment."""

    def __init__(self) -> None:
        self.presses: asyncio.Queue[float] = asyncio.Queue()
        self.returned: dict[int, float] = {}
        self.statuses: dict[str, int] = {}

    def config(self):
        import aiohttp

        trace = aiohttp.TraceConfig()
        trace.on_request_end.append(self._ended)
        trace.on_request_exception.append(self._failed)
        return trace

    def _interaction(self, url) -> int | None:
        match = re.search(r"/interactions/(\d+)/[^/]+/callback", str(url))
        return int(match[1]) if match else None

    async def _ended(self, _session, _context, params) -> None:
        if (interaction := self._interaction(params.url)) is not None:
            self._finish(interaction, str(params.response.status))

    async def _failed(self, _session, _context, params) -> None:
        if (interaction := self._interaction(params.url)) is not None:
            self._finish(interaction, type(params.exception).__name__)

    def _finish(self, interaction: int, status: str) -> None:
        self.returned[interaction] = time.monotonic()
        self.statuses[status] = self.statuses.get(status, 0) + 1
        self.presses.put_nowait(time.monotonic())


async def burst(
    client, tracker: Tracker, raw_payloads: list[str], concurrency: int
) -> tuple[dict[int, float], dict[int, float]]:
    """Closed loop: `concurrency` people press at once, then each presses again when answered.
    Returns (interaction id -> press time, interaction id -> dispatch time)."""
    tracker.returned.clear()
    tracker.statuses.clear()
    tracker.presses = asyncio.Queue()
    start = time.monotonic()
    for _ in range(concurrency):
        tracker.presses.put_nowait(start)
    pressed: dict[int, float] = {}
    dispatched: dict[int, float] = {}
    for raw in raw_payloads:
        press = await asyncio.wait_for(tracker.presses.get(), 30)
        data = json.loads(raw)  # the gateway reader decodes each event from JSON
        interaction = int(data["id"])
        pressed[interaction], dispatched[interaction] = press, time.monotonic()
        client._connection.parse_interaction_create(data)
        await asyncio.sleep(0)  # the gateway reader yields between events
    give_up = time.monotonic() + BURST_TIMEOUT
    while len(tracker.returned) < len(raw_payloads) and time.monotonic() < give_up:
        await asyncio.sleep(0.01)
    return pressed, dispatched


class Figures:
    def __init__(self, label: str, pressed: dict, dispatched: dict, arrived: dict, statuses: dict) -> None:
        self.label = label
        self.count = len(dispatched)
        start = min(pressed.values())
        self.from_dispatch = [arrived[i] - t for i, t in dispatched.items() if i in arrived]
        self.from_press = [arrived[i] - t for i, t in pressed.items() if i in arrived]
        self.rate = len(self.from_dispatch) / (max(arrived.values()) - start) if arrived else 0.0
        self.missing = self.count - len(self.from_dispatch)
        self.statuses = statuses

    def lines(self) -> list[str]:
        return [
            f"{self.label:<46}{self.rate:9.0f}/s",
            f"{'  from the dispatch into the client':<46}{'':>11}   {latency_line(self.from_dispatch)}",
            f"{'  from the press (incl. waiting for dispatch)':<46}{'':>11}   {latency_line(self.from_press)}",
        ]


def minimal_client(tracker: Tracker):
    """discord.py with nothing of ours: a dynamic button on the same custom id template that only answers."""
    import discord
    from discord import ui

    class OnlyRespond(ui.DynamicItem[ui.Button], template=r"quiz:daily:(?P<post>[0-9]{1,19}):(?P<letter>[A-E])"):
        def __init__(self, post_id: int, letter: str) -> None:
            super().__init__(ui.Button(label=letter, custom_id=f"quiz:daily:{post_id}:{letter}"))

        @classmethod
        async def from_custom_id(cls, interaction, item, match):
            return cls(int(match["post"]), match["letter"])

        async def callback(self, interaction: discord.Interaction) -> None:
            await interaction.response.send_message("Answer recorded.", ephemeral=True)

    class Minimal(discord.Client):
        async def setup_hook(self) -> None:
            self.add_dynamic_items(OnlyRespond)

    intents = discord.Intents.none()
    intents.guilds = True
    return Minimal(intents=intents, http_trace=tracker.config())


async def bot_side(conn: Connection, args: argparse.Namespace) -> int:
    import discord
    from pydantic import SecretStr

    from bot.app import build_app
    from bot.config import DiscordSettings, Settings
    from bot.discord.client import create_bot
    from bot.services.context import ChannelTarget
    from bot.services.identity import Member
    from questions.bank import load_bank

    logs = LogCounter().install()
    hello = await receive(conn, 60)
    discord.http.Route.BASE = hello["base"]  # every REST call of discord.py goes to the fake on 127.0.0.1
    if "card-id" in args.what_if:
        give_cards_an_id()
    ids = itertools.count(1590000000000000001)

    with tempfile.TemporaryDirectory(prefix="discord-burst-") as tmp:
        settings = Settings(
            _env_file=None,
            db_path=Path(tmp) / "quiz.db",
            discord=DiscordSettings(token=SecretStr(BOT_TOKEN), dev_guild_id=GUILD_ID),
        )
        bank = load_bank()
        services = build_app(settings, bank=bank, rng=random.Random(single_select_seed(bank)))
        real_tracker, ceiling_tracker = Tracker(), Tracker()
        bot = create_bot(services, settings, http_trace=real_tracker.config())
        ceiling = minimal_client(ceiling_tracker)
        services.scheduler.checkpoints.start()  # as the running bot's scheduler does
        post = None
        profiled = Profiled(False)
        try:
            await bot.login(BOT_TOKEN)
            await ceiling.login(BOT_TOKEN)

            admin = Member("discord", str(GUILD_ID), "1190000000000099999", "admin", "bench", is_admin=True)
            services.daily_setup.configure(
                admin,
                ChannelTarget(str(CHANNEL_ID), "ml-study"),
                local_time="09:00",
                timezone="UTC",
                weekdays="daily",
                open_hours=24,
            )
            channel_id = services.daily.schedules.all()[0].channel_id
            post = await services.daily.post_daily(channel_id, services.context.clock())
            if post is None or post.status != "open":
                print(f"the daily question could not be posted: {post}")
                return 1
            question = bank.get(post.question_id)
            conn.send({"cmd": "posted"})
            message = (await receive(conn))[-1]
            buttons = daily_buttons(message, post.id)
            if not buttons:
                print("the posted daily question has no answer buttons")
                return 1

            def presses(count: int, first_person: int) -> list[str]:
                return [
                    json.dumps(interaction_payload(first_person + n, next(ids), message, buttons[n % len(buttons)]))
                    for n in range(count)
                ]

            async def measured(label: str, client, tracker: Tracker, payloads: list[str]) -> Figures:
                pressed, dispatched = await burst(client, tracker, payloads, args.concurrency)
                conn.send({"cmd": "arrivals"})
                arrived = {int(k): v for k, v in (await receive(conn)).items()}
                return Figures(label, pressed, dispatched, arrived, dict(tracker.statuses))

            n = args.users
            # warm both clients up on people who never count: presses of a post id that does not exist
            for client, tracker in ((ceiling, ceiling_tracker), (bot, real_tracker)):
                warm = [raw.replace(f"quiz:daily:{post.id}:", "quiz:daily:999999:") for raw in presses(args.warm_up, 0)]
                await measured("warm-up", client, tracker, warm)
            label = "quiz bot with the what-ifs" if args.what_if else "quiz bot (real client)"
            pairs: list[tuple[Figures, Figures]] = []
            for pair in range(args.pairs):
                answers = presses(n, pair * n)  # new people for every pair: each of the bot's answers is stored
                order = ["ceiling", "bot"] if pair % 2 == 0 else ["bot", "ceiling"]  # alternate who goes first
                got: dict[str, Figures] = {}
                for who in order:
                    if who == "ceiling":
                        ceiling_label = "minimal discord.py client (ceiling)"
                        got[who] = await measured(ceiling_label, ceiling, ceiling_tracker, answers)
                    else:
                        got[who] = await measured(label, bot, real_tracker, answers)
                pairs.append((got["ceiling"], got["bot"]))
            profiled_people = 0
            if args.profile:  # one more burst of the bot alone, profiled, outside the pairs it would slow
                profiled_people = n
                with Profiled(True) as profiled:
                    await measured(label, bot, real_tracker, presses(n, args.pairs * n))
        finally:
            await bot.close()
            await ceiling.close()
            if post is not None:
                query = "SELECT COUNT(*) FROM attempts WHERE post_id = ?"
                stored = services.context.db.execute(query, [post.id]).fetchone()[0]
            services.context.db.conn.close()

    print("Discord answer burst" + (" (--quick: small counts, figures not meaningful)" if args.quick else ""))
    print(f"machine: {machine()}")
    print(
        f"load: {args.pairs} pairs of bursts (ceiling and quiz bot alternating, who goes first alternating too), "
        f"each {n:,} distinct new people, closed loop of {args.concurrency} pressing, INTERACTION_CREATE button "
        f"presses on one open daily post (question {question.id}, {len(buttons)} buttons)"
    )
    if args.what_if:
        print(f"what-if applied to the quiz bot only: {', '.join(args.what_if)}")
    ratios = []
    for number, (top, real) in enumerate(pairs, 1):
        ratio = real.rate / top.rate if top.rate else 0.0
        ratios.append(ratio)
        print(f"pair {number}: ceiling {top.rate:6.0f}/s, quiz bot {real.rate:6.0f}/s, ratio {100 * ratio:5.1f} %")
        if top.missing or real.missing:
            print(f"  callbacks missing: ceiling {top.missing}, quiz bot {real.missing}")
    top, real = pairs[0]
    print("first pair's latency to the interaction callback reaching the API:")
    for figures in (top, real):
        for line in figures.lines():
            print(line)
    print(f"callback HTTP statuses (first pair): ceiling {top.statuses}, quiz bot {real.statuses}")
    median = statistics.median(ratios)
    print(f"quiz bot / ceiling: median {100 * median:.1f} %, lowest {100 * min(ratios):.1f} % over {len(ratios)} pairs")
    if not args.quick:
        print(
            f"target median >= 60 %: {'met' if median >= 0.6 else 'MISSED'}; "
            f"no pair below 50 %: {'met' if min(ratios) >= 0.5 else 'MISSED'}"
        )
    expected = n * args.pairs + profiled_people
    return print_stored(stored, expected, logs, profiled, args.profile, services.context.commits)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--users", type=int, default=2000)
    parser.add_argument("--concurrency", type=int, default=100)
    parser.add_argument("--pairs", type=int, default=5, help="interleaved ceiling/quiz bot pairs")
    parser.add_argument("--profile", action="store_true", help="cProfile the bot in one more burst after the pairs")
    parser.add_argument("--quick", action="store_true", help="CI smoke: small counts, exits 1 only on lost answers")
    parser.add_argument("--what-if", default="", help="card-id (see above)")
    args = parser.parse_args()
    args.what_if = [w for w in args.what_if.split(",") if w]
    args.warm_up = WARM_UP
    if args.quick:
        args.users, args.concurrency, args.pairs, args.warm_up = 200, 20, 2, 20
    if set(args.what_if) - {"card-id"}:
        parser.error("the only --what-if here is card-id")
    run_with_helper(discord_side, bot_side, args)


if __name__ == "__main__":
    main()
