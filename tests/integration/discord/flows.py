"""Steps several tests share: an admin sets up the channel's daily question and posts it."""

from __future__ import annotations

import discord

from tests.integration.discord.fake_api import FakeDiscord
from tests.integration.discord.gateway import ADA, CHANNEL_ID, Gateway, Person, option

EPHEMERAL = 64
SETUP = (option("time", "09:30"), option("timezone", "Europe/Berlin"), option("weekdays", "daily"))


async def set_up(bot: discord.Client, gateway: Gateway, by: Person = ADA) -> dict:
    return await gateway.deliver(bot, gateway.subcommand("daily", "setup", *SETUP, by=by))


async def post_now(bot: discord.Client, gateway: Gateway, fake_discord: FakeDiscord) -> dict:
    """/daily post-now by an admin; returns the question message the bot posted in the channel."""
    payload = gateway.subcommand("daily", "post-now", by=ADA)
    deferred = await gateway.deliver(bot, payload)
    assert deferred["type"] == 5 and deferred["data"]["flags"] & EPHEMERAL
    followup = await fake_discord.followup(payload)
    assert followup["content"].startswith("Today's question is posted: https://discord.com/channels/")
    (posted,) = fake_discord.channel_posts(CHANNEL_ID)
    return next(m for m in fake_discord.messages.values() if m["embeds"] == posted.body["embeds"])
