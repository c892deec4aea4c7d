"""Signing in to the web dashboard through the chat platform: a one-time link (a random token, kept only as a
keyed hash, valid LINK_TTL, used once) starts a server-side session (a new random id, kept hashed, SESSION_TTL).
A session is a Viewer: one person in one workspace; every dashboard query is scoped by that workspace."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import timedelta

from bot.services.context import ServiceContext
from bot.services.errors import QuizError
from bot.services.identity import Member
from storage.web_access import Grant, WebAccessStore

LINK_TTL = timedelta(minutes=10)
LINK_MINUTES = int(LINK_TTL.total_seconds()) // 60  # what the messages that carry a link say
SESSION_TTL = timedelta(days=7)
SIGN_IN_PATH = "/signin/"


class DashboardNotConfiguredError(QuizError):
    def __init__(self, setting: str) -> None:
        super().__init__(
            f"The web dashboard has no public address yet: an admin sets {setting} (e.g. https://quiz.example.com)."
        )


class LinkRefusedError(QuizError):
    def __init__(self) -> None:
        super().__init__(
            "This sign-in link has expired or was used already; ask the bot for a new one with /dashboard."
        )


@dataclass(frozen=True)
class Viewer:
    """Who is looking: the session's person, their workspace (the only one they may see), their admin standing
    as the platform reported it when the link was issued, and the session's CSRF token."""

    workspace_id: int
    user_id: int
    is_admin: bool
    csrf: str
    member: Member
    workspace_name: str


@dataclass(frozen=True)
class SignedIn:
    session_id: str  # goes in the cookie only; never logged, stored hashed
    viewer: Viewer


class WebAccessService:
    def __init__(
        self,
        context: ServiceContext,
        base_url: str | None,
        secret: str = "",
        *,
        base_url_setting: str = "QUIZBOT_WEB__BASE_URL",
    ) -> None:
        self.context = context
        self.base_url = base_url.rstrip("/") if base_url else None
        self._key = secret.encode() or b"quizbot-web"
        self.base_url_setting = base_url_setting
        self.store = WebAccessStore(context.db)

    @property
    def configured(self) -> bool:
        return self.base_url is not None

    def link(self, member: Member) -> str:
        """A one-time sign-in link for this person (to be sent to them privately)."""
        if self.base_url is None:
            raise DashboardNotConfiguredError(self.base_url_setting)
        token = secrets.token_urlsafe(32)
        now = self.context.clock()
        workspace, user_id = self.context.member_rows(member)
        self.store.add_link(self._hash(token), workspace.id, user_id, member.is_admin, now=now, expires=now + LINK_TTL)
        return f"{self.base_url}{SIGN_IN_PATH}{token}"

    def sign_in(self, token: str, *, previous_session: str | None = None) -> SignedIn:
        """Redeem a link (once): a new session, replacing any session the browser had."""
        now = self.context.clock()
        grant = self.store.redeem_link(self._hash(token), now=now) if 0 < len(token) <= 100 else None
        if grant is None:
            raise LinkRefusedError()
        if previous_session:
            self.sign_out(previous_session)
        session_id = secrets.token_urlsafe(32)
        csrf = secrets.token_urlsafe(24)
        self.store.add_session(self._hash(session_id), grant, csrf, now=now, expires=now + SESSION_TTL)
        return SignedIn(session_id, _viewer(grant, csrf))

    def viewer(self, session_id: str | None) -> Viewer | None:
        """The session's viewer, or None when the id is unknown or the session has expired."""
        if not session_id or len(session_id) > 100:
            return None
        row = self.store.session(self._hash(session_id), now=self.context.clock())
        return _viewer(row.grant, row.csrf) if row else None

    def sign_out(self, session_id: str) -> None:
        self.store.delete_session(self._hash(session_id))

    def purge(self) -> int:
        return self.store.purge(now=self.context.clock())

    def _hash(self, value: str) -> str:
        return hmac.new(self._key, value.encode(), hashlib.sha256).hexdigest()


def _viewer(grant: Grant, csrf: str) -> Viewer:
    member = Member(
        grant.platform,
        grant.workspace_external_id,
        grant.user_external_id,
        name=grant.user_name,
        workspace_name=grant.workspace_name,
        is_admin=grant.is_admin,
    )
    return Viewer(
        grant.workspace_id,
        grant.user_id,
        grant.is_admin,
        csrf,
        member,
        grant.workspace_name or grant.workspace_external_id,
    )
