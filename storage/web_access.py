"""The web dashboard's sign-in links and sessions. Only hashes of link tokens and session ids are stored;
a link is redeemed at most once (the UPDATE that marks it used is the check)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import sqlite_utils

from storage.clock import to_db


@dataclass(frozen=True)
class Grant:
    """Who a link or session is for: a person in one workspace, with their admin standing when it was issued."""

    workspace_id: int
    user_id: int
    is_admin: bool
    platform: str
    workspace_external_id: str
    workspace_name: str
    user_external_id: str
    user_name: str


@dataclass(frozen=True)
class SessionRow:
    grant: Grant
    csrf: str
    expires_at: str


_GRANT = """w.platform, w.external_id, w.name, u.external_id, u.display_name"""


class WebAccessStore:
    def __init__(self, db: sqlite_utils.Database) -> None:
        self.db = db

    def add_link(
        self, token_hash: str, workspace_id: int, user_id: int, is_admin: bool, *, now: datetime, expires: datetime
    ) -> None:
        self.db.execute(
            """INSERT INTO web_links (token_hash, workspace_id, user_id, is_admin, created_at, expires_at)
               VALUES (?, ?, ?, ?, ?, ?)""",
            [token_hash, workspace_id, user_id, int(is_admin), to_db(now), to_db(expires)],
        )

    def redeem_link(self, token_hash: str, *, now: datetime) -> Grant | None:
        """Mark the link used and return whom it was for; None when it is unknown, expired or used already."""
        row = self.db.execute(
            """UPDATE web_links SET used_at = ? WHERE token_hash = ? AND used_at IS NULL AND expires_at > ?
               RETURNING workspace_id, user_id, is_admin""",
            [to_db(now), token_hash, to_db(now)],
        ).fetchone()
        if row is None:
            return None
        return self._grant(row[0], row[1], bool(row[2]))

    def _grant(self, workspace_id: int, user_id: int, is_admin: bool) -> Grant | None:
        found = self.db.execute(
            f"""SELECT {_GRANT} FROM users u JOIN workspaces w ON w.id = u.workspace_id
                WHERE u.id = ? AND w.id = ?""",
            [user_id, workspace_id],
        ).fetchone()
        return Grant(workspace_id, user_id, is_admin, *found) if found else None

    def add_session(self, session_hash: str, grant: Grant, csrf: str, *, now: datetime, expires: datetime) -> None:
        self.db.execute(
            """INSERT INTO web_sessions (session_hash, workspace_id, user_id, is_admin, csrf, created_at, expires_at)
               VALUES (?, ?, ?, ?, ?, ?, ?)""",
            [session_hash, grant.workspace_id, grant.user_id, int(grant.is_admin), csrf, to_db(now), to_db(expires)],
        )

    def session(self, session_hash: str, *, now: datetime) -> SessionRow | None:
        row = self.db.execute(
            f"""SELECT s.workspace_id, s.user_id, s.is_admin, {_GRANT}, s.csrf, s.expires_at
                FROM web_sessions s JOIN users u ON u.id = s.user_id JOIN workspaces w ON w.id = s.workspace_id
                WHERE s.session_hash = ? AND s.expires_at > ?""",
            [session_hash, to_db(now)],
        ).fetchone()
        if row is None:
            return None
        return SessionRow(Grant(row[0], row[1], bool(row[2]), *row[3:8]), row[8], row[9])

    def delete_session(self, session_hash: str) -> None:
        self.db.execute("DELETE FROM web_sessions WHERE session_hash = ?", [session_hash])

    def purge(self, *, now: datetime) -> int:
        """Forget expired sessions and links; returns how many rows went."""
        cutoff = to_db(now)
        gone = self.db.execute("DELETE FROM web_sessions WHERE expires_at <= ?", [cutoff]).rowcount
        return gone + self.db.execute("DELETE FROM web_links WHERE expires_at <= ?", [cutoff]).rowcount
