"""The "report a problem with this question" button opens a modal (views.open with the click's trigger_id);
its submission stores the report through the service, or shows the service's refusal inside the modal."""

from __future__ import annotations

import logging

from slack_bolt.async_app import AsyncApp
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from bot.services.bounds import MAX_REPORT_REASON, MIN_REPORT_REASON
from bot.services.practice import PracticeService
from bot.slack import members, messages
from bot.slack.actions import REPORT_PROBLEM
from bot.slack.api import api_error
from bot.slack.blocks import clip, plain

log = logging.getLogger(__name__)
CALLBACK = "report_problem"
REASON = "reason"  # the input's block_id and action_id


def plain_text(text: str) -> dict:
    return {"type": "plain_text", "text": text}


def report_modal(question_id: str) -> dict:
    reason = {
        "type": "plain_text_input",
        "action_id": REASON,
        "multiline": True,
        "min_length": MIN_REPORT_REASON,
        "max_length": MAX_REPORT_REASON,
        "placeholder": plain_text("e.g. the key is wrong because…, option C is ambiguous, a link is broken"),
    }
    return {
        "type": "modal",
        "callback_id": CALLBACK,
        "private_metadata": question_id,
        "title": plain_text("Report a problem"),
        "submit": plain_text("Send"),
        "close": plain_text("Cancel"),
        "blocks": [
            {"type": "section", "text": {"type": "mrkdwn", "text": f"Question `{clip(question_id, 200)}`"}},
            {"type": "input", "block_id": REASON, "label": plain_text("What is wrong with it?"), "element": reason},
        ],
    }


def thanks_modal(report_id: int) -> dict:
    text = f"Thank you: report #{report_id} is stored, and the question will be checked."
    return {
        "type": "modal",
        "callback_id": f"{CALLBACK}_done",
        "title": plain_text("Report a problem"),
        "close": plain_text("Close"),
        "blocks": [{"type": "section", "text": {"type": "mrkdwn", "text": text}}],
    }


def reason_of(view: dict) -> str:
    values = (view.get("state") or {}).get("values") or {}
    return ((values.get(REASON) or {}).get(REASON) or {}).get("value") or ""


class ProblemReports:
    def __init__(self, practice: PracticeService) -> None:
        self.practice = practice

    def register(self, bolt: AsyncApp) -> None:
        bolt.action(REPORT_PROBLEM)(self.on_click)
        bolt.view(CALLBACK)(self.on_submit)

    async def on_click(self, ack, body: dict, action: dict, client: AsyncWebClient, respond) -> None:
        await ack()
        try:
            await client.views_open(trigger_id=body["trigger_id"], view=report_modal(action.get("value") or ""))
        except SlackApiError as exc:
            log.warning("views.open failed for a problem report: %s", api_error(exc))
            message = plain("The form could not be opened; please click Report a problem again.")
            await respond(text=message.text, blocks=message.blocks, response_type="ephemeral", replace_original=False)

    async def on_submit(self, ack, body: dict, view: dict) -> None:
        """Slack waits for this ack: an `errors` answer keeps the modal open with the message under the input."""
        member = members.from_action(body)
        try:
            report_id = self.practice.report_problem(member, view.get("private_metadata") or "", reason_of(view))
        except Exception as error:
            # the form stays open with the refusal (or the apology) under the input
            await ack(response_action="errors", errors={REASON: messages.message_for(error, "a problem report").text})
            return
        await ack(response_action="update", view=thanks_modal(report_id))
