"""The dashboard's rules, through the service over the seeded workspace: keys only where competitions allow,
every page bound to the viewer's workspace, and the Home tab's words."""

from __future__ import annotations

import asyncio
import random

import pytest

from bot.app import build_app
from bot.config import Settings
from bot.services.context import ChannelTarget
from bot.services.dashboard import PageNotFoundError
from bot.services.errors import NotAllowedError
from bot.services.poster import RecordingPoster
from tests.conftest import FakeClock
from tests.integration.web.seed import ADA, ALICE, BOB, EVE


def viewer_of(site, member):
    return site.app.web_access.sign_in(site.link(member).rsplit("/", 1)[1]).viewer


def test_the_bank_shows_a_key_only_once_revealed_here_or_answered_by_the_viewer(site):
    app = site.app
    ada = viewer_of(site, ADA)
    revealed = {
        row[0]
        for row in app.context.db.execute(
            "SELECT question_id FROM posts WHERE status = 'revealed' AND channel_id = ?", [site.seeded.channel_id]
        ).fetchall()
    }
    answered = {a.question_id for a in app.practice.attempts.for_user(ada.user_id)}
    seen_shown = seen_hidden = 0
    for objective in app.context.bank.syllabus.objectives:
        page = app.dashboard.bank(ada, ada.workspace_id, objective_id=objective.id)
        for question in page.questions:
            may_see = question.question_id in revealed or question.question_id in answered
            assert (question.key is not None) is may_see, question.question_id
            assert (question.explanation is not None) is may_see
            seen_shown += may_see
            seen_hidden += not may_see
    assert seen_shown and seen_hidden


def small_app(tmp_path):
    """An app of its own over an empty file, for a test that changes what the seeded site shows."""
    app = build_app(
        Settings(db_path=tmp_path / "quiz.db", web={"base_url": "http://127.0.0.1:1"}),
        clock=FakeClock(),
        rng=random.Random(3),
        retry_delay=0,
    )
    app.add_poster("slack", RecordingPoster())
    return app


def test_the_bank_keeps_an_open_daily_questions_key_even_from_those_who_answered_it(tmp_path):
    app = small_app(tmp_path)
    rooms = ChannelTarget("C-one", "one"), ChannelTarget("C-two", "two")
    for room in rooms:
        app.daily_setup.configure(ADA, room, local_time="09:00", timezone="UTC", weekdays="daily")
    first = asyncio.run(app.daily.post_now(ADA, rooms[0]))
    asyncio.run(app.daily.reveal(first.id))
    second = asyncio.run(app.daily.post_now(ADA, rooms[1]))  # open in channel two
    question = app.context.bank.get(second.question_id)
    app.daily.answer(ADA, second.id, list(question.answer))
    ada = app.web_access.sign_in(app.web_access.link(ADA).rsplit("/", 1)[1]).viewer

    def key_shown(question_id: str) -> bool:
        page = app.dashboard.bank(ada, ada.workspace_id, objective_id=app.context.bank.get(question_id).objective)
        return next(q for q in page.questions if q.question_id == question_id).key is not None

    assert key_shown(first.question_id)  # revealed
    assert not key_shown(second.question_id)  # answered by the viewer, but still open
    asyncio.run(app.daily.reveal(second.id))
    assert key_shown(second.question_id)


def test_the_team_page_lists_the_open_reports_the_triage_queue_holds(tmp_path):
    app = small_app(tmp_path)
    for problem in ("The key looks wrong.", "Two options say the same."):
        app.practice.report_problem(BOB, app.practice.practice_question(BOB).question_id, problem)
    ada = app.web_access.sign_in(app.web_access.link(ADA).rsplit("/", 1)[1]).viewer
    app.items.resolve(ADA, app.items.reports(ADA).reports[-1].id, "Checked against the docs: the key holds.")

    team = app.dashboard.team(ada, ada.workspace_id)

    assert team.report_total == 1 == app.items.reports(ADA).open_count
    assert [r.reason for r in team.reports] == ["Two options say the same."]


