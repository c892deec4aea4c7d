"""Workspaces, channels and users of every platform, keyed by the platform's own ids."""

from __future__ import annotations

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
        return self._upsert("channels", workspace_id, external_id, "name", name, now)

    def user(self, workspace_id: int, external_id: str, display_name: str = "", *, now: datetime) -> int:
        return self._upsert("users", workspace_id, external_id, "display_name", display_name, now)

    def channel_owner(self, channel_id: int) -> tuple[str, str]:
        """(platform, workspace external id) of a channel."""
        row = self.db.execute(
            """SELECT w.platform, w.external_id FROM channels c JOIN workspaces w ON w.id = c.workspace_id
               WHERE c.id = ?""",
            [channel_id],
        ).fetchone()
        return (row[0], row[1])

    def display_name(self, user_id: int) -> str:
        row = self.db.execute("SELECT display_name, external_id FROM users WHERE id = ?", [user_id]).fetchone()
        return row[0] or row[1]

    def _upsert(self, table: str, workspace_id: int, external_id: str, name_col: str, name: str, now: datetime) -> int:
        # table and column names are fixed by the callers above, never user input; read first (see workspace)
        found = self.db.execute(
            f"SELECT id, {name_col} FROM {table} WHERE workspace_id = ? AND external_id = ?",
            [workspace_id, external_id],
        ).fetchone()
        if found and (not name or found[1] == name):
            return found[0]
        return self.db.execute(
            f"""INSERT INTO {table} (workspace_id, external_id, {name_col}, created_at) VALUES (?, ?, ?, ?)
                ON CONFLICT (workspace_id, external_id)
                DO UPDATE SET {name_col} = CASE WHEN excluded.{name_col} != '' THEN excluded.{name_col}
                                                ELSE {name_col} END
                RETURNING id""",
            [workspace_id, external_id, name, to_db(now)],
        ).fetchone()[0]
