"""The mock exam on Discord: /exam start|resume|status|submit|result and what its buttons do. Everything
is ephemeral; a press edits the pressed message (the next question, the review, the report)."""

# No `from __future__ import annotations`: discord.py reads the command callbacks' annotations.

from collections.abc import Callable, Iterable
from datetime import timedelta

import discord
from discord import app_commands

from bot.discord import exam_components
from bot.discord.exam_render import exam_item_embed, exam_report_embeds, exam_status_embed
from bot.discord.handlers import app_of, member
from bot.discord.replies import on_error, refuse, say_privately
from bot.services.display import ExamItemView, ExamReportView
from bot.services.errors import QuizError
from bot.services.exam import EXAM_SIZES, ExamService, ExamTimeUpError
from bot.services.identity import Member
from questions.exam import FULL_EXAM

ExamCall = Callable[[ExamService, Member], object]


async def _respond(
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
    await _respond(interaction, content, exam_report_embeds(report), None, edit=edit)


@on_error(ExamTimeUpError)
async def show_time_up(interaction: discord.Interaction, up: Exception) -> None:
    assert isinstance(up, ExamTimeUpError)
    await show_report(interaction, up.report, str(up))


async def _run(interaction: discord.Interaction, call: ExamCall, *, edit: bool):
    """The service's answer, or None once a refusal or (time up) the report was shown."""
    try:
        return call(app_of(interaction).exam, member(interaction))
    except ExamTimeUpError as up:
        await show_report(interaction, up.report, str(up), edit=edit)
    except QuizError as error:
        await refuse(interaction, error)
    return None


async def show_item(
    interaction: discord.Interaction,
    call: ExamCall,
    *,
    edit: bool,
    content: Callable[[ExamItemView], str] | None = None,
) -> None:
    item = await _run(interaction, call, edit=edit)
    if item is None:
        return
    ends_at = app_of(interaction).quiz.clock() + timedelta(seconds=item.remaining_seconds)
    embed = exam_item_embed(item, ends_at=ends_at)
    text = content(item) if content else None
    await _respond(interaction, text, [embed], exam_components.item_view(item), edit=edit)


async def show_status(interaction: discord.Interaction, *, edit: bool, back_to: int | None = None) -> None:
    status = await _run(interaction, lambda exams, who: exams.status(who), edit=edit)
    if status is not None:
        view = exam_components.status_view(status, back_to)
        await _respond(interaction, None, [exam_status_embed(status)], view, edit=edit)


# -- what the buttons do ---------------------------------------------------------
async def answer(interaction: discord.Interaction, exam_id: int, position: int, chosen: Iterable[str] | str) -> None:
    letters = list(chosen)
    await show_item(interaction, lambda exams, who: exams.answer(who, exam_id, position, letters), edit=True)


async def flag(interaction: discord.Interaction, exam_id: int, position: int, flagged: bool) -> None:
    await show_item(interaction, lambda exams, who: exams.flag(who, exam_id, position, flagged), edit=True)


async def go(interaction: discord.Interaction, exam_id: int, position: int) -> None:
    await show_item(interaction, lambda exams, who: exams.item(who, exam_id, position), edit=True)


async def review(interaction: discord.Interaction, exam_id: int, position: int) -> None:
    await show_status(interaction, edit=True, back_to=position)


async def submit(interaction: discord.Interaction, exam_id: int) -> None:
    report = await _run(interaction, lambda exams, who: exams.submit(who, exam_id), edit=True)
    if report is not None:
        await show_report(interaction, report, "Submitted.", edit=True)


# -- /exam ---------------------------------------------------------------------------
def _size_choices() -> list[app_commands.Choice[int]]:
    return [
        app_commands.Choice(name=f"{n} questions" + (" (the full exam)" if n == FULL_EXAM else ""), value=n)
        for n in sorted(EXAM_SIZES, reverse=True)
    ]


def exam_group() -> app_commands.Group:
    exam = app_commands.Group(name="exam", description="A timed mock exam, only you see it", guild_only=True)

    @exam.command(name="start", description="Start a timed mock exam (answers revealed when you submit)")
    @app_commands.describe(size="How many questions; the time is in proportion (59 in 120 minutes)")
    @app_commands.choices(size=_size_choices())
    async def start(interaction: discord.Interaction, size: int = FULL_EXAM) -> None:
        exams = app_of(interaction).exam

        def intro(item: ExamItemView) -> str:
            return (
                f"Mock exam: {item.total} questions in {exams.minutes_for(item.total)} minutes; the clock runs "
                "on the server. Change answers and flag questions freely until you submit."
            )

        await show_item(interaction, lambda exams, who: exams.start(who, size), edit=False, content=intro)

    @exam.command(name="resume", description="Back to your exam in progress, at the first unanswered question")
    async def resume(interaction: discord.Interaction) -> None:
        await show_item(interaction, lambda exams, who: exams.resume(who), edit=False)

    @exam.command(name="status", description="Answered, unanswered and flagged questions, and the time left")
    async def status(interaction: discord.Interaction) -> None:
        await show_status(interaction, edit=False)

    @exam.command(name="submit", description="Submit your exam now and see the score report")
    async def submit_(interaction: discord.Interaction) -> None:
        report = await _run(interaction, lambda exams, who: exams.submit(who), edit=False)
        if report is not None:
            await show_report(interaction, report, "Submitted.")

    @exam.command(name="result", description="The report of your last finished exam")
    async def result(interaction: discord.Interaction) -> None:
        report = await _run(interaction, lambda exams, who: exams.last_report(who), edit=False)
        if report is None:
            if not interaction.response.is_done():
                await say_privately(interaction, "No finished exam yet. Start one with `/exam start`.")
            return
        await show_report(interaction, report)

    return exam
