"""Practice sets: a fixed list of questions a person answers one after the other, and how far they got."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import sqlite_utils

from storage.clock import to_db
from storage.db import is_row_id


@dataclass(frozen=True)
class PracticeSetRow:
    id: int
    user_id: int
    kind: str  # 'review' | 'ids'
    question_ids: tuple[str, ...]


class PracticeSetStore:
    def __init__(self, db: sqlite_utils.Database) -> None:
        self.db = db

    def create(self, user_id: int, kind: str, question_ids: list[str], *, now: datetime) -> PracticeSetRow:
        set_id = self.db.execute(
            "INSERT INTO practice_sets (user_id, kind, question_ids, created_at) VALUES (?, ?, ?, ?) RETURNING id",
            [user_id, kind, ",".join(question_ids), to_db(now)],
        ).fetchone()[0]
        return PracticeSetRow(set_id, user_id, kind, tuple(question_ids))

    def get(self, set_id: int) -> PracticeSetRow | None:
        if not is_row_id(set_id):
            return None
        row = self.db.execute(
            "SELECT id, user_id, kind, question_ids FROM practice_sets WHERE id = ?", [set_id]
        ).fetchone()
        return PracticeSetRow(row[0], row[1], row[2], tuple(row[3].split(","))) if row else None

    def score(self, set_id: int) -> tuple[int, int]:
        """(correct, answered) over the set's asks answered so far."""
        row = self.db.execute(
            """SELECT COALESCE(SUM(t.correct), 0), COUNT(t.id) FROM asks a JOIN attempts t ON t.ask_id = a.id
               WHERE a.set_id = ?""",
            [set_id],
        ).fetchone()
        return row[0], row[1]

    def unrevealed_daily_questions(self, workspace_id: int) -> set[str]:
        """The questions of the workspace's daily posts not revealed yet: practising, reviewing or finding one
        of them would give away its answer (or a person's verdict) before the reveal."""
        rows = self.db.execute(
            """SELECT p.question_id FROM posts p JOIN channels c ON c.id = p.channel_id
               WHERE c.workspace_id = ? AND p.status = 'open'""",
            [workspace_id],
        )
        return {question_id for (question_id,) in rows.fetchall()}
