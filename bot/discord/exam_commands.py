"""/exam start|resume|status|submit|abandon|result: each command calls the service and shows the result with its
controls (exam_components); nothing here is a control."""

# No `from __future__ import annotations`: discord.py reads the command callbacks' annotations.

import discord
from discord import app_commands

from bot.discord import exam_flow
from bot.discord.exam_components import abandon_command, show_item, show_status, submit_command
from bot.discord.handlers import app_of, member
from bot.services.display import ExamItemView
from bot.services.exam import EXAM_SIZES
from questions.exam import FULL_EXAM


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

    @exam.command(name="submit", description="Submit your exam and see the score report (asks if any is open)")
    async def submit_(interaction: discord.Interaction) -> None:
        await submit_command(interaction)

    @exam.command(name="abandon", description="Give up your exam in progress (asks first; nothing is kept)")
    async def abandon_(interaction: discord.Interaction) -> None:
        await abandon_command(interaction)

    @exam.command(name="result", description="The report of a finished exam: your last, or the one numbered")
    @app_commands.describe(number="The exam's number, as /history lists it (default: your last)")
    async def result(interaction: discord.Interaction, number: app_commands.Range[int, 1] | None = None) -> None:
        report = app_of(interaction).history.exam_result(member(interaction), number)
        await exam_flow.show_report(interaction, report)

    return exam
