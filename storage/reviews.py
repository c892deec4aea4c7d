"""Per-person, per-question spaced-repetition cards (FSRS state as JSON) and question problem reports."""

from __future__ import annotations

import sqlite3
from datetime import datetime

import sqlite_utils

from storage.clock import from_db, to_db


class ReviewStore:
    def __init__(self, db: sqlite_utils.Database) -> None:
        self.db = db

    def card(self, user_id: int, question_id: str) -> str | None:
        row = self.db.execute(
            "SELECT card FROM review_cards WHERE user_id = ? AND question_id = ?", [user_id, question_id]
        ).fetchone()
        return row[0] if row else None

    def save(self, user_id: int, question_id: str, card: str, due: datetime) -> None:
        save_card(self.db.conn, user_id, question_id, (card, due))

    def due(self, user_id: int, now: datetime) -> dict[str, datetime]:
        rows = self.db.execute(
            "SELECT question_id, due FROM review_cards WHERE user_id = ? AND due <= ?", [user_id, to_db(now)]
        )
        return {qid: from_db(due) for qid, due in rows.fetchall()}

    def add_report(self, user_id: int, question_id: str, reason: str, *, now: datetime) -> int:
        return self.db.execute(
            "INSERT INTO question_reports (user_id, question_id, reason, created_at) VALUES (?, ?, ?, ?) RETURNING id",
            [user_id, question_id, reason, to_db(now)],
        ).fetchone()[0]


def save_card(conn: sqlite3.Connection, user_id: int, question_id: str, card: tuple[str, datetime]) -> None:
    """Store a person's card for a question; callers inside a transaction pass its connection."""
    state, due = card
    conn.execute(
        """INSERT INTO review_cards (user_id, question_id, card, due) VALUES (?, ?, ?, ?)
           ON CONFLICT (user_id, question_id) DO UPDATE SET card = excluded.card, due = excluded.due""",
        [user_id, question_id, state, to_db(due)],
    )
