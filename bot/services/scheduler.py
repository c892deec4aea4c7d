"""APScheduler (3.x, asyncio) jobs: a daily post per scheduled channel, a reveal per open post and a
season close per workspace. Jobs are rebuilt from the database at start; the database decides."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from datetime import timedelta
from zoneinfo import ZoneInfo

from apscheduler.schedulers.asyncio import AsyncIOScheduler
from apscheduler.triggers.cron import CronTrigger
from apscheduler.triggers.date import DateTrigger

from bot.services.competition import CompetitionService
from bot.services.daily import DailyService
from bot.services.poster import ChannelAddress
from bot.services.privacy import Retention, WorkspaceCleanup
from bot.services.seasons import previous_season, season_at
from bot.services.timing import daily_trigger, local_date, previous_fire
from storage.db import BackgroundCheckpoints, check_in_background
from storage.posts import PostRow

log = logging.getLogger(__name__)
DEFAULT_GRACE = timedelta(hours=2)
FIRST_RETRY = timedelta(minutes=1)  # a failed daily post is tried again after 1, 2, 4 ... minutes
LONGEST_RETRY = timedelta(minutes=15)


class DailyScheduler:
    def __init__(
        self,
        daily: DailyService,
        competition: CompetitionService,
        *,
        grace: timedelta = DEFAULT_GRACE,
        first_retry: timedelta = FIRST_RETRY,
        retention: Retention | None = None,
        cleanup: WorkspaceCleanup | None = None,
        scheduler: AsyncIOScheduler | None = None,
        digests: Callable[[], Awaitable[int]] | None = None,
    ) -> None:
        self.daily = daily
        self.competition = competition
        self.grace = grace
        self.first_retry = first_retry
        self.retention = retention
        self.cleanup = cleanup
        self.digests = digests  # the weekly item digest (bot/services/itemstats.py), Mondays 08:05 UTC
        self.scheduler = scheduler or AsyncIOScheduler(timezone="UTC")
        # the process that runs the schedule is the long-lived one: its WAL checkpoints run off the event loop
        self.checkpoints = BackgroundCheckpoints(daily.context.db)
        self.integrity: asyncio.Task | None = None  # the full check of a big database, off the event loop

    @property
    def clock(self):
        return self.daily.context.clock

    def _mine(self) -> list:
        """Schedules of the platforms this process has a poster for: a Discord process and a Slack
        process can share one database without posting (or pausing) each other's channels."""
        platforms = self.daily.posters.by_platform
        return [s for s in self.daily.schedules.all() if s.platform in platforms]

    async def start(self) -> None:
        """Rebuild every job from the database, catch up what was missed, then run."""
        self.daily.on_schedule_change = self.sync_channel
        self.daily.on_post_open = self.schedule_reveal
        self.daily.on_post_failed = self.schedule_retry
        if not self.scheduler.running:
            self.scheduler.start()
        self.checkpoints.start()
        if self.integrity is None:
            self.integrity = asyncio.get_running_loop().create_task(check_in_background(self.daily.context.db))
        for schedule in self._mine():
            self.sync_channel(schedule.channel_id)
        await self.catch_up()
        mine = {s.channel_id for s in self._mine()}
        for post in (p for p in self.daily.posts.open_posts() if p.channel_id in mine):
            if post.closes_at <= self.clock():
                await self.daily.reveal(post.id)
            else:
                self.schedule_reveal(post)
        await self.sync_seasons()
        if self.retention is not None:
            trigger = CronTrigger(hour=3, minute=17, timezone="UTC")
            self.scheduler.add_job(self.apply_retention, trigger, id="retention", replace_existing=True)
        if self.cleanup is not None:
            trigger = CronTrigger(hour=3, minute=47, timezone="UTC")
            self.scheduler.add_job(self.purge_removed_workspaces, trigger, id="cleanup", replace_existing=True)
        if self.digests is not None:
            trigger = CronTrigger(day_of_week="mon", hour=8, minute=5, timezone="UTC")
            self.scheduler.add_job(self.digests, trigger, id="item-digest", replace_existing=True)

    async def purge_removed_workspaces(self) -> None:
        """The daily clean-up: workspaces the app left longer ago than the grace period lose their data, once
        the platform confirms the app is not back (each process asks only the platforms it serves)."""
        if self.cleanup is None:
            return

        def still_installed(platform: str, workspace: str):
            poster = self.daily.posters.by_platform.get(platform)
            return poster.still_installed(workspace) if poster is not None else None

        try:
            deleted = await self.cleanup.purge(still_installed)
        except Exception:
            log.exception("the clean-up of removed workspaces failed; it runs again tomorrow")
            return
        for platform, workspace in deleted:
            log.info(
                "deleted the data of %s workspace %s, removed over %s ago", platform, workspace, self.cleanup.grace
            )

    async def apply_retention(self) -> None:
        """The daily retention run: answers older than the setting go, totals are counted again."""
        if self.retention is None:
            return
        try:
            deleted = self.retention.apply()
        except Exception:
            log.exception("the retention run failed; it runs again tomorrow")
            return
        log.info("retention: deleted %d answers older than %d days", deleted, self.retention.days)

    def shutdown(self) -> None:
        if self.scheduler.running:
            self.scheduler.shutdown(wait=False)
        self.checkpoints.stop()
        if self.integrity is not None:
            self.integrity.cancel()

    # -- daily posts ---------------------------------------------------------
    def sync_channel(self, channel_id: int) -> None:
        job_id = f"daily:{channel_id}"
        if self.scheduler.get_job(job_id):
            self.scheduler.remove_job(job_id)
        schedule = self.daily.schedules.get(channel_id)
        if schedule is None or schedule.paused or schedule.platform not in self.daily.posters.by_platform:
            return
        self.scheduler.add_job(
            self._fire,
            daily_trigger(schedule.local_time, schedule.timezone, schedule.weekdays),
            id=job_id,
            args=[channel_id],
            misfire_grace_time=int(self.grace.total_seconds()),
            coalesce=True,
            max_instances=1,
        )

    async def _fire(self, channel_id: int) -> None:
        try:
            await self.daily.post_daily(channel_id, self.clock())
        except Exception:
            log.exception("daily post job for channel id %s failed", channel_id)

    async def catch_up(self) -> None:
        """Post a question missed while the bot was down, once, if still within the grace window."""
        now = self.clock()
        for schedule in self._mine():
            if schedule.paused:
                continue
            missed = previous_fire(daily_trigger(schedule.local_time, schedule.timezone, schedule.weekdays), now)
            if missed is None:
                continue
            day = local_date(missed, schedule.timezone)
            post = self.daily.posts.for_date(schedule.channel_id, day)
            if post is not None and not (
                post.status == "pending" or (post.status == "failed" and not post.maybe_posted)
            ):
                continue
            late = now - missed
            if late > self.grace:
                log.info(
                    "skipping the missed daily question of channel %s for %s: %s late, grace is %s",
                    schedule.channel_id_on_platform,
                    day,
                    late,
                    self.grace,
                )
                continue
            log.info(
                "catching up the daily question of channel %s for %s (%s late)",
                schedule.channel_id_on_platform,
                day,
                late,
            )
            await self.daily.post_daily(schedule.channel_id, missed, resume_pending=True)

    def schedule_retry(self, post: PostRow) -> None:
        """Try a failed daily post again with a growing delay, while still within the grace window of its
        scheduled time; past it, the post stays failed and `daily show` says why."""
        delay = min(self.first_retry * 2 ** max(post.retries - 1, 0), LONGEST_RETRY)
        at = self.clock() + delay
        if at > post.scheduled_for + self.grace:
            log.warning(
                "giving up on the daily question of channel id %s for %s after %d tries: %s",
                post.channel_id,
                post.local_date,
                post.retries,
                post.failure,
            )
            return
        log.info("trying the daily post %s again at %s (%s)", post.id, f"{at:%H:%M:%S}", post.failure)
        self.scheduler.add_job(
            self._retry,
            DateTrigger(run_date=at),
            id=f"retry:{post.id}",
            args=[post.channel_id, post.scheduled_for],
            replace_existing=True,
            misfire_grace_time=None,
        )

    async def _retry(self, channel_id: int, scheduled_for) -> None:
        try:
            await self.daily.post_daily(channel_id, scheduled_for, resume_pending=True)
        except Exception:
            log.exception("retrying the daily post of channel id %s failed", channel_id)

    # -- reveals -------------------------------------------------------------
    def schedule_reveal(self, post: PostRow) -> None:
        self.scheduler.add_job(
            self.daily.reveal,
            DateTrigger(run_date=post.closes_at),
            id=f"reveal:{post.id}",
            args=[post.id],
            replace_existing=True,
            misfire_grace_time=None,
        )

    # -- seasons -------------------------------------------------------------
    async def sync_seasons(self) -> None:
        """A season-close job per workspace that has a schedule; announce a season that ended while down."""
        workspaces = {s.workspace_id for s in self._mine()}
        for workspace_id in workspaces:
            workspace = self.daily.context.directory.get_workspace(workspace_id)
            zone = ZoneInfo(workspace.timezone)
            if workspace.season_period == "week":
                trigger = CronTrigger(day_of_week="mon", hour=0, minute=0, timezone=zone)
            else:
                trigger = CronTrigger(day=1, hour=0, minute=0, timezone=zone)
            self.scheduler.add_job(
                self.close_season, trigger, id=f"season:{workspace_id}", args=[workspace_id], replace_existing=True
            )
            ended = previous_season(
                season_at(self.clock(), workspace.timezone, workspace.season_period),
                workspace.timezone,
                workspace.season_period,
            )
            if self.clock() - ended.end <= timedelta(days=1):
                await self.close_season(workspace_id)

    async def close_season(self, workspace_id: int) -> None:
        """Announce the season that just ended in every scheduled channel of the workspace, once."""
        workspace = self.daily.context.directory.get_workspace(workspace_id)
        current = season_at(self.clock(), workspace.timezone, workspace.season_period)
        ended = previous_season(current, workspace.timezone, workspace.season_period)
        if not self.competition.teams.claim_season_close(workspace_id, ended.key, now=self.clock()):
            return
        summary = self.competition.season_summary(workspace_id, ended)
        if not summary.people:
            log.info("season %s of workspace %s had no answers; nothing to announce", ended.key, workspace.external_id)
            return
        for schedule in self.daily.schedules.for_workspace(workspace_id):
            if schedule.paused:
                continue
            channel = ChannelAddress(
                schedule.platform, schedule.workspace_id_on_platform, schedule.channel_id_on_platform
            )
            try:
                await self.daily.posters.for_channel(channel).post_season_summary(channel, summary)
            except Exception:
                log.exception("season summary for channel %s could not be posted", schedule.channel_id_on_platform)
