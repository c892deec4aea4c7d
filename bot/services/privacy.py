"""A person's rights over their data, the same on every front end: a copy of everything stored about them
(JSON and CSV in one zip), and deletion of it all, with the totals they counted in recomputed."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import timedelta

from bot.services.admin import admin_only
from bot.services.context import ServiceContext
from bot.services.identity import Member
from bot.services.seasons import season_at
from storage.people import PersonStore, WorkspaceRemovals

ARCHIVE_NAME = "my-quiz-data.zip"


@dataclass(frozen=True)
class PersonalData:
    """Everything stored about one person, by table; `archive()` packs it for a download."""

    tables: dict[str, list[dict]]
    exported_at: str

    @property
    def counts(self) -> dict[str, int]:
        return {name: len(rows) for name, rows in self.tables.items() if name != "profile"}

    @property
    def summary(self) -> str:
        """How many rows of each kind, in words: "attempts 12, review cards 3, ..."."""
        return ", ".join(f"{name.replace('_', ' ')} {count}" for name, count in self.counts.items())

    def archive(self) -> bytes:
        """A zip with the whole export as JSON and one CSV file per table."""
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            document = {"exported_at": self.exported_at, **self.tables}
            archive.writestr("my-quiz-data.json", json.dumps(document, indent=2, default=str))
            for name, rows in self.tables.items():
                archive.writestr(f"{name}.csv", _csv(rows))
        return buffer.getvalue()


@dataclass(frozen=True)
class DeletedData:
    counts: dict[str, int]  # rows deleted, by table

    @property
    def answers(self) -> int:
        return self.counts.get("attempts", 0)


class PrivacyService:
    def __init__(self, context: ServiceContext) -> None:
        self.context = context
        self.people = PersonStore(context.db)

    def export(self, member: Member) -> PersonalData:
        tables = self.people.export(self.context.user_id(member))
        return PersonalData(tables, self.context.clock().isoformat(timespec="seconds"))

    def delete(self, member: Member) -> DeletedData:
        """Delete everything stored about the member (front ends ask for a confirmation first). Their answers
        to daily questions stay in those questions' tallies, unnamed; answering later starts afresh."""
        user_id = self.context.user_id(member)
        return DeletedData(self.people.delete(user_id, _season_key))


class WorkspaceCleanup:
    """A workspace the app was removed from keeps its data for a grace period (a reinstall within it keeps
    everything); after it, the data goes. An admin can delete a workspace's data at once."""

    def __init__(self, context: ServiceContext, grace: timedelta) -> None:
        self.context = context
        self.grace = grace
        self.removals = WorkspaceRemovals(context.db)

    def removed(self, platform: str, workspace: str) -> None:
        """The app was uninstalled or its token revoked, or the bot left the server."""
        self.removals.mark_removed(platform, workspace, self.context.clock())

    def back(self, platform: str, workspace: str) -> None:
        self.removals.mark_back(platform, workspace)

    @admin_only
    def ask_to_delete_now(self, member: Member) -> str:
        """What deleting the member's whole workspace takes away, for the confirmation (admins only)."""
        return (
            "This deletes everything the quiz bot stores for this workspace at once: every person's answers, "
            "exams, review cards and reports, the teams, the daily schedules and posts, and the leaderboards. "
            "It cannot be undone."
        )

    @admin_only
    def delete_now(self, member: Member) -> bool:
        """Delete the member's workspace's data at once (admins, after a confirmation)."""
        return self.removals.delete(member.platform, member.workspace)

    async def purge(self, still_installed: Callable[[str, str], Awaitable[bool] | None]) -> list[tuple[str, str]]:
        """Delete the data of workspaces removed longer ago than the grace period and not back since;
        `still_installed(platform, workspace)` answers for the platforms this process serves (None: skip)."""
        deleted = []
        for platform, workspace in self.removals.removed_before(self.context.clock() - self.grace):
            asking = still_installed(platform, workspace)
            if asking is None:
                continue
            if await asking:
                self.back(platform, workspace)
            elif self.removals.delete(platform, workspace):
                deleted.append((platform, workspace))
        return deleted


class Retention:
    """Answers older than `days` are deleted once a day (a setting; unset keeps everything)."""

    def __init__(self, context: ServiceContext, days: int) -> None:
        self.context = context
        self.days = days
        self.people = PersonStore(context.db)

    def apply(self) -> int:
        """Delete the answers older than the retention period; returns how many went."""
        cutoff = self.context.clock() - timedelta(days=self.days)
        return self.people.delete_answers_before(cutoff, _season_key)


def _season_key(moment, timezone: str, period: str) -> str:
    return season_at(moment, timezone, period).key


def _csv(rows: list[dict]) -> str:
    if not rows:
        return ""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]))
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()
