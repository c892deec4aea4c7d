"""The mock exam on Discord, the part that needs no controls: a service call with its refusals and time-up
answered, and the report. Everything is ephemeral; a press edits the pressed message."""

from __future__ import annotations

from collections.abc import Callable

import discord

from bot.discord.exam_render import exam_report_embeds
from bot.discord.handlers import app_of, member
from bot.discord.replies import on_error, refuse, say_privately
from bot.services.display import ExamReportView
from bot.services.errors import QuizError
from bot.services.exam import ExamOverError, ExamService, ExamTimeUpError
from bot.services.identity import Member

ExamCall = Callable[[ExamService, Member], object]


async def respond(
    interaction: discord.Interaction,
    content: str | None,
    embeds: list[discord.Embed],
    view: discord.ui.View | None,
    *,
    edit: bool,
) -> None:
    """Edit the message whose button was pressed (callback type 7), or send a new private one."""
    if edit:
        await interaction.response.edit_message(content=content, embeds=embeds, view=view)
    else:
        await say_privately(interaction, content, embeds=embeds, view=view)


async def show_report(
    interaction: discord.Interaction, report: ExamReportView, content: str | None = None, *, edit: bool = False
) -> None:
    await respond(interaction, content, exam_report_embeds(report), None, edit=edit)


@on_error(ExamTimeUpError)
async def show_time_up(interaction: discord.Interaction, up: Exception) -> None:
    assert isinstance(up, ExamTimeUpError)
    await show_report(interaction, up.report, str(up))


async def run(interaction: discord.Interaction, call: ExamCall, *, edit: bool):
    """The service's answer, or None once a refusal or (time up) the report was shown."""
    try:
        return call(app_of(interaction).exam, member(interaction))
    except (ExamTimeUpError, ExamOverError) as finished:  # the exam is over: its report, in place
        await show_report(interaction, finished.report, str(finished), edit=edit)
    except QuizError as error:
        await refuse(interaction, error)
    return None
