"""Your data on Slack: `/quiz privacy export` (the zip in your DM with the bot) and `/quiz privacy delete` (a
private message with a button, behind Slack's own confirmation dialog, that deletes the clicker's data)."""

from __future__ import annotations

from dataclasses import replace

from slack_bolt.async_app import AsyncApp
from slack_sdk.web.async_client import AsyncWebClient

from bot.app import App
from bot.services.identity import Member
from bot.services.privacy import ARCHIVE_NAME
from bot.slack import members, messages
from bot.slack.blocks import Message, plain, section
from bot.slack.commands import Command
from bot.slack.members import AdminCheck
from bot.slack.uploads import upload_to_dm

PRIVACY_DELETE = "privacy_delete"
WORKSPACE_DELETE = "privacy_delete_workspace"
WHAT_GOES = (
    "This deletes every answer, exam, review card and report of yours in this workspace, and your team "
    "membership; your answers stay in past daily tallies as unnamed counts. It cannot be undone."
)


class PrivacyListeners:
    def __init__(self, services: App, admin_check: AdminCheck) -> None:
        self.services = services
        self.admin_check = admin_check

    def register(self, bolt: AsyncApp) -> None:
        bolt.action(PRIVACY_DELETE)(self.on_delete)
        bolt.action(WORKSPACE_DELETE)(self.on_delete_workspace)

    async def command(self, command: Command, member: Member, client: AsyncWebClient) -> Message:
        if command.action == "export":
            data = self.services.privacy.export(member)
            await upload_to_dm(client, member.user, data.archive(), filename=ARCHIVE_NAME, title="Your quiz data")
            return plain(f"Everything stored about you is in your DM with me ({data.summary}).")
        if command.action == "delete-workspace":
            text = self.services.cleanup.ask_to_delete_now(member)
            return confirmation(text, WORKSPACE_DELETE, "Delete the workspace's data", "Everything, for everyone.")
        return confirmation(WHAT_GOES, PRIVACY_DELETE, "Delete all my data", "Everything stored about you goes.")

    async def on_delete(self, ack, body: dict, respond) -> None:
        await ack()
        try:
            deleted = self.services.privacy.delete(members.from_action(body))
            message = plain(f"Deleted your data ({deleted.answers} answers). If you answer again, you start afresh.")
        except Exception as error:
            message = messages.message_for(error, "a data deletion")
        await respond(text=message.text, blocks=message.blocks, replace_original=True)

    async def on_delete_workspace(self, ack, body: dict, respond, client: AsyncWebClient) -> None:
        await ack()
        member = members.from_action(body)
        try:
            admin = replace(member, is_admin=await self.admin_check(client, member.user))
            self.services.cleanup.delete_now(admin)
            message = plain("Deleted everything the quiz bot stored for this workspace.")
        except Exception as error:
            message = messages.message_for(error, "a workspace deletion")
        await respond(text=message.text, blocks=message.blocks, replace_original=True)


def confirmation(text: str, action_id: str, label: str, warning: str) -> Message:
    button = {
        "type": "button",
        "action_id": action_id,
        "style": "danger",
        "text": {"type": "plain_text", "text": label},
        "value": "confirmed",
        "confirm": {
            "title": {"type": "plain_text", "text": "Are you sure?"},
            "text": {"type": "plain_text", "text": f"{warning} This cannot be undone."},
            "confirm": {"type": "plain_text", "text": "Delete"},
            "deny": {"type": "plain_text", "text": "Keep it"},
            "style": "danger",
        },
    }
    return Message(text, [section(text), {"type": "actions", "elements": [button]}])
