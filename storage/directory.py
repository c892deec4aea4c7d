"""Workspaces, channels and users of every platform, keyed by the platform's own ids."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import datetime

import sqlite_utils

from storage.clock import to_db


@dataclass(frozen=True)
class WorkspaceRow:
    id: int
    platform: str
    external_id: str
    name: str
    timezone: str
    season_period: str


@dataclass(frozen=True)
class Person:
    """A person of a workspace as a write needs them: the row id (None for someone new) and whether the
    stored row already holds this display name. Reading this writes nothing, so a caller that writes anyway
    (an answer) can create or rename the person in its own transaction: one commit instead of two."""

    workspace_id: int
    external_id: str
    display_name: str
    id: int | None
    up_to_date: bool

    @classmethod
    def as_stored(
        cls, workspace_id: int, external_id: str, display_name: str, stored_id: int | None, stored_name: str | None
    ) -> Person:
        """The person given the row stored for them, if any (`stored_id` None: no row yet)."""
        up_to_date = stored_id is not None and (not display_name or stored_name == display_name)
        return cls(workspace_id, external_id, display_name, id=stored_id, up_to_date=up_to_date)


def stored_user(conn: sqlite3.Connection, person: Person, now: datetime) -> int:
    """The person's row id; the row is written first when it is missing or holds another display name."""
    if person.id is not None and person.up_to_date:
        return person.id
    if person.id is None:
        # a plain insert and its rowid: RETURNING makes SQLite collect the row first, and costs more than the
        # insert itself; the upsert below is for a row written since the read (the same person's double click)
        inserted = conn.execute(
            """INSERT INTO users (workspace_id, external_id, display_name, created_at) VALUES (?, ?, ?, ?)
               ON CONFLICT (workspace_id, external_id) DO NOTHING""",
            [person.workspace_id, person.external_id, person.display_name, to_db(now)],
        )
        if inserted.rowcount == 1 and inserted.lastrowid is not None:
            return inserted.lastrowid
    return _write_named(
        conn, "users", "display_name", person.workspace_id, person.external_id, person.display_name, now
    )


def _write_named(
    conn: sqlite3.Connection, table: str, name_col: str, workspace_id: int, external_id: str, name: str, now: datetime
) -> int:
    # table and column names are fixed by this module's callers, never user input
    return conn.execute(
        f"""INSERT INTO {table} (workspace_id, external_id, {name_col}, created_at) VALUES (?, ?, ?, ?)
            ON CONFLICT (workspace_id, external_id)
            DO UPDATE SET {name_col} = CASE WHEN excluded.{name_col} != '' THEN excluded.{name_col}
                                            ELSE {name_col} END
            RETURNING id""",
        [workspace_id, external_id, name, to_db(now)],
    ).fetchone()[0]


class DirectoryStore:
    def __init__(self, db: sqlite_utils.Database) -> None:
        self.db = db

    def workspace(self, platform: str, external_id: str, name: str = "", *, now: datetime) -> WorkspaceRow:
        # read first: every answer names its workspace, and a write per answer would serialise them
        found = self.db.execute(
            "SELECT id, platform, external_id, name, timezone, season_period FROM workspaces"
            " WHERE platform = ? AND external_id = ?",
            [platform, external_id],
        ).fetchone()
        if found and (not name or found[3] == name):
            return WorkspaceRow(*found)
        row = self.db.execute(
            """INSERT INTO workspaces (platform, external_id, name, created_at) VALUES (?, ?, ?, ?)
               ON CONFLICT (platform, external_id)
               DO UPDATE SET name = CASE WHEN excluded.name != '' THEN excluded.name ELSE name END
               RETURNING id, platform, external_id, name, timezone, season_period""",
            [platform, external_id, name, to_db(now)],
        ).fetchone()
        return WorkspaceRow(*row)

    def get_workspace(self, workspace_id: int) -> WorkspaceRow:
        row = self.db.execute(
            "SELECT id, platform, external_id, name, timezone, season_period FROM workspaces WHERE id = ?",
            [workspace_id],
        ).fetchone()
        return WorkspaceRow(*row)

    def set_workspace_settings(
        self, workspace_id: int, *, timezone: str | None = None, season_period: str | None = None
    ) -> None:
        if timezone is not None:
            self.db.execute("UPDATE workspaces SET timezone = ? WHERE id = ?", [timezone, workspace_id])
        if season_period is not None:
            self.db.execute("UPDATE workspaces SET season_period = ? WHERE id = ?", [season_period, workspace_id])

    def channel(self, workspace_id: int, external_id: str, name: str = "", *, now: datetime) -> int:
        found = self._find_named("channels", "name", workspace_id, external_id)
        if found and (not name or found[1] == name):
            return found[0]
        return _write_named(self.db.conn, "channels", "name", workspace_id, external_id, name, now)

    def user(self, workspace_id: int, external_id: str, display_name: str = "", *, now: datetime) -> int:
        return stored_user(self.db.conn, self.find_user(workspace_id, external_id, display_name), now)

    def find_user(self, workspace_id: int, external_id: str, display_name: str = "") -> Person:
        """The person as stored, read only: their row id (None if new) and whether the row is up to date."""
        stored_id, stored_name = self._find_named("users", "display_name", workspace_id, external_id) or (None, None)
        return Person.as_stored(workspace_id, external_id, display_name, stored_id, stored_name)

    def display_name(self, user_id: int) -> str:
        row = self.db.execute("SELECT display_name, external_id FROM users WHERE id = ?", [user_id]).fetchone()
        return row[0] or row[1]

    def _find_named(self, table: str, name_col: str, workspace_id: int, external_id: str) -> tuple[int, str] | None:
        # read before any write (see workspace); table and column names are fixed by the callers above
        return self.db.execute(
            f"SELECT id, {name_col} FROM {table} WHERE workspace_id = ? AND external_id = ?",
            [workspace_id, external_id],
        ).fetchone()
