"""What the Discord bot says when things go wrong or are refused: the texts in one place."""

from __future__ import annotations

from bot.discord.render import when
from bot.services.errors import NoExamError, NotAllowedError, PostClosedError

SORRY = "Something went wrong on our side; it is logged. Please try again in a moment."
STALE_COMMAND = "That command no longer exists; the command list refreshes within a minute."
ADMINS_ONLY = "Only people with Manage Server (or the quiz admin role, where one is set) can do that."


def refusal(error: Exception) -> str:
    """A service refusal as Discord shows it: times as Discord timestamps, in each reader's own zone."""
    if isinstance(error, NotAllowedError):
        return ADMINS_ONLY
    if isinstance(error, NoExamError):
        return "You have no exam in progress; start one with `/exam start`."
    if isinstance(error, PostClosedError) and error.closed_at is not None:
        return f"This question closed {when(error.closed_at)}; answers are no longer taken."
    return str(error)
