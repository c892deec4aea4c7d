"""Answer burst on the Slack path: 2,000 distinct people press the answer button of one open daily
question through signed `block_actions` requests, 100 connections at a time.

The bot process runs the project's real Bolt app (bot.slack.app.build_slack_bot + web_application, the
same aiohttp server `quizbot run slack --http` starts) over a real SQLite file with one configured
channel and one open daily post. A second process plays Slack: it runs the fake Web API the bot's
WebClient talks to, receives the private replies the bot posts to each payload's response_url, and
is the load generator (an asyncio aiohttp client). In the same run the same load goes to

- a bare aiohttp handler (reads the body, answers 200): what the generator and the HTTP stack can do;
- a minimal Bolt AsyncApp (signature check, one action listener that only acks): the framework ceiling;
- the same minimal app whose listener also replies once through Bolt's respond() (a new HTTP session per
  reply, as the quiz bot did before it kept one session);
- the same minimal app replying once through one shared aiohttp session: the baseline for any handler
  that answers each person privately, as the quiz bot must.

Figures: answers/s, and p50/p95/p99 from sending a request to its HTTP response (Bolt answers once
the listener has called ack(): the minimal apps in Bolt's default mode, which looks for it every 10 ms,
the quiz bot at the call itself, bot/slack/on_ack.py); for the apps that reply also from sending to the private reply
arriving at the response_url (the quiz bot acknowledges, and then replies, only once the group commit
holding the answer is committed; the footer says how many answers the commits held).

The load is first a closed loop: 100 connections, each sending its next request as soon as the last one
is answered, so latency there is about 100 / throughput and the rate is each server's maximum. Then the
quiz bot is offered half its own measured maximum as an open loop (request n is due at start + n / rate,
latency counted from the moment it was due) with as many new people: the latency a person sees when
the bot is busy but not saturated. Afterwards the stored answers are counted: the run exits 1 unless
every person's answer is stored exactly once.

Targets: quiz bot >= 35 % of the ack-only ceiling and >= 75 % of the shared-session baseline (answers/s
in the closed loop); p99 request to HTTP response <= 50 ms in the open loop at half its maximum.

`--what-if NAME[,NAME]` applies, in this process only and for the quiz bot's run only, a change the
profile points to, to measure what it would buy (nothing under bot/ is edited):
  card-id         questions/review.py: new FSRS cards get a card_id (no time.sleep(0.001) in fsrs.Card())
  answers-first   bot/slack/handlers.py register(): the answer listeners are matched before the others

`--quick` (CI smoke): 200 people, 20 connections; prints the figures, checks no target, exits 1 only when
an answer is lost or stored twice. `--profile` prints cProfile of the bot process during the quiz bot's
closed-loop burst (set BENCH_PROFILE_OUT=FILE to keep the raw stats).

Run: .venv/bin/python -m bench.slack_burst [--users 2000] [--concurrency 100] [--rate R] [--paced-users N]
                                           [--profile] [--quick] [--what-if card-id,answers-first]
"""

from __future__ import annotations

import argparse
import asyncio
import hashlib
import hmac
import json
import random
import re
import tempfile
import time
from collections import Counter
from multiprocessing.connection import Connection
from pathlib import Path
from urllib.parse import urlencode

import aiohttp
from aiohttp import web

from bench.burstkit import (
    HELPER_DEADLINE,
    LOOPBACK,
    LogCounter,
    Profiled,
    give_cards_an_id,
    latency_line,
    machine,
    percentile,
    print_stored,
    receive,
    run_with_helper,
    single_select_seed,
)

SIGNING_SECRET = "bench-signing-secret-not-real"
BOT_TOKEN = "xoxb-bench-T1"
TEAM, TEAM_DOMAIN = "T-bench", "bench"
CHANNEL = "C-bench"
EVENTS_PATH = "/slack/events"
WARM_UP = 200
BURST_TIMEOUT = 120.0
REPLY_TIMEOUT = 60.0


