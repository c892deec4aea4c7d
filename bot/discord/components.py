"""Buttons and select menus, and what pressing them does. Each is a persistent dynamic item: its custom id
carries what it answers (the practice ask or the daily post), so a button on yesterday's post still works
after a restart."""

from __future__ import annotations

import re
from collections.abc import Iterable

import discord
from discord import ui

from bot.discord import render
from bot.discord.handlers import app_of, member
from bot.discord.identity import message_ref
from bot.discord.replies import MessageControls, Replying, reply_to_error, say_privately
from bot.services.bounds import MAX_REPORT_REASON, MIN_REPORT_REASON
from bot.services.display import DailyPostView, FeedbackView, QuestionView

_ID = r"[0-9]{1,19}"
_LETTER = r"[A-E]"
_SCOPE = r"(?::(?P<scope>[A-Z][A-Z0-9.]{0,40}))?"  # the /quiz scope, kept for "Next question"
_QUESTION = r"[a-z0-9][a-z0-9-]{0,80}"
OPTION_DESCRIPTION_MAX = 100


def _scope_suffix(scope: str | None) -> str:
    return f":{scope}" if scope else ""


def _options(question: QuestionView) -> list[discord.SelectOption]:
    return [
        discord.SelectOption(label=o.letter, value=o.letter, description=_clip(o.text, OPTION_DESCRIPTION_MAX))
        for o in question.options
    ]


