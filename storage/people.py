"""A person's data: everything stored about them, gathered for an export, and deleted on request with the
totals they counted in recomputed in the same transaction."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import datetime

import sqlite_utils

from storage.clock import from_db, to_db
from storage.db import transaction
from storage.scores import add_team_score, count_daily_answers

SeasonKeyOf = Callable[[datetime, str, str], str]  # (moment, time zone, period) -> season key

# (name, SQL selecting the person's rows; one parameter: the user row id)
PERSONAL_TABLES: tuple[tuple[str, str], ...] = (
    (
        "profile",
        """SELECT w.platform, w.external_id AS workspace_id, w.name AS workspace_name, w.timezone AS workspace_timezone,
                  w.season_period, u.external_id AS user_id, u.display_name, u.created_at
           FROM users u JOIN workspaces w ON w.id = u.workspace_id WHERE u.id = ?""",
    ),
    (
        "attempts",
        """SELECT question_id, objective_id, mode, chosen, correct, points, post_id, ask_id, answered_at
           FROM attempts WHERE user_id = ? ORDER BY answered_at, id""",
    ),
    (
        "practice_questions_asked",
        "SELECT id, question_id, mode, asked_at, set_id, set_position FROM asks WHERE user_id = ? ORDER BY id",
    ),
    ("practice_sets", "SELECT id, kind, question_ids, created_at FROM practice_sets WHERE user_id = ? ORDER BY id"),
    (
        "exams",
        """SELECT e.id AS exam_id, e.size, e.started_at, e.deadline, e.finished_at, e.status, i.position,
                  i.question_id, i.chosen, i.flagged, i.answered_at
           FROM exams e JOIN exam_items i ON i.exam_id = e.id WHERE e.user_id = ? ORDER BY e.id, i.position""",
    ),
    (
        "abandoned_exams",
        "SELECT id AS exam_id, size, answered, abandoned_at FROM abandoned_exams WHERE user_id = ? ORDER BY id",
    ),
    ("exam_date", "SELECT exam_date, set_at FROM exam_dates WHERE user_id = ?"),
    ("review_cards", "SELECT question_id, card, due FROM review_cards WHERE user_id = ? ORDER BY question_id"),
    (
        "question_reports",
        """SELECT id, question_id, reason, created_at, resolved_at, resolution FROM question_reports
           WHERE user_id = ? ORDER BY id""",
    ),
    (
        "team_membership",
        """SELECT t.name AS team, m.joined_at FROM team_members m JOIN teams t ON t.id = m.team_id
           WHERE m.user_id = ?""",
    ),
    (
        "leaderboard_totals",
        """SELECT channel_id, season_key, points, correct, answered FROM scores WHERE user_id = ?
           ORDER BY channel_id, season_key""",
    ),
)


class WorkspaceRemovals:
    """Workspaces the app was removed from, and deleting a workspace's data (the schema cascades from it)."""

    def __init__(self, db: sqlite_utils.Database) -> None:
        self.db = db

    def mark_removed(self, platform: str, external_id: str, now: datetime) -> bool:
        cursor = self.db.execute(
            "UPDATE workspaces SET removed_at = ? WHERE platform = ? AND external_id = ? AND removed_at IS NULL",
            [to_db(now), platform, external_id],
        )
        return cursor.rowcount == 1

    def mark_back(self, platform: str, external_id: str) -> None:
        self.db.execute(
            "UPDATE workspaces SET removed_at = NULL WHERE platform = ? AND external_id = ?", [platform, external_id]
        )

    def removed_before(self, cutoff: datetime) -> list[tuple[str, str]]:
        """(platform, external id) of the workspaces removed before `cutoff`."""
        rows = self.db.execute(
            "SELECT platform, external_id FROM workspaces WHERE removed_at IS NOT NULL AND removed_at < ?",
            [to_db(cutoff)],
        )
        return [(platform, external_id) for platform, external_id in rows.fetchall()]

    def delete(self, platform: str, external_id: str) -> bool:
        """Delete the workspace and everything in it: channels, people, answers, posts, teams, schedules."""
        with transaction(self.db) as conn:
            cursor = conn.execute(
                "DELETE FROM workspaces WHERE platform = ? AND external_id = ?", [platform, external_id]
            )
            return cursor.rowcount == 1


