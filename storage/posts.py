"""Daily posts and the answers to them. The database guarantees one post per channel per local
date and one answer per person per post, so retries, double clicks and restarts cannot double-count."""

from __future__ import annotations

import functools
import sqlite3
from collections import Counter
from dataclasses import dataclass
from datetime import datetime
from typing import cast

import sqlite_utils

from storage.attempts import ATTEMPT_COLUMNS, AttemptRow, Recorded, attempt_from_row
from storage.clock import from_db, to_db
from storage.db import is_row_id
from storage.directory import Person, WorkspaceRow, stored_user
from storage.reviews import save_card
from storage.scores import add_score


@dataclass(frozen=True)
class PostRow:
    id: int
    channel_id: int
    local_date: str
    question_id: str
    scheduled_for: datetime
    status: str
    posted_at: datetime | None
    closes_at: datetime | None
    revealed_at: datetime | None
    message_ref: str | None
    failure: str | None = None
    maybe_posted: bool = False
    retries: int = 0

    @property
    def closed_at(self) -> datetime | None:
        """When answers stopped: the reveal, if an admin revealed early; else the scheduled close."""
        return self.revealed_at or self.closes_at

    def is_open(self, now: datetime) -> bool:
        return self.status == "open" and self.closes_at is not None and now < self.closes_at


@dataclass(frozen=True)
class Tally:
    by_choice: Counter[str]  # how many chose each answer string
    correct_users: list[int]  # ids of the people who answered correctly, in answer order
    correct: int  # how many answered correctly, unnamed ones included


@dataclass(frozen=True)
class PostForAnswer:
    post: PostRow
    workspace: WorkspaceRow  # of the post's channel
    feedback: str | None  # the channel's schedule's feedback mode; None once the schedule is gone
    person: Person  # the one answering, as that workspace knows them (id None: not stored yet)
    team_id: int | None
    card: str | None  # their review card for the post's question, if any


@dataclass(frozen=True)
class DailyAnswer:
    """One person's graded answer to a daily post, with what the leaderboard totals need."""

    post: PostRow
    person: Person  # written in the answer's transaction when new or renamed
    team_id: int | None
    objective_id: str
    chosen: str
    correct: bool
    points: int
    answered_at: datetime
    season_key: str
    card: tuple[str, datetime] | None = None  # the person's review card for the question after this answer


_COLUMNS = (
    "id, channel_id, local_date, question_id, scheduled_for, status, posted_at, closes_at, revealed_at, message_ref,"
    " failure, maybe_posted, retries"
)


_COLUMN_COUNT = len(_COLUMNS.split(","))
_JOINED_COLUMNS = ", ".join(f"p.{name.strip()}" for name in _COLUMNS.split(","))
_WORKSPACE_COLUMNS = "w.id, w.platform, w.external_id, w.name, w.timezone, w.season_period"  # a WorkspaceRow
_POST_AND_WORKSPACE = _COLUMN_COUNT + len(_WORKSPACE_COLUMNS.split(","))


