"""Practice asks and every attempt; the answer to an ask is recorded at most once."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime

import sqlite_utils

from storage.clock import from_db, to_db
from storage.db import is_row_id, transaction
from storage.reviews import save_card


@dataclass(frozen=True)
class AskRow:
    id: int
    user_id: int
    question_id: str
    mode: str
    set_id: int | None = None  # the practice set it was served from, and its position there
    set_position: int | None = None


@dataclass(frozen=True)
class AttemptRow:
    id: int
    user_id: int
    question_id: str
    objective_id: str
    mode: str
    chosen: str
    correct: bool
    answered_at: str


@dataclass(frozen=True)
class FirstAnswerTallies:
    per_question: dict[str, tuple[int, int]]  # question id -> (right, answered)
    per_period: dict[tuple[int, int], tuple[int, int]]  # (user id, period of their study) -> (right, answered)


@dataclass(frozen=True)
class Recorded:
    attempt: AttemptRow
    created: bool  # False when the same ask had already been answered (double click, retry)


ATTEMPT_COLUMNS = "id, user_id, question_id, objective_id, mode, chosen, correct, answered_at"


class AttemptStore:
    def __init__(self, db: sqlite_utils.Database) -> None:
        self.db = db

    def create_ask(
        self, user_id: int, question_id: str, mode: str, *, now: datetime, in_set: tuple[int, int] | None = None
    ) -> AskRow:
        """A question served to the person; `in_set` is (practice set id, position) when served from a set."""
        set_id, position = in_set or (None, None)
        ask_id = self.db.execute(
            """INSERT INTO asks (user_id, question_id, mode, asked_at, set_id, set_position) VALUES (?, ?, ?, ?, ?, ?)
               RETURNING id""",
            [user_id, question_id, mode, to_db(now), set_id, position],
        ).fetchone()[0]
        return AskRow(ask_id, user_id, question_id, mode, set_id, position)

    def get_ask(self, ask_id: int) -> AskRow | None:
        if not is_row_id(ask_id):
            return None
        row = self.db.execute(
            "SELECT id, user_id, question_id, mode, set_id, set_position FROM asks WHERE id = ?", [ask_id]
        ).fetchone()
        return AskRow(*row) if row else None

    def served_counts(self, user_id: int) -> dict[str, int]:
        rows = self.db.execute(
            "SELECT question_id, COUNT(*) FROM asks WHERE user_id = ? GROUP BY question_id", [user_id]
        )
        return dict(rows.fetchall())

    def record_for_ask(
        self,
        ask: AskRow,
        objective_id: str,
        chosen: str,
        correct: bool,
        *,
        now: datetime,
        card: tuple[str, datetime] | None = None,
    ) -> Recorded:
        """Store the answer to an ask (and the person's review card for it, in the same transaction),
        or return the one already stored; committed before returning."""
        try:
            with transaction(self.db) as conn:
                row = conn.execute(
                    f"""INSERT INTO attempts (user_id, question_id, objective_id, mode, ask_id, chosen, correct,
                                              answered_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING {ATTEMPT_COLUMNS}""",
                    [ask.user_id, ask.question_id, objective_id, ask.mode, ask.id, chosen, int(correct), to_db(now)],
                ).fetchone()
                if card is not None:
                    save_card(conn, ask.user_id, ask.question_id, card)
            return Recorded(attempt_from_row(row), created=True)
        except sqlite3.IntegrityError:
            row = self.db.execute(f"SELECT {ATTEMPT_COLUMNS} FROM attempts WHERE ask_id = ?", [ask.id]).fetchone()
            if row is None:
                raise
            return Recorded(attempt_from_row(row), created=False)

    def import_attempts(self, rows: list[tuple[int, str, str, str, str, bool, datetime]]) -> int:
        """Store many finished attempts at once, in one transaction: (user id, question id, objective id, mode,
        chosen, correct, answered at). For imports and simulations; live answers go through record_for_ask."""
        with transaction(self.db) as conn:
            conn.executemany(
                """INSERT INTO attempts (user_id, question_id, objective_id, mode, chosen, correct, answered_at)
                   VALUES (?, ?, ?, ?, ?, ?, ?)""",
                [(u, q, o, m, c, int(ok), to_db(at)) for u, q, o, m, c, ok, at in rows],
            )
        return len(rows)

    def workspace_of(self, user_id: int) -> int:
        return self.db.execute("SELECT workspace_id FROM users WHERE id = ?", [user_id]).fetchone()[0]

    def first_answer_tallies(self, workspace_id: int, period_days: int) -> FirstAnswerTallies:
        """Everyone's first answer to each question in the workspace, tallied (right, answered) per
        question and per (person, period of their study: 0 for their first `period_days` days, 1 for the
        next...): what question difficulties and the learning trend are calibrated from. One pass in the
        order of the (user, time) index, so no sort."""
        rows = self.db.execute(
            """SELECT a.user_id, a.question_id, a.correct, a.answered_at FROM attempts a
               WHERE a.user_id IN (SELECT id FROM users WHERE workspace_id = ?)
               ORDER BY a.user_id, a.answered_at""",
            [workspace_id],
        )
        per_question: dict[str, list[int]] = {}
        per_period: dict[tuple[int, int], list[int]] = {}
        seen: set[str] = set()
        person: int | None = None
        start = datetime.min.replace(tzinfo=UTC)
        for user_id, question_id, correct, answered_at in rows:
            if user_id != person:
                person, start, seen = user_id, from_db(answered_at), set()
            if question_id in seen:
                continue
            seen.add(question_id)
            period = (from_db(answered_at) - start).days // period_days
            for tally in (
                per_question.setdefault(question_id, [0, 0]),
                per_period.setdefault((user_id, period), [0, 0]),
            ):
                tally[0] += correct
                tally[1] += 1
        return FirstAnswerTallies(
            {q: (r, n) for q, (r, n) in per_question.items()}, {k: (r, n) for k, (r, n) in per_period.items()}
        )

    def for_user(self, user_id: int) -> list[AttemptRow]:
        rows = self.db.execute(
            f"SELECT {ATTEMPT_COLUMNS} FROM attempts WHERE user_id = ? ORDER BY answered_at, id", [user_id]
        )
        return [attempt_from_row(r) for r in rows.fetchall()]


def attempt_from_row(row) -> AttemptRow:
    return AttemptRow(row[0], row[1], row[2], row[3], row[4], row[5], bool(row[6]), row[7])