# =============================================================================================
# Slack's side (helper process): fake Web API, response_url receiver, load generator
# =============================================================================================
def sign(body: str, timestamp: str) -> str:
    mac = hmac.new(SIGNING_SECRET.encode(), f"v0:{timestamp}:{body}".encode(), hashlib.sha256)
    return "v0=" + mac.hexdigest()


class SlackSide:
    def __init__(self) -> None:
        self.posted: list[dict] = []  # chat.postMessage arguments, in order
        self.reply_at: dict[int, float] = {}  # request number -> when its private reply arrived
        self.reply_kinds: Counter[str] = Counter()
        self.port = 0
        self._runner: web.AppRunner | None = None

    async def start(self) -> None:
        application = web.Application()
        application.router.add_route("*", "/api/{method}", self.web_api)
        application.router.add_post("/respond/{number}", self.respond)
        self._runner = web.AppRunner(application, access_log=None)
        await self._runner.setup()
        await web.TCPSite(self._runner, LOOPBACK, 0).start()
        self.port = self._runner.addresses[0][1]

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()

    @property
    def base(self) -> str:
        return f"http://{LOOPBACK}:{self.port}"

    # -- the Web API the bot calls ---------------------------------------------------------
    async def web_api(self, request: web.Request) -> web.Response:
        method = request.match_info["method"]
        if request.content_type == "application/json":
            params = await request.json()
        else:
            params = dict(await request.post())
        if method == "auth.test":
            return web.json_response(
                {"ok": True, "team_id": TEAM, "team": "Bench", "user_id": "U-BOT", "bot_id": "B-BOT", "url": ""}
            )
        if method == "chat.postMessage":
            if isinstance(params.get("blocks"), str):
                params["blocks"] = json.loads(params["blocks"])
            self.posted.append(params)
            ts = f"1700000000.{len(self.posted):06d}"
            return web.json_response({"ok": True, "channel": params["channel"], "ts": ts})
        return web.json_response({"ok": True})

    async def respond(self, request: web.Request) -> web.Response:
        reply = await request.json()
        text = reply.get("text") or ""
        self.reply_kinds["recorded" if "recorded" in text else "already" if "already" in text else "other"] += 1
        self.reply_at[int(request.match_info["number"])] = time.monotonic()
        return web.Response(text="ok")

    # -- what people send ------------------------------------------------------------------
    def answer_buttons(self) -> tuple[str, list[dict]]:
        """The answer buttons of the daily question as posted: (block id, buttons)."""
        for block in self.posted[-1]["blocks"]:
            if block.get("type") == "actions" and str(block.get("block_id", "")).startswith("answer:daily:"):
                return block["block_id"], block["elements"]
        raise RuntimeError("the posted daily question has no answer buttons")

    def last_ts(self) -> str:
        """The ts of the newest message the bot posted: the one whose buttons are pressed."""
        return f"1700000000.{max(1, len(self.posted)):06d}"

    def payload(self, number: int, action: dict, user: str) -> dict:
        return {
            "type": "block_actions",
            "user": {"id": user, "username": user.lower(), "name": user.lower(), "team_id": TEAM},
            "api_app_id": "A-BENCH",
            "token": "legacy-token-unused",
            "container": {"type": "message", "message_ts": self.last_ts(), "channel_id": CHANNEL},
            "trigger_id": f"{number}.1.bench",
            "team": {"id": TEAM, "domain": TEAM_DOMAIN},
            "enterprise": None,
            "is_enterprise_install": False,
            "channel": {"id": CHANNEL, "name": "bench"},
            "message": {"type": "message", "ts": self.last_ts(), "text": "daily"},
            "state": {"values": {}},
            "response_url": f"{self.base}/respond/{number}",
            "actions": [{**action, "action_ts": f"{time.time():.6f}"}],
        }

    def requests(self, kind: str, count: int, first: int = 0) -> list[tuple[str, dict[str, str]]]:
        """Signed form bodies: `answer` presses the daily question's buttons (letters in turn), one
        distinct person each; `tick` ticks a checkbox (acked, never an answer) to warm a server up."""
        if kind == "answer":
            block_id, buttons = self.answer_buttons()
            actions = [
                {"type": "button", "block_id": block_id, "action_id": b["action_id"], "value": b["value"]}
                for b in buttons
            ]
        else:
            actions = [{"type": "checkboxes", "block_id": "choices:daily:0", "action_id": "answer_choices"}]
        timestamp = str(int(time.time()))
        prepared = []
        for number in range(count):
            user = f"U{first + number:06d}" if kind == "answer" else f"W{number:05d}"
            body = urlencode({"payload": json.dumps(self.payload(number, actions[number % len(actions)], user))})
            headers = {
                "Content-Type": "application/x-www-form-urlencoded",
                "X-Slack-Request-Timestamp": timestamp,
                "X-Slack-Signature": sign(body, timestamp),
            }
            prepared.append((body, headers))
        return prepared

    # -- the load generator ----------------------------------------------------------------
    async def burst(
        self, url: str, kind: str, count: int, concurrency: int, replies: bool, rate: float, first: int = 0
    ) -> dict:
        prepared = self.requests(kind, count, first)
        self.reply_at.clear()
        self.reply_kinds.clear()
        sent, answered = [0.0] * count, [0.0] * count
        statuses: Counter[str] = Counter()
        connector = aiohttp.TCPConnector(limit=concurrency)
        async with aiohttp.ClientSession(connector=connector) as session:

            async def press(number: int) -> None:
                body, headers = prepared[number]
                try:
                    async with session.post(url, data=body, headers=headers) as response:
                        await response.read()
                        statuses[str(response.status)] += 1
                except (aiohttp.ClientError, OSError) as exc:
                    statuses[type(exc).__name__] += 1
                answered[number] = time.monotonic()

            if rate > 0:  # open loop: request n is due at start + n / rate, whether or not earlier ones returned
                start, pressing = time.monotonic(), []
                for number in range(count):
                    sent[number] = start + number / rate
                    await asyncio.sleep(max(0.0, sent[number] - time.monotonic()))
                    pressing.append(asyncio.create_task(press(number)))
                await asyncio.wait_for(asyncio.gather(*pressing), BURST_TIMEOUT)
            else:  # closed loop: each connection sends its next request when the last one is answered
                numbers = iter(range(count))

                async def person() -> None:
                    for number in numbers:
                        sent[number] = time.monotonic()
                        await press(number)

                await asyncio.wait_for(asyncio.gather(*(person() for _ in range(concurrency))), BURST_TIMEOUT)
        if replies:
            give_up = time.monotonic() + REPLY_TIMEOUT
            while len(self.reply_at) < count and time.monotonic() < give_up:
                await asyncio.sleep(0.02)
        return {
            "sent": sent,
            "answered": answered,
            "statuses": dict(statuses),
            "reply_at": dict(self.reply_at),
            "reply_kinds": dict(self.reply_kinds),
        }


