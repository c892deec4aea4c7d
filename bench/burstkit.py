"""Pieces the burst and fan-out benchmarks share: the machine line, percentiles, a helper process
that plays the platform's side, and a few constants.

Cross-process timestamps use time.monotonic(): on Linux it reads CLOCK_MONOTONIC, one clock for every
process on the machine, so a stamp taken in the bot process and one taken in the platform's process
can be subtracted.
"""

from __future__ import annotations

import asyncio
import contextlib
import cProfile
import io
import itertools
import json
import logging
import multiprocessing
import os
import platform
import pstats
import random
import sys
import time
from collections import Counter
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from importlib import metadata
from multiprocessing.connection import Connection

from questions.bank import Bank
from questions.selection import pick_question

LOOPBACK = "127.0.0.1"
# a helper process gives up and exits after this many seconds, whatever happens (the soak sets more)
HELPER_DEADLINE = float(os.environ.get("BENCH_HELPER_DEADLINE", "170"))


def machine() -> str:
    model = "unknown CPU"
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as info:
            model = next((line.split(":", 1)[1].strip() for line in info if line.startswith("model name")), model)
    except OSError:
        pass
    versions = ", ".join(
        f"{name} {_version(name)}" for name in ("slack_bolt", "slack_sdk", "discord.py", "aiohttp", "APScheduler")
    )
    return f"{len(os.sched_getaffinity(0))} cores, {model}; Python {platform.python_version()}; {versions}"


