"""Daily posts through the real discord.py client when Discord's answer is lost after it created the
message, and reveals that race (the fake drops the connection and honours enforced nonces as Discord does)."""

import asyncio

from tests.integration.discord.flows import post_now, set_up
from tests.integration.discord.gateway import ADA, CHANNEL_ID


def question_posts(fake_discord) -> list[dict]:
    return [
        m
        for m in fake_discord.messages.values()
        if int(m["channel_id"]) == CHANNEL_ID and m["embeds"] and m["embeds"][0]["title"].startswith("Daily question ·")
    ]


async def test_a_post_whose_response_was_lost_is_retried_with_its_nonce_and_shows_once(
    start_bot, gateway, fake_discord, db_path
):
    bot = await start_bot()
    await set_up(bot, gateway)
    fake_discord.lose_responses = 1

    post = await bot.app.daily.post_daily(1, bot.app.context.clock())

    tries = fake_discord.channel_posts(CHANNEL_ID)
    assert len(tries) == 2 and tries[0].body["nonce"] == tries[1].body["nonce"]
    assert tries[0].body["enforce_nonce"] is True
    assert len(question_posts(fake_discord)) == 1
    assert post.status == "open" and post.message_ref.endswith(question_posts(fake_discord)[0]["id"])


async def test_three_concurrent_reveal_nows_reveal_once_also_with_the_question_deleted(
    start_bot, gateway, fake_discord, db_path
):
    bot = await start_bot()
    await set_up(bot, gateway)
    message = await post_now(bot, gateway, fake_discord)
    del fake_discord.messages[int(message["id"])]
    before = len(fake_discord.channel_posts(CHANNEL_ID))

    payloads = [gateway.subcommand("daily", "reveal-now", by=ADA) for _ in range(3)]
    await asyncio.gather(*(gateway.deliver(bot, p) for p in payloads))
    followups = [await fake_discord.followup(p) for p in payloads]

    assert len(fake_discord.channel_posts(CHANNEL_ID)) == before + 1
    assert sum(f["content"].startswith("Revealed") for f in followups) == 1
