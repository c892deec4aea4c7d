"""View models of the weekly item digest: the problem reports and the flags that are new since the last one."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class DigestReport:
    id: int
    question_id: str
    reporter: str
    reason: str
    filed_on: str


@dataclass(frozen=True)
class DigestFlag:
    question_id: str
    objective: str
    kinds: tuple[str, ...]
    reason: str  # the most serious flag's reason


@dataclass(frozen=True)
class DigestView:
    scope: str
    since: str | None  # the previous digest's date; None for the first
    new_reports: tuple[DigestReport, ...]
    new_flags: tuple[DigestFlag, ...]
    open_reports: int
    flagged: int

    @property
    def empty(self) -> bool:
        return not self.new_reports and not self.new_flags

    @property
    def headline(self) -> str:
        since = f"since {self.since}" if self.since else "so far"
        return (
            f"{len(self.new_reports)} new report(s) and {len(self.new_flags)} newly flagged question(s) {since};"
            f" {self.open_reports} report(s) open, {self.flagged} question(s) flagged in all."
        )


@dataclass(frozen=True)
class DigestSettingView:
    channel: str
    on: bool
    when: str  # e.g. "Mondays 08:05 UTC"
