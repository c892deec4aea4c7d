"""What every service shares, built once in the composition root (bot/app.py) and passed explicitly: the
database, the question bank, the clock, the random source, and the directory of workspaces and people."""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime

import sqlite_utils

from bot.services.identity import Member
from questions.bank import Bank
from questions.readiness import HALF_LIFE_DAYS
from storage.directory import DirectoryStore, WorkspaceRow
from storage.group_commit import GroupCommit

Clock = Callable[[], datetime]


@dataclass(frozen=True)
class ChannelTarget:
    """A channel as an adapter names it."""

    external_id: str  # the platform's own id of the channel
    name: str = ""


def utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass
class ServiceContext:
    db: sqlite_utils.Database
    bank: Bank
    clock: Clock = utc_now
    rng: random.Random = field(default_factory=random.Random)
    readiness_half_life_days: float = HALF_LIFE_DAYS  # recent answers count more in readiness (a setting)
    directory: DirectoryStore = field(init=False)
    commits: GroupCommit = field(init=False)  # answers arriving within a few milliseconds share a commit

    def __post_init__(self) -> None:
        self.directory = DirectoryStore(self.db)
        self.commits = GroupCommit(self.db)

    def workspace_of(self, member: Member) -> WorkspaceRow:
        """The member's workspace row (created on first sight)."""
        return self.directory.workspace(member.platform, member.workspace, member.workspace_name, now=self.clock())

    def channel_of(self, member: Member, channel: ChannelTarget) -> tuple[int, int]:
        """(channel row id, workspace row id) of a channel in the member's workspace (created on first sight)."""
        workspace = self.workspace_of(member)
        channel_id = self.directory.channel(workspace.id, channel.external_id, channel.name, now=self.clock())
        return channel_id, workspace.id

    def user_id(self, member: Member) -> int:
        """The member's user row id (created on first sight), within their workspace."""
        return self.member_rows(member)[1]

    def member_rows(self, member: Member) -> tuple[WorkspaceRow, int]:
        """The member's workspace row and user row id (both created on first sight)."""
        workspace = self.workspace_of(member)
        return workspace, self.directory.user(workspace.id, member.user, member.name, now=self.clock())