class PostStore:
    def __init__(self, db: sqlite_utils.Database) -> None:
        self.db = db

    def reserve(
        self, channel_id: int, local_date: str, question_id: str, scheduled_for: datetime
    ) -> tuple[PostRow, bool]:
        """The post row for this channel and local date: (row, True) if this call created it."""
        row = self.db.execute(
            f"""INSERT INTO posts (channel_id, local_date, question_id, scheduled_for) VALUES (?, ?, ?, ?)
                ON CONFLICT (channel_id, local_date) DO NOTHING RETURNING {_COLUMNS}""",
            [channel_id, local_date, question_id, to_db(scheduled_for)],
        ).fetchone()
        if row:
            return _post(row), True
        existing = self.db.execute(
            f"SELECT {_COLUMNS} FROM posts WHERE channel_id = ? AND local_date = ?", [channel_id, local_date]
        ).fetchone()
        return _post(existing), False

    def for_answer(self, post_id: int, user_external_id: str, display_name: str = "") -> PostForAnswer | None:
        """Everything an answer to the post needs, in one read: the post, its channel's workspace and feedback
        mode, and the person of that workspace with this platform id (their row, team and review card for
        the question, when they exist). Every answer of a burst starts here."""
        if not is_row_id(post_id):
            return None
        row = self.db.execute(
            f"""SELECT {_JOINED_COLUMNS}, {_WORKSPACE_COLUMNS}, s.feedback, u.id, u.display_name, m.team_id, r.card
                FROM posts p JOIN channels c ON c.id = p.channel_id JOIN workspaces w ON w.id = c.workspace_id
                LEFT JOIN schedules s ON s.channel_id = p.channel_id
                LEFT JOIN users u ON u.workspace_id = w.id AND u.external_id = ?
                LEFT JOIN team_members m ON m.user_id = u.id
                LEFT JOIN review_cards r ON r.user_id = u.id AND r.question_id = p.question_id
                WHERE p.id = ?""",
            [user_external_id, post_id],
        ).fetchone()
        if row is None:
            return None
        post, workspace = _post_and_workspace(row[:_POST_AND_WORKSPACE])
        feedback, user_id, stored_name, team_id, card = row[_POST_AND_WORKSPACE:]
        person = Person.as_stored(workspace.id, user_external_id, display_name, user_id, stored_name)
        return PostForAnswer(post, workspace, feedback, person, team_id, card)

    def get(self, post_id: int) -> PostRow | None:
        if not is_row_id(post_id):
            return None
        row = self.db.execute(f"SELECT {_COLUMNS} FROM posts WHERE id = ?", [post_id]).fetchone()
        return _post(row) if row else None

    def for_date(self, channel_id: int, local_date: str) -> PostRow | None:
        row = self.db.execute(
            f"SELECT {_COLUMNS} FROM posts WHERE channel_id = ? AND local_date = ?", [channel_id, local_date]
        ).fetchone()
        return _post(row) if row else None

    def mark_posted(self, post_id: int, message_ref: str, posted_at: datetime, closes_at: datetime) -> None:
        self.db.execute(
            """UPDATE posts SET status = 'open', message_ref = ?, posted_at = ?, closes_at = ?, failure = NULL,
                                maybe_posted = 0 WHERE id = ?""",
            [message_ref, to_db(posted_at), to_db(closes_at), post_id],
        )

    def mark_failed(self, post_id: int, reason: str, *, maybe_posted: bool = False) -> None:
        """The post did not reach the channel (or may have, unconfirmed): keep why, count the try."""
        self.db.execute(
            """UPDATE posts SET status = 'failed', failure = ?, maybe_posted = ?, retries = retries + 1
               WHERE id = ? AND status IN ('pending', 'failed')""",
            [reason, int(maybe_posted), post_id],
        )

    def claim_reveal(self, post_id: int, now: datetime) -> bool:
        """Close an open post for its reveal; exactly one caller gets True, whatever races."""
        cursor = self.db.execute(
            "UPDATE posts SET status = 'revealed', revealed_at = ? WHERE id = ? AND status = 'open'",
            [to_db(now), post_id],
        )
        return cursor.rowcount == 1

    def open_posts(self) -> list[PostRow]:
        rows = self.db.execute(f"SELECT {_COLUMNS} FROM posts WHERE status = 'open' ORDER BY closes_at")
        return [_post(r) for r in rows.fetchall()]

    def latest(self, channel_id: int) -> PostRow | None:
        row = self.db.execute(
            f"SELECT {_COLUMNS} FROM posts WHERE channel_id = ? ORDER BY local_date DESC LIMIT 1", [channel_id]
        ).fetchone()
        return _post(row) if row else None

    def channel_history(self, channel_id: int) -> list[PostRow]:
        rows = self.db.execute(f"SELECT {_COLUMNS} FROM posts WHERE channel_id = ? ORDER BY local_date", [channel_id])
        return [_post(r) for r in rows.fetchall()]

    def served_counts(self, channel_id: int) -> dict[str, int]:
        rows = self.db.execute(
            "SELECT question_id, COUNT(*) FROM posts WHERE channel_id = ? GROUP BY question_id", [channel_id]
        )
        return dict(rows.fetchall())

    def answer_of(self, post_id: int, user_id: int) -> AttemptRow | None:
        return stored_answer(self.db.conn, post_id, user_id)

    def tally(self, post_id: int) -> Tally:
        """How the channel answered the post: the answers of people whose data was deleted count, unnamed."""
        rows = self.db.execute(
            "SELECT chosen, correct, user_id FROM attempts WHERE post_id = ? ORDER BY answered_at, id", [post_id]
        ).fetchall()
        anonymous = self.db.execute("SELECT chosen, correct FROM anonymous_answers WHERE post_id = ?", [post_id])
        unnamed = anonymous.fetchall()
        by_choice = Counter(chosen for chosen, _, _ in rows) + Counter(chosen for chosen, _ in unnamed)
        correct_users = [user for _, correct, user in rows if correct]
        return Tally(by_choice, correct_users, len(correct_users) + sum(correct for _, correct in unnamed))

    def correct_post_ids(self, user_id: int, channel_id: int) -> set[int]:
        rows = self.db.execute(
            """SELECT a.post_id FROM attempts a JOIN posts p ON p.id = a.post_id
               WHERE a.user_id = ? AND p.channel_id = ? AND a.correct = 1""",
            [user_id, channel_id],
        )
        return {r[0] for r in rows.fetchall()}


