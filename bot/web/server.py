"""The web dashboard's HTTP side: routes, sign-in and sign-out, sessions, CSRF, security headers, rate limits,
static files and an access log that never writes a link token or a session id. Pages are in pages.py."""

from __future__ import annotations

import logging
import secrets
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import aiohttp_jinja2
import jinja2
from aiohttp import web
from aiohttp.abc import AbstractAccessLogger

from bot.app import App
from bot.services.dashboard import PageNotFoundError
from bot.services.errors import NotAllowedError, QuizError
from bot.services.web_access import LINK_TTL, SESSION_TTL, SIGN_IN_PATH, LinkRefusedError
from bot.web import charts, pages
from bot.web.context import APP_KEY, LIMITER_KEY, SECURE_KEY, SESSION_COOKIE, RateLimiter, page, see_other, viewer_of

log = logging.getLogger(__name__)
HERE = Path(__file__).parent
SIGN_IN_COOKIE = "quizbot_signin"  # a double-submit CSRF value for the sign-in form (no session exists yet)
STATIC_MAX_AGE = 86400
CSP = (
    "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)
FILTERS: dict[str, Callable[..., str]] = {"pct": charts.pct, "day": charts.day, "moment": charts.moment}
Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


class RedactingAccessLogger(AbstractAccessLogger):
    """method, path and status; a sign-in link's token never reaches the log (cookies are never logged)."""

    def log(self, request, response, time: float) -> None:
        path = request.path
        if path.startswith(SIGN_IN_PATH):
            path = SIGN_IN_PATH + "…"
        self.logger.info("%s %s %s %.1f ms", request.method, path, response.status, time * 1000)


class FormRefusedError(Exception):
    """A form without this site's token for the session: a forged request, or a page left open too long."""


def check_csrf(expected: str | None, sent: object) -> None:
    if not expected or not isinstance(sent, str) or not secrets.compare_digest(expected.encode(), sent.encode()):
        raise FormRefusedError()


@web.middleware
async def guard(request: web.Request, handler: Handler) -> web.StreamResponse:
    """Security headers on every response; a refusal from the services becomes its page (404, 403, 400)."""
    try:
        response = await handler(request)
    except PageNotFoundError:
        response = page(request, "error.html", 404, title="Not found", message="There is no such page here.")
    except NotAllowedError:
        message = "This page is for the workspace's admins (the people who may set up the daily question)."
        response = page(request, "error.html", 403, title="For admins", message=message)
    except LinkRefusedError as exc:
        response = page(request, "error.html", 400, title="Sign-in link refused", message=str(exc))
    except QuizError as exc:
        response = page(request, "error.html", 400, title="Refused", message=str(exc))
    except FormRefusedError:
        message = "This form has expired or did not come from this site; reload the page and try again."
        response = page(request, "error.html", 403, title="Form refused", message=message)
    except web.HTTPNotFound:
        response = page(request, "error.html", 404, title="Not found", message="There is no such page here.")
    except web.HTTPException as exc:  # redirects, 405 and the like: the same headers, then on their way
        protect(request, exc.headers)
        raise
    protect(request, response.headers)
    return response


def protect(request: web.Request, headers) -> None:
    headers["Content-Security-Policy"] = CSP
    headers["X-Content-Type-Options"] = "nosniff"
    headers["Referrer-Policy"] = "no-referrer"
    headers["X-Frame-Options"] = "DENY"
    if request.path.startswith("/static/"):
        headers["Cache-Control"] = f"public, max-age={STATIC_MAX_AGE}"
    else:
        headers.setdefault("Cache-Control", "no-store")


def set_cookie(request: web.Request, response: web.StreamResponse, name: str, value: str, **options) -> None:
    response.set_cookie(name, value, httponly=True, samesite="Lax", secure=request.app[SECURE_KEY], path="/", **options)


# -- sign-in and sign-out ---------------------------------------------------------------
async def front(request: web.Request) -> web.StreamResponse:
    viewer = viewer_of(request)
    if viewer is not None:
        raise web.HTTPSeeOther(f"/w/{viewer.workspace_id}/me")
    return page(request, "signed_out.html")


async def sign_in_form(request: web.Request) -> web.StreamResponse:
    """The link lands here: a button to continue, so that a link preview fetching the page spends nothing."""
    nonce = secrets.token_urlsafe(24)
    response = page(request, "sign_in.html", token=request.match_info["token"], csrf=nonce)
    set_cookie(request, response, SIGN_IN_COOKIE, nonce, max_age=int(LINK_TTL.total_seconds()))
    return response


async def sign_in(request: web.Request) -> web.StreamResponse:
    form = await request.post()
    if not request.app[LIMITER_KEY].allow(request.remote or "?"):
        return page(
            request, "error.html", 429, title="Too many tries", message="Too many sign-in tries; wait a minute."
        )
    check_csrf(request.cookies.get(SIGN_IN_COOKIE), form.get("csrf"))
    token = form.get("token")
    access = request.app[APP_KEY].web_access
    previous = request.cookies.get(SESSION_COOKIE)
    signed = access.sign_in(token if isinstance(token, str) else "", previous_session=previous)
    response = see_other(f"/w/{signed.viewer.workspace_id}/me")
    set_cookie(request, response, SESSION_COOKIE, signed.session_id, max_age=int(SESSION_TTL.total_seconds()))
    response.del_cookie(SIGN_IN_COOKIE, path="/")
    return response


async def sign_out(request: web.Request) -> web.StreamResponse:
    form = await request.post()
    viewer = viewer_of(request)
    if viewer is None:
        raise web.HTTPSeeOther("/")
    check_csrf(viewer.csrf, form.get("csrf"))
    request.app[APP_KEY].web_access.sign_out(request.cookies.get(SESSION_COOKIE, ""))
    response = see_other("/")
    response.del_cookie(SESSION_COOKIE, path="/")
    return response


async def healthz(request: web.Request) -> web.StreamResponse:
    return web.Response(text="ok")


def build_web(app: App, *, secure: bool = False, limiter: RateLimiter | None = None) -> web.Application:
    application = web.Application(middlewares=[guard])
    application[APP_KEY] = app
    application[SECURE_KEY] = secure
    application[LIMITER_KEY] = limiter or RateLimiter()
    env = aiohttp_jinja2.setup(
        application,
        loader=jinja2.FileSystemLoader(str(HERE / "templates")),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        default_helpers=False,
        filters=FILTERS,
    )
    application.add_routes(
        [
            web.get("/", front),
            web.get("/healthz", healthz),
            web.get(SIGN_IN_PATH + "{token}", sign_in_form),
            web.post("/signin", sign_in),
            web.post("/signout", sign_out),
            web.get("/w/{workspace}/me", pages.me),
            web.get("/w/{workspace}/exams/{exam}", pages.exam),
            web.get("/w/{workspace}/team", pages.team),
            web.get("/w/{workspace}/channels/{channel}", pages.channel),
            web.get("/w/{workspace}/bank", pages.bank),
            web.static("/static", HERE / "static", name="static", append_version=True),
        ]
    )
    env.globals["stylesheet"] = str(application.router["static"].url_for(filename="style.css"))
    return application


RUNNER_OPTIONS: dict[str, Any] = {"access_log_class": RedactingAccessLogger}


async def serve(app: App, host: str, port: int, *, secure: bool) -> web.AppRunner:
    """Start serving (returns the runner; the caller keeps the loop alive and cleans up)."""
    runner = web.AppRunner(build_web(app, secure=secure), **RUNNER_OPTIONS)
    await runner.setup()
    await web.TCPSite(runner, host, port).start()
    return runner


async def forget_expired(app: App, every: float = 3600.0) -> None:
    """Delete expired sessions and links now and then (an expired one is refused whether or not it is gone)."""
    import asyncio

    while True:
        try:
            gone = app.web_access.purge()
            if gone:
                log.info("forgot %d expired sessions and sign-in links", gone)
        except Exception:
            log.exception("expired sessions could not be deleted; trying again later")
        await asyncio.sleep(every)


def run_forever(app: App, host: str, port: int, *, secure: bool) -> None:
    """Serve until SIGINT or SIGTERM."""
    import asyncio
    import signal

    async def main() -> None:
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(sig, stop.set)
        runner = await serve(app, host, port, secure=secure)
        log.info("dashboard listening on http://%s:%s", host, port)
        sweeper = asyncio.create_task(forget_expired(app))
        try:
            await stop.wait()
        finally:
            sweeper.cancel()
            await runner.cleanup()

    asyncio.run(main())
