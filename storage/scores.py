"""Leaderboard totals, kept in step with the daily answers inside the answer's own transaction."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from storage.clock import from_db

ALL_TIME = "all"
WORKSPACE = 0  # channel_id of the workspace-wide rows


def add_score(
    conn: sqlite3.Connection,
    *,
    workspace_id: int,
    channel_id: int,
    user_id: int,
    team_id: int | None,
    season_key: str,
    points: int,
    correct: bool,
) -> None:
    """Count one daily answer in the person's four totals and, if in a team, the team's two."""
    rows = [
        (workspace_id, channel, season, user_id, points, int(correct))
        for channel in (channel_id, WORKSPACE)
        for season in (season_key, ALL_TIME)
    ]
    conn.executemany(
        """INSERT INTO scores (workspace_id, channel_id, season_key, user_id, points, correct, answered)
           VALUES (?, ?, ?, ?, ?, ?, 1)
           ON CONFLICT (workspace_id, channel_id, season_key, user_id) DO UPDATE SET
             points = points + excluded.points, correct = correct + excluded.correct, answered = answered + 1""",
        rows,
    )
    if team_id is not None:
        add_team_score(conn, team_id=team_id, user_id=user_id, season_key=season_key, points=points, correct=correct)


def add_team_score(
    conn: sqlite3.Connection, *, team_id: int, user_id: int, season_key: str, points: int, correct: bool
) -> None:
    """Count one daily answer of a member in the team's season and all-time totals."""
    for season in (season_key, ALL_TIME):
        new_member = conn.execute(
            "INSERT INTO team_active (team_id, season_key, user_id) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
            [team_id, season, user_id],
        ).rowcount
        conn.execute(
            """INSERT INTO team_scores (team_id, season_key, points, correct, active_members) VALUES (?, ?, ?, ?, ?)
               ON CONFLICT (team_id, season_key) DO UPDATE SET points = points + excluded.points,
                 correct = correct + excluded.correct, active_members = active_members + excluded.active_members""",
            [team_id, season, points, int(correct), new_member],
        )


def backfill_scores(conn: sqlite3.Connection) -> None:
    """Migration step: build the totals from the daily answers already stored."""
    count_daily_answers(conn, _season_key_as_of_migration_4)


def count_daily_answers(conn: sqlite3.Connection, season_key_of: Callable[[datetime, str, str], str]) -> None:
    """Add every stored daily answer to the totals, in answer order; `season_key_of(moment, zone, period)`."""
    rows = conn.execute(
        """SELECT c.workspace_id, p.channel_id, a.user_id, a.team_id, a.points, a.correct, a.answered_at,
                  w.timezone, w.season_period
           FROM attempts a JOIN posts p ON p.id = a.post_id JOIN channels c ON c.id = p.channel_id
           JOIN workspaces w ON w.id = c.workspace_id WHERE a.mode = 'daily' ORDER BY a.answered_at, a.id"""
    ).fetchall()
    for workspace_id, channel_id, user_id, team_id, points, correct, answered_at, timezone, period in rows:
        add_score(
            conn,
            workspace_id=workspace_id,
            channel_id=channel_id,
            user_id=user_id,
            team_id=team_id,
            season_key=season_key_of(from_db(answered_at), timezone, period),
            points=points,
            correct=bool(correct),
        )


def _season_key_as_of_migration_4(moment: datetime, timezone: str, period: str) -> str:
    """The season key rule as it stood when migration 4 was written (a published migration never changes
    meaning; the live rule belongs to the services, bot/services/seasons.py)."""
    local_day = moment.astimezone(ZoneInfo(timezone)).date()
    if period == "week":
        year, week, _ = (local_day - timedelta(days=local_day.weekday())).isocalendar()
        return f"{year}-W{week:02d}"
    return f"{local_day:%Y-%m}"
