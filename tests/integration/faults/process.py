"""`quizbot run slack --http` as a real child process on 127.0.0.1, over a database prepared in the
test process; signals, exit codes and its output are what the crash tests look at."""

from __future__ import annotations

import asyncio
import os
import random
import signal
import socket
import sqlite3
import subprocess
import sys
import time
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path

import aiohttp

from bot.app import build_app
from bot.config import Settings
from bot.services.context import ChannelTarget, utc_now
from bot.services.identity import Member
from bot.services.poster import RecordingPoster
from questions.models import Question
from tests.integration.slack.harness import signed_headers

# Distinctive values, so a leak is found by a plain substring search of everything the bot wrote.
BOT_TOKEN = "xoxb-7331-faulttests-token-5f0c9e1d"
SIGNING_SECRET = "fault-signing-secret-8c2b41a7e6"
SECRETS = (BOT_TOKEN, SIGNING_SECRET)
TEAM = "T1"
ADMIN = Member("slack", TEAM, "U-admin", name="ada", workspace_name="one", is_admin=True)
START_TIMEOUT = 30.0
PROXY_VARIABLES = ("http_proxy", "https_proxy", "all_proxy", "HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY")


def assert_no_secret(text: str) -> None:
    for secret in SECRETS:
        assert secret not in text
        assert secret[len(secret) // 2 :] not in text  # not even its second half


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass(frozen=True)
class Prepared:
    post_id: int
    channel_id: int
    question: Question


async def prepare_database(db_path: Path, *, channels: tuple[str, ...] = ("C-general",)) -> Prepared:
    """Schedules for the channels (next post 12 hours away, so no job fires during a test) and an open
    daily post in the first one, written by the real services; the database is closed on return."""
    services = build_app(Settings(_env_file=None, db_path=db_path), rng=random.Random(11), retry_delay=0)
    try:
        services.add_poster("slack", RecordingPoster())
        local_time = (utc_now() + timedelta(hours=12)).strftime("%H:%M")
        for channel in channels:
            services.daily_setup.configure(
                ADMIN, ChannelTarget(channel, channel), local_time=local_time, timezone="UTC", open_hours=24
            )
        first = next(s for s in services.daily.schedules.all() if s.channel_id_on_platform == channels[0])
        post = await services.daily.post_daily(first.channel_id, utc_now(), manual=True)
        assert post is not None and post.status == "open"
        return Prepared(post.id, post.channel_id, services.context.bank.get(post.question_id))
    finally:
        services.context.db.conn.close()


def query(db_path: Path, sql: str, *params) -> list[tuple]:
    conn = sqlite3.connect(db_path)
    try:
        return conn.execute(sql, params).fetchall()
    finally:
        conn.close()


@dataclass
class BotProcess:
    """One `quizbot run slack --http`; start() again after it ended to restart it over the same database."""

    db_path: Path
    workdir: Path
    api_base_url: str
    port: int = field(default_factory=free_port)
    process: subprocess.Popen | None = None
    runs: int = 0

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def environment(self) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if not k.startswith("QUIZBOT_") and k not in PROXY_VARIABLES}
        env |= {
            "QUIZBOT_DB_PATH": str(self.db_path),
            "QUIZBOT_SLACK__BOT_TOKEN": BOT_TOKEN,
            "QUIZBOT_SLACK__SIGNING_SECRET": SIGNING_SECRET,
            "QUIZBOT_SLACK__API_BASE_URL": self.api_base_url,
            "QUIZBOT_SLACK__HTTP_HOST": "127.0.0.1",
            "QUIZBOT_SLACK__HTTP_PORT": str(self.port),
            "QUIZBOT_LOG_LEVEL": "DEBUG",
            "NO_PROXY": "127.0.0.1,localhost",
            "PYTHONUNBUFFERED": "1",
        }
        return env

    def log_path(self, run: int, stream: str) -> Path:
        return self.workdir / f"bot-{run}.{stream}"

    async def start(self) -> None:
        assert self.process is None or self.process.poll() is not None, "the previous run is still going"
        self.runs += 1
        with self.log_path(self.runs, "out").open("wb") as out, self.log_path(self.runs, "err").open("wb") as err:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "bot.cli", "run", "slack", "--http"],
                cwd=self.workdir,  # no .env of the developer's is read
                env=self.environment(),
                stdin=subprocess.DEVNULL,
                stdout=out,
                stderr=err,
            )
        await self.wait_healthy()

    async def wait_healthy(self) -> None:
        deadline = time.monotonic() + START_TIMEOUT
        async with aiohttp.ClientSession() as session:
            while time.monotonic() < deadline:
                if self.process.poll() is not None:
                    raise AssertionError(f"the bot exited with {self.process.returncode}:\n{self.output()}")
                try:
                    async with session.get(f"{self.url}/healthz") as response:
                        if response.status == 200 and await response.json() == {"ok": True}:
                            return
                except aiohttp.ClientError:
                    pass
                await asyncio.sleep(0.05)
        raise AssertionError(f"the bot did not answer /healthz within {START_TIMEOUT} s:\n{self.output()}")

    def send(self, sig: signal.Signals) -> None:
        self.process.send_signal(sig)

    async def wait_exit(self, timeout: float) -> int | None:
        """The exit code, or None if it is still running after `timeout` seconds."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                return self.process.returncode
            await asyncio.sleep(0.02)
        return self.process.poll()

    def stop(self) -> None:
        """Teardown: whatever state it is in, the child is gone afterwards."""
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            self.process.wait(timeout=10)

    def output(self) -> str:
        """Everything every run wrote to stdout and stderr."""
        parts = []
        for run in range(1, self.runs + 1):
            for stream in ("out", "err"):
                path = self.log_path(run, stream)
                if path.exists():
                    parts.append(path.read_text(errors="replace"))
        return "\n".join(parts)

    async def post(self, session: aiohttp.ClientSession, body: str, *, secret: str = SIGNING_SECRET) -> int:
        """Send a signed body to /slack/events; the HTTP status, or 0 when no answer came back."""
        try:
            async with session.post(
                f"{self.url}/slack/events", data=body, headers=signed_headers(body, secret=secret)
            ) as response:
                await response.read()
                return response.status
        except (TimeoutError, aiohttp.ClientError):
            return 0
