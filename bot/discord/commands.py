"""The slash commands: each parses its options into one service call and renders the returned view."""

# No `from __future__ import annotations` here: discord.py reads the parameter annotations of the
# command callbacks (Range, Literal) to build the options Discord shows.

import io
import logging
from collections.abc import Iterable
from typing import Literal

import discord
from discord import app_commands

from bot.discord import components, render
from bot.discord.dashboard import add_dashboard_command
from bot.discord.exam_commands import exam_group
from bot.discord.guide import add_guide_commands
from bot.discord.handlers import app_of, member
from bot.discord.identity import channel_of
from bot.discord.items import add_items_commands
from bot.discord.privacy import privacy_group
from bot.discord.render_study import team_members_embed
from bot.discord.replies import reply_to_error, say_privately
from bot.discord.study import add_study_commands
from bot.discord.timezones import match_timezones
from bot.services.bounds import DEFAULT_FEEDBACK, DEFAULT_WEEKDAYS, FEEDBACK_MODES, MAX_OPEN_HOURS, MIN_OPEN_HOURS
from bot.services.display import ScopeView
from bot.services.rules import rules_text

log = logging.getLogger(__name__)
STATS_CHART = "stats.png"
BOARD_SCOPES = {"channel": "channel", "server": "workspace", "team": "team"}


class QuizCommandTree(app_commands.CommandTree):
    """Every command's refusal or failure is answered by the one mapping that buttons and menus use too."""

    async def on_error(self, interaction: discord.Interaction, error: app_commands.AppCommandError) -> None:
        data: dict = dict(interaction.data or {})
        name = getattr(interaction.command, "qualified_name", None) or data.get("name", "?")
        await reply_to_error(interaction, error, f"command /{name}")


def scope_choices(scopes: Iterable[ScopeView]) -> list[app_commands.Choice[str]]:
    choices = [
        app_commands.Choice(
            name=f"{s.name} (whole domain)" if s.is_domain else f"{s.domain_name} › {s.name}", value=s.id
        )
        for s in scopes
    ]
    return choices[:25]


def jump_url(guild_id: int | None, message_ref: str | None) -> str:
    if not message_ref or ":" not in message_ref:
        return ""
    channel_id, message_id = message_ref.split(":", 1)
    return f"https://discord.com/channels/{guild_id}/{channel_id}/{message_id}"


def add_commands(tree: app_commands.CommandTree, scopes: Iterable[ScopeView]) -> None:
    @tree.command(name="quiz", description="A private practice question with instant feedback")
    @app_commands.guild_only()
    @app_commands.describe(
        scope="Only questions from this domain or section",
        ids="Only these questions, one after the other, e.g. md-sparkml-001,ops-mon-a-002 (as /plan prints)",
    )
    @app_commands.choices(scope=scope_choices(scopes))
    async def quiz(
        interaction: discord.Interaction, scope: str | None = None, ids: app_commands.Range[str, 1, 1000] | None = None
    ) -> None:
        if ids:
            await components.send_set_question(interaction, lambda app, who: app.study.practice_ids(who, ids))
            return
        await components.send_practice_question(interaction, scope)

    tree.add_command(daily_group())
    tree.add_command(team_group())

    @tree.command(name="leaderboard", description="Standings for this channel, the server or the teams")
    @app_commands.guild_only()
    @app_commands.describe(scope="Whose standings (default: the whole server)", period="This season or all time")
    async def leaderboard(
        interaction: discord.Interaction,
        scope: Literal["channel", "server", "team"] = "server",
        period: Literal["season", "all"] = "season",
    ) -> None:
        view = app_of(interaction).competition.leaderboard(
            member(interaction), BOARD_SCOPES[scope], period, channel_id_on_platform=str(interaction.channel_id)
        )
        await say_privately(interaction, embeds=[render.leaderboard_embed(view)])

    @tree.command(name="stats", description="Your accuracy, a chart and your readiness (only you see it)")
    @app_commands.guild_only()
    async def stats(interaction: discord.Interaction) -> None:
        practice, who = app_of(interaction).practice, member(interaction)
        view, png = practice.stats(who), practice.stats_chart(who)
        if png is None:
            await say_privately(interaction, embeds=[render.stats_embed(view)])
            return
        chart = discord.File(io.BytesIO(png), filename=STATS_CHART)
        await say_privately(interaction, embeds=[render.stats_embed(view, image=STATS_CHART)], files=[chart])

    @tree.command(name="help", description="How to use the quiz bot and how points are counted")
    async def help_(interaction: discord.Interaction) -> None:
        await say_privately(interaction, embeds=[render.help_embed(rules_text())])

    tree.add_command(exam_group())
    add_guide_commands(tree, scope_choices(scopes))
    tree.add_command(privacy_group())
    add_study_commands(tree)
    add_items_commands(tree)
    add_dashboard_command(tree)


