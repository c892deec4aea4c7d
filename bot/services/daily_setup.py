"""A channel's daily-question schedule, as admins set it up, show it, pause and resume it. Posting the
question, answers and reveals are DailyService's; this service tells it (and so the scheduler) of a change."""

from __future__ import annotations

from bot.services.admin import admin_only
from bot.services.bounds import DEFAULT_FEEDBACK, DEFAULT_WEEKDAYS, FEEDBACK_MODES, MAX_OPEN_HOURS, MIN_OPEN_HOURS
from bot.services.context import ChannelTarget, ServiceContext
from bot.services.daily import DailyService
from bot.services.display import FailedPostView, ScheduleView
from bot.services.errors import InvalidChoiceError, QuizError
from bot.services.identity import Member
from bot.services.timing import (
    ScheduleInputError,
    daily_trigger,
    next_fire,
    parse_time,
    parse_timezone,
    parse_weekdays,
)
from storage.schedules import ScheduleRow


class DailySetupService:
    def __init__(self, context: ServiceContext, daily: DailyService) -> None:
        self.context = context
        self.daily = daily
        self.schedules = daily.schedules
        self.posts = daily.posts

    @admin_only
    def configure(
        self,
        member: Member,
        channel: ChannelTarget,
        *,
        local_time: str,
        timezone: str,
        weekdays: str = DEFAULT_WEEKDAYS,
        open_hours: int | None = None,
        feedback: str = DEFAULT_FEEDBACK,
    ) -> ScheduleView:
        try:
            clean = dict(
                local_time=parse_time(local_time),
                timezone=parse_timezone(timezone),
                weekdays=parse_weekdays(weekdays),
            )
        except ScheduleInputError as exc:
            raise InvalidChoiceError(str(exc)) from exc
        if open_hours is not None and not MIN_OPEN_HOURS <= open_hours <= MAX_OPEN_HOURS:
            raise InvalidChoiceError(f"answers can stay open from {MIN_OPEN_HOURS} to {MAX_OPEN_HOURS} hours")
        if feedback not in FEEDBACK_MODES:
            raise InvalidChoiceError("feedback is “reveal” (at close) or “immediate” (private, at once)")
        channel_id, workspace_id = self.context.channel_of(member, channel)
        now = self.context.clock()
        self.context.directory.set_workspace_settings(workspace_id, timezone=clean["timezone"])
        row = self.schedules.save(channel_id, open_hours=open_hours, feedback=feedback, now=now, **clean)
        self.daily.on_schedule_change(channel_id)
        return self.schedule_view(row, channel.name or channel.external_id)

    def show(self, member: Member, channel: ChannelTarget) -> ScheduleView | None:
        channel_id, _ = self.context.channel_of(member, channel)
        row = self.schedules.get(channel_id)
        return self.schedule_view(row, channel.name or channel.external_id) if row else None

    @admin_only
    def set_paused(self, member: Member, channel: ChannelTarget, paused: bool) -> ScheduleView:
        channel_id, _ = self.context.channel_of(member, channel)
        if self.schedules.get(channel_id) is None:
            raise QuizError("This channel has no daily question yet; set one up first.")
        self.schedules.set_paused(channel_id, paused, "paused by an admin" if paused else "", now=self.context.clock())
        self.daily.on_schedule_change(channel_id)
        return self.schedule_view(self.schedules.existing(channel_id), channel.name or channel.external_id)

    def schedule_view(self, row: ScheduleRow, channel_name: str) -> ScheduleView:
        trigger = daily_trigger(row.local_time, row.timezone, row.weekdays)
        return ScheduleView(
            channel=channel_name,
            local_time=row.local_time,
            timezone=row.timezone,
            weekdays=tuple(row.weekdays.split(",")),
            open_hours=row.open_hours,
            feedback=row.feedback,
            paused=row.paused,
            paused_reason=row.paused_reason,
            next_post_at=None if row.paused else next_fire(trigger, self.context.clock()),
            failed_post=self.failed_post(row.channel_id),
        )

    def failed_post(self, channel_id: int) -> FailedPostView | None:
        latest = self.posts.latest(channel_id)
        if latest is None or latest.status != "failed":
            return None
        return FailedPostView(latest.local_date, latest.failure or "unknown", latest.maybe_posted, latest.retries)
