"""Talking to the Bolt app the way Slack does: signed form posts of slash commands and block actions."""

from __future__ import annotations

import hashlib
import hmac
import json
import time
from dataclasses import dataclass
from urllib.parse import urlencode

import aiohttp

from bot.app import App
from bot.slack.app import SlackBot
from tests.integration.slack.fake_slack import FakeSlack

SIGNING_SECRET = "test-signing-secret-not-real"
FIVE_MINUTES = 300


def signature(secret: str, timestamp: str, body: str) -> str:
    digest = hmac.new(secret.encode(), f"v0:{timestamp}:{body}".encode(), hashlib.sha256).hexdigest()
    return f"v0={digest}"


def signed_headers(body: str, *, secret: str = SIGNING_SECRET, age: int = 0) -> dict[str, str]:
    timestamp = str(int(time.time()) - age)
    return {
        "Content-Type": "application/x-www-form-urlencoded",
        "X-Slack-Request-Timestamp": timestamp,
        "X-Slack-Signature": signature(secret, timestamp, body),
    }


@dataclass(frozen=True)
class Person:
    user: str
    name: str
    team: str = "T1"
    domain: str = "one"


ALICE = Person("U-alice", "alice")
BOB = Person("U-bob", "bob")
ADA = Person("U-admin", "ada")


@dataclass
class Harness:
    url: str
    session: aiohttp.ClientSession
    fake: FakeSlack
    services: App
    bot: SlackBot

    async def post(self, body: str, **header_options) -> aiohttp.ClientResponse:
        extra = header_options.pop("extra_headers", {})
        headers = signed_headers(body, **header_options) | extra
        async with self.session.post(f"{self.url}/slack/events", data=body, headers=headers) as response:
            await response.read()
            return response

    async def slash(self, text: str, person: Person = ALICE, channel: str = "C-general", **header_options):
        body = urlencode(
            {
                "token": "legacy-verification-token",
                "team_id": person.team,
                "team_domain": person.domain,
                "channel_id": channel,
                "channel_name": channel.removeprefix("C-"),
                "user_id": person.user,
                "user_name": person.name,
                "command": "/quiz",
                "text": text,
                "api_app_id": "A-QUIZ",
                "is_enterprise_install": "false",
                "response_url": self.fake.response_url("command"),
                "trigger_id": "1.2.3",
            }
        )
        return await self.post(body, **header_options)

    async def action(
        self,
        action: dict,
        person: Person = ALICE,
        *,
        state: dict | None = None,
        channel: str = "C-general",
        message_ts: str | None = None,
        **header_options,
    ):
        """A click on a control of a message in `channel`: by default the newest message the bot posted there
        (Slack names it in the payload's container), else an ephemeral message of the bot's."""
        posted = self.fake.posted(channel)
        message_ts = message_ts or (posted[-1]["ts"] if posted else "1700000099.000001")
        payload = {
            "type": "block_actions",
            "user": {"id": person.user, "username": person.name, "name": person.name, "team_id": person.team},
            "api_app_id": "A-QUIZ",
            "token": "legacy-verification-token",
            "container": {
                "type": "message",
                "channel_id": channel,
                "message_ts": message_ts,
                "is_ephemeral": not posted,
            },
            "trigger_id": "1.2.3",
            "team": {"id": person.team, "domain": person.domain},
            "enterprise": None,
            "is_enterprise_install": False,
            "channel": {"id": channel, "name": channel.removeprefix("C-")},
            "state": state or {"values": {}},
            "response_url": self.fake.response_url("action"),
            "actions": [{"action_ts": "1700000000.1", "type": "button", **action}],
        }
        return await self.post(urlencode({"payload": json.dumps(payload)}), **header_options)

    async def submit_view(self, view: dict, person: Person = ALICE, values: dict | None = None) -> tuple[int, dict]:
        """Submit a modal the app opened, with the given state values; returns the app's HTTP answer."""
        payload = {
            "type": "view_submission",
            "team": {"id": person.team, "domain": person.domain},
            "user": {"id": person.user, "username": person.name, "name": person.name, "team_id": person.team},
            "api_app_id": "A-QUIZ",
            "token": "legacy-verification-token",
            "trigger_id": "4.5.6",
            "is_enterprise_install": False,
            "enterprise": None,
            "view": {**view, "id": "V0001", "state": {"values": values or {}}},
        }
        response = await self.post(urlencode({"payload": json.dumps(payload)}))
        text = await response.text()  # read by post(), kept by aiohttp
        return response.status, (json.loads(text) if text else {})

    async def reply_to(self, send) -> dict:
        """Send a request and return the reply the app posted to the response_url."""
        seen = len(self.fake.responses)
        response = await send
        assert response.status == 200
        return (await self.fake.wait_for_responses(seen + 1))[seen]

    def count(self, table: str) -> int:
        return self.services.context.db.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]


def elements(reply: dict, element_type: str) -> list[dict]:
    return [
        element
        for block in reply.get("blocks") or []
        if block["type"] == "actions"
        for element in block["elements"]
        if element["type"] == element_type
    ]


def reply_text(reply: dict) -> str:
    parts = [reply.get("text") or ""]
    for block in reply.get("blocks") or []:
        if "text" in block:
            parts.append(block["text"]["text"])
        parts += [element.get("text", "") for element in block.get("elements", []) if block["type"] == "context"]
    return "\n".join(parts)
