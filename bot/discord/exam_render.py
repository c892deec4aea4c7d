"""Embeds for the mock exam: one question at a time, the review before submitting, the score report.
The report keeps within Discord's limits: whole objectives while they fit, then a count of the rest."""

from __future__ import annotations

from datetime import datetime

import discord

from bot.discord.render import (
    BRAND,
    DESCRIPTION_MAX,
    FIELD_NAME_MAX,
    FIELD_VALUE_MAX,
    MESSAGE_EMBEDS_MAX,
    NEUTRAL,
    RIGHT,
    WRONG,
    clip,
    prose,
    question_body,
)
from bot.services.display import (
    AccuracyRow,
    ExamItemView,
    ExamReportView,
    ExamStatusView,
    MissedView,
    ReviewObjectiveView,
)

FLAGGED = discord.Colour.gold()
MISSED_SHOWN = 2  # missed questions shown in full per objective; the rest are counted
STEM_MAX = 140
OPTION_MAX = 90  # an option's text in the report, per option
EXPLANATION_MAX = 220
REST_RESERVE = 1100  # room kept for the closing "also review" field
REVIEW_FIELDS_MAX = 24  # Discord allows 25 fields per embed; one stays for the rest


def duration(seconds: int) -> str:
    hours, rest = divmod(max(0, seconds), 3600)
    minutes, seconds = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{seconds:02d}"


def letters(chosen: tuple[str, ...]) -> str:
    return ", ".join(chosen) or "no answer"


# -- taking the exam -----------------------------------------------------------
def exam_item_embed(view: ExamItemView, *, ends_at: datetime | None = None) -> discord.Embed:
    after = " You can change it until you submit."
    if view.chosen:
        after += f"\n\nYour answer so far: **{letters(view.chosen)}**"
    if view.all_answered:
        after += f"\n\nAll {view.total} questions answered: press **Review & submit** to finish."
    embed = discord.Embed(
        title=f"Mock exam · {view.progress}",
        description=question_body(view.question, after=after),
        colour=FLAGGED if view.flagged else BRAND,
    )
    if ends_at is not None:
        embed.add_field(name="Time", value=f"ends {discord.utils.format_dt(ends_at, 'R')}")
    embed.add_field(name="Answered", value=f"{view.answered}/{view.total}")
    embed.add_field(name="Flagged", value=str(view.flagged_count))
    flag = " · ⚑ flagged for review" if view.flagged else ""
    embed.set_footer(text=f"{view.question.question_id} · answers are revealed when you submit{flag}")
    return embed


def _positions(positions: tuple[int, ...]) -> str:
    return clip(", ".join(f"Q{p}" for p in positions), FIELD_VALUE_MAX) if positions else "none"


def exam_status_embed(view: ExamStatusView) -> discord.Embed:
    embed = discord.Embed(
        title="Mock exam · review before submitting",
        description=f"Answered **{view.answered}/{view.total}** · {duration(view.remaining_seconds)} left",
        colour=NEUTRAL,
    )
    embed.add_field(name=f"Unanswered ({len(view.unanswered)})", value=_positions(view.unanswered), inline=False)
    embed.add_field(name=f"Flagged ({len(view.flagged)})", value=_positions(view.flagged), inline=False)
    embed.set_footer(text="An unanswered question counts as wrong; there is no penalty for guessing.")
    return embed


# -- the report ------------------------------------------------------------------
def _rows(rows: tuple[AccuracyRow, ...], pass_percent: int) -> str:
    lines = [
        f"{'✅' if (r.percent or 0) >= pass_percent else '❌'} {r.name}: {r.correct}/{r.answered} ({r.percent:g} %)"
        if r.answered
        else f"▫️ {r.name}: –"
        for r in rows
    ]
    return clip("\n".join(lines) or "–", FIELD_VALUE_MAX)


def _score_embed(view: ExamReportView) -> discord.Embed:
    verdict = "PASS ✅" if view.passed else "FAIL ❌"
    how = "time ran out; scored as it stood" if view.status == "expired" else "submitted"
    hours, rest = divmod(view.time_used_seconds, 3600)
    used = f"{hours} h {rest // 60:02d} min" if hours else f"{rest // 60} min {rest % 60:02d} s"
    embed = discord.Embed(
        title=f"Mock exam result: {verdict}",
        description=(
            f"**{view.correct}/{view.total} = {view.percent:g} %** (pass mark {view.pass_percent} %)\n"
            f"Time used: {used} ({how})"
        ),
        colour=RIGHT if view.passed else WRONG,
    )
    embed.add_field(
        name="By domain", value=_rows(tuple(r for r in view.domains if r.answered), view.pass_percent), inline=False
    )
    embed.add_field(name="By section", value=_rows(view.sections, view.pass_percent), inline=False)
    embed.set_footer(text=f"Exam {view.exam_id}")
    return embed


def _missed_text(missed: MissedView) -> str:
    head = f"**Q{missed.position}** `{missed.question_id}` {clip(prose(missed.stem), STEM_MAX)}"
    chosen = "; ".join(clip(text, OPTION_MAX) for text in missed.lettered(missed.chosen)) or "no answer"
    key = "; ".join(clip(text, OPTION_MAX) for text in missed.lettered(missed.key))
    verdict = f"you: {chosen}\nanswer: **{key}**"
    why = f"*{clip(prose(missed.explanation), EXPLANATION_MAX)}*"
    link = f"<{missed.references[0]}>" if missed.references else ""
    return "\n".join(part for part in (head, verdict, why, link) if part)


def _objective_field(objective: ReviewObjectiveView) -> tuple[str, str]:
    """The objective, its first missed questions in full while they fit, and a count of the rest."""
    count = len(objective.missed)
    name = clip(f"{objective.objective_id} · {objective.section} · {count} missed", FIELD_NAME_MAX)
    text = clip(prose(objective.objective), 200)
    shown = 0
    for missed in objective.missed[:MISSED_SHOWN]:
        more = f"{text}\n{_missed_text(missed)}"
        if len(more) > FIELD_VALUE_MAX - 40:
            break
        text, shown = more, shown + 1
    if count > shown:
        text += f"\n…and {count - shown} more missed here"
    return name, text


def _review_embed(view: ExamReportView, budget: int) -> discord.Embed | None:
    if not view.to_review:
        return None
    embed = discord.Embed(title="Objectives to review (most missed first)", colour=NEUTRAL)
    shown = 0
    for objective in view.to_review:
        name, value = _objective_field(objective)
        if shown >= REVIEW_FIELDS_MAX or len(embed) + len(name) + len(value) > budget - REST_RESERVE:
            break
        embed.add_field(name=name, value=value, inline=False)
        shown += 1
    rest = view.to_review[shown:]
    if rest:
        listed = ", ".join(f"{o.objective_id} ({len(o.missed)})" for o in rest)
        missed = sum(len(o.missed) for o in rest)
        embed.add_field(
            name=f"Also review: {len(rest)} more objectives, {missed} missed questions",
            value=clip(listed, FIELD_VALUE_MAX),
            inline=False,
        )
    return embed


def exam_report_embeds(view: ExamReportView) -> list[discord.Embed]:
    """The score, then the objectives to review with their missed questions, within one message's limits."""
    score = _score_embed(view)
    review = _review_embed(view, MESSAGE_EMBEDS_MAX - len(score))
    if review is None:
        score.description = clip(f"{score.description}\n\nNo missed questions: nothing to review.", DESCRIPTION_MAX)
        return [score]
    return [score, review]
