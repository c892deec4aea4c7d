"""What a button, a menu or a modal does: parse the interaction into a service call, render the view.
Slash commands live in commands.py and share these helpers; refusals and failures are answered by
replies.reply_to_error, not here."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

import discord

from bot.discord import components, render
from bot.discord.identity import member_of, message_ref
from bot.discord.replies import say_privately
from bot.services.identity import Member

if TYPE_CHECKING:
    from bot.app import App


def app_of(interaction: discord.Interaction) -> App:
    return interaction.client.app  # type: ignore[attr-defined]


def member(interaction: discord.Interaction) -> Member:
    return member_of(interaction, interaction.client.settings.discord.admin_role_id)  # type: ignore[attr-defined]


# -- practice ------------------------------------------------------------------
async def send_practice_question(interaction: discord.Interaction, scope: str | None) -> None:
    question = app_of(interaction).quiz.practice_question(member(interaction), scope)
    await say_privately(
        interaction,
        embeds=[render.question_embed(question)],
        view=components.practice_view(question, scope),
    )


async def answer_practice(
    interaction: discord.Interaction, ask_id: int, chosen: Iterable[str] | str, scope: str | None
) -> None:
    app = app_of(interaction)
    feedback = app.quiz.answer_practice(member(interaction), ask_id, list(chosen))
    letters = app.quiz.bank.get(feedback.question_id).letters
    answer = render.feedback_embed(feedback)
    kept = list(interaction.message.embeds[:1]) if interaction.message is not None else []
    embeds = [*kept, answer] if render.fits([*kept, answer]) else [answer]
    await interaction.response.edit_message(
        embeds=embeds, view=components.practice_result_view(letters, feedback, scope)
    )


# -- daily -----------------------------------------------------------------------
async def answer_daily(interaction: discord.Interaction, post_id: int, chosen: Iterable[str] | str) -> None:
    where = message_ref(interaction.channel_id or 0, interaction.message.id) if interaction.message else None
    answered = app_of(interaction).daily.answer(member(interaction), post_id, list(chosen), on_message=where)
    feedback = [render.feedback_embed(answered.feedback)] if answered.feedback is not None else []
    await say_privately(interaction, render.daily_answer_text(answered), embeds=feedback)


# -- reports -----------------------------------------------------------------------
async def report_problem(interaction: discord.Interaction, question_id: str, details: str) -> None:
    app_of(interaction).quiz.report_problem(member(interaction), question_id, details)
    await say_privately(interaction, f"Thank you: your report on `{question_id}` is stored for the maintainers.")
