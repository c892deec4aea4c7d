"""Requests that are signed but unusable, or from a workspace this bot does not serve, are answered here,
before any listener runs: they get a fast refusal and write nothing."""

from __future__ import annotations

import logging

from slack_bolt.middleware.async_middleware import AsyncMiddleware
from slack_bolt.request.async_request import AsyncBoltRequest
from slack_bolt.response import BoltResponse

from bot.slack.messages import OTHER_WORKSPACE

log = logging.getLogger(__name__)
MALFORMED = "malformed request"


def missing_parts(body: dict) -> list[str]:
    """What a request needs before a listener may act on it, and lacks (empty when it is usable)."""
    if "command" in body:
        needed = {key: body.get(key) for key in ("team_id", "user_id", "channel_id", "response_url")}
        return [key for key, value in needed.items() if not isinstance(value, str) or not value]
    kind = body.get("type")
    if kind in ("block_actions", "view_submission", "view_closed"):
        missing = [
            f"{key} as an object" for key in ("user", "team", "container", "view") if not _object_or_null(body, key)
        ]
        user = _mapping(body.get("user"))
        team = _mapping(body.get("team"))
        if not user.get("id"):
            missing.append("user.id")
        if not (team.get("id") or user.get("team_id")):
            missing.append("team.id")
        if kind == "block_actions":
            actions = body.get("actions")
            if not isinstance(actions, list) or not actions or not all(isinstance(a, dict) for a in actions):
                missing.append("actions")
            container = _mapping(body.get("container"))
            if container.get("type") == "message" and not body.get("response_url"):
                missing.append("response_url")
        return missing
    if kind == "event_callback" and not body.get("team_id"):
        return ["team_id"]
    return []


def _object_or_null(body: dict, key: str) -> bool:
    return body.get(key) is None or isinstance(body.get(key), dict)


def _mapping(value: object) -> dict:
    return value if isinstance(value, dict) else {}


class RefuseMalformed(AsyncMiddleware):
    """Before authorization: a signed request without the ids and reply address it must carry. A middleware
    class, not a function: Bolt builds a function middleware's arguments from the body first, and an empty
    `actions` list breaks that (IndexError, HTTP 500)."""

    async def async_process(self, *, req: AsyncBoltRequest, resp: BoltResponse, next) -> BoltResponse:
        missing = missing_parts(req.body) if isinstance(req.body, dict) else ["a JSON object"]
        if missing:
            log.warning("refused a signed request without %s", ", ".join(missing))
            return BoltResponse(status=400, body=MALFORMED)
        return await next()


class RefuseOtherWorkspaces(AsyncMiddleware):
    """After authorization: the workspace the token speaks for (auth.test, once, in single-workspace mode;
    the installation in OAuth mode) must be the one the request comes from."""

    async def async_process(self, *, req: AsyncBoltRequest, resp: BoltResponse, next) -> BoltResponse:
        context = req.context
        served = context.authorize_result.team_id if context.authorize_result else None
        if served and context.team_id and context.team_id != served:
            log.warning("refused a request from workspace %s; this bot serves %s", context.team_id, served)
            return BoltResponse(status=200, body=OTHER_WORKSPACE if "command" in req.body else "")
        return await next()
