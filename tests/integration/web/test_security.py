"""The dashboard's HTTP guards, through aiohttp's test server on 127.0.0.1: CSRF on every form, security
headers, cookie flags, rate-limited redemption, and an access log that never holds a token."""

from __future__ import annotations

import logging
import random
import re

import pytest
from aiohttp.test_utils import TestClient, TestServer

from bot.app import build_app
from bot.config import Settings
from bot.services.identity import Member
from bot.web.context import RateLimiter
from bot.web.server import RUNNER_OPTIONS, build_web
from tests.conftest import FakeClock

ALICE = Member("discord", "G1", "111", name="alice", workspace_name="Guild")


@pytest.fixture
def app(tmp_path):
    built = build_app(Settings(db_path=tmp_path / "quiz.db"), clock=FakeClock(), rng=random.Random(1))
    built.web_access.base_url = "http://127.0.0.1"
    return built


async def client_for(app, *, secure: bool = False, limiter: RateLimiter | None = None) -> TestClient:
    server = TestServer(build_web(app, secure=secure, limiter=limiter))
    await server.start_server(**RUNNER_OPTIONS)  # the runner's options of `quizbot web`
    client = TestClient(server)
    await client.start_server()
    return client


async def signed_in(client: TestClient, app) -> str:
    """Sign in through the link's form; returns the session's CSRF token (read from the page's sign-out form)."""
    token = app.web_access.link(ALICE).rsplit("/", 1)[1]
    form = await (await client.get(f"/signin/{token}")).text()
    nonce = re.search(r'name="csrf" value="([^"]+)"', form).group(1)
    reply = await client.post("/signin", data={"token": token, "csrf": nonce}, allow_redirects=False)
    assert reply.status == 303
    me = await (await client.get(reply.headers["Location"])).text()
    return re.search(r'name="csrf" value="([^"]+)"', me).group(1)


async def test_sign_out_without_the_forms_token_is_refused_and_the_session_stays(app):
    client = await client_for(app)
    try:
        csrf = await signed_in(client, app)
        for sent in ({}, {"csrf": "forged"}, {"csrf": "ünïcödé"}):
            refused = await client.post("/signout", data=sent, allow_redirects=False)
            assert refused.status == 403 and "<h1>Form refused</h1>" in await refused.text()
            assert "default-src 'none'" in refused.headers["Content-Security-Policy"]
        assert (await client.get(f"/w/{app.context.workspace_of(ALICE).id}/me")).status == 200
        done = await client.post("/signout", data={"csrf": csrf}, allow_redirects=False)
        assert done.status == 303
        after = await client.get(f"/w/{app.context.workspace_of(ALICE).id}/me", allow_redirects=False)
        assert after.status == 303 and after.headers["Location"] == "/"
    finally:
        await client.close()


async def test_a_sign_in_post_from_another_site_is_refused_and_the_link_stays_usable(app):
    client = await client_for(app)
    try:
        token = app.web_access.link(ALICE).rsplit("/", 1)[1]
        forged = await client.post("/signin", data={"token": token, "csrf": "guess"}, allow_redirects=False)
        assert forged.status == 403
        assert app.web_access.sign_in(token).viewer.member.user == ALICE.user
    finally:
        await client.close()


async def test_every_page_carries_a_strict_policy_and_static_files_are_cached(app):
    client = await client_for(app)
    try:
        front = await client.get("/")
        policy = front.headers["Content-Security-Policy"]
        assert "default-src 'none'" in policy and "style-src 'self'" in policy and "script-src" not in policy
        assert front.headers["X-Content-Type-Options"] == "nosniff"
        assert front.headers["Cache-Control"] == "no-store"
        sheet = re.search(r'href="(/static/style\.css[^"]*)"', await front.text()).group(1)
        static = await client.get(sheet.replace("&amp;", "&"))
        assert static.status == 200 and "max-age=86400" in static.headers["Cache-Control"]
    finally:
        await client.close()


@pytest.mark.parametrize("secure", [False, True])
async def test_the_session_cookie_is_httponly_lax_and_secure_on_https(app, secure):
    client = await client_for(app, secure=secure)
    try:
        token = app.web_access.link(ALICE).rsplit("/", 1)[1]
        form = await client.get(f"/signin/{token}")
        nonce = re.search(r'name="csrf" value="([^"]+)"', await form.text()).group(1)
        reply = await client.post(
            "/signin", data={"token": token, "csrf": nonce}, cookies={"quizbot_signin": nonce}, allow_redirects=False
        )
        cookie = next(v for v in reply.headers.getall("Set-Cookie") if v.startswith("quizbot_session="))
        assert "HttpOnly" in cookie and "SameSite=Lax" in cookie
        assert ("Secure" in cookie) is secure
    finally:
        await client.close()


async def test_redemption_is_rate_limited_per_address(app):
    client = await client_for(app, limiter=RateLimiter(limit=3, window=60))
    try:
        statuses = [
            (await client.post("/signin", data={"token": "x", "csrf": "y"}, allow_redirects=False)).status
            for _ in range(5)
        ]
        assert statuses[:3] == [403, 403, 403] and statuses[3:] == [429, 429]
    finally:
        await client.close()


async def test_the_access_log_never_holds_a_link_token_or_a_session_id(app, caplog):
    caplog.set_level(logging.INFO, logger="aiohttp.access")
    client = await client_for(app)
    try:
        link = app.web_access.link(ALICE)
        token = link.rsplit("/", 1)[1]
        await signed_in(client, app)
        session = next(c.value for c in client.session.cookie_jar if c.key == "quizbot_session")
        await client.get(f"/w/{app.context.workspace_of(ALICE).id}/me")
    finally:
        await client.close()
    logged = caplog.text
    assert "GET /signin/…" in logged and "/me 200" in logged
    assert token not in logged and session not in logged


async def test_answers_are_escaped_names_included(app):
    hostile = Member("discord", "G1", "666", name="<script>alert(1)</script>", workspace_name="Guild")
    client = await client_for(app)
    try:
        token = app.web_access.link(hostile).rsplit("/", 1)[1]
        nonce = re.search(r'name="csrf" value="([^"]+)"', await (await client.get(f"/signin/{token}")).text())
        reply = await client.post("/signin", data={"token": token, "csrf": nonce.group(1)})
        body = await reply.text()
        assert "<script>" not in body and "&lt;script&gt;alert(1)&lt;/script&gt;" in body
    finally:
        await client.close()


async def test_an_unknown_path_or_workspace_is_a_404_page(app):
    client = await client_for(app)
    try:
        for path in ("/nowhere", "/w/abc/me", "/w/99999/me"):
            reply = await client.get(path, allow_redirects=False)
            assert reply.status in (404, 303), path  # 303: not signed in, sent to the start
            assert "Content-Security-Policy" in reply.headers
        await signed_in(client, app)
        for path in ("/nowhere", "/w/abc/me", "/w/99999/me", "/w/1/exams/abc", "/w/1/exams/424242"):
            reply = await client.get(path)
            assert reply.status == 404 and "<h1>Not found</h1>" in await reply.text(), path
    finally:
        await client.close()
