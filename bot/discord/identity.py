"""From a Discord interaction to the service's backend-neutral Member and ChannelTarget."""

from __future__ import annotations

import discord

from bot.services.context import ChannelTarget
from bot.services.errors import QuizError
from bot.services.identity import Member

PLATFORM = "discord"


class NotInServerError(QuizError):
    def __init__(self) -> None:
        super().__init__("The quiz works in server channels; run the command in a server where the bot is installed.")


def role_ids(user: discord.Member) -> set[int]:
    """The member's role ids as the interaction payload lists them (the guild may not be cached)."""
    listed = getattr(user, "_roles", None)  # discord.Member keeps the payload's role ids here
    ids = {int(r) for r in listed} if listed is not None else set()
    return ids | {role.id for role in user.roles}


def is_admin(interaction: discord.Interaction, admin_role_id: int | None) -> bool:
    """Manage Server (or Administrator) in the member's resolved permissions, or the configured admin role."""
    permissions = interaction.permissions
    if permissions.administrator or permissions.manage_guild:
        return True
    user = interaction.user
    return admin_role_id is not None and isinstance(user, discord.Member) and admin_role_id in role_ids(user)


def member_of(interaction: discord.Interaction, admin_role_id: int | None = None) -> Member:
    if interaction.guild_id is None:
        raise NotInServerError()
    guild = interaction.guild
    return Member(
        platform=PLATFORM,
        workspace=str(interaction.guild_id),
        user=str(interaction.user.id),
        name=interaction.user.display_name,
        workspace_name=(guild.name or "") if guild is not None else "",
        is_admin=is_admin(interaction, admin_role_id),
    )


def channel_of(interaction: discord.Interaction) -> ChannelTarget:
    if interaction.channel_id is None:
        raise NotInServerError()
    channel_name = getattr(interaction.channel, "name", None) or ""
    return ChannelTarget(str(interaction.channel_id), channel_name)


def message_ref(channel_id: int, message_id: int) -> str:
    return f"{channel_id}:{message_id}"


def parse_message_ref(ref: str | None) -> tuple[int, int] | None:
    try:
        channel_id, message_id = (ref or "").split(":")
        return int(channel_id), int(message_id)
    except ValueError:
        return None