def _clip(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


# -- practice ------------------------------------------------------------------
class PracticeButton(
    Replying, ui.DynamicItem[ui.Button], template=rf"quiz:practice:(?P<ask>{_ID}):(?P<letter>{_LETTER}){_SCOPE}"
):
    def __init__(self, ask_id: int, letter: str, scope: str | None = None) -> None:
        super().__init__(
            ui.Button(
                label=letter,
                style=discord.ButtonStyle.primary,
                custom_id=f"quiz:practice:{ask_id}:{letter}{_scope_suffix(scope)}",
            )
        )
        self.ask_id, self.letter, self.scope = ask_id, letter, scope

    @classmethod
    async def from_custom_id(cls, interaction: discord.Interaction, item: ui.Item, match: re.Match[str]):
        return cls(int(match["ask"]), match["letter"], match["scope"])

    async def respond(self, interaction: discord.Interaction) -> None:
        await answer_practice(interaction, self.ask_id, self.letter, self.scope)


def choose_n(custom_id: str, options: list[discord.SelectOption], choose: int) -> ui.Select:
    """A menu for a "choose N" question: exactly N options must be picked, as on the exam."""
    return ui.Select(
        custom_id=custom_id, placeholder=f"Choose {choose}", min_values=choose, max_values=choose, options=options
    )


class PracticeSelect(Replying, ui.DynamicItem[ui.Select], template=rf"quiz:practice-multi:(?P<ask>{_ID}){_SCOPE}"):
    def __init__(self, ask_id: int, options: list[discord.SelectOption], choose: int, scope: str | None = None) -> None:
        super().__init__(choose_n(f"quiz:practice-multi:{ask_id}{_scope_suffix(scope)}", options, choose))
        self.ask_id, self.scope = ask_id, scope

    @classmethod
    async def from_custom_id(cls, interaction: discord.Interaction, item: ui.Item, match: re.Match[str]):
        assert isinstance(item, ui.Select)
        return cls(int(match["ask"]), item.options, item.min_values, match["scope"])

    async def respond(self, interaction: discord.Interaction) -> None:
        await answer_practice(interaction, self.ask_id, self.item.values, self.scope)


class NextQuestionButton(Replying, ui.DynamicItem[ui.Button], template=rf"quiz:next{_SCOPE}"):
    def __init__(self, scope: str | None = None, label: str = "Next question") -> None:
        super().__init__(
            ui.Button(label=label, style=discord.ButtonStyle.primary, custom_id=f"quiz:next{_scope_suffix(scope)}")
        )
        self.scope = scope

    @classmethod
    async def from_custom_id(cls, interaction: discord.Interaction, item: ui.Item, match: re.Match[str]):
        return cls(match["scope"])

    async def respond(self, interaction: discord.Interaction) -> None:
        await send_practice_question(interaction, self.scope)


# -- practice sets (a review of mistakes, questions named by id) ---------------------
class NextInSetButton(Replying, ui.DynamicItem[ui.Button], template=rf"quiz:set:(?P<set>{_ID}):(?P<position>{_ID})"):
    def __init__(self, set_id: int, position: int, total: int = 0) -> None:
        label = f"Next ({position}/{total})" if total else "Next"
        custom_id = f"quiz:set:{set_id}:{position}"
        super().__init__(ui.Button(label=label, style=discord.ButtonStyle.primary, custom_id=custom_id))
        self.set_id, self.position = set_id, position

    @classmethod
    async def from_custom_id(cls, interaction: discord.Interaction, item: ui.Item, match: re.Match[str]):
        return cls(int(match["set"]), int(match["position"]))

    async def respond(self, interaction: discord.Interaction) -> None:
        await send_set_question(interaction, lambda app, who: app.study.set_question(who, self.set_id, self.position))


def next_button(feedback: FeedbackView, scope: str | None) -> ui.DynamicItem:
    """After an answer: the set's next question while the set lasts, else a new practice question."""
    step = feedback.in_set
    if step is not None and step.next_position is not None:
        return NextInSetButton(step.set_id, step.next_position, step.total)
    return NextQuestionButton(scope)


async def send_set_question(interaction: discord.Interaction, serve) -> None:
    """`serve(app, member)` returns a question of a practice set: shown privately, headed by its place."""
    question = serve(app_of(interaction), member(interaction))
    title = question.in_set.label if question.in_set else "Practice question"
    embed = render.question_embed(question, title=title)
    await say_privately(interaction, embeds=[embed], view=practice_view(question))


# -- daily ---------------------------------------------------------------------
class DailyButton(Replying, ui.DynamicItem[ui.Button], template=rf"quiz:daily:(?P<post>{_ID}):(?P<letter>{_LETTER})"):
    def __init__(self, post_id: int, letter: str) -> None:
        super().__init__(
            ui.Button(label=letter, style=discord.ButtonStyle.primary, custom_id=f"quiz:daily:{post_id}:{letter}")
        )
        self.post_id, self.letter = post_id, letter

    @classmethod
    async def from_custom_id(cls, interaction: discord.Interaction, item: ui.Item, match: re.Match[str]):
        return cls(int(match["post"]), match["letter"])

    async def respond(self, interaction: discord.Interaction) -> None:
        await answer_daily(interaction, self.post_id, self.letter)


class DailySelect(Replying, ui.DynamicItem[ui.Select], template=rf"quiz:daily-multi:(?P<post>{_ID})"):
    def __init__(self, post_id: int, options: list[discord.SelectOption], choose: int) -> None:
        super().__init__(choose_n(f"quiz:daily-multi:{post_id}", options, choose))
        self.post_id = post_id

    @classmethod
    async def from_custom_id(cls, interaction: discord.Interaction, item: ui.Item, match: re.Match[str]):
        assert isinstance(item, ui.Select)
        return cls(int(match["post"]), item.options, item.min_values)

    async def respond(self, interaction: discord.Interaction) -> None:
        await answer_daily(interaction, self.post_id, self.item.values)


# -- reports -------------------------------------------------------------------
class ReportButton(Replying, ui.DynamicItem[ui.Button], template=rf"quiz:report:(?P<question>{_QUESTION})"):
    def __init__(self, question_id: str) -> None:
        super().__init__(
            ui.Button(
                label="Report a problem",
                emoji="🚩",
                style=discord.ButtonStyle.secondary,
                custom_id=f"quiz:report:{question_id}",
            )
        )
        self.question_id = question_id

    @classmethod
    async def from_custom_id(cls, interaction: discord.Interaction, item: ui.Item, match: re.Match[str]):
        return cls(match["question"])

    async def respond(self, interaction: discord.Interaction) -> None:
        await interaction.response.send_modal(ReportModal(self.question_id))


class ReportModal(ui.Modal, title="Report a problem with this question"):
    details: ui.TextInput = ui.TextInput(
        label="What is wrong?",
        style=discord.TextStyle.paragraph,
        placeholder="e.g. option C is also correct since ..., or the docs link is dead",
        min_length=MIN_REPORT_REASON,
        max_length=MAX_REPORT_REASON,
    )

    def __init__(self, question_id: str) -> None:
        super().__init__(timeout=15 * 60)
        self.question_id = question_id

    async def on_submit(self, interaction: discord.Interaction) -> None:
        await report_problem(interaction, self.question_id, self.details.value)

    async def on_error(self, interaction: discord.Interaction, error: Exception) -> None:  # type: ignore[override]
        # a Modal's on_error takes (interaction, error); discord.py's stubs type it as a View's
        await reply_to_error(interaction, error, f"report on {self.question_id}")


DYNAMIC_ITEMS = (
    PracticeButton,
    PracticeSelect,
    NextQuestionButton,
    NextInSetButton,
    DailyButton,
    DailySelect,
    ReportButton,
)


# -- views -----------------------------------------------------------------------
def on_row(item: ui.DynamicItem, row: int) -> ui.DynamicItem:
    item.row = row
    return item


def practice_view(question: QuestionView, scope: str | None = None) -> ui.View:
    view = MessageControls()
    if question.is_multiple:
        view.add_item(PracticeSelect(question.answers_to, _options(question), question.choose, scope))
    else:
        for option in question.options:
            view.add_item(PracticeButton(question.answers_to, option.letter, scope))
    view.add_item(on_row(ReportButton(question.question_id), 1))
    return view


def practice_result_view(letters: str, feedback: FeedbackView, scope: str | None = None) -> ui.View:
    """The answered practice question: the options greyed out and coloured, then what to do next."""
    view = MessageControls()
    for letter in letters:
        if letter in feedback.key:
            style = discord.ButtonStyle.success
        elif letter in feedback.chosen:
            style = discord.ButtonStyle.danger
        else:
            style = discord.ButtonStyle.secondary
        view.add_item(ui.Button(label=letter, style=style, disabled=True, custom_id=f"quiz:done:{letter}"))
    view.add_item(on_row(next_button(feedback, scope), 1))
    view.add_item(on_row(ReportButton(feedback.question_id), 1))
    return view


def daily_view(post: DailyPostView) -> ui.View:
    question = post.question
    view = MessageControls()
    if question.is_multiple:
        view.add_item(DailySelect(post.post_id, _options(question), question.choose))
    else:
        for option in question.options:
            view.add_item(DailyButton(post.post_id, option.letter))
    view.add_item(on_row(ReportButton(question.question_id), 1))
    return view


def report_view(question_id: str) -> ui.View:
    """What stays under a revealed question: the answers are closed, disputes are welcome."""
    view = MessageControls()
    view.add_item(ReportButton(question_id))
    return view


# -- practice ------------------------------------------------------------------
async def send_practice_question(interaction: discord.Interaction, scope: str | None) -> None:
    question = app_of(interaction).practice.practice_question(member(interaction), scope)
    await say_privately(
        interaction,
        embeds=[render.question_embed(question)],
        view=practice_view(question, scope),
    )


async def answer_practice(
    interaction: discord.Interaction, ask_id: int, chosen: Iterable[str] | str, scope: str | None
) -> None:
    app = app_of(interaction)
    feedback = app.practice.answer_practice(member(interaction), ask_id, list(chosen))
    letters = feedback.letters
    answer = render.feedback_embed(feedback)
    kept = list(interaction.message.embeds[:1]) if interaction.message is not None else []
    embeds = [*kept, answer] if render.fits([*kept, answer]) else [answer]
    await interaction.response.edit_message(embeds=embeds, view=practice_result_view(letters, feedback, scope))


# -- daily -----------------------------------------------------------------------
async def answer_daily(interaction: discord.Interaction, post_id: int, chosen: Iterable[str] | str) -> None:
    where = message_ref(interaction.channel_id or 0, interaction.message.id) if interaction.message else None
    daily = app_of(interaction).daily
    answered = await daily.answer_with_others(member(interaction), post_id, list(chosen), on_message=where)
    feedback = [render.feedback_embed(answered.feedback)] if answered.feedback is not None else []
    await say_privately(interaction, render.daily_answer_text(answered), embeds=feedback)


# -- reports -----------------------------------------------------------------------
async def report_problem(interaction: discord.Interaction, question_id: str, details: str) -> None:
    app_of(interaction).practice.report_problem(member(interaction), question_id, details)
    await say_privately(interaction, f"Thank you: your report on `{question_id}` is stored for the maintainers.")