def slack_side(conn: Connection) -> None:
    asyncio.run(_slack_side(conn))


async def _slack_side(conn: Connection) -> None:
    side = SlackSide()
    await side.start()
    conn.send({"api": side.base + "/api/"})
    give_up = time.monotonic() + HELPER_DEADLINE
    try:
        while time.monotonic() < give_up:
            try:
                message = await receive(conn, give_up - time.monotonic())
            except (TimeoutError, EOFError, OSError):
                break
            if message["cmd"] != "burst":
                break
            if message.get("needs_post") and not side.posted:
                conn.send({"error": "no daily question was posted"})
                continue
            arguments = {k: message[k] for k in ("url", "kind", "count", "concurrency", "replies", "rate", "first")}
            conn.send(await side.burst(**arguments))
    finally:
        await side.stop()


# =============================================================================================
# The bot's side (this process)
# =============================================================================================
async def serve(application: web.Application) -> tuple[web.AppRunner, str]:
    runner = web.AppRunner(application)  # as bot.slack.runner.serve_http does (default access log)
    await runner.setup()
    await web.TCPSite(runner, LOOPBACK, 0).start()
    return runner, f"http://{LOOPBACK}:{runner.addresses[0][1]}{EVENTS_PATH}"


def bare_application() -> web.Application:
    async def swallow(request: web.Request) -> web.Response:
        await request.read()
        return web.Response()

    application = web.Application()
    application.router.add_post(EVENTS_PATH, swallow)
    return application


