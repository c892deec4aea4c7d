"""A person's rights over their data, the same on every front end: a copy of everything stored about them
(JSON and CSV in one zip), and deletion of it all, with the totals they counted in recomputed."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from dataclasses import dataclass
from datetime import timedelta

from bot.services.context import ServiceContext
from bot.services.identity import Member
from bot.services.seasons import season_at
from storage.people import PersonStore

ARCHIVE_NAME = "my-quiz-data.zip"


@dataclass(frozen=True)
class PersonalData:
    """Everything stored about one person, by table; `archive()` packs it for a download."""

    tables: dict[str, list[dict]]
    exported_at: str

    @property
    def counts(self) -> dict[str, int]:
        return {name: len(rows) for name, rows in self.tables.items() if name != "profile"}

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
