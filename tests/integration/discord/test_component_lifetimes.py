"""Buttons and menus at any age: discord.py's view timeouts and view store, the one error mapping for
components and commands, stale commands and forged custom ids (behaviours the fake API does not model)."""

import copy
import logging
import os

from bot.discord import messages
from tests.integration.discord.gateway import ALICE, BOB, custom_ids, option

EPHEMERAL = 64
MODAL = 9
ANSWERED = int(os.environ.get("QUIZBOT_TEST_ANSWERED", "300"))  # 10000 for the full check (about a minute)


def kept_views(bot) -> list:
    """Every view discord.py's view store holds (by message, by item), whatever keeps it there."""
    store = bot._connection._view_store
    views = {id(v): v for v in store._synced_message_views.values()}
    for items in store._views.values():
        views.update({id(item.view): item.view for item in items.values() if item.view is not None})
    return list(views.values())


def time_out_every_kept_view(bot) -> int:
    """Fire the timeout of every view discord.py kept, as its 15-minute timer would."""
    views = kept_views(bot)
    for view in views:
        view._dispatch_timeout()
    return len(views)


async def ask(bot, gateway, by) -> dict:
    payload = gateway.command("quiz", option("scope", "MD"), by=by)
    await gateway.deliver(bot, payload)
    return gateway.fake.responses[int(payload["id"])]


async def test_report_and_answer_buttons_work_after_every_kept_view_timed_out(start_bot, gateway, fake_discord):
    bot = await start_bot()
    jo_question = await ask(bot, gateway, ALICE)
    jo_answer = next(c for c in custom_ids(jo_question) if c.startswith("quiz:practice:"))
    await gateway.deliver(bot, gateway.button(jo_question, jo_answer, by=ALICE))
    kim_question = await ask(bot, gateway, BOB)

    time_out_every_kept_view(bot)

    report = next(c for c in custom_ids(kim_question) if c.startswith("quiz:report:"))
    opened = await gateway.deliver(bot, gateway.button(kim_question, report, by=BOB))
    assert opened["type"] == MODAL
    answer = next(c for c in custom_ids(kim_question) if c.startswith("quiz:practice:"))
    answered = await gateway.deliver(bot, gateway.button(kim_question, answer, by=BOB))
    assert answered["type"] == 7
    assert answered["data"]["embeds"][-1]["title"].startswith(("✅", "❌"))


async def test_the_view_store_stays_flat_however_many_questions_are_answered(start_bot, gateway, fake_discord):
    bot = await start_bot()
    registered = len(bot._connection._view_store._dynamic_items)
    for _ in range(ANSWERED):
        question = await ask(bot, gateway, ALICE)
        answer = next(c for c in custom_ids(question) if c.startswith("quiz:practice:"))
        await gateway.deliver(bot, gateway.button(question, answer, by=ALICE))
        fake_discord.requests.clear()
        fake_discord.responses.clear()
    assert kept_views(bot) == []
    assert len(bot._connection._view_store._dynamic_items) == registered  # the types registered at start, no more


async def test_an_unexpected_error_in_a_button_gets_a_private_apology_and_a_logged_traceback(
    start_bot, gateway, fake_discord, caplog
):
    bot = await start_bot()
    question = await ask(bot, gateway, ALICE)

    def broken(*args, **kwargs):
        raise RuntimeError("the disk is on fire")

    bot.app.practice.answer_practice = broken
    answer = next(c for c in custom_ids(question) if c.startswith("quiz:practice:"))
    with caplog.at_level(logging.INFO):
        reply = await gateway.deliver(bot, gateway.button(question, answer, by=ALICE))

    assert reply["data"]["content"] == messages.SORRY
    assert reply["data"]["flags"] & EPHEMERAL
    [record] = [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert record.exc_info is not None and "quiz:practice:" in record.getMessage()


async def test_a_stale_slash_command_is_answered_and_logged_at_info_only(start_bot, gateway, fake_discord, caplog):
    bot = await start_bot()
    with caplog.at_level(logging.INFO):
        reply = await gateway.deliver(bot, gateway.command("quizz", by=ALICE))

    assert reply["data"]["content"] == messages.STALE_COMMAND
    assert reply["data"]["flags"] & EPHEMERAL
    assert not [r for r in caplog.records if r.levelno >= logging.WARNING]
    assert any("no longer registered" in r.getMessage() for r in caplog.records)


async def test_an_ask_id_past_64_bits_in_a_custom_id_is_refused_politely(start_bot, gateway, fake_discord, caplog):
    bot = await start_bot()
    question = copy.deepcopy(await ask(bot, gateway, ALICE))
    forged = "quiz:practice:9999999999999999999:A"
    question["components"][0]["components"][0]["custom_id"] = forged  # discord.py routes only ids on the message
    with caplog.at_level(logging.INFO):
        reply = await gateway.deliver(bot, gateway.button(question, forged, by=ALICE))

    assert reply["data"]["content"] == "That question is no longer known; ask for a new one."
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]
