"""A fake Discord REST API on 127.0.0.1: it records every request discord.py makes and answers with
JSON shaped like Discord's (users, applications, commands, messages, interaction callbacks, errors)."""

from __future__ import annotations

import asyncio
import itertools
import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from aiohttp import web

API_PREFIX = "/api/v10"
BOT_TOKEN = "fake-bot-token.not-a-secret"
APPLICATION_ID = 1300000000000000001
BOT_USER = {
    "id": str(APPLICATION_ID),
    "username": "mlpro-quiz",
    "global_name": None,
    "discriminator": "0",
    "avatar": None,
    "bot": True,
    "verified": True,
    "mfa_enabled": False,
    "flags": 0,
    "public_flags": 0,
}
OWNER = {"id": "1300000000000000099", "username": "owner", "discriminator": "0", "avatar": None, "global_name": "Owner"}


@dataclass(frozen=True)
class Upload:
    field: str
    filename: str
    content_type: str
    data: bytes


@dataclass
class Request:
    method: str
    path: str  # without the /api/v10 prefix
    query: dict[str, str]
    body: Any
    authorization: str | None
    files: list[Upload] = field(default_factory=list)  # the file parts of a multipart request

    def matches(self, method: str, pattern: str) -> bool:
        return self.method == method and re.fullmatch(pattern, self.path) is not None


