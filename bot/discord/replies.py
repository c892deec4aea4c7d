"""How the bot answers an interaction privately, and the one place where an exception raised while serving
an interaction (a slash command, a button, a menu or a modal alike) becomes a reply.

Handlers are keyed by exception class, as in Starlette: code that serves an interaction only raises, and a
module that knows how to show a particular outcome registers it (the exam registers its time-up report)."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Iterable
from typing import Any

import discord
from discord import app_commands

from bot.discord import messages
from bot.services.errors import QuizError

log = logging.getLogger(__name__)
ErrorHandler = Callable[[discord.Interaction, Exception], Awaitable[None]]
_handlers: dict[type[Exception], ErrorHandler] = {}
STALE_COMMAND_ERRORS = (app_commands.CommandNotFound, app_commands.CommandSignatureMismatch)


async def say_privately(
    interaction: discord.Interaction,
    content: str | None = None,
    *,
    embeds: Iterable[discord.Embed] = (),
    view: discord.ui.View | None = None,
    files: Iterable[discord.File] = (),
) -> None:
    """An ephemeral message: the interaction's response, or a follow-up once it was answered or deferred."""
    kwargs: dict[str, Any] = {"content": content, "embeds": list(embeds), "ephemeral": True}
    if view is not None:
        kwargs["view"] = view
    if files:
        kwargs["files"] = list(files)
    if interaction.response.is_done():
        await interaction.followup.send(**kwargs)
    else:
        await interaction.response.send_message(**kwargs)


def on_error(error_type: type[Exception]) -> Callable[[ErrorHandler], ErrorHandler]:
    """Register how an exception of `error_type` (or a subclass) is shown to the person."""

    def register(handler: ErrorHandler) -> ErrorHandler:
        _handlers[error_type] = handler
        return handler

    return register


@on_error(QuizError)
async def refuse(interaction: discord.Interaction, error: Exception) -> None:
    await say_privately(interaction, messages.refusal(error))


def _handler_for(error: Exception) -> ErrorHandler | None:
    for cls in type(error).__mro__:
        if cls in _handlers:
            return _handlers[cls]
    return None


async def reply_to_error(interaction: discord.Interaction, error: Exception, what: str) -> None:
    """Answer `error` privately: a registered outcome, a stale command, or a logged failure and an apology."""
    original = error.original if isinstance(error, app_commands.CommandInvokeError) else error
    try:
        if isinstance(original, STALE_COMMAND_ERRORS):
            log.info("a client used a command that is no longer registered (%s): %s", what, original)
            await say_privately(interaction, messages.STALE_COMMAND)
            return
        handler = _handler_for(original)
        if handler is not None:
            await handler(interaction, original)
            return
        log.error("%s failed", what, exc_info=original)
        await say_privately(interaction, messages.SORRY)
    except discord.HTTPException as unanswerable:
        log.warning("could not reply to a failed %s: %s", what, unanswerable)


class Replying:
    """Mixed into every button and menu: the item's work is `respond`; any exception it raises is
    answered through reply_to_error, so a press never meets silence."""

    async def respond(self, interaction: discord.Interaction) -> None:
        raise NotImplementedError

    async def callback(self, interaction: discord.Interaction) -> None:
        try:
            await self.respond(interaction)
        except Exception as error:
            custom_id = interaction.data.get("custom_id", "?") if interaction.data else "?"
            await reply_to_error(interaction, error, f"component {custom_id}")


class MessageControls(discord.ui.View):
    """The controls under a message. Every live control is a dynamic item registered at start and routed by
    its custom id, so discord.py must not keep a copy of the view: a kept view gets a 15-minute timeout on
    an interaction response, and its clean-up unregisters the dynamic item types bot-wide. discord.py keeps
    no view that is already finished, so this one is stopped as it is made; memory stays flat too."""

    def __init__(self) -> None:
        super().__init__(timeout=None)
        self.stop()
