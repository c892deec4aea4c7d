"""The day each person sits the real exam (a plain date, as they gave it)."""

from __future__ import annotations

from datetime import date, datetime

import sqlite_utils

from storage.clock import to_db


class ExamDateStore:
    def __init__(self, db: sqlite_utils.Database) -> None:
        self.db = db

    def get(self, user_id: int) -> date | None:
        row = self.db.execute("SELECT exam_date FROM exam_dates WHERE user_id = ?", [user_id]).fetchone()
        return date.fromisoformat(row[0]) if row else None

    def set(self, user_id: int, day: date, *, now: datetime) -> None:
        self.db.execute(
            """INSERT INTO exam_dates (user_id, exam_date, set_at) VALUES (?, ?, ?)
               ON CONFLICT (user_id) DO UPDATE SET exam_date = excluded.exam_date, set_at = excluded.set_at""",
            [user_id, day.isoformat(), to_db(now)],
        )

    def clear(self, user_id: int) -> bool:
        """Forget the date; False if none was set."""
        return bool(self.db.execute("DELETE FROM exam_dates WHERE user_id = ?", [user_id]).rowcount)
