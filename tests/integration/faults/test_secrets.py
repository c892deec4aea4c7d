"""The bot token and the signing secret never reach a log line or the process's output, also when a
request is forged, a platform call is refused or a handler fails."""

from __future__ import annotations

import logging
import signal

import aiohttp

from tests.integration.faults import payloads
from tests.integration.faults.client import Client, reply_text
from tests.integration.faults.conftest import fault_settings, serving
from tests.integration.faults.payloads import Sender
from tests.integration.faults.process import ADMIN, BOT_TOKEN, assert_no_secret, prepare_database

REFUSED = Sender("U-refused")  # users.info answers user_not_found for this person
ADMIN_IN_GONE_CHANNEL = Sender(ADMIN.user, channel="C-gone")  # chat.postMessage: channel_not_found


def everything_logged(records: list[logging.LogRecord]) -> str:
    formatter = logging.Formatter("%(levelname)s %(name)s %(message)s")
    return "\n".join(formatter.format(record) + repr(record.args) for record in records)


async def test_no_secret_reaches_a_log_record_even_at_debug(db_path, fault_bank, clock, web_api, caplog, capfd):
    caplog.set_level(logging.DEBUG)  # before the app is built: Bolt copies the root level then
    web_api.admins.add(ADMIN.user)
    web_api.refused_users.add(REFUSED.user)
    web_api.missing_channels.add("C-gone")
    settings = fault_settings(db_path, bot_token=BOT_TOKEN)
    async with serving(settings, fault_bank, clock, web_api) as harness:
        client = Client(harness)
        web_api.tokens.clear()  # Slack refuses the token at first: auth.test fails
        refused_token = await client.raw(payloads.slash(Sender("U-early"), "rules", web_api.response_url("early")))
        web_api.tokens[BOT_TOKEN] = "T1"

        question = await client.ask(Sender("U-alice"), "MD")
        value = next(e["value"] for b in question["blocks"] for e in b.get("elements", []) if "value" in e)
        await client.reply(await client.click(Sender("U-alice"), {"action_id": "answer_single:A", "value": value}))
        forged = await client.raw(payloads.slash(Sender("U-x"), "rules", web_api.response_url("x")), secret="guess")
        stale = await client.raw(payloads.slash(Sender("U-x"), "rules", web_api.response_url("y")), age=600)
        not_admin = await client.ask(REFUSED, "daily setup 09:00 UTC")
        await client.ask(ADMIN_IN_GONE_CHANNEL, "daily setup 09:00 UTC")
        gone = await client.ask(ADMIN_IN_GONE_CHANNEL, "daily post-now")
        broken = await client.raw("payload=%7Bnot-json")

    assert refused_token == 200  # Bolt answers with its user-facing "could not authorize" text
    assert forged == 401 and stale == 401 and broken >= 400
    assert "Only workspace admins and owners" in reply_text(not_admin)
    assert "could not be posted" in reply_text(gone)
    logged = everything_logged(caplog.records)
    for sign in ("Failed to authorize", "Invalid request signature", "user_not_found", "channel_not_found"):
        assert sign in logged  # the failures were logged, and the secrets still are not
    assert "Authorization" in logged  # slack_sdk's request lines, with the header's value redacted
    assert_no_secret(logged)
    out, err = capfd.readouterr()
    assert_no_secret(out + err)


async def test_no_secret_reaches_the_output_of_the_bot_process(tmp_path, bot_process, web_api):
    db_path = tmp_path / "quiz.db"
    prepared = await prepare_database(db_path)
    web_api.admins.add(ADMIN.user)
    web_api.refused_users.add(REFUSED.user)
    web_api.missing_channels.add("C-gone")
    web_api.tokens.clear()  # Slack refuses the token at first: auth.test fails
    bot = bot_process(db_path)
    await bot.start()

    async with aiohttp.ClientSession() as session:

        async def send(sender: Sender, text: str, **options) -> int:
            return await bot.post(session, payloads.slash(sender, text, web_api.response_url(sender.user)), **options)

        assert await send(Sender("U-early"), "rules") == 200  # Bolt's user-facing "could not authorize" text
        web_api.tokens[BOT_TOKEN] = "T1"
        answer = payloads.daily_answer(
            Sender("U-alice"), prepared.post_id, prepared.question, web_api.response_url("a")
        )
        assert await bot.post(session, answer) == 200
        assert await send(Sender("U-x"), "rules", secret="guess") == 401
        assert await send(REFUSED, "daily pause") == 200
        assert await send(ADMIN_IN_GONE_CHANNEL, "daily setup 09:00 UTC") == 200
        assert await send(ADMIN_IN_GONE_CHANNEL, "daily post-now") == 200
        await web_api.wait_until(lambda: len(web_api.replies.get(ADMIN.user, [])) == 2, timeout=10)
        assert await bot.post(session, "payload=%7Bnot-json") >= 400
    bot.send(signal.SIGTERM)

    assert await bot.wait_exit(10) == 0
    output = bot.output()
    for sign in ("Failed to authorize", "user_not_found", "channel_not_found"):
        assert sign in output  # the failures reached the output, and the secrets still do not
    assert_no_secret(output)


async def test_the_slack_process_logs_at_the_configured_level(tmp_path, bot_process, web_api):
    db_path = tmp_path / "quiz.db"
    await prepare_database(db_path)
    bot = bot_process(db_path)  # QUIZBOT_LOG_LEVEL=DEBUG
    await bot.start()
    bot.send(signal.SIGTERM)

    assert await bot.wait_exit(10) == 0
    assert f"listening for Slack on http://127.0.0.1:{bot.port}/slack/events" in bot.output()
