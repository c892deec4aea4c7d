"""Discord embeds of the learner's loop: history, search, team members."""

from __future__ import annotations

import discord

from bot.discord.render import BRAND, DESCRIPTION_MAX, FIELD_VALUE_MAX, NEUTRAL, clip, name, prose
from bot.services.study_views import HistoryView, SearchView, TeamMembersView


def _percent(value: float | None) -> str:
    return f"{value:g} %" if value is not None else "–"


def history_embed(view: HistoryView) -> discord.Embed:
    if view.empty:
        return discord.Embed(
            title="Your history", description="Nothing yet. Try `/quiz` or `/exam start`.", colour=NEUTRAL
        )
    embed = discord.Embed(title="Your history", colour=BRAND)
    rounds = [f"{discord.utils.format_dt(r.started_at, 'f')}: {r.correct}/{r.answered}" for r in view.rounds]
    embed.add_field(name="Practice rounds", value=clip("\n".join(rounds) or "none yet", FIELD_VALUE_MAX), inline=False)
    exams = [
        f"**#{e.exam_id}** {discord.utils.format_dt(e.finished_at, 'd')}: {e.correct}/{e.total} ({e.percent:g} %)"
        f" {'PASS' if e.passed else 'FAIL'}"
        for e in view.exams
    ]
    embed.add_field(
        name="Mock exams (`/exam result number:` reopens one)",
        value=clip("\n".join(exams) or "none yet", FIELD_VALUE_MAX),
        inline=False,
    )
    header = "week of     answers overall " + " ".join(f"{d:>6}" for d in view.domain_ids)
    rows = [
        f"{w.week_start:%Y-%m-%d} {w.answered:>7} {_percent(w.percent):>7} "
        + " ".join(f"{_percent(row.percent):>6}" for row in w.domains)
        for w in view.weeks
    ]
    embed.add_field(
        name=f"Progress by week (pass mark {view.pass_percent} %)",
        value=clip("```\n" + "\n".join([header, *rows]) + "\n```", FIELD_VALUE_MAX),
        inline=False,
    )
    return embed


def search_embed(view: SearchView) -> discord.Embed:
    marks = {None: "", True: " ✅", False: " ❌"}
    lines = [
        f"`{hit.question_id}` · {hit.objective_id}{marks[hit.last_correct]}\n{prose(hit.stem)}" for hit in view.hits
    ]
    if not lines:
        lines = ["No question you have answered matches that."]
    elif view.total > len(view.hits):
        lines.append(f"…the first {len(view.hits)} of {view.total}.")
    if view.hidden and not view.everything:
        lines.append(f"{view.hidden} more match but you have not answered them yet (no daily question is spoiled).")
    if view.hits:
        lines.append("Practise them: `/quiz ids:" + ",".join(hit.question_id for hit in view.hits) + "`")
    return discord.Embed(
        title=clip(f"Search: {view.query}", 256), description=clip("\n\n".join(lines), DESCRIPTION_MAX), colour=BRAND
    )


def team_members_embed(view: TeamMembersView) -> discord.Embed:
    members = "\n".join(name(member) for member in view.members) or "No members yet."
    title = f"{view.name} ({len(view.members)} member{'s' if len(view.members) != 1 else ''})"
    embed = discord.Embed(title=clip(title, 256), description=clip(members, DESCRIPTION_MAX), colour=BRAND)
    if view.is_mine:
        embed.set_footer(text="Your team")
    return embed
