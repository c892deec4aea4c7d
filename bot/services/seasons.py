"""Seasons: a week (Monday 00:00) or a month (the 1st, 00:00) in the workspace's time zone."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo


@dataclass(frozen=True)
class Season:
    key: str  # '2026-W48' or '2026-11'
    label: str
    start: datetime  # aware, UTC
    end: datetime  # exclusive


def season_at(moment: datetime, timezone: str, period: str) -> Season:
    # every daily answer asks; a season starts at a local midnight, a whole minute in every zone in use, so
    # the minute decides it, and the answers of one minute share one computation
    return _season_at_minute(moment.replace(second=0, microsecond=0), timezone, period)


@functools.lru_cache(maxsize=1024)
def _season_at_minute(moment: datetime, timezone: str, period: str) -> Season:
    zone = ZoneInfo(timezone)
    local_day = moment.astimezone(zone).date()
    if period == "week":
        first = local_day - timedelta(days=local_day.weekday())
        after = first + timedelta(days=7)
        year, week, _ = first.isocalendar()
        key, label = f"{year}-W{week:02d}", f"week {week} of {year} (from {first:%a %d %b})"
    elif period == "month":
        first = local_day.replace(day=1)
        after = (first + timedelta(days=32)).replace(day=1)
        key, label = f"{first:%Y-%m}", f"{first:%B %Y}"
    else:
        raise ValueError(f"unknown season period {period!r}")
    return Season(key, label, _local_midnight(first, zone), _local_midnight(after, zone))


def previous_season(season: Season, timezone: str, period: str) -> Season:
    return season_at(season.start - timedelta(seconds=1), timezone, period)


def _local_midnight(day: date, zone: ZoneInfo) -> datetime:
    return datetime.combine(day, time(0, 0), tzinfo=zone).astimezone(ZoneInfo("UTC"))
