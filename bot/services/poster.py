"""The port the scheduler posts through; each platform implements it. RecordingPoster serves the
terminal and the tests by keeping what was posted."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

from bot.services.digest_views import DigestView
from bot.services.display import DailyPostView, RevealView, SeasonSummaryView
from storage.schedules import ScheduleRow


@dataclass(frozen=True)
class ChannelAddress:
    """Where a poster posts: the platform and that platform's own ids of the workspace and the channel."""

    platform: str
    workspace: str
    channel: str

    @classmethod
    def of(cls, schedule: ScheduleRow) -> ChannelAddress:
        return cls(schedule.platform, schedule.workspace_id_on_platform, schedule.channel_id_on_platform)


class ChannelUnavailableError(Exception):
    """The platform says the bot cannot post there (deleted channel, missing permission): do not retry."""


class PostUncertainError(Exception):
    """The request reached the platform but no answer came back (a timeout, a dropped connection): the
    message may be in the channel already, and the platform has no idempotency key, so a retry could post
    it twice. str(error) says what happened, in plain words."""


def describe_failure(error: BaseException) -> str:
    """A failure in words an admin can act on; never empty (str(TimeoutError()) is)."""
    text = " ".join(str(error).split())
    if text:
        return text
    if isinstance(error, TimeoutError):
        return "the platform did not answer in time"
    if isinstance(error, ConnectionError):
        return "the connection to the platform failed"
    return type(error).__name__


class Poster(Protocol):
    async def post_question(self, channel: ChannelAddress, view: DailyPostView) -> str:
        """Post the daily question; return the platform's message reference."""

    async def post_reveal(self, channel: ChannelAddress, message_ref: str | None, view: RevealView) -> None: ...

    async def post_season_summary(self, channel: ChannelAddress, view: SeasonSummaryView) -> None: ...

    async def post_digest(self, channel: ChannelAddress, view: DigestView) -> None:
        """The weekly digest of new problem reports and newly flagged questions, for admins."""

    async def still_installed(self, workspace: str) -> bool:
        """Is the app still in this workspace (platform id)? Asked before a removed workspace's data goes."""


@dataclass
class RecordingPoster:
    questions: list[tuple[ChannelAddress, DailyPostView]] = field(default_factory=list)
    reveals: list[tuple[ChannelAddress, str | None, RevealView]] = field(default_factory=list)
    summaries: list[tuple[ChannelAddress, SeasonSummaryView]] = field(default_factory=list)
    digests: list[tuple[ChannelAddress, DigestView]] = field(default_factory=list)
    failures_to_inject: list[Exception] = field(default_factory=list)
    uninstalled: set[str] = field(default_factory=set)  # workspaces the app was removed from

    async def post_question(self, channel: ChannelAddress, view: DailyPostView) -> str:
        if self.failures_to_inject:
            raise self.failures_to_inject.pop(0)
        self.questions.append((channel, view))
        return f"{channel.channel}:1700000000.{len(self.questions):06d}"  # shaped like a Slack message's channel:ts

    async def post_reveal(self, channel: ChannelAddress, message_ref: str | None, view: RevealView) -> None:
        self.reveals.append((channel, message_ref, view))

    async def post_season_summary(self, channel: ChannelAddress, view: SeasonSummaryView) -> None:
        self.summaries.append((channel, view))

    async def post_digest(self, channel: ChannelAddress, view: DigestView) -> None:
        self.digests.append((channel, view))

    async def still_installed(self, workspace: str) -> bool:
        return workspace not in self.uninstalled


class Posters:
    """One poster per platform."""

    def __init__(self, **by_platform: Poster) -> None:
        self.by_platform = by_platform

    def for_channel(self, channel: ChannelAddress) -> Poster:
        try:
            return self.by_platform[channel.platform]
        except KeyError:
            raise ChannelUnavailableError(f"no poster for platform {channel.platform!r}") from None