def daily_group() -> app_commands.Group:
    daily = app_commands.Group(name="daily", description="This channel's daily question", guild_only=True)

    async def timezone_names(interaction: discord.Interaction, current: str) -> list[app_commands.Choice[str]]:
        return [app_commands.Choice(name=zone, value=zone) for zone in match_timezones(current)]

    @daily.command(name="setup", description="Post a daily question here (Manage Server or the quiz admin role)")
    @app_commands.rename(local_time="time")
    @app_commands.describe(
        local_time="Local time, 24-hour HH:MM, e.g. 09:00",
        timezone="IANA time zone, e.g. Europe/Berlin",
        weekdays=f"{DEFAULT_WEEKDAYS} (default), daily, or a list such as mon,wed,fri",
        open_hours="Hours answers stay open (default: until the next post, at most 24)",
        feedback="reveal: verdicts at the reveal (default); immediate: private verdict at once",
    )
    @app_commands.autocomplete(timezone=timezone_names)
    @app_commands.choices(feedback=[app_commands.Choice(name=mode, value=mode) for mode in FEEDBACK_MODES])
    async def setup(
        interaction: discord.Interaction,
        local_time: app_commands.Range[str, 4, 8],
        timezone: str,
        weekdays: str = DEFAULT_WEEKDAYS,
        open_hours: app_commands.Range[int, MIN_OPEN_HOURS, MAX_OPEN_HOURS] | None = None,
        feedback: str = DEFAULT_FEEDBACK,
    ) -> None:
        view = app_of(interaction).daily_setup.configure(
            member(interaction),
            channel_of(interaction),
            local_time=local_time,
            timezone=timezone,
            weekdays=weekdays,
            open_hours=open_hours,
            feedback=feedback,
        )
        await say_privately(interaction, "Daily question set up.", embeds=[render.schedule_embed(view)])

    @daily.command(name="show", description="This channel's daily question schedule")
    async def show(interaction: discord.Interaction) -> None:
        view = app_of(interaction).daily_setup.show(member(interaction), channel_of(interaction))
        await say_privately(interaction, embeds=[render.schedule_embed(view)])

    @daily.command(name="pause", description="Pause this channel's daily question (admins)")
    async def pause(interaction: discord.Interaction) -> None:
        view = app_of(interaction).daily_setup.set_paused(member(interaction), channel_of(interaction), True)
        await say_privately(interaction, "Paused.", embeds=[render.schedule_embed(view)])

    @daily.command(name="resume", description="Resume this channel's daily question (admins)")
    async def resume(interaction: discord.Interaction) -> None:
        view = app_of(interaction).daily_setup.set_paused(member(interaction), channel_of(interaction), False)
        await say_privately(interaction, "Resumed.", embeds=[render.schedule_embed(view)])

    @daily.command(name="post-now", description="Post today's question now (admins; once per day)")
    async def post_now(interaction: discord.Interaction) -> None:
        await interaction.response.defer(ephemeral=True, thinking=True)
        post = await app_of(interaction).daily.post_now(member(interaction), channel_of(interaction))
        link = jump_url(interaction.guild_id, post.message_ref)
        await say_privately(
            interaction, f"Today's question is posted: {link}" if link else "Today's question is posted."
        )

    @daily.command(name="reveal-now", description="Close the open question and reveal it now (admins)")
    async def reveal_now(interaction: discord.Interaction) -> None:
        await interaction.response.defer(ephemeral=True, thinking=True)
        view = await app_of(interaction).daily.reveal_now(member(interaction), channel_of(interaction))
        await say_privately(interaction, f"Revealed: the answer was {', '.join(view.key)}.")

    return daily


def team_group() -> app_commands.Group:
    team = app_commands.Group(name="team", description="Teams of this server", guild_only=True)

    async def team_names(interaction: discord.Interaction, current: str) -> list[app_commands.Choice[str]]:
        teams = app_of(interaction).competition.list_teams(member(interaction))
        typed = current.casefold()
        return [app_commands.Choice(name=t.name, value=t.name) for t in teams if typed in t.name.casefold()][:25]

    @team.command(name="create", description="Create a team; you join it")
    async def create(interaction: discord.Interaction, name: app_commands.Range[str, 2, 40]) -> None:
        created = app_of(interaction).competition.create_team(member(interaction), name)
        left = f" (you left {render.name(created.left)})" if created.left else ""
        await say_privately(interaction, f"Team **{render.name(created.name)}** created; you are in it{left}.")

    @team.command(name="join", description="Join a team (moving from your current one)")
    @app_commands.autocomplete(name=team_names)
    async def join(interaction: discord.Interaction, name: str) -> None:
        joined, left = app_of(interaction).competition.join_team(member(interaction), name)
        moved = f" You left {render.name(left)}; the points you earned there stay with it." if left else ""
        await say_privately(interaction, f"You are in **{render.name(joined.name)}** now.{moved}")

    @team.command(name="leave", description="Leave your team")
    async def leave(interaction: discord.Interaction) -> None:
        left = app_of(interaction).competition.leave_team(member(interaction))
        await say_privately(interaction, f"You left **{render.name(left)}**.")

    @team.command(name="list", description="The teams of this server")
    async def list_(interaction: discord.Interaction) -> None:
        teams = app_of(interaction).competition.list_teams(member(interaction))
        await say_privately(interaction, embeds=[render.teams_embed(teams)])

    @team.command(name="members", description="Who is in a team (yours by default)")
    @app_commands.autocomplete(name=team_names)
    async def members(interaction: discord.Interaction, name: str | None = None) -> None:
        view = app_of(interaction).competition.team_members(member(interaction), name)
        await say_privately(interaction, embeds=[team_members_embed(view)])

    @team.command(name="rename", description="Rename a team (Manage Server or the quiz admin role)")
    @app_commands.autocomplete(name=team_names)
    async def rename(interaction: discord.Interaction, name: str, new_name: app_commands.Range[str, 2, 40]) -> None:
        renamed = app_of(interaction).competition.rename_team(member(interaction), name, new_name)
        await say_privately(interaction, f"The team is now called **{render.name(renamed.name)}**.")

    @team.command(name="delete", description="Delete a team; its members keep their points (admins)")
    @app_commands.autocomplete(name=team_names)
    async def delete(interaction: discord.Interaction, name: str) -> None:
        deleted = app_of(interaction).competition.delete_team(member(interaction), name)
        await say_privately(interaction, f"Team **{render.name(deleted.name)}** deleted; its members are in no team.")

    return team
