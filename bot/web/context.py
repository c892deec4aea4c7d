"""What the dashboard's handlers share: the application's keys, the viewer of a request, the workspace in its
path, and rendering a page."""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable

import aiohttp_jinja2
from aiohttp import web

from bot.app import App
from bot.services.dashboard import PageNotFoundError
from bot.services.web_access import Viewer

SESSION_COOKIE = "quizbot_session"


class RateLimiter:
    """At most `limit` attempts per `window` seconds from one address (sign-in redemptions)."""

    def __init__(self, limit: int = 10, window: float = 60.0, clock: Callable[[], float] = time.monotonic) -> None:
        self.limit, self.window, self.clock = limit, window, clock
        self.seen: dict[str, deque[float]] = {}

    def allow(self, key: str) -> bool:
        now = self.clock()
        times = self.seen.setdefault(key, deque())
        while times and now - times[0] >= self.window:
            times.popleft()
        if len(times) >= self.limit:
            return False
        times.append(now)
        if len(self.seen) > 10_000:  # forget quiet addresses
            self.seen = {k: v for k, v in self.seen.items() if v and now - v[-1] < self.window}
        return True


APP_KEY: web.AppKey[App] = web.AppKey("quizbot_app", App)
SECURE_KEY: web.AppKey[bool] = web.AppKey("quizbot_secure", bool)
LIMITER_KEY: web.AppKey[RateLimiter] = web.AppKey("quizbot_limiter", RateLimiter)


VIEWER_KEY: web.RequestKey[Viewer | None] = web.RequestKey("quizbot_viewer", object)  # type: ignore[arg-type]


def viewer_of(request: web.Request) -> Viewer | None:
    """The signed-in person of this request (looked up once per request), or None."""
    if VIEWER_KEY not in request:
        request[VIEWER_KEY] = request.app[APP_KEY].web_access.viewer(request.cookies.get(SESSION_COOKIE))
    return request[VIEWER_KEY]


def see_other(location: str) -> web.Response:
    """A redirect after a form (303) that can carry cookies."""
    return web.Response(status=303, headers={"Location": location})


def signed_in(request: web.Request) -> Viewer:
    viewer = viewer_of(request)
    if viewer is None:
        raise web.HTTPSeeOther("/")
    return viewer


def workspace_in(request: web.Request) -> int:
    try:
        return int(request.match_info["workspace"])
    except ValueError:
        raise PageNotFoundError() from None


def page(request: web.Request, template: str, status: int = 200, **context) -> web.Response:
    viewer = viewer_of(request)
    return aiohttp_jinja2.render_template(
        template, request, {"viewer": viewer, "current": "", **context}, status=status
    )
