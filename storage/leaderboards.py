"""Leaderboard queries over daily answers (practice and exam attempts never score)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import sqlite_utils

from storage.clock import to_db


@dataclass(frozen=True)
class PersonScore:
    user_id: int
    name: str
    points: int
    correct: int
    answered: int


@dataclass(frozen=True)
class TeamScore:
    team_id: int
    name: str
    points: int
    active_members: int
    correct: int


class LeaderboardStore:
    def __init__(self, db: sqlite_utils.Database) -> None:
        self.db = db

    def people(
        self, workspace_id: int, channel_id: int | None, start: datetime | None, end: datetime | None
    ) -> list[PersonScore]:
        where, params = _window("a", workspace_id, channel_id, start, end)
        rows = self.db.execute(
            f"""SELECT a.user_id, COALESCE(NULLIF(u.display_name, ''), u.external_id),
                       SUM(a.points), SUM(a.correct), COUNT(*)
                FROM attempts a JOIN posts p ON p.id = a.post_id JOIN channels c ON c.id = p.channel_id
                JOIN users u ON u.id = a.user_id
                WHERE {where} GROUP BY a.user_id""",
            params,
        )
        return [PersonScore(*r) for r in rows.fetchall()]

    def teams(self, workspace_id: int, start: datetime | None, end: datetime | None) -> list[TeamScore]:
        where, params = _window("a", workspace_id, None, start, end)
        rows = self.db.execute(
            f"""SELECT t.id, t.name, COALESCE(SUM(a.points), 0), COUNT(DISTINCT a.user_id), COALESCE(SUM(a.correct), 0)
                FROM teams t
                LEFT JOIN (SELECT a.* FROM attempts a JOIN posts p ON p.id = a.post_id
                           JOIN channels c ON c.id = p.channel_id WHERE {where}) a ON a.team_id = t.id
                WHERE t.workspace_id = ? GROUP BY t.id""",
            [*params, workspace_id],
        )
        return [TeamScore(*r) for r in rows.fetchall()]


def _window(alias: str, workspace_id: int, channel_id: int | None, start: datetime | None, end: datetime | None):
    clauses = [f"{alias}.mode = 'daily'", "c.workspace_id = ?"]
    params: list = [workspace_id]
    if channel_id is not None:
        clauses.append("p.channel_id = ?")
        params.append(channel_id)
    if start is not None:
        clauses.append(f"{alias}.answered_at >= ?")
        params.append(to_db(start))
    if end is not None:
        clauses.append(f"{alias}.answered_at < ?")
        params.append(to_db(end))
    return " AND ".join(clauses), params
