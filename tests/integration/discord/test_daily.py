"""/daily: who may set it up, the post through the Discord poster, answers, the reveal."""

import sqlite3

from bot.services.display import BoardRow, SeasonSummaryView
from bot.services.poster import ChannelAddress
from tests.integration.discord.flows import EPHEMERAL, SETUP, post_now, set_up
from tests.integration.discord.gateway import (
    ADA,
    ALICE,
    BOB,
    CHANNEL_ID,
    GUILD_ID,
    ROLE_HOLDER,
    component,
    custom_ids,
    option,
)


def rows(db_path, sql: str) -> list[tuple]:
    with sqlite3.connect(db_path) as conn:
        return conn.execute(sql).fetchall()


async def test_an_admin_sets_up_the_daily_question_and_the_schedule_is_stored(start_bot, gateway, db_path):
    bot = await start_bot()

    response = await set_up(bot, gateway, by=ADA)

    assert response["type"] == 4 and response["data"]["flags"] & EPHEMERAL
    assert response["data"]["content"] == "Daily question set up."
    fields = {f["name"]: f["value"] for f in response["data"]["embeds"][0]["fields"]}
    assert fields["Time"] == "09:30 Europe/Berlin"
    assert rows(
        db_path,
        "SELECT c.external_id, s.local_time, s.timezone FROM schedules s JOIN channels c ON c.id = s.channel_id",
    ) == [(str(CHANNEL_ID), "09:30", "Europe/Berlin")]


async def test_a_member_without_manage_server_is_refused_and_nothing_is_stored(start_bot, gateway, db_path):
    bot = await start_bot()

    response = await set_up(bot, gateway, by=ALICE)

    assert response["type"] == 4 and response["data"]["flags"] & EPHEMERAL
    assert "Only people with Manage Server" in response["data"]["content"]
    assert rows(db_path, "SELECT * FROM schedules") == []


async def test_the_configured_admin_role_may_set_up_without_manage_server(start_bot, gateway, db_path):
    bot = await start_bot()

    response = await set_up(bot, gateway, by=ROLE_HOLDER)

    assert response["data"]["content"] == "Daily question set up."
    assert len(rows(db_path, "SELECT * FROM schedules")) == 1


async def test_time_zones_are_suggested_from_zoneinfo(start_bot, gateway):
    bot = await start_bot()
    payload = gateway.autocomplete(
        "daily", "setup", option("time", "09:00"), option("timezone", "berl", focused=True), by=ADA
    )

    response = await gateway.deliver(bot, payload)

    assert response["type"] == 8
    assert {"name": "Europe/Berlin", "value": "Europe/Berlin"} in response["data"]["choices"]


async def test_post_now_posts_an_embed_with_one_button_per_option(
    start_bot, gateway, fake_discord, single_bank, db_path
):
    bot = await start_bot(single_bank)
    await set_up(bot, gateway)

    message = await post_now(bot, gateway, fake_discord)

    embed = message["embeds"][0]
    assert embed["title"].startswith("Daily question · 2026-11-02")
    fields = {f["name"]: f["value"] for f in embed["fields"]}
    assert {"Domain", "Section", "Answers close"} <= set(fields)
    assert fields["Answers close"].startswith("<t:")
    ((post_id, message_ref),) = rows(db_path, "SELECT id, message_ref FROM posts")
    assert message_ref == f"{CHANNEL_ID}:{message['id']}"
    assert custom_ids(message)[:4] == [f"quiz:daily:{post_id}:{letter}" for letter in "ABCD"]


async def test_a_daily_answer_is_acknowledged_privately_and_recorded_once(
    start_bot, gateway, fake_discord, single_bank, db_path
):
    bot = await start_bot(single_bank)
    await set_up(bot, gateway)
    message = await post_now(bot, gateway, fake_discord)
    button_b = next(c for c in custom_ids(message) if c.endswith(":B"))
    button_a = next(c for c in custom_ids(message) if c.endswith(":A"))

    first = await gateway.deliver(bot, gateway.button(message, button_b, by=BOB))
    second = await gateway.deliver(bot, gateway.button(message, button_a, by=BOB))

    assert first["type"] == 4 and first["data"]["flags"] & EPHEMERAL
    assert first["data"]["content"].startswith("Your answer **B** is recorded. The answer is revealed <t:")
    assert second["data"]["content"].startswith("You already answered **B**")
    assert rows(db_path, "SELECT chosen, mode FROM attempts") == [("B", "daily")]


