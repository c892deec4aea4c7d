"""Leaderboard queries over the running totals (storage/scores.py); only daily answers ever score."""

from __future__ import annotations

from dataclasses import dataclass

import sqlite_utils

from storage.scores import WORKSPACE


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


_PERSON = """SELECT s.user_id, COALESCE(NULLIF(u.display_name, ''), u.external_id), s.points, s.correct, s.answered
             FROM scores s JOIN users u ON u.id = s.user_id"""
_BOARD = "s.workspace_id = ? AND s.channel_id = ? AND s.season_key = ?"


class LeaderboardStore:
    def __init__(self, db: sqlite_utils.Database) -> None:
        self.db = db

    def top_people(self, workspace_id: int, channel_id: int | None, season_key: str, limit: int) -> list[PersonScore]:
        """The first `limit` people by points (ties in a stable order), walking the ranking index."""
        rows = self.db.execute(
            f"{_PERSON} WHERE {_BOARD} ORDER BY s.points DESC, s.user_id LIMIT ?",
            [workspace_id, channel_id or WORKSPACE, season_key, limit],
        )
        return [PersonScore(*r) for r in rows.fetchall()]

    def person(self, workspace_id: int, channel_id: int | None, season_key: str, user_id: int) -> PersonScore | None:
        row = self.db.execute(
            f"{_PERSON} WHERE {_BOARD} AND s.user_id = ?", [workspace_id, channel_id or WORKSPACE, season_key, user_id]
        ).fetchone()
        return PersonScore(*row) if row else None

    def rank_of(self, workspace_id: int, channel_id: int | None, season_key: str, points: int) -> int:
        """Standard competition rank of a score: 1 + the number of people with more points."""
        ahead = self.db.execute(
            f"SELECT COUNT(*) FROM scores s WHERE {_BOARD} AND s.points > ?",
            [workspace_id, channel_id or WORKSPACE, season_key, points],
        ).fetchone()[0]
        return ahead + 1

    def teams(self, workspace_id: int, season_key: str) -> list[TeamScore]:
        rows = self.db.execute(
            """SELECT t.id, t.name, COALESCE(ts.points, 0), COALESCE(ts.active_members, 0), COALESCE(ts.correct, 0)
               FROM teams t LEFT JOIN team_scores ts ON ts.team_id = t.id AND ts.season_key = ?
               WHERE t.workspace_id = ?""",
            [season_key, workspace_id],
        )
        return [TeamScore(*r) for r in rows.fetchall()]
