"""Your data on Discord: /privacy export (the zip in a private reply) and /privacy delete (a private message
with a button that deletes, so nothing goes by a slip of the keyboard)."""

# No `from __future__ import annotations`: discord.py reads the command callbacks' annotations.

import io
import re

import discord
from discord import app_commands, ui

from bot.discord.handlers import app_of, member
from bot.discord.replies import MessageControls, Replying, say_privately
from bot.services.privacy import ARCHIVE_NAME

DELETE_ID = "quiz:privacy-delete"
SERVER_DELETE_ID = "quiz:privacy-delete-server"


class DeleteMyDataButton(Replying, ui.DynamicItem[ui.Button], template=re.escape(DELETE_ID)):
    """Deletes the data of whoever presses it: the button sits in a private message, so that is its asker."""

    def __init__(self) -> None:
        super().__init__(ui.Button(label="Delete all my data", style=discord.ButtonStyle.danger, custom_id=DELETE_ID))

    @classmethod
    async def from_custom_id(cls, interaction: discord.Interaction, item: ui.Item, match: re.Match[str]):
        return cls()

    async def respond(self, interaction: discord.Interaction) -> None:
        deleted = app_of(interaction).privacy.delete(member(interaction))
        text = f"Deleted your data ({deleted.answers} answers). If you answer again, you start afresh."
        await interaction.response.edit_message(content=text, embeds=[], view=None)


class DeleteServerDataButton(Replying, ui.DynamicItem[ui.Button], template=re.escape(SERVER_DELETE_ID)):
    """Deletes the whole server's data; the service refuses anyone but the server's quiz admins."""

    def __init__(self) -> None:
        super().__init__(
            ui.Button(label="Delete the server's data", style=discord.ButtonStyle.danger, custom_id=SERVER_DELETE_ID)
        )

    @classmethod
    async def from_custom_id(cls, interaction: discord.Interaction, item: ui.Item, match: re.Match[str]):
        return cls()

    async def respond(self, interaction: discord.Interaction) -> None:
        app_of(interaction).cleanup.delete_now(member(interaction))
        text = "Deleted everything the quiz bot stored for this server."
        await interaction.response.edit_message(content=text, embeds=[], view=None)


PRIVACY_ITEMS = (DeleteMyDataButton, DeleteServerDataButton)


def privacy_group() -> app_commands.Group:
    privacy = app_commands.Group(name="privacy", description="Your data: a copy of it, or its deletion")

    @privacy.command(
        name="export", description="Everything stored about you, as JSON and CSV in a zip (only you see it)"
    )
    async def export(interaction: discord.Interaction) -> None:
        data = app_of(interaction).privacy.export(member(interaction))
        archive = discord.File(io.BytesIO(data.archive()), filename=ARCHIVE_NAME)
        await say_privately(interaction, f"Everything stored about you: {data.summary}.", files=[archive])

    @privacy.command(name="delete", description="Delete everything stored about you (asks you to confirm)")
    async def delete(interaction: discord.Interaction) -> None:
        controls = MessageControls()
        controls.add_item(DeleteMyDataButton())
        text = (
            "This deletes every answer, exam, review card and report of yours in this server, and your team "
            "membership; your answers stay in past daily tallies as unnamed counts. It cannot be undone."
        )
        await say_privately(interaction, text, view=controls)

    @privacy.command(name="delete-server", description="Delete the whole server's quiz data now (quiz admins)")
    async def delete_server(interaction: discord.Interaction) -> None:
        text = app_of(interaction).cleanup.ask_to_delete_now(member(interaction))
        controls = MessageControls()
        controls.add_item(DeleteServerDataButton())
        await say_privately(interaction, text, view=controls)

    return privacy
