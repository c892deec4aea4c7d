"""The mock exam's buttons and menu. Every custom id carries the exam id and the question position, so
a press works after a restart, and a second press of the same button sets the same state again."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

import discord
from discord import ui

from bot.discord import exam_flow
from bot.discord.components import ReportButton, choose_n, on_row
from bot.discord.exam_flow import ExamCall
from bot.discord.exam_render import exam_item_embed, exam_status_embed
from bot.discord.replies import MessageControls, Replying
from bot.services.display import ExamItemView, ExamStatusView
from bot.services.exam import ALREADY_OVER, ConfirmSubmitError

_EXAM = r"(?P<exam>[0-9]{1,19})"
_POSITION = r"(?P<position>[0-9]{1,3})"
OPTION_DESCRIPTION_MAX = 100


def _clip(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


class ExamAnswerButton(
    Replying, ui.DynamicItem[ui.Button], template=rf"quiz:exam:{_EXAM}:{_POSITION}:(?P<letter>[A-E])"
):
    def __init__(self, exam_id: int, position: int, letter: str, chosen: bool = False) -> None:
        super().__init__(
            ui.Button(
                label=letter,
                style=discord.ButtonStyle.success if chosen else discord.ButtonStyle.primary,
                custom_id=f"quiz:exam:{exam_id}:{position}:{letter}",
            )
        )
        self.exam_id, self.position, self.letter = exam_id, position, letter

    @classmethod
    async def from_custom_id(cls, interaction: discord.Interaction, item: ui.Item, match: re.Match[str]):
        return cls(int(match["exam"]), int(match["position"]), match["letter"])

    async def respond(self, interaction: discord.Interaction) -> None:
        await answer(interaction, self.exam_id, self.position, self.letter)


class ExamAnswerSelect(Replying, ui.DynamicItem[ui.Select], template=rf"quiz:exam-multi:{_EXAM}:{_POSITION}"):
    def __init__(self, exam_id: int, position: int, options: list[discord.SelectOption], choose: int) -> None:
        super().__init__(choose_n(f"quiz:exam-multi:{exam_id}:{position}", options, choose))
        self.exam_id, self.position = exam_id, position

    @classmethod
    async def from_custom_id(cls, interaction: discord.Interaction, item: ui.Item, match: re.Match[str]):
        assert isinstance(item, ui.Select)
        return cls(int(match["exam"]), int(match["position"]), item.options, item.min_values)

    async def respond(self, interaction: discord.Interaction) -> None:
        await answer(interaction, self.exam_id, self.position, self.item.values)


class ExamFlagButton(Replying, ui.DynamicItem[ui.Button], template=rf"quiz:exam-flag:{_EXAM}:{_POSITION}:(?P<on>[01])"):
    """Sets the flag to the state in its id (not a toggle), so a repeated press changes nothing."""

    def __init__(self, exam_id: int, position: int, flag: bool) -> None:
        super().__init__(
            ui.Button(
                label="Flag for review" if flag else "Unflag",
                emoji="🔖" if flag else None,
                style=discord.ButtonStyle.secondary,
                custom_id=f"quiz:exam-flag:{exam_id}:{position}:{int(flag)}",
            )
        )
        self.exam_id, self.position, self.flag = exam_id, position, flag

    @classmethod
    async def from_custom_id(cls, interaction: discord.Interaction, item: ui.Item, match: re.Match[str]):
        return cls(int(match["exam"]), int(match["position"]), match["on"] == "1")

    async def respond(self, interaction: discord.Interaction) -> None:
        await flag(interaction, self.exam_id, self.position, self.flag)


class ExamGoButton(Replying, ui.DynamicItem[ui.Button], template=rf"quiz:exam-go:{_EXAM}:{_POSITION}:(?P<tag>[a-z])"):
    """Shows question `position`; the tag keeps two buttons to the same question apart in one message."""

    def __init__(self, exam_id: int, position: int, tag: str, label: str, disabled: bool = False) -> None:
        super().__init__(
            ui.Button(
                label=label,
                style=discord.ButtonStyle.secondary,
                disabled=disabled,
                custom_id=f"quiz:exam-go:{exam_id}:{position}:{tag}",
            )
        )
        self.exam_id, self.position = exam_id, position

    @classmethod
    async def from_custom_id(cls, interaction: discord.Interaction, item: ui.Item, match: re.Match[str]):
        return cls(int(match["exam"]), int(match["position"]), match["tag"], getattr(item, "label", None) or "Go")

    async def respond(self, interaction: discord.Interaction) -> None:
        await go(interaction, self.exam_id, self.position)


class ExamReviewButton(Replying, ui.DynamicItem[ui.Button], template=rf"quiz:exam-review:{_EXAM}:{_POSITION}"):
    def __init__(self, exam_id: int, position: int) -> None:
        super().__init__(
            ui.Button(
                label="Review & submit",
                style=discord.ButtonStyle.success,
                custom_id=f"quiz:exam-review:{exam_id}:{position}",
            )
        )
        self.exam_id, self.position = exam_id, position

    @classmethod
    async def from_custom_id(cls, interaction: discord.Interaction, item: ui.Item, match: re.Match[str]):
        return cls(int(match["exam"]), int(match["position"]))

    async def respond(self, interaction: discord.Interaction) -> None:
        await review(interaction, self.exam_id, self.position)


class ExamSubmitButton(Replying, ui.DynamicItem[ui.Button], template=rf"quiz:exam-submit:{_EXAM}"):
    """Submits from the review screen, which lists what is unanswered or flagged: pressing it is the
    confirmation the service asks for."""

    def __init__(self, exam_id: int, label: str = "Submit exam") -> None:
        super().__init__(
            ui.Button(label=label, style=discord.ButtonStyle.danger, custom_id=f"quiz:exam-submit:{exam_id}")
        )
        self.exam_id = exam_id

    @classmethod
    async def from_custom_id(cls, interaction: discord.Interaction, item: ui.Item, match: re.Match[str]):
        return cls(int(match["exam"]))

    async def respond(self, interaction: discord.Interaction) -> None:
        await submit(interaction, self.exam_id)


class ExamAbandonButton(Replying, ui.DynamicItem[ui.Button], template=rf"quiz:exam-abandon:{_EXAM}"):
    """Gives up the exam named in its id (shown only after /exam abandon asked)."""

    def __init__(self, exam_id: int) -> None:
        super().__init__(
            ui.Button(label="Abandon exam", style=discord.ButtonStyle.danger, custom_id=f"quiz:exam-abandon:{exam_id}")
        )
        self.exam_id = exam_id

    @classmethod
    async def from_custom_id(cls, interaction: discord.Interaction, item: ui.Item, match: re.Match[str]):
        return cls(int(match["exam"]))

    async def respond(self, interaction: discord.Interaction) -> None:
        await abandon(interaction, self.exam_id)


EXAM_ITEMS = (
    ExamAnswerButton,
    ExamAnswerSelect,
    ExamFlagButton,
    ExamGoButton,
    ExamReviewButton,
    ExamSubmitButton,
    ExamAbandonButton,
)


# -- views -------------------------------------------------------------------------
def item_view(item: ExamItemView) -> ui.View:
    """The options (the current answer highlighted), then Previous, Flag, Next, Review & submit, Report."""
    exam_id, position, question = item.exam_id, item.position, item.question
    view = MessageControls()
    if question.is_multiple:
        options = [
            discord.SelectOption(
                label=o.letter,
                value=o.letter,
                description=_clip(o.text, OPTION_DESCRIPTION_MAX),
                default=o.letter in item.chosen,
            )
            for o in question.options
        ]
        view.add_item(ExamAnswerSelect(exam_id, position, options, question.choose))
    else:
        for option in question.options:
            view.add_item(ExamAnswerButton(exam_id, position, option.letter, option.letter in item.chosen))
    previous = max(position - 1, 1)
    following = min(position + 1, item.total)
    view.add_item(on_row(ExamGoButton(exam_id, previous, "p", "◀ Previous", disabled=position == 1), 1))
    view.add_item(on_row(ExamFlagButton(exam_id, position, not item.flagged), 1))
    view.add_item(on_row(ExamGoButton(exam_id, following, "n", "Next ▶", disabled=position == item.total), 1))
    view.add_item(on_row(ExamReviewButton(exam_id, position), 1))
    view.add_item(on_row(ReportButton(question.question_id), 1))
    return view


def status_view(status: ExamStatusView, back_to: int | None = None) -> ui.View:
    """Jumps to the first unanswered and first flagged question (and back), and the submit button."""
    view = MessageControls()
    if back_to is not None:
        view.add_item(ExamGoButton(status.exam_id, back_to, "b", f"Back to Q{back_to}"))
    if status.unanswered:
        first = status.unanswered[0]
        view.add_item(ExamGoButton(status.exam_id, first, "u", f"First unanswered: Q{first}"))
    if status.flagged:
        first = status.flagged[0]
        view.add_item(ExamGoButton(status.exam_id, first, "f", f"First flagged: Q{first}"))
    view.add_item(ExamSubmitButton(status.exam_id, "Submit exam" if status.settled else "Submit anyway"))
    return view


def abandon_view(status: ExamStatusView) -> ui.View:
    """Abandon for good, or back to the exam at its first unanswered question."""
    view = MessageControls()
    view.add_item(ExamAbandonButton(status.exam_id))
    back = status.unanswered[0] if status.unanswered else 1
    view.add_item(ExamGoButton(status.exam_id, back, "b", "Keep the exam"))
    return view


# -- showing a question or the status, with their controls --------------------------
async def show_item(
    interaction: discord.Interaction,
    call: ExamCall,
    *,
    edit: bool,
    content: Callable[[ExamItemView], str] | None = None,
) -> None:
    item = await exam_flow.run(interaction, call, edit=edit)
    if item is None:
        return
    embed = exam_item_embed(item, ends_at=item.ends_at)
    text = content(item) if content else None
    await exam_flow.respond(interaction, text, [embed], item_view(item), edit=edit)


async def show_status(
    interaction: discord.Interaction, *, edit: bool, back_to: int | None = None, exam_id: int | None = None
) -> None:
    status = await exam_flow.run(interaction, lambda exams, who: exams.status(who, exam_id), edit=edit)
    if status is not None:
        view = status_view(status, back_to)
        await exam_flow.respond(interaction, None, [exam_status_embed(status)], view, edit=edit)


# -- what the buttons do ---------------------------------------------------------
async def answer(interaction: discord.Interaction, exam_id: int, position: int, chosen: Iterable[str] | str) -> None:
    letters = list(chosen)
    await show_item(interaction, lambda exams, who: exams.answer(who, exam_id, position, letters), edit=True)


async def flag(interaction: discord.Interaction, exam_id: int, position: int, flagged: bool) -> None:
    await show_item(interaction, lambda exams, who: exams.flag(who, exam_id, position, flagged), edit=True)


async def go(interaction: discord.Interaction, exam_id: int, position: int) -> None:
    await show_item(interaction, lambda exams, who: exams.item(who, exam_id, position), edit=True)


async def review(interaction: discord.Interaction, exam_id: int, position: int) -> None:
    await show_status(interaction, edit=True, back_to=position, exam_id=exam_id)


async def submit(interaction: discord.Interaction, exam_id: int) -> None:
    report = await exam_flow.run(interaction, lambda exams, who: exams.submit(who, exam_id, confirmed=True), edit=True)
    if report is not None:
        note = ALREADY_OVER if report.already_over else "Submitted."
        await exam_flow.show_report(interaction, report, note, edit=True)


async def submit_command(interaction: discord.Interaction) -> None:
    """/exam submit: at once when everything is answered and nothing flagged; otherwise the review screen
    asks first."""

    def attempt(exams, who):
        try:
            return exams.submit(who)
        except ConfirmSubmitError as unsure:
            return unsure

    outcome = await exam_flow.run(interaction, attempt, edit=False)
    if isinstance(outcome, ConfirmSubmitError):
        status = outcome.status
        await exam_flow.respond(interaction, str(outcome), [exam_status_embed(status)], status_view(status), edit=False)
    elif outcome is not None:
        await exam_flow.show_report(interaction, outcome, "Submitted.")


async def abandon_command(interaction: discord.Interaction) -> None:
    """/exam abandon: asks first, with the exam's state, and a button to keep it."""
    status = await exam_flow.run(interaction, lambda exams, who: exams.status(who), edit=False)
    if status is not None:
        await exam_flow.respond(interaction, status.abandon_question, [], abandon_view(status), edit=False)


async def abandon(interaction: discord.Interaction, exam_id: int) -> None:
    gone = await exam_flow.run(interaction, lambda exams, who: exams.abandon(who, exam_id), edit=True)
    if gone is not None:
        text = f"{gone.text} Start a new one with `/exam start`."
        await exam_flow.respond(interaction, text, [], None, edit=True)
