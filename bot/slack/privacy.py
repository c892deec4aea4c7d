"""Your data on Slack: `/quiz privacy export` (the zip in your DM with the bot) and `/quiz privacy delete` (a
private message with a button, behind Slack's own confirmation dialog, that deletes the clicker's data)."""

from __future__ import annotations

from slack_bolt.async_app import AsyncApp
from slack_sdk.web.async_client import AsyncWebClient

from bot.app import App
from bot.services.identity import Member
from bot.services.privacy import ARCHIVE_NAME
from bot.slack import members, messages
from bot.slack.blocks import Message, plain, section
from bot.slack.commands import Command
from bot.slack.uploads import upload_to_dm

PRIVACY_DELETE = "privacy_delete"
WHAT_GOES = (
    "This deletes every answer, exam, review card and report of yours in this workspace, and your team "
    "membership; your answers stay in past daily tallies as unnamed counts. It cannot be undone."
)


class PrivacyListeners:
    def __init__(self, services: App) -> None:
        self.services = services

    def register(self, bolt: AsyncApp) -> None:
        bolt.action(PRIVACY_DELETE)(self.on_delete)

    async def command(self, command: Command, member: Member, client: AsyncWebClient) -> Message:
        if command.action == "export":
            data = self.services.privacy.export(member)
            await upload_to_dm(client, member.user, data.archive(), filename=ARCHIVE_NAME, title="Your quiz data")
            rows = ", ".join(f"{name.replace('_', ' ')} {count}" for name, count in data.counts.items())
            return plain(f"Everything stored about you is in your DM with me ({rows}).")
        return delete_confirmation()

    async def on_delete(self, ack, body: dict, respond) -> None:
        await ack()
        try:
            deleted = self.services.privacy.delete(members.from_action(body))
            message = plain(f"Deleted your data ({deleted.answers} answers). If you answer again, you start afresh.")
        except Exception as error:
            message = messages.message_for(error, "a data deletion")
        await respond(text=message.text, blocks=message.blocks, replace_original=True)


def delete_confirmation() -> Message:
    button = {
        "type": "button",
        "action_id": PRIVACY_DELETE,
        "style": "danger",
        "text": {"type": "plain_text", "text": "Delete all my data"},
        "value": "me",
        "confirm": {
            "title": {"type": "plain_text", "text": "Delete your data?"},
            "text": {"type": "plain_text", "text": "Everything stored about you goes, for good."},
            "confirm": {"type": "plain_text", "text": "Delete"},
            "deny": {"type": "plain_text", "text": "Keep it"},
            "style": "danger",
        },
    }
    return Message(WHAT_GOES, [section(WHAT_GOES), {"type": "actions", "elements": [button]}])
