"""One behaviour on every front end: the same scenario through Discord (real discord.py client), Slack (real
Bolt app) and the terminal (the click CLI) gives the same outcome, each in its own platform's words."""

from __future__ import annotations

import logging
import re

import pytest
from click.testing import CliRunner

from bot.cli import main as quizbot
from bot.discord import messages as discord_messages
from bot.slack import messages as slack_messages
from tests.integration.discord.flows import post_now, set_up
from tests.integration.discord.gateway import ALICE as DISCORD_ALICE
from tests.integration.discord.gateway import Gateway, custom_ids, option
from tests.integration.faults.client import Client, open_daily_post, reply_text, with_custom_id
from tests.integration.faults.payloads import Sender

MALLORY = Sender("U-mallory")
DISCORD_TIME = re.compile(r"<t:\d+:f>")
SLACK_TIME = re.compile(r"<!date\^\d+\^")


@pytest.fixture
def client(slack) -> Client:
    return Client(slack)


def terminal(db_path, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(quizbot, [*args, "--db", str(db_path)], catch_exceptions=False)
    return result.exit_code, result.output


def single(bank):
    return next(q for q in bank.questions if q.select == "single")


async def test_a_late_answer_is_told_when_the_question_actually_closed(
    slack, client, discord_bot, fake_discord, fault_bank
):
    question = single(fault_bank)
    slack_post = open_daily_post(slack.services, "T1", "C-general", question.id)
    await slack.services.daily.reveal(slack_post)
    gateway = Gateway(fake_discord)
    await set_up(discord_bot, gateway)
    message = await post_now(discord_bot, gateway, fake_discord)
    (discord_post,) = [p for p in discord_bot.app.daily.posts.open_posts()]
    await discord_bot.app.daily.reveal(discord_post.id)

    key = sorted(question.answer)[0]
    slack_reply = await client.reply(
        await client.click(MALLORY, {"action_id": f"answer_single:{key}", "value": f"daily:{slack_post}:{key}"})
    )
    button = next(c for c in custom_ids(message) if c.startswith("quiz:daily:"))
    discord_reply = await gateway.deliver(discord_bot, gateway.button(message, button, by=DISCORD_ALICE))

    assert "This question closed" in reply_text(slack_reply) and SLACK_TIME.search(reply_text(slack_reply))
    assert "This question closed" in discord_reply["data"]["content"]
    assert DISCORD_TIME.search(discord_reply["data"]["content"])


async def test_an_admin_only_action_by_a_member_is_refused_naming_who_may_act(
    slack, client, discord_bot, fake_discord, db_path
):
    gateway = Gateway(fake_discord)

    slack_reply = await client.ask(MALLORY, "daily setup 09:00 UTC")
    discord_reply = await gateway.deliver(
        discord_bot,
        gateway.subcommand("daily", "setup", option("time", "09:00"), option("timezone", "UTC"), by=DISCORD_ALICE),
    )

    assert reply_text(slack_reply).startswith(slack_messages.ADMINS_ONLY)
    assert discord_reply["data"]["content"] == discord_messages.ADMINS_ONLY
    assert slack.services.context.db.execute("SELECT COUNT(*) FROM schedules").fetchone()[0] == 0


async def test_reporting_a_question_that_is_not_in_the_bank_is_refused_alike(
    slack, client, discord_bot, fake_discord, db_path
):
    gateway = Gateway(fake_discord)
    status, slack_answer = await slack.submit_view(
        {"type": "modal", "callback_id": "report_problem", "private_metadata": "no-such-id"},
        values={"reason": {"reason": {"type": "plain_text_input", "value": "the key looks wrong"}}},
    )
    await set_up(discord_bot, gateway)
    message = await post_now(discord_bot, gateway, fake_discord)
    crafted = "quiz:report:no-such-id"
    form = await gateway.deliver(
        discord_bot, gateway.button(with_custom_id(message, crafted), crafted, by=DISCORD_ALICE)
    )
    discord_reply = await gateway.deliver(
        discord_bot, gateway.modal_submit(form["data"], {"What is wrong?": "the key looks wrong"}, by=DISCORD_ALICE)
    )
    exit_code, printed = terminal(db_path, "report", "no-such-id", "the key looks wrong")

    refusal = "There is no question no-such-id in the bank"
    assert status == 200 and refusal in str(slack_answer["errors"])
    assert refusal in discord_reply["data"]["content"]
    assert exit_code != 0 and refusal in printed
    assert slack.services.context.db.execute("SELECT COUNT(*) FROM question_reports").fetchone()[0] == 0


async def test_no_exam_in_progress_names_each_platforms_own_command(slack, client, discord_bot, fake_discord):
    gateway = Gateway(fake_discord)

    slack_reply = await client.ask(MALLORY, "exam submit")
    discord_reply = await gateway.deliver(discord_bot, gateway.subcommand("exam", "submit", by=DISCORD_ALICE))

    assert "`/quiz exam start`" in reply_text(slack_reply)
    assert "`/exam start`" in discord_reply["data"]["content"]


async def test_an_unexpected_error_in_a_control_gets_an_apology_and_a_logged_traceback(
    slack, client, discord_bot, fake_discord, fault_bank, caplog
):
    async def broken(*args, **kwargs):
        raise RuntimeError("the disk is on fire")

    question = single(fault_bank)
    slack_post = open_daily_post(slack.services, "T1", "C-general", question.id)
    gateway = Gateway(fake_discord)
    await set_up(discord_bot, gateway)
    message = await post_now(discord_bot, gateway, fake_discord)
    slack.services.daily.answer_with_others = broken
    discord_bot.app.daily.answer_with_others = broken

    with caplog.at_level(logging.INFO):
        slack_reply = await client.reply(
            await client.click(MALLORY, {"action_id": "answer_single:A", "value": f"daily:{slack_post}:A"})
        )
        button = next(c for c in custom_ids(message) if c.startswith("quiz:daily:"))
        discord_reply = await gateway.deliver(discord_bot, gateway.button(message, button, by=DISCORD_ALICE))

    assert reply_text(slack_reply).startswith(slack_messages.SORRY)
    assert discord_reply["data"]["content"] == discord_messages.SORRY
    tracebacks = [r for r in caplog.records if r.levelno >= logging.ERROR and r.exc_info]
    assert len(tracebacks) == 2


async def test_with_no_answers_there_is_no_chart_on_any_front_end(slack, client, discord_bot, fake_discord, db_path):
    gateway = Gateway(fake_discord)

    slack_reply = await client.ask(MALLORY, "stats chart")
    payload = gateway.command("stats", by=DISCORD_ALICE)
    discord_reply = await gateway.deliver(discord_bot, payload)
    chart = db_path.parent / "chart.png"
    exit_code, printed = terminal(db_path, "stats", "--chart", str(chart), "--user", "nobody")

    assert "No answers stored" in reply_text(slack_reply)
    assert slack.fake.calls_to("files.getUploadURLExternal") == []
    assert not [r for r in fake_discord.requests if r.files]
    assert discord_reply["data"].get("attachments", []) == []
    assert exit_code == 0 and not chart.exists() and "Chart written" not in printed


async def test_with_no_mistakes_and_no_exams_review_and_exam_result_say_so_alike(
    slack, client, discord_bot, fake_discord, db_path
):
    gateway = Gateway(fake_discord)

    slack_review = await client.ask(MALLORY, "review")
    slack_result = await client.ask(MALLORY, "exam result 1")
    discord_review = await gateway.deliver(discord_bot, gateway.command("review", by=DISCORD_ALICE))
    discord_result = await gateway.deliver(
        discord_bot, gateway.subcommand("exam", "result", option("number", 1), by=DISCORD_ALICE)
    )
    review_code, review_printed = terminal(db_path, "review", "--user", "nobody")
    result_code, result_printed = terminal(db_path, "exam", "result", "1", "--user", "nobody")

    nothing, no_exam = "Nothing to review", "You have no finished mock exam number 1"
    assert reply_text(slack_review).startswith(nothing) and discord_review["data"]["content"].startswith(nothing)
    assert review_code == 1 and nothing in review_printed
    assert reply_text(slack_result).startswith(no_exam) and discord_result["data"]["content"].startswith(no_exam)
    assert result_code == 1 and no_exam in result_printed


async def test_the_learners_new_commands_refuse_alike_on_every_front_end(
    slack, client, discord_bot, fake_discord, tmp_path
):
    gateway = Gateway(fake_discord)
    terminal_db = tmp_path / "terminal.db"

    for slack_text, discord_payload, cli_args, refusal in (
        (
            "exam abandon",
            gateway.subcommand("exam", "abandon", by=DISCORD_ALICE),
            ("exam", "abandon", "--yes"),
            "You have no exam in progress",
        ),
        (
            "read OPS.NOPE",
            gateway.command("read", option("scope", "OPS.NOPE"), by=DISCORD_ALICE),
            ("read", "OPS.NOPE"),
            "There is no objective, section or domain called “OPS.NOPE”",
        ),
        (
            "examdate 2020-01-01",
            gateway.command("examdate", option("date", "2020-01-01"), by=DISCORD_ALICE),
            ("exam-date", "2020-01-01"),
            "2020-01-01 has passed",
        ),
    ):
        slack_reply = await client.ask(MALLORY, slack_text)
        discord_reply = await gateway.deliver(discord_bot, discord_payload)
        exit_code, printed = terminal(terminal_db, *cli_args)

        assert refusal in reply_text(slack_reply), slack_text
        assert refusal in discord_reply["data"]["content"], slack_text
        assert exit_code == 1 and refusal in printed, cli_args
