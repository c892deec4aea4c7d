"""Request bodies as Slack sends them to /slack/events, built without a running app, so they can be
sent to a bot in another process. Each reply goes to a response_url named after the person."""

from __future__ import annotations

import json
from dataclasses import dataclass
from urllib.parse import urlencode

from bot.slack.actions import ANSWER_CHOICES, ANSWER_SUBMIT, AnswerTarget, choices_block_id
from questions.models import Question

POSTED_TS = "1700000000.000001"  # the message ts of a daily post made by client.open_daily_post


@dataclass(frozen=True)
class Sender:
    user: str
    team: str = "T1"
    domain: str = "one"
    channel: str = "C-general"


def block_actions(
    sender: Sender, actions: list[dict], respond_to: str, *, state: dict | None = None, message_ts: str = POSTED_TS
) -> str:
    payload = {
        "type": "block_actions",
        "user": {"id": sender.user, "username": sender.user, "name": sender.user, "team_id": sender.team},
        "api_app_id": "A-QUIZ",
        "token": "legacy-verification-token",
        "container": {"type": "message", "channel_id": sender.channel, "message_ts": message_ts, "is_ephemeral": False},
        "trigger_id": "1.2.3",
        "team": {"id": sender.team, "domain": sender.domain},
        "enterprise": None,
        "is_enterprise_install": False,
        "channel": {"id": sender.channel, "name": sender.channel.removeprefix("C-")},
        "state": state or {"values": {}},
        "response_url": respond_to,
        "actions": [{"action_ts": "1700000000.1", "type": "button", **action} for action in actions],
    }
    return urlencode({"payload": json.dumps(payload)})


def daily_answer(sender: Sender, post_id: int, question: Question, respond_to: str, *, correct: bool = True) -> str:
    """The click that answers a daily post: a letter button, or the ticked boxes and Submit of a choose-N item."""
    target = AnswerTarget("daily", post_id)
    key = sorted(question.answer)
    wrong = [letter for letter in question.letters if letter not in key]
    letters = key if correct else (wrong + key)[: question.choose]
    if question.select == "single":
        action = {"action_id": f"answer_single:{letters[0]}", "value": target.encode(letters[0])}
        return block_actions(sender, [action], respond_to)
    action, state = daily_submit(post_id, letters)
    return block_actions(sender, [action], respond_to, state=state)


def daily_submit(post_id: int, ticks: list) -> tuple[dict, dict]:
    """The Submit button of a choose-N daily post and the checkbox state it carries, with these ticks."""
    target = AnswerTarget("daily", post_id)
    ticked = {"type": "checkboxes", "selected_options": [{"value": tick} for tick in ticks]}
    return {"action_id": ANSWER_SUBMIT, "value": target.encode()}, {
        "values": {choices_block_id(target): {ANSWER_CHOICES: ticked}}
    }


def slash(sender: Sender, text: str, respond_to: str) -> str:
    return urlencode(
        {
            "token": "legacy-verification-token",
            "team_id": sender.team,
            "team_domain": sender.domain,
            "channel_id": sender.channel,
            "channel_name": sender.channel.removeprefix("C-"),
            "user_id": sender.user,
            "user_name": sender.user,
            "command": "/quiz",
            "text": text,
            "api_app_id": "A-QUIZ",
            "is_enterprise_install": "false",
            "response_url": respond_to,
            "trigger_id": "1.2.3",
        }
    )
