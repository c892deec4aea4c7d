"""What item analysis reads (every person's first answer to each question) and the authors' kept marks."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime

import sqlite_utils

from questions.itemstats import first_answers
from storage.clock import to_db
from storage.db import transaction


@dataclass(frozen=True)
class KeepRow:
    question_id: str
    kept_at: str
    people: int  # people behind the figures when it was kept
    flags: tuple[str, ...]  # the flag kinds it had then
    kept_by: str  # the admin's name ('' once they deleted their data)


@dataclass(frozen=True)
class DigestRow:
    workspace_id: int
    platform: str
    workspace_on_platform: str
    channel_on_platform: str
    channel_name: str
    sent_at: str | None
    flagged: tuple[str, ...]


FINGERPRINT = (("MIN", "attempts"), ("MAX", "attempts"), ("MAX", "users"))


class ItemStatsStore:
    def __init__(self, db: sqlite_utils.Database) -> None:
        self.db = db

    def answer_rows(self, workspace_id: int | None = None) -> Iterator[tuple[int, str, str]]:
        """(user row id, question id, chosen letters) of every attempt (practice, daily and exam alike),
        grouped by person, each person's in answer order; one workspace's people, or everyone's (None). Read
        in the order of the attempts_user index, so no sort is needed."""
        if workspace_id is None:
            return self.db.conn.execute(
                "SELECT user_id, question_id, chosen FROM attempts ORDER BY user_id, answered_at, id"
            )
        return self.db.conn.execute(
            # IN, not a join: a join walks users in name order (users_by_name) and sorts every answer after
            """SELECT a.user_id, a.question_id, a.chosen FROM attempts a
               WHERE a.user_id IN (SELECT id FROM users WHERE workspace_id = ?)
               ORDER BY a.user_id, a.answered_at, a.id""",
            [workspace_id],
        )

    def first_answers(self, workspace_id: int | None = None) -> list[tuple[int, str, str]]:
        """Each person's first answer to each question, from answer_rows."""
        return first_answers(self.answer_rows(workspace_id))

    def answers_version(self) -> tuple[int, ...]:
        """A fingerprint of the attempts that changes whenever one is added (the largest id grows) or deleted
        (old ones by retention: the smallest id grows; a person's or a workspace's: their user rows go): the
        rowid's ends (read from the b-trees' ends) and the users' count (a scan of the smallest users index,
        so it grows with the number of people)."""
        # one aggregate per query: SQLite answers a lone MIN or MAX of the rowid from the b-tree's ends
        ends = [self.db.execute(f"SELECT {end}(id) FROM {table}").fetchone()[0] or 0 for end, table in FINGERPRINT]
        users = self.db.execute("SELECT COUNT(*) FROM users").fetchone()[0]
        return (*ends, users)

    def keep(
        self,
        workspace_id: int | None,
        question_id: str,
        people: int,
        flags: tuple[str, ...],
        kept_by: int,
        *,
        now: datetime,
    ) -> None:
        """Mark a question reviewed and kept in a workspace (None: everywhere); a newer mark replaces the older."""
        kept_at = to_db(now)
        with transaction(self.db) as conn:
            conn.execute(
                "DELETE FROM item_keeps WHERE workspace_id IS ? AND question_id = ?", [workspace_id, question_id]
            )
            conn.execute(
                """INSERT INTO item_keeps (workspace_id, question_id, kept_at, people, flags, kept_by)
                   VALUES (?, ?, ?, ?, ?, ?)""",
                [workspace_id, question_id, kept_at, people, ",".join(flags), kept_by],
            )

    def keeps(self, workspace_id: int | None = None) -> dict[str, KeepRow]:
        """The marks that hold in a workspace: its own, else the ones made for every workspace."""
        rows = self.db.execute(
            """SELECT k.question_id, k.kept_at, k.people, k.flags,
                      COALESCE(NULLIF(u.display_name, ''), u.external_id, '')
               FROM item_keeps k LEFT JOIN users u ON u.id = k.kept_by
               WHERE k.workspace_id IS NULL OR k.workspace_id IS ? ORDER BY k.workspace_id IS NOT NULL""",
            [workspace_id],
        ).fetchall()
        return {
            qid: KeepRow(qid, kept_at, people, tuple(f for f in flags.split(",") if f), kept_by)
            for qid, kept_at, people, flags, kept_by in rows
        }

    def set_digest(self, workspace_id: int, channel_id: int, *, now: datetime) -> None:
        """The workspace's weekly digest goes to this channel (a newer choice replaces the older)."""
        self.db.execute(
            """INSERT INTO item_digests (workspace_id, channel_id, set_at) VALUES (?, ?, ?)
               ON CONFLICT (workspace_id) DO UPDATE SET channel_id = excluded.channel_id, set_at = excluded.set_at""",
            [workspace_id, channel_id, to_db(now)],
        )

    def clear_digest(self, workspace_id: int) -> bool:
        return self.db.execute("DELETE FROM item_digests WHERE workspace_id = ?", [workspace_id]).rowcount == 1

    def digests(self) -> list[DigestRow]:
        rows = self.db.execute(
            """SELECT d.workspace_id, w.platform, w.external_id, c.external_id, c.name, d.sent_at, d.flagged
               FROM item_digests d JOIN workspaces w ON w.id = d.workspace_id JOIN channels c ON c.id = d.channel_id
               WHERE w.removed_at IS NULL ORDER BY d.workspace_id"""
        ).fetchall()
        return [
            DigestRow(ws, platform, on_platform, channel, name, sent_at, tuple(f for f in flagged.split(",") if f))
            for ws, platform, on_platform, channel, name, sent_at, flagged in rows
        ]

    def digest_sent(self, workspace_id: int, flagged: tuple[str, ...], *, now: datetime) -> None:
        self.db.execute(
            "UPDATE item_digests SET sent_at = ?, flagged = ? WHERE workspace_id = ?",
            [to_db(now), ",".join(flagged), workspace_id],
        )
