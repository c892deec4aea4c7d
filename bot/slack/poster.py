"""The Poster port for Slack: daily questions with chat.postMessage, reveals with chat.update.

Rate limits (HTTP 429) are retried by slack_sdk after the Retry-After delay: Slack did not process those
requests, so a retry cannot double-post. A request that reached Slack but got no answer (a timeout, a dropped
connection) may have been posted, and Slack has no idempotency key: it becomes PostUncertainError, which the
service does not retry (checking the channel's history first would need the history scopes in every channel
type). A refused connection never reached Slack and is retried as any other failure."""

from __future__ import annotations

import asyncio
import logging

import aiohttp
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from bot.services.digest_views import DigestView
from bot.services.display import DailyPostView, RevealView, SeasonSummaryView
from bot.services.poster import ChannelAddress, ChannelUnavailableError, PostUncertainError, describe_failure
from bot.slack import blocks, items_blocks
from bot.slack.api import POSTER_RATE_LIMIT_RETRIES, api_error, rate_limit_retries
from bot.slack.blocks import Message
from bot.slack.tokens import TokenSource

log = logging.getLogger(__name__)
UNAVAILABLE = {
    "channel_not_found": "the channel was not found (deleted, or private without the bot)",
    "is_archived": "the channel is archived",
    "not_in_channel": "the bot is not in the channel; invite it with /invite",
    "account_inactive": "the app was removed from the workspace",
    "token_revoked": "the app was removed from the workspace",
    "invalid_auth": "the workspace's token is not valid",
}
MESSAGE_GONE = ("message_not_found", "cant_update_message", "edit_window_closed")


def message_ref(channel_id: str, ts: str) -> str:
    return f"{channel_id}:{ts}"


def split_ref(ref: str | None) -> tuple[str, str] | None:
    if not ref or ":" not in ref:
        return None
    channel_id, ts = ref.split(":", 1)
    return channel_id, ts


class SlackPoster:
    def __init__(self, tokens: TokenSource, *, base_url: str = AsyncWebClient.BASE_URL) -> None:
        self.tokens = tokens
        self.base_url = base_url
        self._in_flight: dict[str, asyncio.Lock] = {}

    async def client_for(self, workspace: str) -> AsyncWebClient:
        token = await self.tokens(workspace)
        return AsyncWebClient(
            token=token, base_url=self.base_url, retry_handlers=rate_limit_retries(POSTER_RATE_LIMIT_RETRIES)
        )

    async def post_question(self, channel: ChannelAddress, view: DailyPostView) -> str:
        response = await self.post(channel, blocks.daily_post(view))
        return message_ref(response["channel"], response["ts"])

    async def post_reveal(self, channel: ChannelAddress, ref: str | None, view: RevealView) -> None:
        message = blocks.reveal(view)
        where = split_ref(ref)
        if where is None:
            await self.post(channel, message)
            return
        client = await self.client_for(channel.workspace)
        try:
            await client.chat_update(channel=where[0], ts=where[1], text=message.text, blocks=message.blocks)
        except SlackApiError as exc:
            error = api_error(exc)
            if error not in MESSAGE_GONE:
                raise _translated(exc) from exc
            log.info("the daily question's message is gone (%s); posting the reveal as a new message", error)
            await self.post(channel, message)

    async def still_installed(self, workspace: str) -> bool:
        """A token for the workspace is stored still (OAuth), or the one configured token serves it."""
        try:
            await self.tokens(workspace)
        except ChannelUnavailableError:
            return False
        return True

    async def post_season_summary(self, channel: ChannelAddress, view: SeasonSummaryView) -> None:
        await self.post(channel, blocks.season_summary(view))

    async def post_digest(self, channel: ChannelAddress, view: DigestView) -> None:
        await self.post(channel, items_blocks.digest(view))

    async def post(self, channel: ChannelAddress, message: Message):
        async with self._in_flight.setdefault(channel.workspace, asyncio.Lock()):
            return await self._post_joining(channel, message)

    async def _post_joining(self, channel: ChannelAddress, message: Message):
        client = await self.client_for(channel.workspace)
        try:
            return await self._post_message(client, channel.channel, message)
        except SlackApiError as exc:
            if api_error(exc) != "not_in_channel" or not await self._join(client, channel.channel):
                raise _translated(exc) from exc
        try:
            return await self._post_message(client, channel.channel, message)
        except SlackApiError as exc:
            raise _translated(exc) from exc

    async def _post_message(self, client: AsyncWebClient, channel_id: str, message: Message):
        try:
            return await client.chat_postMessage(channel=channel_id, text=message.text, blocks=message.blocks)
        except aiohttp.ClientConnectorError:
            raise  # never reached Slack: safe to try again
        except (TimeoutError, aiohttp.ClientError) as exc:
            raise PostUncertainError(
                f"Slack did not confirm the message ({describe_failure(exc)}), so it may be in the channel already"
            ) from exc

    async def _join(self, client: AsyncWebClient, channel_id: str) -> bool:
        """Public channels can be joined (channels:join); private ones need an /invite."""
        try:
            await client.conversations_join(channel=channel_id)
        except SlackApiError as exc:
            log.warning("could not join channel %s: %s", channel_id, api_error(exc))
            return False
        return True


def _translated(exc: SlackApiError) -> Exception:
    error = api_error(exc)
    if error in UNAVAILABLE:
        return ChannelUnavailableError(f"{error}: {UNAVAILABLE[error]}")
    return exc
