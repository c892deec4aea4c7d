"""What every interaction handler needs first: the app behind the client, and the acting member."""

from __future__ import annotations

from typing import TYPE_CHECKING

import discord

from bot.discord.identity import member_of
from bot.services.identity import Member

if TYPE_CHECKING:
    from bot.app import App


def app_of(interaction: discord.Interaction) -> App:
    return interaction.client.app  # type: ignore[attr-defined]


def member(interaction: discord.Interaction) -> Member:
    return member_of(interaction, interaction.client.settings.discord.admin_role_id)  # type: ignore[attr-defined]
