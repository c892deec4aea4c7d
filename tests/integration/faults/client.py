"""Requests to the in-process app with a response_url of their own, so each reply is matched to the
request that caused it even when an earlier reply arrives late; and the state the tests compare."""

from __future__ import annotations

import asyncio
import itertools
import json
import logging
from dataclasses import dataclass
from datetime import timedelta

from bot.services.context import ChannelTarget
from bot.services.identity import Member
from tests.integration.faults import payloads
from tests.integration.faults.payloads import Sender
from tests.integration.slack.harness import Harness

STORED_TABLES = (
    "attempts",
    "scores",
    "team_scores",
    "team_active",
    "review_cards",
    "teams",
    "team_members",
    "question_reports",
    "schedules",
    "posts",
    "exams",
)
ACCESS_LOG = "aiohttp.access"


@dataclass
class Sent:
    status: int
    reply_to: str  # the response_url name the app replies to


class Client:
    def __init__(self, harness: Harness) -> None:
        self.harness = harness
        self._names = itertools.count(1)

    def _reply_url(self) -> tuple[str, str]:
        name = f"reply-{next(self._names)}"
        return name, self.harness.fake.response_url(name)

    async def raw(self, body: str, **header_options) -> int:
        return (await self.harness.post(body, **header_options)).status

    async def slash(self, sender: Sender, text: str) -> Sent:
        name, url = self._reply_url()
        return Sent(await self.raw(payloads.slash(sender, text, url)), name)

    async def click(self, sender: Sender, action: dict, *, state: dict | None = None) -> Sent:
        name, url = self._reply_url()
        return Sent(await self.raw(payloads.block_actions(sender, [action], url, state=state)), name)

    async def reply(self, sent: Sent, timeout: float = 5.0) -> dict:
        replies = self.harness.fake.replies
        await self.harness.fake.wait_until(lambda: sent.reply_to in replies, timeout)
        return replies[sent.reply_to][0]

    async def ask(self, sender: Sender, text: str) -> dict:
        sent = await self.slash(sender, text)
        assert sent.status == 200
        return await self.reply(sent)

    def counts(self) -> dict[str, int]:
        db = self.harness.services.context.db
        return {table: db.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0] for table in STORED_TABLES}


def reply_text(reply: dict) -> str:
    """The fallback text and every text of the blocks."""
    parts = [reply.get("text") or ""]
    for block in reply.get("blocks") or []:
        if isinstance(block.get("text"), dict):
            parts.append(block["text"].get("text") or "")
        parts += [e.get("text") or "" for e in block.get("elements") or [] if isinstance(e, dict) and "type" in e]
    return "\n".join(str(part) for part in parts)


def log_lines(records: list[logging.LogRecord]) -> list[logging.LogRecord]:
    """What the bot and its libraries logged, without aiohttp's line per request."""
    return [r for r in records if r.name != ACCESS_LOG and r.levelno >= logging.INFO]


def open_daily_post(services, workspace: str, channel: str, question_id: str) -> int:
    """A channel's schedule and an open daily post of the given question, through the stores' own API."""
    admin = Member("slack", workspace, f"U-admin-{workspace}", name="admin", is_admin=True)
    services.daily_setup.configure(
        admin, ChannelTarget(channel, channel), local_time="09:00", timezone="UTC", open_hours=24
    )
    schedule = next(
        s
        for s in services.daily.schedules.all()
        if s.workspace_id_on_platform == workspace and s.channel_id_on_platform == channel
    )
    now = services.context.clock()
    post, _ = services.daily.posts.reserve(schedule.channel_id, now.date().isoformat(), question_id, now)
    services.daily.posts.mark_posted(post.id, f"{channel}:{payloads.POSTED_TS}", now, now + timedelta(hours=24))
    return post.id


async def wait_until(condition, timeout: float = 5.0) -> None:
    """Poll `condition` until it holds; fail after `timeout` seconds."""
    deadline = asyncio.get_running_loop().time() + timeout
    while not condition():
        assert asyncio.get_running_loop().time() < deadline, "waited in vain"
        await asyncio.sleep(0.01)


def with_custom_id(message: dict, custom_id: str) -> dict:
    """A Discord message of the bot's, as a tampering client would send it back with one button's id changed."""
    crafted = json.loads(json.dumps(message))
    crafted["components"][0]["components"][0]["custom_id"] = custom_id
    return crafted