@dataclass
class FakeDiscord:
    token: str = BOT_TOKEN
    requests: list[Request] = field(default_factory=list)
    messages: dict[int, dict] = field(default_factory=dict)
    forbidden_channels: set[int] = field(default_factory=set)
    missing_channels: set[int] = field(default_factory=set)
    interactions: dict[int, dict] = field(default_factory=dict)  # interaction id -> its gateway payload
    responses: dict[int, dict] = field(default_factory=dict)  # interaction id -> the message it answered with
    lose_responses: int = 0  # create this many channel messages, then drop the connection instead of answering
    nonces: dict[tuple[int, str], int] = field(default_factory=dict)  # (channel, nonce) -> message id

    def __post_init__(self) -> None:
        self._ids = itertools.count(1400000000000000001)
        self._arrived = asyncio.Condition()
        self._runner: web.AppRunner | None = None
        self.base_url = ""

    # -- server lifecycle --------------------------------------------------------
    async def start(self) -> str:
        app = web.Application()
        app.router.add_route("*", "/{tail:.*}", self._handle)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        port = self._runner.addresses[0][1]
        self.base_url = f"http://127.0.0.1:{port}"
        return self.base_url + API_PREFIX

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()

    # -- what tests read ---------------------------------------------------------
    def snowflake(self) -> int:
        return next(self._ids)

    def find(self, method: str, pattern: str) -> list[Request]:
        return [r for r in self.requests if r.matches(method, pattern)]

    async def wait_for(self, method: str, pattern: str, count: int = 1, timeout: float = 5.0) -> list[Request]:
        """The first `count` requests matching, once they have arrived."""

        def enough() -> bool:
            return len(self.find(method, pattern)) >= count

        async with self._arrived:
            await asyncio.wait_for(self._arrived.wait_for(enough), timeout)
        return self.find(method, pattern)[:count]

    async def callback(self, interaction: dict, timeout: float = 5.0) -> dict:
        """The body of the bot's response to this interaction (type, data)."""
        found = await self.wait_for("POST", rf"/interactions/{interaction['id']}/[^/]+/callback", timeout=timeout)
        return found[0].body

    async def followup(self, interaction: dict, timeout: float = 5.0) -> dict:
        found = await self.wait_for("POST", rf"/webhooks/{APPLICATION_ID}/{interaction['token']}", timeout=timeout)
        return found[0].body

    def channel_posts(self, channel_id: int) -> list[Request]:
        return self.find("POST", rf"/channels/{channel_id}/messages")

    # -- request handling --------------------------------------------------------
    async def _handle(self, request: web.Request) -> web.Response:
        path = request.path.removeprefix(API_PREFIX)
        body, files = await _body(request)
        recorded = Request(request.method, path, dict(request.query), body, request.headers.get("Authorization"), files)
        try:
            response = self._route(recorded)
        finally:
            async with self._arrived:
                self.requests.append(recorded)
                self._arrived.notify_all()
        if self.lose_responses > 0 and recorded.matches("POST", r"/channels/\d+/messages") and response.status == 200:
            self.lose_responses -= 1  # Discord created the message; the answer never reaches the bot
            if request.transport is not None:
                request.transport.close()
        return response

    def _route(self, r: Request) -> web.Response:
        bot_routes = r.path.startswith(("/users", "/oauth2", "/applications", "/channels"))
        if bot_routes and r.authorization != f"Bot {self.token}":
            return _error(401, "401: Unauthorized", 0)
        routes: list[tuple[str, str, Callable[[Request, re.Match], web.Response]]] = [
            ("GET", r"/users/@me", lambda r, m: _json(BOT_USER)),
            ("GET", r"/oauth2/applications/@me", lambda r, m: _json(self.application())),
            ("PUT", r"/applications/(\d+)(?:/guilds/(\d+))?/commands", self._sync_commands),
            ("POST", r"/interactions/(\d+)/([^/]+)/callback", self._interaction_callback),
            ("POST", r"/webhooks/(\d+)/([^/]+)", self._followup),
            ("PATCH", r"/webhooks/(\d+)/([^/]+)/messages/@original", self._edit_original),
            ("POST", r"/channels/(\d+)/messages", self._create_message),
            ("PATCH", r"/channels/(\d+)/messages/(\d+)", self._edit_message),
        ]
        for method, pattern, handler in routes:
            match = re.fullmatch(pattern, r.path)
            if method == r.method and match:
                return handler(r, match)
        return _error(404, "404: Not Found", 0)

    def application(self) -> dict:
        return {
            "id": str(APPLICATION_ID),
            "name": "ML Pro Quiz",
            "icon": None,
            "description": "Study bot",
            "summary": "",
            "type": None,
            "bot_public": True,
            "bot_require_code_grant": False,
            "owner": OWNER,
            "team": None,
            "verify_key": "0" * 64,
            "flags": 0,
            "bot": BOT_USER,
            "interactions_endpoint_url": None,
            "redirect_uris": [],
            "tags": [],
        }

    def _sync_commands(self, r: Request, m: re.Match) -> web.Response:
        guild_id = m.group(2)
        synced = []
        for command in r.body:
            synced.append(
                {
                    **command,
                    "id": str(self.snowflake()),
                    "application_id": str(APPLICATION_ID),
                    "version": str(self.snowflake()),
                    "guild_id": guild_id,
                    "default_member_permissions": command.get("default_member_permissions"),
                    "type": command.get("type", 1),
                    "description": command.get("description", ""),
                    "options": command.get("options", []),
                }
            )
        return _json(synced)

    def _interaction_callback(self, r: Request, m: re.Match) -> web.Response:
        interaction = self.interactions.get(int(m.group(1)))
        if interaction is None:
            return _error(404, "Unknown interaction", 10062)
        kind = r.body["type"]
        data = r.body.get("data") or {}
        answer: dict[str, Any] = {
            "interaction": {
                "id": str(interaction["id"]),
                "type": interaction["type"],
                "response_message_loading": kind == 5,
                "response_message_ephemeral": bool(data.get("flags", 0) & 64),
            }
        }
        channel_id = int(interaction["channel"]["id"])
        if kind in (4, 5):
            message = self._store(channel_id, data, flags=data.get("flags", 0) | (128 if kind == 5 else 0))
            answer["interaction"]["response_message_id"] = message["id"]
            answer["resource"] = {"type": kind, "message": message}
            self.responses[int(interaction["id"])] = message
        elif kind == 7:
            message = self._update(int(interaction["message"]["id"]), data, fallback=interaction["message"])
            answer["interaction"]["response_message_id"] = message["id"]
            answer["resource"] = {"type": kind, "message": message}
        else:  # 6 deferred update, 8 autocomplete result, 9 modal
            answer["resource"] = {"type": kind}
        return _json(answer)

    def _followup(self, r: Request, m: re.Match) -> web.Response:
        interaction = next((i for i in self.interactions.values() if i["token"] == m.group(2)), None)
        if interaction is None:
            return _error(404, "Unknown Webhook", 10015)
        message = self._store(int(interaction["channel"]["id"]), r.body, flags=r.body.get("flags", 0))
        self.responses[int(interaction["id"])] = message
        return _json(message)

    def _edit_original(self, r: Request, m: re.Match) -> web.Response:
        return _json(self._store(0, r.body))

    def _create_message(self, r: Request, m: re.Match) -> web.Response:
        channel_id = int(m.group(1))
        if channel_id in self.forbidden_channels:
            return _error(403, "Missing Permissions", 50013)
        if channel_id in self.missing_channels:
            return _error(404, "Unknown Channel", 10003)
        nonce = r.body.get("nonce") if r.body.get("enforce_nonce") else None
        if nonce is not None and (channel_id, nonce) in self.nonces:
            return _json(self.messages[self.nonces[channel_id, nonce]])  # Discord's answer to a repeated nonce
        stored = self._store(channel_id, r.body, reference=r.body.get("message_reference"))
        if nonce is not None:
            self.nonces[channel_id, nonce] = int(stored["id"])
        return _json(stored)

    def _edit_message(self, r: Request, m: re.Match) -> web.Response:
        channel_id, message_id = int(m.group(1)), int(m.group(2))
        if channel_id in self.missing_channels:
            return _error(404, "Unknown Channel", 10003)
        if message_id not in self.messages:
            return _error(404, "Unknown Message", 10008)
        return _json(self._update(message_id, r.body))

    # -- messages ----------------------------------------------------------------
    def _store(self, channel_id: int, body: dict, *, flags: int = 0, reference: dict | None = None) -> dict:
        message_id = self.snowflake()
        message = {
            "id": str(message_id),
            "channel_id": str(channel_id),
            "author": BOT_USER,
            "content": body.get("content") or "",
            "timestamp": datetime.now(UTC).isoformat(),
            "edited_timestamp": None,
            "tts": False,
            "mention_everyone": False,
            "mentions": [],
            "mention_roles": [],
            "attachments": [],
            "embeds": body.get("embeds") or [],
            "components": _with_ids(body.get("components") or []),
            "pinned": False,
            "type": 19 if reference else 0,
            "flags": flags,
        }
        if reference:
            message["message_reference"] = {**reference, "type": 0}
        self.messages[message_id] = message
        return message

    def _update(self, message_id: int, body: dict, *, fallback: dict | None = None) -> dict:
        message = json.loads(json.dumps(self.messages.get(message_id) or fallback or {}))  # earlier copies stay as sent
        for key in ("content", "embeds", "flags"):
            if key in body:
                message[key] = body[key]
        if "components" in body:
            message["components"] = _with_ids(body["components"])
        message["edited_timestamp"] = datetime.now(UTC).isoformat()
        self.messages[message_id] = message
        return message


def _with_ids(rows: list[dict]) -> list[dict]:
    """Discord numbers every component of a message it stores."""
    numbered = json.loads(json.dumps(rows))
    counter = itertools.count(1)
    for row in numbered:
        row.setdefault("id", next(counter))
        for component in row.get("components", []):
            component.setdefault("id", next(counter))
    return numbered


async def _body(request: web.Request) -> tuple[Any, list[Upload]]:
    """The JSON body (a multipart request's payload_json part) and any uploaded files."""
    if request.content_type == "application/json":
        return await request.json(), []
    if request.content_type.startswith("multipart/"):
        form = await request.post()
        files = [
            Upload(name, part.filename, part.content_type, part.file.read())
            for name, part in form.items()
            if isinstance(part, web.FileField)
        ]
        return (json.loads(form["payload_json"]) if "payload_json" in form else {}), files
    return None, []


def _json(payload: Any, status: int = 200) -> web.Response:
    """Exactly `application/json`, as Discord sends it (discord.py compares the header literally)."""
    return web.Response(body=json.dumps(payload).encode(), status=status, headers={"Content-Type": "application/json"})


def _error(status: int, message: str, code: int) -> web.Response:
    return _json({"message": message, "code": code}, status)
