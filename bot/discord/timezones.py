"""Time zone suggestions for the /daily setup autocomplete, from the IANA names zoneinfo knows."""

from __future__ import annotations

from functools import cache
from zoneinfo import available_timezones

SUGGESTION_MAX = 25  # Discord shows at most 25 autocomplete choices
COMMON = (
    "UTC",
    "Europe/London",
    "Europe/Berlin",
    "Europe/Paris",
    "Europe/Amsterdam",
    "Europe/Madrid",
    "Europe/Warsaw",
    "America/New_York",
    "America/Chicago",
    "America/Denver",
    "America/Los_Angeles",
    "America/Toronto",
    "America/Sao_Paulo",
    "Asia/Kolkata",
    "Asia/Singapore",
    "Asia/Tokyo",
    "Asia/Shanghai",
    "Asia/Dubai",
    "Australia/Sydney",
    "Pacific/Auckland",
)


@cache
def _zones() -> tuple[str, ...]:
    return tuple(sorted(z for z in available_timezones() if "/" in z or z == "UTC"))


def match_timezones(typed: str, limit: int = SUGGESTION_MAX) -> list[str]:
    """Zones whose name starts with what was typed (or whose city does), then those containing it."""
    needle = "_".join(typed.strip().split()).casefold()
    if not needle:
        return [z for z in COMMON if z in _zones()][:limit]
    starts, contains = [], []
    for zone in _zones():
        folded = zone.casefold()
        if folded.startswith(needle) or folded.rsplit("/", 1)[-1].startswith(needle):
            starts.append(zone)
        elif needle in folded:
            contains.append(zone)
    return (starts + contains)[:limit]
