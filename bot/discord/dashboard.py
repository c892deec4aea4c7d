"""/dashboard: a private, one-time sign-in link to the web dashboard (or which setting is missing)."""

# No `from __future__ import annotations`: discord.py reads the command callbacks' annotations.

import discord
from discord import app_commands

from bot.discord.handlers import app_of, member
from bot.discord.replies import say_privately
from bot.services.web_access import LINK_MINUTES


def dashboard_message(link: str) -> str:
    return (
        f"Your dashboard: {link}\n"
        f"A one-time link for you alone: it works once, within {LINK_MINUTES} minutes. Do not share it."
    )


def add_dashboard_command(tree: app_commands.CommandTree) -> None:
    @tree.command(name="dashboard", description="A private sign-in link to your web dashboard (readiness, history)")
    @app_commands.guild_only()
    async def dashboard(interaction: discord.Interaction) -> None:
        link = app_of(interaction).web_access.link(member(interaction))  # refusals are answered in one place
        await say_privately(interaction, dashboard_message(link))