def ceiling_application(api_url: str, *, reply: str = "", session: aiohttp.ClientSession | None = None):
    """Bolt with nothing of ours: signature check, the default middleware, one action listener that
    acks and, with `reply`, sends one private reply: "respond" through Bolt's respond() (a new HTTP
    session per reply), "shared" through slack_sdk's webhook client on one shared `session` (the
    baseline for a handler that answers each person privately, as the quiz bot must)."""
    from slack_bolt.async_app import AsyncApp
    from slack_sdk.web.async_client import AsyncWebClient
    from slack_sdk.webhook.async_client import AsyncWebhookClient

    bolt = AsyncApp(signing_secret=SIGNING_SECRET, client=AsyncWebClient(token=BOT_TOKEN, base_url=api_url))

    async def only_ack(ack) -> None:
        await ack()

    async def ack_and_respond(ack, respond) -> None:
        await ack()
        await respond(text="Answer recorded.", response_type="ephemeral", replace_original=False)

    async def ack_and_reply_shared(ack, body) -> None:
        await ack()
        webhook = AsyncWebhookClient(url=body["response_url"], session=session)
        await webhook.send(text="Answer recorded.", response_type="ephemeral", replace_original=False)

    listener = {"": only_ack, "respond": ack_and_respond, "shared": ack_and_reply_shared}[reply]
    bolt.action(re.compile(".*"))(listener)
    return bolt.web_app(path=EVENTS_PATH)


WHAT_IFS = ("card-id", "answers-first")


def answers_first(bolt) -> None:
    """What-if for bot/slack/handlers.py register(): Bolt tries listeners in registration order and runs
    every matcher (with its keyword-argument building) until one matches; put the answer listeners first."""
    answer_names = {"on_single_answer", "on_submit", "on_tick"}
    listeners = bolt._async_listeners
    first = [x for x in listeners if getattr(x.ack_function, "__name__", "") in answer_names]
    listeners[:] = first + [x for x in listeners if x not in first]


class Figures:
    def __init__(self, label: str, result: dict, count: int, *, replies: bool = False) -> None:
        self.label = label
        sent, answered = result["sent"], result["answered"]
        self.start = min(sent)
        self.http_latencies = [a - s for s, a in zip(sent, answered, strict=True)]
        self.http_rate = count / (max(answered) - self.start)
        self.statuses = result["statuses"]
        self.reply_at = {int(k): v for k, v in result["reply_at"].items()}
        self.reply_kinds = result["reply_kinds"]
        self.reply_latencies = [at - sent[n] for n, at in self.reply_at.items()]
        self.reply_rate = len(self.reply_at) / (max(self.reply_at.values()) - self.start) if self.reply_at else 0.0
        self.replies = replies

    def lines(self) -> list[str]:
        out = [f"{self.label:<46}{self.http_rate:9.0f}/s   {latency_line(self.http_latencies)}"]
        if self.replies:
            label = "  ... to the private reply"
            if self.reply_latencies:
                out.append(f"{label:<46}{self.reply_rate:9.0f}/s   {latency_line(self.reply_latencies)}")
            else:
                out.append(f"{label:<46}  no replies arrived")
        return out