def test_the_banks_answer_counts_are_this_workspaces(site):
    app = site.app
    ada = viewer_of(site, ADA)
    question_id, objective_id = app.context.db.execute(
        "SELECT a.question_id, a.objective_id FROM posts p JOIN attempts a ON a.post_id = p.id LIMIT 1"
    ).fetchone()
    expected = app.context.db.execute(
        "SELECT COUNT(*) FROM attempts a JOIN users u ON u.id = a.user_id"
        " WHERE a.question_id = ? AND u.workspace_id = ?",
        [question_id, ada.workspace_id],
    ).fetchone()[0]

    page = app.dashboard.bank(ada, ada.workspace_id, objective_id=objective_id)

    figures = next(q.figures for q in page.questions if q.question_id == question_id)
    assert figures.answered == expected > 0


def test_every_page_of_another_workspace_is_not_found(site):
    app, eve = site.app, viewer_of(site, EVE)
    acme = app.context.workspace_of(ADA).id
    for open_page in (
        lambda: app.dashboard.me(eve, acme),
        lambda: app.dashboard.team(eve, acme),
        lambda: app.dashboard.bank(eve, acme),
        lambda: app.dashboard.channel(eve, acme, site.seeded.channel_id),
        lambda: app.dashboard.exam_report(eve, acme, site.seeded.exam_id),
        lambda: app.dashboard.channel(eve, eve.workspace_id, site.seeded.channel_id),  # its own id, their channel
        lambda: app.dashboard.exam_report(eve, eve.workspace_id, site.seeded.exam_id),  # someone else's exam
    ):
        with pytest.raises(PageNotFoundError):
            open_page()


def test_the_team_lead_pages_are_for_admins(site):
    alice = viewer_of(site, ALICE)
    for open_page in (site.app.dashboard.team, site.app.dashboard.bank):
        with pytest.raises(NotAllowedError):
            open_page(alice, alice.workspace_id)


def test_the_home_tab_says_whether_todays_question_is_answered(site):
    before = site.app.dashboard.home(ALICE)
    assert "you have not answered yet" in before.daily and before.daily.startswith("Today's daily question")
    assert before.readiness.band in ("likely to pass", "borderline", "not there yet")
    assert before.team.startswith("Your team Drift Hunters is number ")


def test_the_me_page_and_the_home_tab_give_the_readiness_every_other_front_end_gives(site):
    app = site.app
    alice = viewer_of(site, ALICE)
    told_elsewhere = app.practice.readiness(ALICE)

    page = app.dashboard.me(alice, alice.workspace_id)
    home = app.dashboard.home(ALICE)

    for shown in (page.readiness, home.readiness):
        assert shown.band == told_elsewhere.verdict != "too little data"
        assert (shown.estimate, shown.low, shown.high) == (
            told_elsewhere.estimate,
            told_elsewhere.low,
            told_elsewhere.high,
        )
        assert shown.pass_chance == told_elsewhere.pass_chance
        assert shown.based_on == told_elsewhere.based_on() and shown.based_on.startswith("Based on ")


def test_the_bank_page_shows_the_item_analysis_of_this_workspace(site):
    app = site.app
    ada = viewer_of(site, ADA)
    question_id, objective_id = app.context.db.execute(
        "SELECT a.question_id, a.objective_id FROM posts p JOIN attempts a ON a.post_id = p.id LIMIT 1"
    ).fetchone()

    page = app.dashboard.bank(ada, ada.workspace_id, objective_id=objective_id)

    analysed = app.items.stats_for(ada.workspace_id, [question_id])[question_id]
    figures = next(q.figures for q in page.questions if q.question_id == question_id)
    assert figures.analysis == analysed.figures and f"n={analysed.stats.people}" in figures.analysis
    assert figures.flags == tuple(flag.kind for flag in analysed.flags)
