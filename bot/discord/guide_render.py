"""Embeds for the study guide: a comparison, an exam trap, the study plan, the checklist, the exam facts."""

from __future__ import annotations

from collections.abc import Mapping

import discord

from bot.discord.render import (
    BRAND,
    DESCRIPTION_MAX,
    FIELD_NAME_MAX,
    FIELD_VALUE_MAX,
    NEUTRAL,
    RIGHT,
    clip,
    prose,
)
from bot.services.display import ChecklistView, CountdownView, ExamInfoView, PlanView, ReadingView, TrapView
from questions.guide import Comparison

PLAN_FOCUS_STEPS = 3  # the first steps show the objectives to work on
WARNING = discord.Colour.gold()


def _links(urls) -> str:
    return clip("\n".join(f"<{url}>" for url in urls), FIELD_VALUE_MAX)


def comparison_embed(comparison: Comparison) -> discord.Embed:
    embed = discord.Embed(title=clip(comparison.title, 256), colour=BRAND)
    for side in comparison.sides:
        embed.add_field(
            name=clip(f"Use {side.name} when", FIELD_NAME_MAX), value=clip(prose(side.use_when), FIELD_VALUE_MAX)
        )
    embed.add_field(
        name="Deciding constraint", value=clip(prose(comparison.deciding_constraint), FIELD_VALUE_MAX), inline=False
    )
    embed.add_field(name="⚠️ Trap", value=clip(prose(comparison.trap), FIELD_VALUE_MAX), inline=False)
    embed.add_field(name="Objectives", value=", ".join(comparison.objectives), inline=False)
    embed.add_field(name="Read more", value=_links(comparison.references), inline=False)
    embed.set_footer(text=f"/compare {comparison.id}")
    return embed


def trap_embed(trap: TrapView) -> discord.Embed:
    embed = discord.Embed(
        title=clip(f"Exam trap · {trap.section_name}", 256),
        description=clip(prose(trap.trap), DESCRIPTION_MAX),
        colour=WARNING,
    )
    embed.add_field(name="Remember", value=clip(prose(trap.tip), FIELD_VALUE_MAX), inline=False)
    embed.add_field(name="Read more", value=_links(trap.references), inline=False)
    if trap.objectives:
        embed.set_footer(text="Objectives: " + ", ".join(trap.objectives))
    return embed


def plan_embed(view: PlanView) -> discord.Embed:
    lines = []
    for number, step in enumerate(view.steps, start=1):
        accuracy = f"{step.percent:g} % of {step.answered}" if step.answered else "not started"
        lines.append(f"**{number}.** {step.section} · Tier {step.tier} · {accuracy}")
    intro = "No answers yet, so the Tier 1 path comes first.\n\n" if view.new_person else ""
    embed = discord.Embed(
        title="Your study plan", description=clip(intro + "\n".join(lines), DESCRIPTION_MAX), colour=BRAND
    )
    for number, step in enumerate(view.steps[:PLAN_FOCUS_STEPS], start=1):
        if step.focus:
            focus = "\n".join(f"`{objective_id}` {prose(text)}" for objective_id, text in step.focus)
            embed.add_field(
                name=clip(f"{number}. {step.section}: focus on", FIELD_NAME_MAX),
                value=clip(focus, FIELD_VALUE_MAX),
                inline=False,
            )
    top = view.steps[0]
    start = f"`/quiz scope:{view.practice_scope}`, or the button below."
    if view.practice_question_ids:
        start += "\nA first practice set: `/quiz ids:" + ",".join(view.practice_question_ids) + "`"
    embed.add_field(
        name=clip(f"Start with {top.section}", FIELD_NAME_MAX), value=clip(start, FIELD_VALUE_MAX), inline=False
    )
    if view.read_first:
        read = "\n".join(f"<{url}>" for url in view.read_first) + f"\nMore: `/read scope:{view.practice_scope}`"
        embed.add_field(name="Read first", value=clip(read, FIELD_VALUE_MAX), inline=False)
    if view.comparisons:
        compare = "\n".join(f"{c.title}: `/compare {c.id}`" for c in view.comparisons)
        embed.add_field(name="Compare first", value=clip(compare, FIELD_VALUE_MAX), inline=False)
    embed.add_field(
        name="Countdown", value=countdown_text(view.countdown) if view.countdown else EXAM_DATE_HINT, inline=False
    )
    return embed