def write_answer(conn: sqlite3.Connection, answer: DailyAnswer) -> Recorded:
    """Store this person's answer to the post, creating or renaming the person first if needed, and count it
    in the leaderboard totals, on `conn` inside the caller's transaction; or return the answer already
    stored, writing nothing more (a double click, a platform's retry)."""
    person = answer.person
    user_id = stored_user(conn, person, answer.answered_at)
    answered_at = to_db(answer.answered_at)
    try:
        # the attempt is built from what was written, not read back: RETURNING costs more than the insert
        inserted = conn.execute(
            """INSERT INTO attempts (user_id, question_id, objective_id, mode, post_id, team_id, chosen, correct,
                                     points, answered_at)
               VALUES (?, ?, ?, 'daily', ?, ?, ?, ?, ?, ?)""",
            [
                user_id,
                answer.post.question_id,
                answer.objective_id,
                answer.post.id,
                answer.team_id,
                answer.chosen,
                int(answer.correct),
                answer.points,
                answered_at,
            ],
        )
    except sqlite3.IntegrityError:
        existing = stored_answer(conn, answer.post.id, user_id)
        if existing is None:
            raise
        return Recorded(existing, created=False)
    attempt = AttemptRow(
        cast(int, inserted.lastrowid),  # set by every INSERT that succeeds
        user_id,
        answer.post.question_id,
        answer.objective_id,
        "daily",
        answer.chosen,
        answer.correct,
        answered_at,
    )
    add_score(
        conn,
        workspace_id=person.workspace_id,
        channel_id=answer.post.channel_id,
        user_id=user_id,
        team_id=answer.team_id,
        season_key=answer.season_key,
        points=answer.points,
        correct=answer.correct,
    )
    if answer.card is not None:
        save_card(conn, user_id, answer.post.question_id, answer.card)
    return Recorded(attempt, created=True)


def stored_answer(conn: sqlite3.Connection, post_id: int, user_id: int) -> AttemptRow | None:
    row = conn.execute(
        f"SELECT {ATTEMPT_COLUMNS} FROM attempts WHERE post_id = ? AND user_id = ?", [post_id, user_id]
    ).fetchone()
    return attempt_from_row(row) if row else None


@functools.lru_cache(maxsize=1024)
def _post_and_workspace(values: tuple) -> tuple[PostRow, WorkspaceRow]:
    """The post and its workspace from their stored values. Every answer of a burst reads the same values;
    they are turned into rows once (same values, same rows: the cache cannot go stale, and rows are frozen)."""
    return _post(values[:_COLUMN_COUNT]), WorkspaceRow(*values[_COLUMN_COUNT:])


def _post(row) -> PostRow:
    values = list(row)
    for i in (4, 6, 7, 8):
        values[i] = from_db(values[i]) if values[i] else None
    values[11] = bool(values[11])
    return PostRow(*values)
