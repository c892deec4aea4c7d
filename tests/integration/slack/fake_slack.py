"""A fake Slack Web API on 127.0.0.1: records every call and answers the way Slack does.

Also serves the response_url endpoints that Bolt's `respond` posts to."""

from __future__ import annotations

import asyncio
import json
from dataclasses import dataclass, field

from aiohttp import WSMsgType, web

BOT_USER = "U-BOT"


@dataclass
class Call:
    method: str
    params: dict
    token: str | None
    status: int = 200


@dataclass
class Install:
    team_id: str
    team_name: str
    token: str


@dataclass
class FakeSlack:
    tokens: dict[str, str] = field(default_factory=dict)  # bot token -> team id
    admins: set[str] = field(default_factory=set)
    usergroups: dict[str, list[str]] = field(default_factory=dict)
    missing_channels: set[str] = field(default_factory=set)
    archived_channels: set[str] = field(default_factory=set)
    outside_channels: set[str] = field(default_factory=set)  # public; the bot must join first
    private_channels: set[str] = field(default_factory=set)  # cannot be joined
    rate_limit_posts: int = 0  # answer this many chat.postMessage calls with 429
    fail_posts: int = 0  # answer this many chat.postMessage calls with HTTP 500 (not posted)
    lose_posts: int = 0  # post this many messages, then drop the connection instead of answering
    retry_after: int = 1
    installs: dict[str, Install] = field(default_factory=dict)  # OAuth code -> installation
    calls: list[Call] = field(default_factory=list)
    messages: list[dict] = field(default_factory=list)  # every message posted, by chat.postMessage
    deleted_messages: set[str] = field(default_factory=set)  # ts of messages someone deleted
    responses: list[dict] = field(default_factory=list)  # bodies posted to response_url
    response_peers: list[tuple] = field(default_factory=list)  # the (host, port) each response_url post came from
    sockets: list[web.WebSocketResponse] = field(default_factory=list)  # Socket Mode connections
    socket_replies: list[dict] = field(default_factory=list)  # envelope acks sent back by the app
    uploads: dict[str, bytes] = field(default_factory=dict)  # file id -> bytes sent to the upload URL
    _ts: int = 0
    _runner: web.AppRunner | None = None
    port: int = 0

    # -- lifecycle ---------------------------------------------------------------------
    async def start(self) -> None:
        application = web.Application()
        application.router.add_route("*", "/api/{method}", self.api)
        application.router.add_post("/respond/{name}", self.respond)
        application.router.add_post("/upload/{file_id}", self.upload)
        application.router.add_get("/socket", self.socket)
        self._runner = web.AppRunner(application)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        self.port = self._runner.addresses[0][1]

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/api/"

    def response_url(self, name: str = "r") -> str:
        return f"http://127.0.0.1:{self.port}/respond/{name}"

    # -- what the tests look at ------------------------------------------------------------
    def calls_to(self, method: str, *, ok_only: bool = False) -> list[Call]:
        return [c for c in self.calls if c.method == method and (c.status == 200 or not ok_only)]

    async def wait_for_responses(self, count: int, timeout: float = 5.0) -> list[dict]:
        await self.wait_until(lambda: len(self.responses) >= count, timeout)
        return self.responses

    async def wait_until(self, condition, timeout: float = 5.0) -> None:
        deadline = asyncio.get_running_loop().time() + timeout
        while not condition():
            if asyncio.get_running_loop().time() > deadline:
                raise AssertionError("the fake Slack did not see what the test waited for")
            await asyncio.sleep(0.02)

    # -- HTTP handlers -----------------------------------------------------------------------
    async def respond(self, request: web.Request) -> web.Response:
        self.responses.append(await request.json())
        self.response_peers.append(request.transport.get_extra_info("peername") if request.transport else None)
        return web.Response(text="ok")

    async def socket(self, request: web.Request) -> web.WebSocketResponse:
        connection = web.WebSocketResponse()
        await connection.prepare(request)
        self.sockets.append(connection)
        await connection.send_json({"type": "hello", "num_connections": 1, "connection_info": {"app_id": "A-QUIZ"}})
        async for message in connection:
            if message.type == WSMsgType.TEXT:
                self.socket_replies.append(json.loads(message.data))
        return connection

    async def upload(self, request: web.Request) -> web.Response:
        self.uploads[request.match_info["file_id"]] = await request.read()
        return web.Response(text="OK - uploaded")

    async def api(self, request: web.Request) -> web.Response:
        method = request.match_info["method"]
        params = await read_params(request)
        auth = request.headers.get("Authorization", "")
        token = auth.removeprefix("Bearer ") if auth.startswith("Bearer ") else params.get("token")
        call = Call(method, params, token)
        self.calls.append(call)
        if method == "chat.postMessage" and self.rate_limit_posts > 0:
            self.rate_limit_posts -= 1
            call.status = 429
            return web.json_response(
                {"ok": False, "error": "ratelimited"}, status=429, headers={"Retry-After": str(self.retry_after)}
            )
        if method == "chat.postMessage" and self.fail_posts > 0:
            self.fail_posts -= 1
            call.status = 500
            return web.json_response({"ok": False, "error": "internal_error"}, status=500)
        if method != "oauth.v2.access" and token not in self.tokens:
            return web.json_response({"ok": False, "error": "invalid_auth"})
        handler = getattr(self, "on_" + method.replace(".", "_"), None)
        if handler is None:
            return web.json_response({"ok": False, "error": "unknown_method"})
        answer = handler(params, token)
        if method == "chat.postMessage" and answer.get("ok") and self.lose_posts > 0:
            self.lose_posts -= 1  # Slack posted it; the answer never reaches the app
            if request.transport is not None:
                request.transport.close()
        return web.json_response(answer)

    # -- Web API methods -------------------------------------------------------------------
    def on_auth_test(self, params: dict, token: str) -> dict:
        team = self.tokens[token]
        return {"ok": True, "team_id": team, "team": team, "user_id": BOT_USER, "bot_id": f"B-{team}"}

    def on_users_info(self, params: dict, token: str) -> dict:
        user = params["user"]
        return {"ok": True, "user": {"id": user, "name": user, "is_admin": user in self.admins, "is_owner": False}}

    def on_usergroups_users_list(self, params: dict, token: str) -> dict:
        group = params["usergroup"]
        if group not in self.usergroups:
            return {"ok": False, "error": "no_such_subteam"}
        return {"ok": True, "users": self.usergroups[group]}

    def on_conversations_join(self, params: dict, token: str) -> dict:
        channel = params["channel"]
        if channel in self.private_channels:
            return {"ok": False, "error": "method_not_supported_for_channel_type"}
        self.outside_channels.discard(channel)
        return {"ok": True, "channel": {"id": channel}}

    def posted(self, channel: str) -> list[dict]:
        """The messages Slack shows in the channel, whether or not the app heard back."""
        return [m for m in self.messages if m["channel"] == channel]

    def on_chat_postMessage(self, params: dict, token: str) -> dict:
        channel = params["channel"]
        error = self.channel_error(channel)
        if error:
            return {"ok": False, "error": error}
        self._ts += 1
        ts = f"1700000000.{self._ts:06d}"
        self.messages.append({"channel": channel, "ts": ts, "text": params["text"]})
        return {"ok": True, "channel": channel, "ts": ts, "message": {"text": params["text"]}}

    def on_apps_connections_open(self, params: dict, token: str) -> dict:
        return {"ok": True, "url": f"ws://127.0.0.1:{self.port}/socket"}

    def on_conversations_open(self, params: dict, token: str) -> dict:
        return {"ok": True, "channel": {"id": "D-" + params["users"]}}

    def on_files_getUploadURLExternal(self, params: dict, token: str) -> dict:
        file_id = f"F{len(self.uploads) + 1:04d}"
        return {"ok": True, "file_id": file_id, "upload_url": f"http://127.0.0.1:{self.port}/upload/{file_id}"}

    def on_files_completeUploadExternal(self, params: dict, token: str) -> dict:
        files = json.loads(params["files"]) if isinstance(params["files"], str) else params["files"]
        return {"ok": True, "files": [{"id": f["id"], "title": f["title"]} for f in files]}

    def on_views_open(self, params: dict, token: str) -> dict:
        view = json.loads(params["view"]) if isinstance(params["view"], str) else params["view"]
        return {"ok": True, "view": {"id": f"V{len(self.calls_to('views.open')):04d}", **view}}

    def on_views_publish(self, params: dict, token: str) -> dict:
        view = json.loads(params["view"]) if isinstance(params["view"], str) else params["view"]
        return {"ok": True, "view": {"id": f"VH{len(self.calls_to('views.publish')):04d}", **view}}

    def on_chat_update(self, params: dict, token: str) -> dict:
        if params["ts"] in self.deleted_messages:
            return {"ok": False, "error": "message_not_found"}
        return {"ok": True, "channel": params["channel"], "ts": params["ts"], "text": params.get("text", "")}

    def on_oauth_v2_access(self, params: dict, token: str | None) -> dict:
        install = self.installs.get(params.get("code", ""))
        if install is None:
            return {"ok": False, "error": "invalid_code"}
        self.tokens[install.token] = install.team_id
        return {
            "ok": True,
            "app_id": "A-QUIZ",
            "access_token": install.token,
            "token_type": "bot",
            "scope": "commands,chat:write",
            "bot_user_id": BOT_USER,
            "team": {"id": install.team_id, "name": install.team_name},
            "enterprise": None,
            "is_enterprise_install": False,
            "authed_user": {"id": "U-installer"},
        }

    def channel_error(self, channel: str) -> str | None:
        if channel in self.missing_channels or channel in self.private_channels:
            return "channel_not_found"
        if channel in self.archived_channels:
            return "is_archived"
        if channel in self.outside_channels:
            return "not_in_channel"
        return None


async def read_params(request: web.Request) -> dict:
    """Slack takes arguments as query parameters, a form or JSON; slack_sdk uses all three."""
    query = dict(request.query)
    if request.content_type == "application/json":
        return query | await request.json()
    form = query | dict(await request.post())
    if isinstance(form.get("blocks"), str):
        form["blocks"] = json.loads(form["blocks"])
    return form