class PersonStore:
    def __init__(self, db: sqlite_utils.Database) -> None:
        self.db = db

    def export(self, user_id: int) -> dict[str, list[dict]]:
        """Every row stored about the person, by table (column name -> value)."""
        tables = {}
        for name, sql in PERSONAL_TABLES:
            cursor = self.db.execute(sql, [user_id])
            columns = [c[0] for c in cursor.description]
            tables[name] = [dict(zip(columns, row, strict=True)) for row in cursor.fetchall()]
        return tables

    def delete_answers_before(self, cutoff: datetime, season_key_of: SeasonKeyOf) -> int:
        with transaction(self.db) as conn:
            return delete_answers_before(conn, to_db(cutoff), season_key_of)

    def delete(self, user_id: int, season_key_of: SeasonKeyOf) -> dict[str, int]:
        """Delete the person and every row of theirs (the schema cascades from users); their daily answers
        stay in post tallies as unnamed counts; their teams' totals are rebuilt from the answers left."""
        counts = {name: len(rows) for name, rows in self.export(user_id).items() if name != "profile"}
        with transaction(self.db) as conn:
            teams = [
                team
                for (team,) in conn.execute(
                    "SELECT DISTINCT team_id FROM attempts WHERE user_id = ? AND team_id IS NOT NULL", [user_id]
                )
            ]
            conn.execute(
                """INSERT INTO anonymous_answers (post_id, chosen, correct)
                   SELECT post_id, chosen, correct FROM attempts WHERE user_id = ? AND post_id IS NOT NULL""",
                [user_id],
            )
            conn.execute("DELETE FROM users WHERE id = ?", [user_id])
            rebuild_team_totals(conn, teams, season_key_of)
        return counts


def delete_answers_before(conn: sqlite3.Connection, cutoff: str, season_key_of: SeasonKeyOf) -> int:
    """Retention: delete every answer stored before `cutoff` (a stored timestamp); daily ones stay in their
    posts' tallies as unnamed counts, and every leaderboard total is counted again from the answers left."""
    conn.execute(
        """INSERT INTO anonymous_answers (post_id, chosen, correct)
           SELECT post_id, chosen, correct FROM attempts WHERE answered_at < ? AND post_id IS NOT NULL""",
        [cutoff],
    )
    deleted = conn.execute("DELETE FROM attempts WHERE answered_at < ?", [cutoff]).rowcount
    if deleted:
        rebuild_all_totals(conn, season_key_of)
    return deleted


def rebuild_all_totals(conn: sqlite3.Connection, season_key_of: SeasonKeyOf) -> None:
    """Every person's and team's leaderboard totals, counted again from the daily answers stored."""
    conn.execute("DELETE FROM scores")
    conn.execute("DELETE FROM team_scores")
    conn.execute("DELETE FROM team_active")
    count_daily_answers(conn, season_key_of)


def rebuild_team_totals(conn: sqlite3.Connection, team_ids: list[int], season_key_of: SeasonKeyOf) -> None:
    """The teams' season and all-time totals, counted again from the daily answers stored for them."""
    for team_id in team_ids:
        conn.execute("DELETE FROM team_scores WHERE team_id = ?", [team_id])
        conn.execute("DELETE FROM team_active WHERE team_id = ?", [team_id])
        rows = conn.execute(
            """SELECT a.user_id, a.points, a.correct, a.answered_at, w.timezone, w.season_period
               FROM attempts a JOIN posts p ON p.id = a.post_id JOIN channels c ON c.id = p.channel_id
               JOIN workspaces w ON w.id = c.workspace_id
               WHERE a.team_id = ? AND a.mode = 'daily' ORDER BY a.answered_at, a.id""",
            [team_id],
        ).fetchall()
        for user_id, points, correct, answered_at, timezone, period in rows:
            season = season_key_of(from_db(answered_at), timezone, period)
            add_team_score(conn, team_id=team_id, user_id=user_id, season_key=season, points=points, correct=correct)
