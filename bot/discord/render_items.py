"""Discord embeds of item analysis and report triage (admins): the flagged list, a question's figures,
the reports and one report beside its question's statistics."""

from __future__ import annotations

import discord

from bot.discord.render import (
    BRAND,
    DESCRIPTION_MAX,
    FIELD_NAME_MAX,
    FIELD_VALUE_MAX,
    MESSAGE_EMBEDS_MAX,
    NEUTRAL,
    clip,
    name,
)
from bot.services.digest_views import DigestView
from bot.services.itemstats import BankStatsView, ItemView, ReportListView, ReportView

FLAGGED_SHOWN = 10  # fields in the flagged list (an embed holds 25; the message 6,000 characters)
REPORTS_SHOWN = 10
EMBED_BUDGET = MESSAGE_EMBEDS_MAX - 300  # room for the footer


def item_text(item: ItemView) -> str:
    lines = item.detail_lines(lambda flag: f"**{flag.kind}**: {flag.reason}", "`/reports list`")
    return clip("\n".join(lines), FIELD_VALUE_MAX)


def flagged_embed(view: BankStatsView) -> discord.Embed:
    description = (
        f"{view.flagged} of {view.with_figures} questions with figures are flagged ({view.people} people in"
        f" {name(view.scope)}; figures from {view.min_people} people up). `/bank keep` marks one reviewed and kept."
    )
    embed = discord.Embed(title="Flagged questions", description=clip(description, DESCRIPTION_MAX), colour=BRAND)
    if not view.items:
        embed.colour = NEUTRAL
        embed.description = clip(description.replace(" `/bank keep`", "\nNothing to review. `/bank keep`"), 4096)
    shown = 0
    for item in view.items[:FLAGGED_SHOWN]:
        kinds = ", ".join(f.kind for f in item.flags)
        heading = clip(f"{item.question_id} · {item.objective} · {kinds}", FIELD_NAME_MAX)
        value = item_text(item)
        if len(embed) + len(heading) + len(value) > EMBED_BUDGET:
            break  # a message's embeds hold 6,000 characters in all
        embed.add_field(name=heading, value=value, inline=False)
        shown += 1
    if len(view.items) > shown:
        embed.set_footer(text=f"{len(view.items) - shown} more flagged: `/bank stats question:` or quizbot bank stats")
    return embed


def item_embed(item: ItemView, title: str | None = None) -> discord.Embed:
    embed = discord.Embed(
        title=clip(title or f"{item.question_id} · {item.objective}", 256),
        description=clip(f"{item.stem}\n\n{item_text(item)}", DESCRIPTION_MAX),
        colour=BRAND if item.flags else NEUTRAL,
    )
    return embed


def reports_embed(view: ReportListView) -> discord.Embed:
    kind = "Reports" if view.include_resolved else "Open reports"
    embed = discord.Embed(title=f"{kind}: {view.open_count} open", colour=BRAND if view.open_count else NEUTRAL)
    if not view.reports:
        embed.description = "Nothing to triage."
    for report in view.reports[:REPORTS_SHOWN]:
        status = "open" if report.is_open else f"resolved {report.resolved_on}"
        embed.add_field(
            name=clip(f"#{report.id} · {report.question_id} · {status}", FIELD_NAME_MAX),
            value=clip(
                f"{name(report.reporter)}, {report.filed_on}: {name(report.reason)}"
                + (f"\n{report.item.brief}" if report.item else ""),
                FIELD_VALUE_MAX,
            ),
            inline=False,
        )
    embed.set_footer(text="/reports show number: a report beside its question's statistics")
    return embed


def report_embed(report: ReportView) -> discord.Embed:
    embed = discord.Embed(
        title=f"Report #{report.id} on {report.question_id}",
        description=clip(f"{name(report.reason)}\n— {name(report.reporter)}, {report.filed_on}", DESCRIPTION_MAX),
        colour=BRAND if report.is_open else NEUTRAL,
    )
    if report.item is None:
        embed.add_field(name="Statistics", value="The question is no longer in the bank.", inline=False)
    else:
        embed.add_field(name=clip(f"Statistics · {report.item.objective}", 256), value=item_text(report.item))
    if report.is_open:
        embed.add_field(name="Status", value="Open: `/reports resolve number: note:` closes it.", inline=False)
    else:
        resolution = f"{report.resolved_on} by {name(report.resolved_by or '')}: {name(report.resolution or '')}"
        embed.add_field(name="Resolved", value=clip(resolution, FIELD_VALUE_MAX), inline=False)
    return embed


def digest_embed(view: DigestView) -> discord.Embed:
    embed = discord.Embed(title="Weekly item digest", description=clip(view.headline, DESCRIPTION_MAX), colour=BRAND)
    reports = [f"**#{r.id}** `{r.question_id}` · {name(r.reporter)}: {name(r.reason)}" for r in view.new_reports]
    flags = [f"`{f.question_id}` · {', '.join(f.kinds)}: {f.reason}" for f in view.new_flags]
    if reports:
        embed.add_field(name="New reports", value=clip("\n".join(reports), FIELD_VALUE_MAX), inline=False)
    if flags:
        embed.add_field(name="Newly flagged", value=clip("\n".join(flags), FIELD_VALUE_MAX), inline=False)
    embed.set_footer(text="/reports list · /bank flagged · /bank digest on:False stops this digest")
    return embed
