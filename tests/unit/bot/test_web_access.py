"""Signing in to the dashboard: one-time links (hashed, 10 minutes, used once) and server-side sessions."""

import pytest

from bot.services.identity import Member
from bot.services.web_access import DashboardNotConfiguredError, LinkRefusedError, WebAccessService


@pytest.fixture
def access(service):
    return WebAccessService(service.context, "https://quiz.example.com/", "pepper")


def token_of(link: str) -> str:
    return link.rsplit("/", 1)[1]


def test_a_link_signs_in_once_and_its_token_is_stored_only_hashed(access, alice, db):
    link = access.link(alice)

    assert link.startswith("https://quiz.example.com/signin/")
    token = token_of(link)
    stored = [row[0] for row in db.execute("SELECT token_hash FROM web_links").fetchall()]
    assert stored and token not in stored
    signed = access.sign_in(token)
    assert signed.viewer.member.user == alice.user and signed.viewer.member.workspace == alice.workspace
    with pytest.raises(LinkRefusedError):
        access.sign_in(token)


def test_a_link_expires_after_ten_minutes(access, alice, clock):
    token = token_of(access.link(alice))
    clock.advance(minutes=10, seconds=1)

    with pytest.raises(LinkRefusedError):
        access.sign_in(token)


def test_a_session_lasts_seven_days_and_ends_at_sign_out(access, alice, clock, db):
    signed = access.sign_in(token_of(access.link(alice)))
    assert signed.session_id not in str(db.execute("SELECT * FROM web_sessions").fetchall())

    clock.advance(days=6, hours=23)
    assert access.viewer(signed.session_id) is not None
    clock.advance(hours=2)
    assert access.viewer(signed.session_id) is None

    again = access.sign_in(token_of(access.link(alice)))
    access.sign_out(again.session_id)
    assert access.viewer(again.session_id) is None


def test_signing_in_again_replaces_the_browsers_session(access, alice):
    first = access.sign_in(token_of(access.link(alice)))
    second = access.sign_in(token_of(access.link(alice)), previous_session=first.session_id)

    assert second.session_id != first.session_id
    assert access.viewer(first.session_id) is None
    assert access.viewer(second.session_id) is not None


def test_the_admin_standing_is_the_one_the_platform_gave_with_the_link(access):
    boss = Member("slack", "T1", "U-boss", name="Boss", is_admin=True)

    viewer = access.sign_in(token_of(access.link(boss))).viewer

    assert viewer.is_admin and viewer.member.is_admin


def test_without_a_public_address_the_link_names_the_setting(service, alice):
    access = WebAccessService(service.context, None)

    with pytest.raises(DashboardNotConfiguredError, match="QUIZBOT_WEB__BASE_URL"):
        access.link(alice)


def test_a_forged_or_huge_token_is_refused(access):
    for token in ("", "x" * 5000, "not-a-token"):
        with pytest.raises(LinkRefusedError):
            access.sign_in(token)


def test_expired_sessions_and_links_are_forgotten(access, alice, clock, db):
    access.sign_in(token_of(access.link(alice)))
    access.link(alice)
    clock.advance(days=8)

    assert access.purge() == 3
    assert db.execute("SELECT COUNT(*) FROM web_sessions").fetchone()[0] == 0
    assert db.execute("SELECT COUNT(*) FROM web_links").fetchone()[0] == 0


def test_the_public_address_setting_must_be_an_address(monkeypatch):
    from pydantic import ValidationError

    from bot.config import Settings

    monkeypatch.setenv("QUIZBOT_WEB__BASE_URL", "https://quiz.example.com/")
    assert Settings(_env_file=None).web.base_url == "https://quiz.example.com"
    monkeypatch.setenv("QUIZBOT_WEB__BASE_URL", "quiz.example.com")
    with pytest.raises(ValidationError, match="start it with https://"):
        Settings(_env_file=None)
