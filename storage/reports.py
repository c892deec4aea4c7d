"""Reading and resolving the problem reports people file on questions (filing: storage/reviews.py)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import sqlite_utils

from storage.clock import to_db
from storage.db import is_row_id

REPORT_COLUMNS = """r.id, r.question_id, r.reason, r.created_at, u.display_name, u.external_id, w.platform,
                    r.resolved_at, r.resolution, COALESCE(NULLIF(ru.display_name, ''), ru.external_id),
                    u.workspace_id"""
REPORT_FROM = """question_reports r JOIN users u ON u.id = r.user_id JOIN workspaces w ON w.id = u.workspace_id
                 LEFT JOIN users ru ON ru.id = r.resolved_by"""


@dataclass(frozen=True)
class ReportRow:
    id: int
    question_id: str
    reason: str
    created_at: str
    reporter: str  # display name, or the platform's user id when there is none
    platform: str
    resolved_at: str | None
    resolution: str | None
    resolved_by: str | None  # the resolving admin's name; None when unresolved or when they deleted their data
    workspace_id: int

    @property
    def is_open(self) -> bool:
        return self.resolved_at is None


def _row(r) -> ReportRow:
    return ReportRow(r[0], r[1], r[2], r[3], r[4] or r[5], r[6], r[7], r[8], r[9], r[10])


class ReportStore:
    def __init__(self, db: sqlite_utils.Database) -> None:
        self.db = db

    def recent(
        self, workspace_id: int | None = None, *, include_resolved: bool = False, limit: int = 50
    ) -> list[ReportRow]:
        """Newest first: the open reports (and the resolved ones too if asked), of one workspace or all."""
        where: list[str] = []
        params: list = []
        if workspace_id is not None:
            where.append("u.workspace_id = ?")
            params.append(workspace_id)
        if not include_resolved:
            where.append("r.resolved_at IS NULL")
        clause = f"WHERE {' AND '.join(where)}" if where else ""
        rows = self.db.execute(
            f"SELECT {REPORT_COLUMNS} FROM {REPORT_FROM} {clause} ORDER BY r.created_at DESC, r.id DESC LIMIT ?",
            [*params, limit],
        )
        return [_row(r) for r in rows.fetchall()]

    def count_open(self, workspace_id: int | None = None) -> int:
        if workspace_id is None:
            return self.db.execute("SELECT COUNT(*) FROM question_reports WHERE resolved_at IS NULL").fetchone()[0]
        return self.db.execute(
            f"SELECT COUNT(*) FROM {REPORT_FROM} WHERE u.workspace_id = ? AND r.resolved_at IS NULL", [workspace_id]
        ).fetchone()[0]

    def open_by_question(self, workspace_id: int | None = None) -> dict[str, int]:
        """How many open reports each question has."""
        if workspace_id is None:
            rows = self.db.execute(
                "SELECT question_id, COUNT(*) FROM question_reports WHERE resolved_at IS NULL GROUP BY question_id"
            )
        else:
            rows = self.db.execute(
                f"""SELECT r.question_id, COUNT(*) FROM {REPORT_FROM} WHERE u.workspace_id = ? AND r.resolved_at IS NULL
                    GROUP BY r.question_id""",
                [workspace_id],
            )
        return dict(rows.fetchall())

    def get(self, report_id: int) -> ReportRow | None:
        if not is_row_id(report_id):
            return None
        row = self.db.execute(f"SELECT {REPORT_COLUMNS} FROM {REPORT_FROM} WHERE r.id = ?", [report_id]).fetchone()
        return _row(row) if row else None

    def resolve(self, report_id: int, note: str, resolved_by: int, *, now: datetime) -> bool:
        """Resolve an open report with a note; False if it was already resolved (the first note stays)."""
        cursor = self.db.execute(
            """UPDATE question_reports SET resolved_at = ?, resolution = ?, resolved_by = ?
               WHERE id = ? AND resolved_at IS NULL""",
            [to_db(now), note, resolved_by, report_id],
        )
        return cursor.rowcount == 1
