"""The Poster port for Discord channels, over the client's REST API (no gateway cache needed).

Discord's 403 and 404 become ChannelUnavailableError, so the service pauses the schedule with the
reason; any other failure propagates and the service retries it. Rate limits (429) are handled inside
discord.py's HTTP client, which waits and retries on its own."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import discord

from bot.discord import components, render
from bot.discord.identity import message_ref, parse_message_ref
from bot.discord.render_items import digest_embed
from bot.services.digest_views import DigestView
from bot.services.display import DailyPostView, RevealView, SeasonSummaryView
from bot.services.pacing import Pacer
from bot.services.poster import ChannelAddress, ChannelUnavailableError

UNKNOWN_MESSAGE = 10008  # Discord's JSON error code for a deleted message
NEEDED = "View Channel, Send Messages, Embed Links and Read Message History"


def unavailable_reason(channel: ChannelAddress, error: discord.HTTPException) -> str:
    detail = f"{error.status} {error.response.reason if error.response else ''}".strip()
    detail += f", code {error.code}: {error.text}" if error.code else ""
    if isinstance(error, discord.NotFound):
        return f"Discord channel {channel.channel} no longer exists or the bot cannot see it ({detail})"
    return f"the bot may not post in Discord channel {channel.channel}; it needs {NEEDED} there ({detail})"


@contextmanager
def channel_errors(channel: ChannelAddress) -> Iterator[None]:
    try:
        yield
    except (discord.Forbidden, discord.NotFound) as error:
        raise ChannelUnavailableError(unavailable_reason(channel, error)) from error


def nonce(kind: str, post_id: int) -> str:
    """The same value for every try of one post: with it, discord.py asks Discord to enforce the nonce, and
    Discord answers a repeat within a few minutes with the message already created instead of a second one
    (a retry after a lost response). At most 25 characters."""
    return f"quiz-{kind}-{post_id}"[:25]


# Discord's global limit is 50 requests a second per bot; discord.py only learns of it from a 429,
# so a fan-out to hundreds of channels paces itself a little under it.
GLOBAL_RATE = 45


class DiscordPoster:
    def __init__(self, client: discord.Client, pacer: Pacer | None = None) -> None:
        self.client = client
        self.pacer = pacer or Pacer(GLOBAL_RATE, burst=GLOBAL_RATE)

    def _channel(self, channel: ChannelAddress) -> discord.PartialMessageable:
        guild_id = int(channel.workspace) if channel.workspace.isdigit() else None
        return self.client.get_partial_messageable(int(channel.channel), guild_id=guild_id)

    async def post_question(self, channel: ChannelAddress, view: DailyPostView) -> str:
        await self.pacer.wait()
        with channel_errors(channel):
            message = await self._channel(channel).send(
                embed=render.daily_post_embed(view), view=components.daily_view(view), nonce=nonce("q", view.post_id)
            )
        return message_ref(message.channel.id, message.id)

    async def post_reveal(self, channel: ChannelAddress, message_ref: str | None, view: RevealView) -> None:
        """Turn the question message into its reveal (the answer controls go, the report button stays),
        then reply to it so the channel is notified; if the question message is gone, post the reveal anew."""
        target = self._channel(channel)
        embed = render.reveal_embed(view)
        report = components.report_view(view.question_id)
        ids = parse_message_ref(message_ref)
        original = target.get_partial_message(ids[1]) if ids else None
        if original is not None:
            try:
                await self.pacer.wait()
                with channel_errors(channel):
                    await original.edit(embed=embed, view=report)
            except ChannelUnavailableError as unavailable:
                cause = unavailable.__cause__
                if not (isinstance(cause, discord.NotFound) and cause.code == UNKNOWN_MESSAGE):
                    raise
                original = None
        await self.pacer.wait()
        with channel_errors(channel):
            if original is None:
                await target.send(embed=embed, view=report, nonce=nonce("r", view.post_id))
            else:
                await target.send(
                    render.reveal_reply_text(view),
                    reference=original.to_reference(fail_if_not_exists=False),
                    mention_author=False,
                    nonce=nonce("r", view.post_id),
                )

    async def still_installed(self, workspace: str) -> bool:
        """In the server still: the guild is in the client's cache (the guilds intent keeps it current)."""
        return workspace.isdigit() and self.client.get_guild(int(workspace)) is not None

    async def post_season_summary(self, channel: ChannelAddress, view: SeasonSummaryView) -> None:
        await self.pacer.wait()
        with channel_errors(channel):
            await self._channel(channel).send(embed=render.season_embed(view))

    async def post_digest(self, channel: ChannelAddress, view: DigestView) -> None:
        await self.pacer.wait()
        with channel_errors(channel):
            await self._channel(channel).send(embed=digest_embed(view))
