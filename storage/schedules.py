"""Daily schedules per channel: the source of truth the scheduler is rebuilt from."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import sqlite_utils

from storage.clock import to_db


@dataclass(frozen=True)
class ScheduleRow:
    channel_id: int
    workspace_id: int
    platform: str
    workspace_id_on_platform: str
    channel_id_on_platform: str
    local_time: str  # "HH:MM"
    timezone: str  # IANA name
    weekdays: str  # "mon,tue,wed,thu,fri"
    open_hours: int | None  # None: until the next post, at most 24 h
    feedback: str  # 'reveal' | 'immediate'
    paused: bool
    paused_reason: str


_SELECT = """SELECT s.channel_id, c.workspace_id, w.platform, w.external_id, c.external_id, s.local_time, s.timezone,
                    s.weekdays, s.open_hours, s.feedback, s.paused, s.paused_reason
             FROM schedules s JOIN channels c ON c.id = s.channel_id JOIN workspaces w ON w.id = c.workspace_id"""


class ScheduleStore:
    def __init__(self, db: sqlite_utils.Database) -> None:
        self.db = db

    def save(
        self,
        channel_id: int,
        *,
        local_time: str,
        timezone: str,
        weekdays: str,
        open_hours: int | None,
        feedback: str,
        now: datetime,
    ) -> ScheduleRow:
        self.db.execute(
            """INSERT INTO schedules (channel_id, local_time, timezone, weekdays, open_hours, feedback, updated_at)
               VALUES (?, ?, ?, ?, ?, ?, ?)
               ON CONFLICT (channel_id) DO UPDATE SET local_time = excluded.local_time, timezone = excluded.timezone,
                 weekdays = excluded.weekdays, open_hours = excluded.open_hours, feedback = excluded.feedback,
                 paused = 0, paused_reason = '', updated_at = excluded.updated_at""",
            [channel_id, local_time, timezone, weekdays, open_hours, feedback, to_db(now)],
        )
        return self.existing(channel_id)

    def get(self, channel_id: int) -> ScheduleRow | None:
        row = self.db.execute(f"{_SELECT} WHERE s.channel_id = ?", [channel_id]).fetchone()
        return _schedule(row) if row else None

    def existing(self, channel_id: int) -> ScheduleRow:
        """A schedule the caller knows is there (just saved, or checked): a missing one is a bug."""
        row = self.get(channel_id)
        if row is None:
            raise LookupError(f"no schedule for channel id {channel_id}")
        return row

    def all(self) -> list[ScheduleRow]:
        return [_schedule(r) for r in self.db.execute(f"{_SELECT} ORDER BY s.channel_id").fetchall()]

    def for_workspace(self, workspace_id: int) -> list[ScheduleRow]:
        rows = self.db.execute(f"{_SELECT} WHERE c.workspace_id = ? ORDER BY s.channel_id", [workspace_id])
        return [_schedule(r) for r in rows.fetchall()]

    def set_paused(self, channel_id: int, paused: bool, reason: str, *, now: datetime) -> None:
        self.db.execute(
            "UPDATE schedules SET paused = ?, paused_reason = ?, updated_at = ? WHERE channel_id = ?",
            [int(paused), reason, to_db(now), channel_id],
        )


def _schedule(row) -> ScheduleRow:
    values = list(row)
    values[10] = bool(values[10])
    return ScheduleRow(*values)
