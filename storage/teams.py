"""Teams within a workspace (one team per person per workspace) and the record of announced seasons."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import datetime

import sqlite_utils

from storage.clock import to_db
from storage.db import transaction

JOIN = """INSERT INTO team_members (user_id, team_id, joined_at) VALUES (?, ?, ?)
          ON CONFLICT (user_id) DO UPDATE SET team_id = excluded.team_id, joined_at = excluded.joined_at"""


class TeamExistsError(ValueError):
    pass


@dataclass(frozen=True)
class TeamRow:
    id: int
    workspace_id: int
    name: str
    members: int


class TeamStore:
    def __init__(self, db: sqlite_utils.Database) -> None:
        self.db = db

    def create(self, workspace_id: int, name: str, *, now: datetime, creator: int | None = None) -> TeamRow:
        """A new team; its `creator` (a user row id) joins it in the same transaction, leaving any other team."""
        try:
            with transaction(self.db) as conn:
                team_id = conn.execute(
                    "INSERT INTO teams (workspace_id, name, created_at) VALUES (?, ?, ?) RETURNING id",
                    [workspace_id, name, to_db(now)],
                ).fetchone()[0]
                if creator is not None:
                    conn.execute(JOIN, [creator, team_id, to_db(now)])
        except sqlite3.IntegrityError:
            raise TeamExistsError(name) from None
        return TeamRow(team_id, workspace_id, name, int(creator is not None))

    def rename(self, team_id: int, name: str) -> None:
        try:
            self.db.execute("UPDATE teams SET name = ? WHERE id = ?", [name, team_id])
        except sqlite3.IntegrityError:
            raise TeamExistsError(name) from None

    def delete(self, team_id: int) -> None:
        """The team goes with its memberships and totals; its members' own points stay theirs."""
        self.db.execute("DELETE FROM teams WHERE id = ?", [team_id])

    def member_names(self, team_id: int) -> list[str]:
        rows = self.db.execute(
            """SELECT COALESCE(NULLIF(u.display_name, ''), u.external_id) FROM team_members m
               JOIN users u ON u.id = m.user_id WHERE m.team_id = ? ORDER BY m.joined_at, u.id""",
            [team_id],
        )
        return [name for (name,) in rows.fetchall()]

    def find(self, workspace_id: int, name: str) -> TeamRow | None:
        row = self.db.execute(
            """SELECT t.id, t.workspace_id, t.name, COUNT(m.user_id) FROM teams t
               LEFT JOIN team_members m ON m.team_id = t.id WHERE t.workspace_id = ? AND t.name = ? GROUP BY t.id""",
            [workspace_id, name],
        ).fetchone()
        return TeamRow(*row) if row else None

    def list(self, workspace_id: int) -> list[TeamRow]:
        rows = self.db.execute(
            """SELECT t.id, t.workspace_id, t.name, COUNT(m.user_id) FROM teams t
               LEFT JOIN team_members m ON m.team_id = t.id WHERE t.workspace_id = ? GROUP BY t.id ORDER BY t.name""",
            [workspace_id],
        )
        return [TeamRow(*r) for r in rows.fetchall()]

    def join(self, user_id: int, team_id: int, *, now: datetime) -> None:
        self.db.execute(JOIN, [user_id, team_id, to_db(now)])

    def leave(self, user_id: int) -> bool:
        return self.db.execute("DELETE FROM team_members WHERE user_id = ?", [user_id]).rowcount == 1

    def team_id_of(self, user_id: int) -> int | None:
        """The id of the person's team, by the primary key alone: team_of also counts the members, which reads
        every membership row (no index on team_id): 30 ms with 100,000 people in teams (bench.leaderboards)."""
        row = self.db.execute("SELECT team_id FROM team_members WHERE user_id = ?", [user_id]).fetchone()
        return row[0] if row else None

    def team_of(self, user_id: int) -> TeamRow | None:
        row = self.db.execute(
            """SELECT t.id, t.workspace_id, t.name,
                      (SELECT COUNT(*) FROM team_members x WHERE x.team_id = t.id)
               FROM team_members m JOIN teams t ON t.id = m.team_id WHERE m.user_id = ?""",
            [user_id],
        ).fetchone()
        return TeamRow(*row) if row else None

    def claim_season_close(self, workspace_id: int, season_key: str, *, now: datetime) -> bool:
        """True exactly once per workspace and season: the caller then announces the winners."""
        cursor = self.db.execute(
            "INSERT INTO season_closes (workspace_id, season_key, closed_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
            [workspace_id, season_key, to_db(now)],
        )
        return cursor.rowcount == 1
