"""When a daily schedule fires: APScheduler's cron trigger in the schedule's own time zone, so
daylight-saving changes are the trigger's business, not ours."""

from __future__ import annotations

import functools
import re
from datetime import datetime, timedelta
from difflib import get_close_matches
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from apscheduler.triggers.cron import CronTrigger

from bot.services.errors import quoted

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_FULL_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_DAY_NAMES = {name: day for day, full in zip(WEEKDAYS, _FULL_NAMES, strict=True) for name in (day, full)}
_ALIASES = {
    "daily": "mon-sun",
    "every day": "mon-sun",
    "weekdays": "mon-fri",
    "workdays": "mon-fri",
    "weekends": "sat-sun",
}
_TIME = re.compile(r"^([01]?\d|2[0-3]):([0-5]\d)(?::([0-5]\d))?$")


class ScheduleInputError(ValueError):
    pass


def parse_time(text: str) -> str:
    match = _TIME.match(text.strip())
    if not match:
        raise ScheduleInputError(f"{quoted(text)} is not a time; use 24-hour HH:MM, e.g. 09:30")
    seconds = f":{match.group(3)}" if match.group(3) and match.group(3) != "00" else ""
    return f"{int(match.group(1)):02d}:{match.group(2)}{seconds}"


def parse_timezone(text: str) -> str:
    name = text.strip()
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        guess = _zone_like(name)
        hint = f"did you mean {guess}?" if guess else "use a name like Europe/Berlin"
        raise ScheduleInputError(f"{quoted(text)} is not an IANA time zone; {hint}") from None
    return name


def _zone_like(name: str) -> str | None:
    """The time zone a mistyped name most likely meant: the same but for case, else a close spelling."""
    zones = {zone.casefold(): zone for zone in available_timezones()}
    if name.casefold() in zones:
        return zones[name.casefold()]
    close = get_close_matches(name.casefold(), zones, n=1, cutoff=0.8)
    return zones[close[0]] if close else None


def parse_weekdays(text: str) -> str:
    """'mon-fri', 'mon,wed,fri', 'weekdays' or 'daily' -> 'mon,tue,wed,thu,fri' (canonical order)."""
    spec = _ALIASES.get(text.strip().casefold(), text.strip().casefold())
    days: set[str] = set()
    for part in filter(None, (p.strip() for p in spec.replace(" ", ",").split(","))):
        ends = [_DAY_NAMES.get(e.strip(), "") for e in part.split("-")]
        if not all(ends) or len(ends) > 2:
            raise ScheduleInputError(
                f"{quoted(part)} is not a weekday; use mon..sun (or monday..sunday), ranges like mon-fri, or 'daily'"
            )
        first, last = WEEKDAYS.index(ends[0]), WEEKDAYS.index(ends[-1])
        if last < first:
            raise ScheduleInputError(
                f"{quoted(part)} runs backwards; write it as {ends[-1]}-{ends[0]} or list the days"
            )
        days.update(WEEKDAYS[first : last + 1])
    if not days:
        raise ScheduleInputError("choose at least one weekday")
    return ",".join(d for d in WEEKDAYS if d in days)


@functools.lru_cache(maxsize=4096)
def daily_trigger(local_time: str, timezone: str, weekdays: str) -> CronTrigger:
    """The schedule's cron trigger, built once per distinct schedule: building one compiles its expressions
    (half a millisecond), and a fan-out, the scheduler's start and catch-up ask for every channel's. The
    scheduler and the services only ask a trigger for fire times, which changes nothing in it."""
    hour, minute, second = (int(x) for x in (local_time + ":00").split(":")[:3])
    return CronTrigger(day_of_week=weekdays, hour=hour, minute=minute, second=second, timezone=ZoneInfo(timezone))


def next_fire(trigger: CronTrigger, after: datetime) -> datetime | None:
    """The first fire time strictly after `after`."""
    return trigger.get_next_fire_time(None, after + timedelta(seconds=1))


def previous_fire(trigger: CronTrigger, at: datetime) -> datetime | None:
    """The last fire time at or before `at` (within the past eight days)."""
    candidate = trigger.get_next_fire_time(None, at - timedelta(days=8))
    previous = None
    while candidate is not None and candidate <= at:
        previous = candidate
        candidate = next_fire(trigger, candidate)
    return previous


def local_date(moment: datetime, timezone: str) -> str:
    return moment.astimezone(ZoneInfo(timezone)).date().isoformat()
