"""Private replies to a payload's response_url through one HTTP session that lives as long as the app.

Bolt's own `respond()` builds a webhook client per call, and that client opens a new aiohttp session
(a new TCP connection, a new connector) for every reply and closes it afterwards: during a morning burst
that is most of the cost of an answer. `ReplySession` holds one session, opened when the app starts
(`open`, or lazily at the first reply) and closed when it stops (`close`); its middleware puts a
`respond` that uses it into every request's context, so the listeners keep calling `respond(...)`."""

from __future__ import annotations

import logging
from typing import Any

import aiohttp
from aiohttp import web
from slack_bolt.middleware.async_middleware import AsyncMiddleware
from slack_bolt.request.async_request import AsyncBoltRequest
from slack_bolt.response import BoltResponse

log = logging.getLogger(__name__)
REPLY_TIMEOUT_SECONDS = 30  # as slack_sdk's webhook client waits by default
STALE_CONNECTION = (aiohttp.ServerDisconnectedError, aiohttp.ClientOSError)


class ReplySession:
    """The one aiohttp session every reply goes through; `open()` and `close()` tie it to the app's life."""

    def __init__(self) -> None:
        self._session: aiohttp.ClientSession | None = None
        self.opened = 0  # how many sessions this app has opened (tests pin it to one per start)

    @property
    def is_open(self) -> bool:
        return self._session is not None and not self._session.closed

    async def open(self) -> aiohttp.ClientSession:
        if self._session is None or self._session.closed:
            self._session = aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=REPLY_TIMEOUT_SECONDS))
            self.opened += 1
        return self._session

    async def close(self) -> None:
        if self._session is not None and not self._session.closed:
            await self._session.close()
        self._session = None

    async def on_startup(self, _application: web.Application) -> None:
        await self.open()

    async def on_cleanup(self, _application: web.Application) -> None:
        await self.close()

    def middleware(self) -> AsyncMiddleware:
        return _SharedRespond(self)


class Respond:
    """A drop-in for Bolt's `respond` (the keyword arguments our listeners use) over the shared session.

    It posts the JSON message itself rather than through slack_sdk's webhook client: that client, built per
    reply, reads the proxy settings from the environment and logs each call, which showed in the profile
    of the answer burst. Like Bolt's respond(), a reply Slack refuses is not an exception; it is logged."""

    def __init__(self, session: ReplySession, response_url: str | None) -> None:
        self.session = session
        self.response_url = response_url

    async def __call__(
        self,
        text: str = "",
        blocks: list | None = None,
        *,
        response_type: str | None = None,
        replace_original: bool | None = None,
        delete_original: bool | None = None,
        **more: Any,
    ) -> int:
        """Send the reply; returns the HTTP status Slack answered with."""
        if self.response_url is None:
            raise ValueError("respond is unsupported here as there is no response_url")
        message: dict[str, Any] = {"text": text}
        optional = {
            "blocks": blocks or None,  # as Bolt does, no empty blocks list
            "response_type": response_type,
            "replace_original": replace_original,
            "delete_original": delete_original,
            **more,
        }
        message.update((key, value) for key, value in optional.items() if value is not None)
        session = await self.session.open()
        try:
            return await self._post(session, message)
        except STALE_CONNECTION:
            # A kept-alive connection the other end had closed while idle: aiohttp does not resend a POST
            # on it by itself. The reply is sent once more on a new connection (at worst, if Slack did read
            # it, the person sees the same private reply twice; Bolt's own respond() never reused one).
            return await self._post(session, message)

    async def _post(self, session: aiohttp.ClientSession, message: dict[str, Any]) -> int:
        assert self.response_url is not None
        async with session.post(self.response_url, json=message) as response:
            await response.read()
            if response.status >= 300:
                log.warning("Slack refused a reply to a response_url with HTTP %s", response.status)
            return response.status


class _SharedRespond(AsyncMiddleware):
    """Every request's `respond` goes through the app's one reply session."""

    def __init__(self, session: ReplySession) -> None:
        self.session = session

    async def async_process(self, *, req: AsyncBoltRequest, resp: BoltResponse, next) -> BoltResponse:
        req.context["respond"] = Respond(self.session, req.context.response_url)
        return await next()
