"""The slack harness's fake Web API, with what the fault tests need on top: which person each
response_url reply went to, a gate that holds chat.postMessage calls, and users.info refusals."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field

from aiohttp import web

from tests.integration.slack.fake_slack import FakeSlack


@dataclass
class RecordingSlack(FakeSlack):
    replies: dict[str, list[dict]] = field(default_factory=dict)  # response_url name -> bodies posted to it
    posts_received: int = 0  # chat.postMessage requests that arrived, answered or not
    refused_users: set[str] = field(default_factory=set)  # users.info answers user_not_found for these
    gate: asyncio.Event | None = None  # when set up, chat.postMessage waits for it

    async def respond(self, request: web.Request) -> web.Response:
        body = await request.json()
        self.responses.append(body)
        self.replies.setdefault(request.match_info["name"], []).append(body)
        return web.Response(text="ok")

    async def api(self, request: web.Request) -> web.Response:
        if request.match_info["method"] == "chat.postMessage":
            self.posts_received += 1  # counted on arrival: Slack posts it even if the caller is gone
            if self.gate is not None:
                await asyncio.wait_for(self.gate.wait(), timeout=30)
        return await super().api(request)

    def on_users_info(self, params: dict, token: str) -> dict:
        if params["user"] in self.refused_users:
            return {"ok": False, "error": "user_not_found"}
        return super().on_users_info(params, token)

    def release(self) -> None:
        if self.gate is not None:
            self.gate.set()

    async def stop(self) -> None:
        self.release()  # never leave a held call for the server's shutdown to wait on
        await super().stop()