def _version(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "?"


def percentile(ordered: Sequence[float], share: float) -> float:
    """Nearest-rank percentile of an already sorted sequence."""
    if not ordered:
        return float("nan")
    rank = max(1, min(len(ordered), round(share * len(ordered) + 0.5)))
    return ordered[rank - 1]


def latency_line(seconds: Sequence[float]) -> str:
    ordered = sorted(seconds)
    p50, p95, p99 = (1000 * percentile(ordered, q) for q in (0.50, 0.95, 0.99))
    return f"p50 {p50:7.1f} ms   p95 {p95:7.1f} ms   p99 {p99:7.1f} ms   max {1000 * ordered[-1]:7.1f} ms"


def single_select_seed(bank: Bank, tries: int = 500) -> int:
    """A seed whose first daily pick (empty history) is a single-select question, so the post has buttons."""
    for seed in range(tries):
        if not pick_question(bank, random.Random(seed), {}).is_multiple:
            return seed
    raise RuntimeError("the bank gave no single-select first pick in 500 seeds")


# -- the helper process ---------------------------------------------------------------------
def start_helper(target: Callable[[Connection], None]) -> tuple[multiprocessing.Process, Connection]:
    """Start `target(conn)` in a fresh interpreter (spawn: no event loop or sockets inherited)."""
    context = multiprocessing.get_context("spawn")
    ours, theirs = context.Pipe()
    process = context.Process(target=target, args=(theirs,), daemon=True)
    process.start()
    theirs.close()
    return process, ours


async def receive(conn: Connection, timeout: float = HELPER_DEADLINE):
    """The next message from the other process, without blocking the event loop."""
    loop = asyncio.get_running_loop()
    ready = await loop.run_in_executor(None, conn.poll, timeout)
    if not ready:
        raise TimeoutError(f"no message from the other process within {timeout:.0f} s")
    return conn.recv()


def stop_helper(process: multiprocessing.Process, conn: Connection) -> None:
    with contextlib.suppress(BrokenPipeError, OSError):
        conn.send({"cmd": "stop"})
    process.join(timeout=10)
    if process.is_alive():
        process.terminate()  # only the helper this benchmark started, by its handle
        process.join(timeout=5)


# -- profiling ------------------------------------------------------------------------------
class Profiled:
    """cProfile around a block when enabled; `report()` gives the top functions by own time and by total."""

    def __init__(self, enabled: bool) -> None:
        self.profile = cProfile.Profile() if enabled else None

    def __enter__(self) -> Profiled:
        if self.profile is not None:
            self.profile.enable()
        return self

    def __exit__(self, *exc_info) -> None:
        if self.profile is not None:
            self.profile.disable()
            if dump := os.environ.get("BENCH_PROFILE_OUT"):  # raw stats, for pstats or snakeviz
                self.profile.dump_stats(dump)

    def report(self, lines: int = 25) -> str:
        if self.profile is None:
            return ""
        out = io.StringIO()
        stats = pstats.Stats(self.profile, stream=out)
        stats.sort_stats("tottime").print_stats(lines)
        stats.sort_stats("cumulative").print_stats(lines)
        return out.getvalue()


# -- what-if experiments ----------------------------------------------------------------------
def give_cards_an_id() -> None:
    """What-if for questions/review.py: build new FSRS cards with an explicit card_id.

    fsrs.Card() without a card_id takes the time in milliseconds as its id and then calls
    time.sleep(0.001) so the next id differs; on the event loop that stalls every request for 1 ms.
    The id is never used here (cards are keyed by person and question), so any value would do."""
    import fsrs

    import questions.review as review_module

    class NumberedCard(fsrs.Card):
        def __init__(self, card_id: int | None = None, *args, **kwargs) -> None:
            super().__init__(0 if card_id is None else card_id, *args, **kwargs)

    review_module.Card = NumberedCard


# -- logging ----------------------------------------------------------------------------------
class LogCounter(logging.Handler):
    """Counts warnings and errors by logger instead of printing them (a 429 storm logs one line per
    retry); `summary()` gives the counts."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.counts: Counter[str] = Counter()

    def emit(self, record: logging.LogRecord) -> None:
        self.counts[f"{record.levelname} {record.name}"] += 1

    def install(self) -> LogCounter:
        root = logging.getLogger()
        root.addHandler(self)
        if root.level > logging.WARNING or root.level == logging.NOTSET:
            root.setLevel(logging.WARNING)
        return self

    def summary(self) -> str:
        if not self.counts:
            return "none"
        return ", ".join(f"{name}: {count}" for name, count in self.counts.most_common())


def discord_bot_user(application_id: int) -> dict:
    """The bot's user object, as the fake Discord APIs return it."""
    return {
        "id": str(application_id),
        "username": "quiz-bench",
        "global_name": None,
        "discriminator": "0",
        "avatar": None,
        "bot": True,
        "flags": 0,
        "public_flags": 0,
    }


def discord_callback_reply(interaction_id: str, body: dict, message: dict) -> dict:
    """What Discord answers to an interaction callback that asked for the response: the ephemeral
    response message `message`."""
    interaction = {
        "id": interaction_id,
        "type": 3,
        "response_message_id": message["id"],
        "response_message_loading": False,
        "response_message_ephemeral": True,
    }
    return {"interaction": interaction, "resource": {"type": body["type"], "message": message}}


def discord_message(message_id: int, channel_id: int, body: dict, author: dict) -> dict:
    """A Discord message object for a posted body, components numbered as Discord numbers them."""
    rows = json.loads(json.dumps(body.get("components") or []))
    numbers = itertools.count(1)
    for row in rows:
        row.setdefault("id", next(numbers))
        for component in row.get("components", []):
            component.setdefault("id", next(numbers))
    return {
        "id": str(message_id),
        "channel_id": str(channel_id),
        "author": author,
        "content": body.get("content") or "",
        "timestamp": datetime.now(UTC).isoformat(),
        "edited_timestamp": None,
        "tts": False,
        "mention_everyone": False,
        "mentions": [],
        "mention_roles": [],
        "attachments": [],
        "embeds": body.get("embeds") or [],
        "components": rows,
        "pinned": False,
        "type": 0,
        "flags": body.get("flags", 0),
    }


def print_stored(stored: int, expected: int, logs, profiled, profile: bool, commits=None) -> int:
    """The common footer of the burst benchmarks; the exit code says whether every answer was stored once.
    `commits` is the bot's GroupCommit: how many answers its transactions held."""
    ok = stored == expected
    print(f"stored answers: {stored:,} (expected exactly {expected:,}) {'OK' if ok else 'WRONG'}")
    if commits is not None and commits.commits:
        per_commit = commits.writes / commits.commits
        print(f"group commits: {commits.writes:,} answers in {commits.commits:,} transactions ({per_commit:.1f} each)")
    print(f"bot log lines at WARNING and above: {logs.summary()}")
    if profile:
        print("\ncProfile of the bot process during the quiz bot's burst (timings above include its overhead):")
        print(profiled.report())
    return 0 if ok else 1


def discord_application(application_id: int, bot_user: dict) -> dict:
    """The application object the fake Discord APIs return for the bot."""
    return {
        "id": str(application_id),
        "name": "Quiz bench",
        "icon": None,
        "description": "",
        "summary": "",
        "type": None,
        "bot_public": False,
        "bot_require_code_grant": False,
        "owner": {"id": "1390000000000000099", "username": "owner", "discriminator": "0", "avatar": None},
        "team": None,
        "verify_key": "0" * 64,
        "flags": 0,
        "bot": bot_user,
        "interactions_endpoint_url": None,
        "redirect_uris": [],
        "tags": [],
    }


def run_with_helper(side: Callable[[Connection], None], bot_side, args) -> None:
    """Run the platform side in its own process and the bot side here; exit with the bot side's code."""
    started = time.monotonic()
    process, conn = start_helper(side)
    try:
        code = asyncio.run(bot_side(conn, args))
    finally:
        stop_helper(process, conn)
    print(f"(benchmark took {time.monotonic() - started:.0f} s)")
    sys.exit(code)
