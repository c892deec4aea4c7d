"""/review, /history and /search: each parses its options into one service call and shows the view."""

# No `from __future__ import annotations`: discord.py reads the command callbacks' annotations.

import discord
from discord import app_commands

from bot.discord.components import send_set_question
from bot.discord.handlers import app_of, member
from bot.discord.render_study import history_embed, search_embed
from bot.discord.replies import say_privately
from bot.services.bounds import REVIEW_ORDERS


def add_study_commands(tree: app_commands.CommandTree) -> None:
    @tree.command(name="review", description="Your mistakes again: questions you got wrong and not since right")
    @app_commands.guild_only()
    @app_commands.describe(order="newest: the latest miss first (default); objective: grouped by objective")
    @app_commands.choices(order=[app_commands.Choice(name=order, value=order) for order in REVIEW_ORDERS])
    async def review(interaction: discord.Interaction, order: str = REVIEW_ORDERS[0]) -> None:
        await send_set_question(interaction, lambda app, who: app.study.review(who, order))

    @tree.command(name="history", description="Your practice rounds, mock exams and progress by week (only you)")
    @app_commands.guild_only()
    async def history(interaction: discord.Interaction) -> None:
        view = app_of(interaction).history.history(member(interaction))
        await say_privately(interaction, embeds=[history_embed(view)])

    @tree.command(name="search", description="Search the questions you have answered: words, objective or id")
    @app_commands.guild_only()
    @app_commands.describe(
        query="Words, an objective such as OPS.MONITOR.2, a section, or a question id",
        everything="Admins: every question, answered or not",
    )
    async def search(
        interaction: discord.Interaction, query: app_commands.Range[str, 1, 200], everything: bool = False
    ) -> None:
        view = app_of(interaction).study.search(member(interaction), query, everything=everything)
        await say_privately(interaction, embeds=[search_embed(view)])
