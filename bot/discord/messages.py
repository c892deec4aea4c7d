"""What the Discord bot says when things go wrong or are refused: the texts in one place."""

from __future__ import annotations

SORRY = "Something went wrong on our side; it is logged. Please try again in a moment."
STALE_COMMAND = "That command no longer exists; the command list refreshes within a minute."
GONE_BUTTON = "That button is not one of mine any more; ask for a new question."


def refusal(error: Exception) -> str:
    return str(error)
