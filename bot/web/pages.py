"""The dashboard's pages: parse the request, call the dashboard service with the viewer, render the view."""

from __future__ import annotations

from aiohttp import web

from bot.services.dashboard import PageNotFoundError
from bot.web import charts
from bot.web.context import APP_KEY, page, signed_in, workspace_in


def _number(request: web.Request, name: str) -> int:
    try:
        return int(request.match_info[name])
    except ValueError:
        raise PageNotFoundError() from None


def _page_number(request: web.Request) -> int:
    text = request.query.get("page", "1")
    return int(text) if text.isdigit() and len(text) < 7 else 1


async def me(request: web.Request) -> web.StreamResponse:
    viewer = signed_in(request)
    view = request.app[APP_KEY].dashboard.me(viewer, workspace_in(request))
    return page(
        request,
        "me.html",
        view=view,
        section_chart=charts.section_bars(view.stats.sections, view.stats.pass_percent),
        trend_chart=charts.weekly_trend(view.weeks, view.stats.pass_percent),
        readiness_chart=charts.readiness_gauge(view.readiness, view.stats.pass_percent),
        current="me",
    )


async def exam(request: web.Request) -> web.StreamResponse:
    viewer = signed_in(request)
    view = request.app[APP_KEY].dashboard.exam_report(viewer, workspace_in(request), _number(request, "exam"))
    return page(
        request, "exam.html", view=view, chart=charts.section_bars(view.sections, view.pass_percent), current="me"
    )


async def team(request: web.Request) -> web.StreamResponse:
    viewer = signed_in(request)
    view = request.app[APP_KEY].dashboard.team(viewer, workspace_in(request), _page_number(request))
    return page(
        request, "team.html", view=view, participation_chart=charts.participation(view.participation), current="team"
    )


async def channel(request: web.Request) -> web.StreamResponse:
    viewer = signed_in(request)
    view = request.app[APP_KEY].dashboard.channel(viewer, workspace_in(request), _number(request, "channel"))
    return page(request, "channel.html", view=view, current="team")


async def bank(request: web.Request) -> web.StreamResponse:
    viewer = signed_in(request)
    section, objective = request.query.get("section"), request.query.get("objective")
    view = request.app[APP_KEY].dashboard.bank(viewer, workspace_in(request), section, objective)
    return page(request, "bank.html", view=view, current="bank")
