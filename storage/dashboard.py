"""The dashboard's reads, every one bound to one workspace: a WorkspaceScope is made from a signed-in session's
workspace and nothing in it can reach another's rows (ids from a URL are checked against it here)."""

from __future__ import annotations

from dataclasses import dataclass

import sqlite_utils

from storage.attempts import ATTEMPT_COLUMNS, AttemptRow, attempt_from_row


@dataclass(frozen=True)
class MemberRow:
    user_id: int
    external_id: str
    name: str


@dataclass(frozen=True)
class ChannelRow:
    id: int
    name: str
    posts: int
    last_date: str | None


class WorkspaceScope:
    def __init__(self, db: sqlite_utils.Database, workspace_id: int) -> None:
        self.db = db
        self.workspace_id = workspace_id

    def member_count(self) -> int:
        return self.db.execute("SELECT COUNT(*) FROM users WHERE workspace_id = ?", [self.workspace_id]).fetchone()[0]

    def members(self, limit: int, offset: int) -> list[MemberRow]:
        rows = self.db.execute(
            """SELECT id, external_id, CASE WHEN display_name != '' THEN display_name ELSE external_id END AS shown
               FROM users WHERE workspace_id = ? ORDER BY display_name COLLATE NOCASE, id LIMIT ? OFFSET ?""",
            [self.workspace_id, limit, offset],
        )
        return [MemberRow(*row) for row in rows.fetchall()]

    def attempts_of(self, user_ids: list[int]) -> dict[int, list[AttemptRow]]:
        """Every answer of these members (of this workspace), each person's oldest first: one query for a page."""
        found: dict[int, list[AttemptRow]] = {user_id: [] for user_id in user_ids}
        if not user_ids:
            return found
        marks = ",".join("?" * len(user_ids))
        columns = ", ".join(f"a.{name.strip()}" for name in ATTEMPT_COLUMNS.split(","))
        rows = self.db.execute(
            f"""SELECT {columns} FROM attempts a JOIN users u ON u.id = a.user_id
                WHERE u.workspace_id = ? AND a.user_id IN ({marks}) ORDER BY a.user_id, a.answered_at, a.id""",
            [self.workspace_id, *user_ids],
        )
        for row in rows.fetchall():
            attempt = attempt_from_row(row)
            found[attempt.user_id].append(attempt)
        return found

    def participation(self, since: str) -> list[tuple[str, int, int]]:
        """(local date, people who answered, answers) of the workspace's daily questions from `since` (a date),
        read through each post's answers (the one-answer-per-person index)."""
        rows = self.db.execute(
            """SELECT p.local_date, COUNT(DISTINCT a.user_id), COUNT(*)
               FROM channels c JOIN posts p ON p.channel_id = c.id AND p.local_date >= ?
               JOIN attempts a ON a.post_id = p.id
               WHERE c.workspace_id = ? GROUP BY p.local_date ORDER BY p.local_date""",
            [since, self.workspace_id],
        )
        return [(day, people, answers) for day, people, answers in rows.fetchall()]

    def channels(self) -> list[ChannelRow]:
        rows = self.db.execute(
            """SELECT c.id, CASE WHEN c.name != '' THEN c.name ELSE c.external_id END,
                      COUNT(p.id), MAX(p.local_date)
               FROM channels c LEFT JOIN posts p ON p.channel_id = c.id
               WHERE c.workspace_id = ? GROUP BY c.id HAVING COUNT(p.id) > 0 ORDER BY MAX(p.local_date) DESC""",
            [self.workspace_id],
        )
        return [ChannelRow(*row) for row in rows.fetchall()]

    def channel(self, channel_id: int) -> ChannelRow | None:
        """The channel, only if it is this workspace's."""
        row = self.db.execute(
            """SELECT c.id, CASE WHEN c.name != '' THEN c.name ELSE c.external_id END,
                      (SELECT COUNT(*) FROM posts p WHERE p.channel_id = c.id),
                      (SELECT MAX(local_date) FROM posts p WHERE p.channel_id = c.id)
               FROM channels c WHERE c.id = ? AND c.workspace_id = ?""",
            [channel_id, self.workspace_id],
        ).fetchone()
        return ChannelRow(*row) if row else None

    def latest_post_ids(self, limit: int) -> list[int]:
        """The workspace's most recent daily posts, newest first."""
        rows = self.db.execute(
            """SELECT p.id FROM posts p JOIN channels c ON c.id = p.channel_id
               WHERE c.workspace_id = ? ORDER BY p.local_date DESC, p.id DESC LIMIT ?""",
            [self.workspace_id, limit],
        )
        return [row[0] for row in rows.fetchall()]

    def revealed_questions(self) -> set[str]:
        """Questions whose daily post was revealed in this workspace."""
        rows = self.db.execute(
            """SELECT DISTINCT p.question_id FROM posts p JOIN channels c ON c.id = p.channel_id
               WHERE c.workspace_id = ? AND p.status = 'revealed'""",
            [self.workspace_id],
        )
        return {row[0] for row in rows.fetchall()}

    def answered_by(self, user_id: int) -> set[str]:
        rows = self.db.execute(
            """SELECT DISTINCT a.question_id FROM attempts a JOIN users u ON u.id = a.user_id
               WHERE a.user_id = ? AND u.workspace_id = ?""",
            [user_id, self.workspace_id],
        )
        return {row[0] for row in rows.fetchall()}

    def answer_counts(self, question_ids: list[str]) -> dict[str, tuple[int, int]]:
        """question id -> (answers, correct) by this workspace's people, for these questions."""
        if not question_ids:
            return {}
        marks = ",".join("?" * len(question_ids))
        rows = self.db.execute(
            f"""SELECT a.question_id, COUNT(*), SUM(a.correct) FROM attempts a JOIN users u ON u.id = a.user_id
                WHERE u.workspace_id = ? AND a.question_id IN ({marks}) GROUP BY a.question_id""",
            [self.workspace_id, *question_ids],
        )
        return {qid: (n, c) for qid, n, c in rows.fetchall()}
