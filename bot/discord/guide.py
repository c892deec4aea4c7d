"""The study guide on Discord: /compare (with autocomplete), /trap, /plan, /checklist, /read, /examdate, /examinfo."""

# No `from __future__ import annotations`: discord.py reads the command callbacks' annotations.

import re

import discord
from discord import app_commands, ui

from bot.discord import guide_render
from bot.discord.components import _SCOPE, NextQuestionButton, _scope_suffix
from bot.discord.handlers import app_of, member
from bot.discord.replies import MessageControls, Replying, say_privately
from bot.services.errors import QuizError

SUGGESTION_MAX = 25
CONTENT_MAX = 2000


# -- traps -------------------------------------------------------------------------
class AnotherTrapButton(Replying, ui.DynamicItem[ui.Button], template=rf"quiz:trap{_SCOPE}"):
    def __init__(self, scope: str | None = None) -> None:
        super().__init__(
            ui.Button(
                label="Another trap", style=discord.ButtonStyle.primary, custom_id=f"quiz:trap{_scope_suffix(scope)}"
            )
        )
        self.scope = scope

    @classmethod
    async def from_custom_id(cls, interaction: discord.Interaction, item: ui.Item, match: re.Match[str]):
        return cls(match["scope"])

    async def respond(self, interaction: discord.Interaction) -> None:
        await send_trap(interaction, self.scope, edit=True)


GUIDE_ITEMS = (AnotherTrapButton,)


async def send_trap(interaction: discord.Interaction, scope: str | None, *, edit: bool = False) -> None:
    app = app_of(interaction)
    trap = app.guide.trap(scope)
    embed = guide_render.trap_embed(trap)
    view = MessageControls()
    view.add_item(AnotherTrapButton(scope))
    if edit:
        await interaction.response.edit_message(embeds=[embed], view=view)
    else:
        await say_privately(interaction, embeds=[embed], view=view)


# -- comparisons ---------------------------------------------------------------------
async def comparison_names(interaction: discord.Interaction, current: str) -> list[app_commands.Choice[str]]:
    """Every comparison when nothing is typed yet, else those the guide matches (in the listing's order)."""
    guide = app_of(interaction).guide
    titles = guide.comparison_titles()
    if current.strip():
        try:
            matching = {c.id for c in guide.compare(current)}
        except QuizError:
            return []
        titles = [(cid, title) for cid, title in titles if cid in matching]
    return [app_commands.Choice(name=title[:100], value=cid) for cid, title in titles[:SUGGESTION_MAX]]


def _also(others) -> str | None:
    if not others:
        return None
    listed = ", ".join(f"`/compare {c.id}`" for c in others)
    text = f"Also matching: {listed}"
    return text if len(text) <= CONTENT_MAX else text[: CONTENT_MAX - 1] + "…"


async def reading_scopes(interaction: discord.Interaction, current: str) -> list[app_commands.Choice[str]]:
    """The domains, sections and objectives whose id or name holds what is typed."""
    scopes = app_of(interaction).guide.reading_scopes(current)
    return [app_commands.Choice(name=f"{i} · {name}"[:100], value=i) for i, name in scopes[:SUGGESTION_MAX]]


# -- the commands ----------------------------------------------------------------------
def add_guide_commands(tree: app_commands.CommandTree, scope_choices: list[app_commands.Choice[str]]) -> None:
    @tree.command(name="compare", description="Two or three look-alike concepts side by side, and when to use which")
    @app_commands.describe(query="A comparison (pick one) or words such as canary, drift, parallelism")
    @app_commands.autocomplete(query=comparison_names)
    async def compare(interaction: discord.Interaction, query: app_commands.Range[str, 1, 100]) -> None:
        found = app_of(interaction).guide.compare(query)
        chosen = next((c for c in found if c.id == query), found[0])
        others = [c for c in found if c is not chosen]
        await say_privately(interaction, _also(others), embeds=[guide_render.comparison_embed(chosen)])

    @tree.command(name="trap", description="A common exam trap and how to avoid it")
    @app_commands.describe(scope="Only traps of this domain or section")
    @app_commands.choices(scope=scope_choices)
    async def trap(interaction: discord.Interaction, scope: str | None = None) -> None:
        await send_trap(interaction, scope)

    @tree.command(name="plan", description="Your study plan: what to study next, from your own answers")
    @app_commands.guild_only()
    async def plan(interaction: discord.Interaction) -> None:
        view = app_of(interaction).guide.plan(member(interaction))
        buttons = MessageControls()
        buttons.add_item(NextQuestionButton(view.practice_scope, label=f"Practice {view.steps[0].section}"[:80]))
        await say_privately(interaction, embeds=[guide_render.plan_embed(view)], view=buttons)

    @tree.command(name="checklist", description="Are you exam-ready? The checklist, from your own answers")
    @app_commands.guild_only()
    async def checklist(interaction: discord.Interaction) -> None:
        view = app_of(interaction).guide.checklist(member(interaction))
        await say_privately(interaction, embeds=[guide_render.checklist_embed(view)])

    @tree.command(name="read", description="Where to read: the docs an objective's or section's questions cite most")
    @app_commands.describe(scope="An objective (OPS.MONITOR.2), a section (OPS.MONITOR) or a domain (OPS)")
    @app_commands.autocomplete(scope=reading_scopes)
    async def read(interaction: discord.Interaction, scope: app_commands.Range[str, 1, 60]) -> None:
        await say_privately(interaction, embeds=[guide_render.reading_embed(app_of(interaction).guide.read(scope))])

    @tree.command(name="examdate", description="The day you sit the exam: /plan and /checklist count down to it")
    @app_commands.describe(date="The exam's date, YYYY-MM-DD (leave out to see your countdown)", clear="Forget it")
    @app_commands.guild_only()
    async def examdate(
        interaction: discord.Interaction, date: app_commands.Range[str, 1, 40] | None = None, clear: bool = False
    ) -> None:
        countdown, who = app_of(interaction).guide.countdown, member(interaction)
        if clear:
            gone = countdown.clear(who)
            await say_privately(interaction, "Exam date cleared." if gone else "No exam date was set.")
            return
        view = countdown.set(who, date) if date else countdown.show(who)
        if view is None:
            await say_privately(interaction, "No exam date set. " + guide_render.EXAM_DATE_HINT)
            return
        await say_privately(interaction, embeds=[guide_render.countdown_embed(view)])

    @tree.command(name="examinfo", description="The exam's facts: questions, time, pass mark, domains and weights")
    async def examinfo(interaction: discord.Interaction) -> None:
        await say_privately(interaction, embeds=[guide_render.exam_info_embed(app_of(interaction).guide.exam_info())])