async def test_the_interaction_is_answered_only_once_the_answer_is_stored(
    start_bot, gateway, fake_discord, single_bank, db_path
):
    """Answers wait a few milliseconds for their group commit; the private reply (the interaction's callback,
    which tells Discord and the person the answer is taken) must wait for it too."""
    bot = await start_bot(single_bank)
    await set_up(bot, gateway)
    message = await post_now(bot, gateway, fake_discord)
    bot.app.context.commits.window = 0.05  # long enough for a reply sent early to arrive first
    button = next(c for c in custom_ids(message) if c.endswith(":A"))

    response = await gateway.deliver(bot, gateway.button(message, button, by=BOB))

    assert response["data"]["content"].startswith("Your answer **A** is recorded")
    assert rows(db_path, "SELECT chosen FROM attempts") == [("A",)]  # committed when the callback arrived


async def test_a_choose_two_daily_question_is_answered_in_a_select_menu(
    start_bot, gateway, fake_discord, multi_bank, db_path
):
    bot = await start_bot(multi_bank)
    await set_up(bot, gateway)
    message = await post_now(bot, gateway, fake_discord)
    ((post_id,),) = rows(db_path, "SELECT id FROM posts")
    menu = component(message, f"quiz:daily-multi:{post_id}")
    assert (menu["min_values"], menu["max_values"]) == (2, 2)

    response = await gateway.deliver(bot, gateway.select(message, f"quiz:daily-multi:{post_id}", ["A", "C"], by=BOB))

    assert response["data"]["flags"] & EPHEMERAL
    assert rows(db_path, "SELECT chosen, correct, points FROM attempts") == [("AC", 1, 10)]


async def test_the_reveal_edits_the_question_and_replies_with_the_tally(
    start_bot, gateway, fake_discord, single_bank, db_path
):
    bot = await start_bot(single_bank)
    await set_up(bot, gateway)
    message = await post_now(bot, gateway, fake_discord)
    await gateway.deliver(bot, gateway.button(message, custom_ids(message)[0], by=ALICE))  # A, the key
    await gateway.deliver(bot, gateway.button(message, custom_ids(message)[1], by=BOB))
    ((post_id,),) = rows(db_path, "SELECT id FROM posts")

    await bot.app.daily.reveal(post_id)

    (edit,) = fake_discord.find("PATCH", rf"/channels/{CHANNEL_ID}/messages/{message['id']}")
    revealed = edit.body["embeds"][0]
    assert custom_ids(edit.body) == [f"quiz:report:{revealed['footer']['text'].split()[0]}"]
    assert revealed["title"] == "Answer to the daily question of 2026-11-02: A"
    tally = {f["name"]: f["value"] for f in revealed["fields"]}["How the channel answered"]
    assert tally.startswith("1 of 2 answered correctly (50 %).") and "Alice" in tally
    reply = fake_discord.channel_posts(CHANNEL_ID)[-1].body
    assert str(reply["message_reference"]["message_id"]) == message["id"]
    assert reply["content"].startswith("The answer is **A**. 1 of 2 answered correctly")
    assert rows(db_path, "SELECT status FROM posts") == [("revealed",)]


async def test_a_reveal_whose_question_was_deleted_is_posted_on_its_own(
    start_bot, gateway, fake_discord, single_bank, db_path
):
    bot = await start_bot(single_bank)
    await set_up(bot, gateway)
    message = await post_now(bot, gateway, fake_discord)
    del fake_discord.messages[int(message["id"])]
    ((post_id,),) = rows(db_path, "SELECT id FROM posts")

    await bot.app.daily.reveal(post_id)

    last = fake_discord.channel_posts(CHANNEL_ID)[-1].body
    assert "message_reference" not in last
    assert last["embeds"][0]["title"].startswith("Answer to the daily question")