def reading_embed(view: ReadingView) -> discord.Embed:
    intro = prose(view.name) if view.kind == "objective" else ""
    pages = "\n".join(f"{n}. <{p.url}> · {view.cited(p)}" for n, p in enumerate(view.pages, start=1))
    embed = discord.Embed(title=clip(view.title, 256), description=clip(intro, DESCRIPTION_MAX) or None, colour=BRAND)
    embed.add_field(
        name=f"The documentation its {view.questions} questions cite most",
        value=clip(pages or "No question cites a page here yet.", FIELD_VALUE_MAX),
        inline=False,
    )
    official = "\n".join(f"**[{r.title}]({r.url})**: {r.what}" for r in view.official)
    embed.add_field(name="Official free resources", value=clip(official, FIELD_VALUE_MAX), inline=False)
    if view.kind != "domain":
        section = view.scope_id if view.kind == "section" else view.scope_id.rsplit(".", 1)[0]
        embed.set_footer(text=f"Then practise it: /quiz scope:{section}")
    return embed


def countdown_text(view: CountdownView, days_shown: int = 3) -> str:
    lines = [f"**{view.headline}**", view.pace, *view.day_lines(days_shown), view.mock_text]
    return clip("\n".join(line for line in lines if line), FIELD_VALUE_MAX)


def countdown_embed(view: CountdownView) -> discord.Embed:
    embed = discord.Embed(title="Your exam date", description=countdown_text(view, days_shown=5), colour=BRAND)
    embed.set_footer(text="Dates in UTC · /plan and /checklist count down too · /examdate clear:True forgets it")
    return embed


EXAM_DATE_HINT = "Set your exam date for a countdown and a schedule: `/examdate date:YYYY-MM-DD`."


def checklist_embed(view: ChecklistView) -> discord.Embed:
    lines = [f"{'✅' if item.done else '⬜'} **{item.name}**\n{prose(item.detail)}" for item in view.items]
    embed = discord.Embed(
        title=f"Exam-ready checklist: {view.done}/{len(view.items)} done",
        description=clip("\n\n".join(lines), DESCRIPTION_MAX),
        colour=RIGHT if view.ready else NEUTRAL,
    )
    embed.add_field(
        name="Countdown", value=countdown_text(view.countdown, 1) if view.countdown else EXAM_DATE_HINT, inline=False
    )
    embed.set_footer(text="You are ready: book the exam." if view.ready else "Tick every box before you book.")
    return embed


def exam_info_embed(view: ExamInfoView) -> discord.Embed:
    facts = view.facts
    penalty = "wrong answers cost points" if facts.penalty_for_wrong else "no penalty for a wrong answer"
    embed = discord.Embed(
        title=clip(facts.name, 256),
        url=facts.registration_url,
        description=(
            f"**{facts.questions}** scored questions ({' and '.join(facts.question_types)}) in "
            f"**{facts.minutes} minutes**\nPass mark used here: **{facts.pass_percent} %**; {penalty}\n"
            f"Cost US${facts.cost_usd}; valid {facts.validity_years} years; code in {facts.code_language}\n"
            f"Exam guide of {facts.guide_date}; {view.objectives} objectives"
        ),
        colour=BRAND,
    )
    for domain in view.domains:
        embed.add_field(
            name=clip(f"{domain.name} · {domain.weight} % (about {domain.questions} questions)", FIELD_NAME_MAX),
            value=clip(", ".join(domain.sections), FIELD_VALUE_MAX),
            inline=False,
        )
    embed.add_field(name="Register", value=f"<{facts.registration_url}>", inline=False)
    if facts.notes:
        embed.set_footer(text=clip(" ".join(facts.notes.split()), 2048))
    return embed


def section_names(sections) -> Mapping[str, str]:
    return {s.id: s.name for s in sections}
