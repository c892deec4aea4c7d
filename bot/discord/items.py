"""/bank flagged|stats|keep and /reports list|show|resolve for admins: each parses its options into one
service call and renders the view. The analysis can take a second on a large database, so each defers."""

# No `from __future__ import annotations`: discord.py reads the command callbacks' annotations.

import discord
from discord import app_commands

from bot.discord.handlers import app_of, member
from bot.discord.identity import channel_of
from bot.discord.render_items import flagged_embed, item_embed, report_embed, reports_embed
from bot.discord.replies import say_privately
from bot.services.itemstats import MAX_RESOLUTION


async def thinking(interaction: discord.Interaction) -> None:
    await interaction.response.defer(ephemeral=True, thinking=True)


def add_items_commands(tree: app_commands.CommandTree) -> None:
    tree.add_command(bank_group())
    tree.add_command(reports_group())


def bank_group() -> app_commands.Group:
    bank = app_commands.Group(name="bank", description="The question bank's statistics (admins)", guild_only=True)

    @bank.command(name="flagged", description="Questions the answers flag: likely miskeyed, too easy, too hard...")
    async def flagged(interaction: discord.Interaction) -> None:
        await thinking(interaction)
        view = app_of(interaction).items.flagged(member(interaction))
        await say_privately(interaction, embeds=[flagged_embed(view)])

    @bank.command(name="stats", description="One question's statistics: facility, discrimination, option pull")
    @app_commands.describe(question="The question's id, e.g. md-scale-001")
    async def stats(interaction: discord.Interaction, question: app_commands.Range[str, 1, 100]) -> None:
        await thinking(interaction)
        view = app_of(interaction).items.question(member(interaction), question)
        await say_privately(interaction, embeds=[item_embed(view)])

    @bank.command(name="keep", description="Mark a flagged question reviewed and kept (quiet until new evidence)")
    @app_commands.describe(question="The question's id, e.g. md-scale-001")
    async def keep(interaction: discord.Interaction, question: app_commands.Range[str, 1, 100]) -> None:
        await thinking(interaction)
        view = app_of(interaction).items.keep(member(interaction), question)
        await say_privately(interaction, embeds=[item_embed(view, f"{view.question_id} reviewed and kept")])

    @bank.command(name="digest", description="A weekly digest of new reports and flags in this channel (admins)")
    @app_commands.describe(on="True (default): here, every week; False: stop the digest")
    async def digest(interaction: discord.Interaction, on: bool = True) -> None:
        view = app_of(interaction).items.set_digest(member(interaction), channel_of(interaction), on)
        if view.on:
            await say_privately(interaction, f"The weekly item digest will be posted in #{view.channel}, {view.when}.")
        else:
            await say_privately(interaction, "The weekly item digest is stopped.")

    return bank


def reports_group() -> app_commands.Group:
    reports = app_commands.Group(name="reports", description="Problem reports on questions (admins)", guild_only=True)

    @reports.command(name="list", description="The newest problem reports people filed")
    @app_commands.describe(everything="Resolved reports too")
    async def list_(interaction: discord.Interaction, everything: bool = False) -> None:
        await thinking(interaction)
        view = app_of(interaction).items.reports(member(interaction), include_resolved=everything)
        await say_privately(interaction, embeds=[reports_embed(view)])

    @reports.command(name="show", description="One report beside its question's statistics")
    @app_commands.describe(number="The report's number, as /reports list shows it")
    async def show(interaction: discord.Interaction, number: app_commands.Range[int, 1]) -> None:
        await thinking(interaction)
        view = app_of(interaction).items.report(member(interaction), number)
        await say_privately(interaction, embeds=[report_embed(view)])

    @reports.command(name="resolve", description="Resolve a report with a note on what was done")
    @app_commands.describe(number="The report's number", note="What was done, e.g. key fixed to B")
    async def resolve(
        interaction: discord.Interaction,
        number: app_commands.Range[int, 1],
        note: app_commands.Range[str, 1, MAX_RESOLUTION],
    ) -> None:
        await thinking(interaction)
        view = app_of(interaction).items.resolve(member(interaction), number, note)
        await say_privately(interaction, f"Report #{view.id} resolved.", embeds=[report_embed(view)])

    return reports