async def test_a_channel_the_bot_may_not_post_in_pauses_the_schedule_with_the_reason(
    start_bot, gateway, fake_discord, db_path
):
    bot = await start_bot()
    await set_up(bot, gateway)
    fake_discord.forbidden_channels.add(CHANNEL_ID)
    payload = gateway.subcommand("daily", "post-now", by=ADA)

    await gateway.deliver(bot, payload)
    followup = await fake_discord.followup(payload)

    assert "could not be posted" in followup["content"]
    ((paused, reason),) = rows(db_path, "SELECT paused, paused_reason FROM schedules")
    assert paused == 1
    assert "403" in reason and "Missing Permissions" in reason and "Send Messages" in reason
    assert len(fake_discord.channel_posts(CHANNEL_ID)) == 1  # refused once, not retried


async def test_a_daily_button_still_answers_after_a_restart(start_bot, gateway, fake_discord, single_bank, db_path):
    before = await start_bot(single_bank)
    await set_up(before, gateway)
    message = await post_now(before, gateway, fake_discord)
    await before.close()

    after = await start_bot(single_bank)
    response = await gateway.deliver(after, gateway.button(message, custom_ids(message)[2], by=ALICE))

    assert response["data"]["content"].startswith("Your answer **C** is recorded.")
    assert rows(db_path, "SELECT chosen FROM attempts") == [("C",)]


async def test_a_deleted_channel_pauses_the_schedule_with_the_reason(start_bot, gateway, fake_discord, db_path):
    bot = await start_bot()
    await set_up(bot, gateway)
    fake_discord.missing_channels.add(CHANNEL_ID)

    with_reason = await bot.app.daily.post_daily(1, bot.app.context.clock())

    assert with_reason.status == "failed"
    ((paused, reason),) = rows(db_path, "SELECT paused, paused_reason FROM schedules")
    assert paused == 1 and "no longer exists" in reason and "Unknown Channel" in reason


async def test_a_channel_with_immediate_feedback_gets_the_verdict_privately(
    start_bot, gateway, fake_discord, single_bank
):
    bot = await start_bot(single_bank)
    await gateway.deliver(bot, gateway.subcommand("daily", "setup", *SETUP, option("feedback", "immediate"), by=ADA))
    message = await post_now(bot, gateway, fake_discord)

    response = await gateway.deliver(bot, gateway.button(message, custom_ids(message)[0], by=ALICE))

    assert response["data"]["flags"] & EPHEMERAL
    assert response["data"]["content"] == "Your answer **A** is recorded."
    assert response["data"]["embeds"][0]["title"] == "✅ Correct"


async def test_the_season_summary_is_posted_as_an_embed(start_bot, fake_discord):
    bot = await start_bot()
    summary = SeasonSummaryView(
        "ML guild",
        "week 45 of 2026",
        (BoardRow(1, "Alice", 30, "3/3 correct"),),
        (BoardRow(1, "Feature Store", 15.0, "30 pts, 2 active"),),
    )

    await bot.app.posters.by_platform["discord"].post_season_summary(
        ChannelAddress("discord", str(GUILD_ID), str(CHANNEL_ID)), summary
    )

    (posted,) = fake_discord.channel_posts(CHANNEL_ID)
    embed = posted.body["embeds"][0]
    assert embed["title"] == "🏁 Season over: week 45 of 2026"
    assert embed["description"] == "Winning team: **Feature Store**"


async def test_setup_refuses_words_that_only_look_like_days_and_suggests_the_zone_meant(start_bot, gateway, db_path):
    bot = await start_bot()
    time = option("time", "09:30")

    monkey = await gateway.deliver(
        bot,
        gateway.subcommand("daily", "setup", time, option("timezone", "UTC"), option("weekdays", "monkey"), by=ADA),
    )
    berlin = await gateway.deliver(
        bot, gateway.subcommand("daily", "setup", time, option("timezone", "europe/berlin"), by=ADA)
    )

    assert "“monkey” is not a weekday" in monkey["data"]["content"]
    assert "did you mean Europe/Berlin?" in berlin["data"]["content"]
    assert rows(db_path, "SELECT COUNT(*) FROM schedules") == [(0,)]
