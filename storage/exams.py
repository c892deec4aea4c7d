"""Mock exams: their questions, answers and flags, so an exam resumes after a restart or on another device."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import datetime

import sqlite_utils

from storage.clock import from_db, to_db
from storage.db import is_row_id, transaction


class ExamInProgressError(Exception):
    pass


@dataclass(frozen=True)
class ExamRow:
    id: int
    user_id: int
    size: int
    started_at: datetime
    deadline: datetime
    finished_at: datetime | None
    status: str


@dataclass(frozen=True)
class ExamItemRow:
    position: int
    question_id: str
    chosen: str | None
    flagged: bool


_EXAM = "id, user_id, size, started_at, deadline, finished_at, status"
# never an id an abandoned exam had, so an old button of that exam cannot act on a new one
_NEXT_ID = """SELECT MAX(COALESCE((SELECT MAX(id) FROM exams), 0),
                       COALESCE((SELECT MAX(id) FROM abandoned_exams), 0)) + 1"""


class ExamStore:
    def __init__(self, db: sqlite_utils.Database) -> None:
        self.db = db

    def create(self, user_id: int, question_ids: list[str], *, started_at: datetime, deadline: datetime) -> ExamRow:
        try:
            with transaction(self.db) as conn:
                exam_id = conn.execute(
                    f"""INSERT INTO exams (id, user_id, size, started_at, deadline)
                        VALUES (({_NEXT_ID}), ?, ?, ?, ?) RETURNING id""",
                    [user_id, len(question_ids), to_db(started_at), to_db(deadline)],
                ).fetchone()[0]
                conn.executemany(
                    "INSERT INTO exam_items (exam_id, position, question_id) VALUES (?, ?, ?)",
                    [(exam_id, position, qid) for position, qid in enumerate(question_ids, start=1)],
                )
        except sqlite3.IntegrityError:
            raise ExamInProgressError() from None
        return self.existing(exam_id)

    def existing(self, exam_id: int) -> ExamRow:
        """An exam the caller knows is there (just created or finished): a missing one is a bug."""
        row = self.get(exam_id)
        if row is None:
            raise LookupError(f"no exam {exam_id}")
        return row

    def get(self, exam_id: int) -> ExamRow | None:
        if not is_row_id(exam_id):
            return None
        row = self.db.execute(f"SELECT {_EXAM} FROM exams WHERE id = ?", [exam_id]).fetchone()
        return _exam(row) if row else None

    def in_progress(self, user_id: int) -> ExamRow | None:
        row = self.db.execute(
            f"SELECT {_EXAM} FROM exams WHERE user_id = ? AND status = 'in_progress'", [user_id]
        ).fetchone()
        return _exam(row) if row else None

    def latest_finished(self, user_id: int) -> ExamRow | None:
        row = self.db.execute(
            f"""SELECT {_EXAM} FROM exams WHERE user_id = ? AND status != 'in_progress'
                ORDER BY finished_at DESC, id DESC LIMIT 1""",
            [user_id],
        ).fetchone()
        return _exam(row) if row else None

    def finished(self, user_id: int) -> list[ExamRow]:
        rows = self.db.execute(
            f"SELECT {_EXAM} FROM exams WHERE user_id = ? AND status != 'in_progress' ORDER BY finished_at, id",
            [user_id],
        )
        return [_exam(r) for r in rows.fetchall()]

    def items(self, exam_id: int) -> list[ExamItemRow]:
        rows = self.db.execute(
            "SELECT position, question_id, chosen, flagged FROM exam_items WHERE exam_id = ? ORDER BY position",
            [exam_id],
        )
        return [ExamItemRow(p, q, c, bool(f)) for p, q, c, f in rows.fetchall()]

    def set_answer(self, exam_id: int, position: int, chosen: str, *, now: datetime) -> None:
        self.db.execute(
            "UPDATE exam_items SET chosen = ?, answered_at = ? WHERE exam_id = ? AND position = ?",
            [chosen, to_db(now), exam_id, position],
        )

    def set_flag(self, exam_id: int, position: int, flagged: bool) -> None:
        self.db.execute(
            "UPDATE exam_items SET flagged = ? WHERE exam_id = ? AND position = ?", [int(flagged), exam_id, position]
        )

    def abandon(self, exam: ExamRow, answered: int, *, now: datetime) -> bool:
        """Delete an exam still in progress with its items, keeping its id as abandoned; False if it was not
        in progress any more."""
        with transaction(self.db) as conn:
            if not conn.execute("DELETE FROM exams WHERE id = ? AND status = 'in_progress'", [exam.id]).rowcount:
                return False
            conn.execute(
                "INSERT INTO abandoned_exams (id, user_id, size, answered, abandoned_at) VALUES (?, ?, ?, ?, ?)",
                [exam.id, exam.user_id, exam.size, answered, to_db(now)],
            )
        return True

    def was_abandoned(self, exam_id: int, user_id: int) -> bool:
        if not is_row_id(exam_id):
            return False
        row = self.db.execute("SELECT 1 FROM abandoned_exams WHERE id = ? AND user_id = ?", [exam_id, user_id])
        return row.fetchone() is not None

    def finish(self, exam: ExamRow, status: str, attempts: list[tuple[str, str, str, bool]], *, now: datetime) -> bool:
        """Close the exam and store its answered items as attempts, in one transaction; False if already closed.

        `attempts` holds (question id, objective id, chosen, correct) for the answered items."""
        with transaction(self.db) as conn:
            closed = conn.execute(
                "UPDATE exams SET status = ?, finished_at = ? WHERE id = ? AND status = 'in_progress'",
                [status, to_db(now), exam.id],
            ).rowcount
            if not closed:
                return False
            conn.executemany(
                """INSERT INTO attempts (user_id, question_id, objective_id, mode, chosen, correct, answered_at)
                   VALUES (?, ?, ?, 'exam', ?, ?, ?)""",
                [(exam.user_id, qid, obj, chosen, int(correct), to_db(now)) for qid, obj, chosen, correct in attempts],
            )
        return True


def _exam(row) -> ExamRow:
    values = list(row)
    for i in (3, 4, 5):
        values[i] = from_db(values[i]) if values[i] else None
    return ExamRow(*values)