async def bot_side(conn: Connection, args: argparse.Namespace) -> int:
    from bot.app import build_app
    from bot.config import Settings, SlackSettings
    from bot.services.context import ChannelTarget
    from bot.services.identity import Member
    from bot.slack.app import build_slack_bot, web_application
    from questions.bank import load_bank

    logs = LogCounter().install()
    hello = await receive(conn, 60)
    api_url = hello["api"]
    with tempfile.TemporaryDirectory(prefix="slack-burst-") as tmp:
        settings = Settings(
            _env_file=None,
            db_path=Path(tmp) / "quiz.db",
            slack=SlackSettings(signing_secret=SIGNING_SECRET, bot_token=BOT_TOKEN),
        )
        if "card-id" in args.what_if:
            give_cards_an_id()
        bank = load_bank()
        services = build_app(settings, bank=bank, rng=random.Random(single_select_seed(bank)))
        bot = build_slack_bot(settings, services, base_url=api_url)
        services.add_poster("slack", bot.poster)
        services.scheduler.checkpoints.start()  # as the running bot's scheduler does
        if "answers-first" in args.what_if:
            answers_first(bot.bolt)

        admin = Member("slack", TEAM, "U-admin", "admin", TEAM_DOMAIN, is_admin=True)
        services.daily_setup.configure(
            admin, ChannelTarget(CHANNEL, "bench"), local_time="09:00", timezone="UTC", weekdays="daily", open_hours=24
        )
        channel_id = services.daily.schedules.all()[0].channel_id
        post = await services.daily.post_daily(channel_id, services.context.clock())
        if post is None or post.status != "open":
            print(f"the daily question could not be posted: {post}")
            return 1
        question = bank.get(post.question_id)

        runners = []
        shared_session = aiohttp.ClientSession()
        try:
            bare_runner, bare_url = await serve(bare_application())
            ceiling_runner, ceiling_url = await serve(ceiling_application(api_url))
            responding_runner, responding_url = await serve(ceiling_application(api_url, reply="respond"))
            shared_runner, shared_url = await serve(
                ceiling_application(api_url, reply="shared", session=shared_session)
            )
            real_runner, real_url = await serve(web_application(bot))
            runners += [bare_runner, ceiling_runner, responding_runner, shared_runner, real_runner]

            async def burst(
                url: str, kind: str, count: int, *, replies: bool = False, rate: float = 0.0, first: int = 0
            ) -> dict:
                conn.send(
                    {
                        "cmd": "burst",
                        "url": url,
                        "kind": kind,
                        "count": count,
                        "concurrency": args.concurrency,
                        "replies": replies,
                        "rate": rate,
                        "first": first,
                        "needs_post": kind == "answer",
                    }
                )
                result = await receive(conn)
                if "error" in result:
                    raise RuntimeError(result["error"])
                return result

            n, warm_up = args.users, args.warm_up
            bare = Figures("bare aiohttp handler (generator headroom)", await burst(bare_url, "answer", n), n)
            await burst(ceiling_url, "tick", warm_up)
            ceiling = Figures("minimal Bolt app, ack only (ceiling)", await burst(ceiling_url, "answer", n), n)
            await burst(responding_url, "tick", warm_up)
            responding = Figures(
                "minimal Bolt app, ack + Bolt's respond()",
                await burst(responding_url, "answer", n, replies=True),
                n,
                replies=True,
            )
            await burst(shared_url, "tick", warm_up)
            shared = Figures(
                "minimal Bolt app, ack + reply, shared session",
                await burst(shared_url, "answer", n, replies=True),
                n,
                replies=True,
            )
            await burst(real_url, "tick", warm_up)
            with Profiled(args.profile) as profiled:
                real_result = await burst(real_url, "answer", n, replies=True)
            label = "quiz bot with the what-ifs" if args.what_if else "quiz bot (real Bolt app)"
            real = Figures(label + ", to HTTP response", real_result, n, replies=True)
            # open loop at half the bot's own maximum, on people who have not answered yet
            offered = args.rate or real.http_rate / 2
            paced_count = args.paced_users or n
            paced = Figures(
                f"quiz bot offered {offered:.0f}/s (open loop)",
                await burst(real_url, "answer", paced_count, replies=True, rate=offered, first=n),
                paced_count,
                replies=True,
            )
        finally:
            for runner in runners:
                await runner.cleanup()
            await shared_session.close()

        stored_rows = services.context.db.execute(
            "SELECT COUNT(*), COUNT(DISTINCT user_id) FROM attempts WHERE post_id = ?", [post.id]
        ).fetchone()
        services.context.db.conn.close()

    print("Slack answer burst" + (" (--quick: small counts, figures not meaningful)" if args.quick else ""))
    print(f"machine: {machine()}")
    print(
        f"load: {n:,} distinct people, {args.concurrency} connections, closed loop, signed block_actions to one open "
        f"daily post (question {question.id}, {len(question.options)} buttons); then {paced_count:,} more people "
        f"offered at {offered:.0f}/s"
    )
    if args.what_if:
        print(f"what-if applied to the quiz bot only: {', '.join(args.what_if)}")
    print(f"{'':<46}{'answers/s':>9}   latency from sending the request")
    for figures in (bare, ceiling, responding, shared, real, paced):
        for line in figures.lines():
            print(line)
    print(
        f"HTTP statuses: bare {bare.statuses}, ceiling {ceiling.statuses}, respond() {responding.statuses}, "
        f"shared {shared.statuses}, quiz bot {real.statuses}, paced {paced.statuses}"
    )
    print(
        f"private replies received: {len(real.reply_at):,} of {n:,} {real.reply_kinds}; "
        f"paced {len(paced.reply_at):,} of {paced_count:,} {paced.reply_kinds}"
    )
    to_ceiling = real.http_rate / ceiling.http_rate
    to_shared = real.reply_rate / shared.reply_rate if shared.reply_rate else 0.0
    p99 = 1000 * percentile(sorted(paced.http_latencies), 0.99)
    print(
        f"quiz bot / ack-only ceiling: {100 * to_ceiling:.1f} % (HTTP response); "
        f"quiz bot / shared-session baseline: {100 * to_shared:.1f} % (to the reply); "
        f"Bolt's respond() / shared-session baseline: {100 * responding.reply_rate / shared.reply_rate:.1f} %"
    )
    if not args.quick:
        print(f"target >= 35 % of the ack-only ceiling: {met(to_ceiling >= 0.35)}")
        print(f"target >= 75 % of the shared-session baseline: {met(to_shared >= 0.75)}")
        print(f"target p99 <= 50 ms at half the bot's maximum (open loop): {met(p99 <= 50)} ({p99:.1f} ms)")
    expected = n + paced_count
    stored, people = stored_rows
    if people != stored:
        print(f"someone's answer was stored twice: {stored} rows for {people} people")
    checked = stored if people == stored else -1
    return print_stored(checked, expected, logs, profiled, args.profile, services.context.commits)


def met(ok: bool) -> str:
    return "met" if ok else "MISSED"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--users", type=int, default=2000)
    parser.add_argument("--concurrency", type=int, default=100)
    parser.add_argument(
        "--rate", type=float, default=0.0, help="offer the open-loop run this many requests/s (default: half the max)"
    )
    parser.add_argument("--paced-users", type=int, default=0, help="people in the open-loop run (default: --users)")
    parser.add_argument("--quick", action="store_true", help="CI smoke: small counts, exits 1 only on lost answers")
    parser.add_argument("--profile", action="store_true", help="cProfile the bot process during the quiz bot's burst")
    parser.add_argument("--what-if", default="", help=f"comma-separated, of: {', '.join(WHAT_IFS)}")
    args = parser.parse_args()
    args.what_if = [w for w in args.what_if.split(",") if w]
    args.warm_up = WARM_UP
    if args.quick:
        args.users, args.concurrency, args.warm_up = 200, 20, 20
    unknown = set(args.what_if) - set(WHAT_IFS)
    if unknown:
        parser.error(f"unknown --what-if {sorted(unknown)}; choose from {', '.join(WHAT_IFS)}")
    run_with_helper(slack_side, bot_side, args)


if __name__ == "__main__":
    main()
