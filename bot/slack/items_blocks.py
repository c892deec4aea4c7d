"""Block Kit rendering of item analysis and report triage (admins)."""

from __future__ import annotations

from bot.services.digest_views import DigestView
from bot.services.itemstats import BankStatsView, ItemView, ReportListView, ReportView
from bot.slack.blocks import Message, context, esc, section

FLAGGED_SHOWN = 10
REPORTS_SHOWN = 10


def item_text(item: ItemView) -> str:
    return "\n".join(item.detail_lines(lambda flag: f"*{flag.kind}*: {esc(flag.reason)}", "`/quiz reports`"))


def flagged(view: BankStatsView) -> Message:
    head = (
        f"*Flagged questions*: {view.flagged} of {view.with_figures} with figures ({view.people} people in"
        f" {esc(view.scope)}; figures from {view.min_people} people up)."
    )
    blocks = [section(head)]
    if not view.items:
        blocks.append(section("Nothing to review."))
    for item in view.items[:FLAGGED_SHOWN]:
        kinds = ", ".join(f.kind for f in item.flags)
        blocks.append(section(f"`{item.question_id}` · {item.objective} · *{kinds}*\n{item_text(item)}"))
    more = len(view.items) - FLAGGED_SHOWN
    tail = f"{more} more flagged: `quizbot bank stats --flagged`. " if more > 0 else ""
    blocks.append(context(tail + "`/quiz bank keep ID` marks a question reviewed and kept."))
    return Message(f"{view.flagged} flagged questions", blocks)


def item(view: ItemView, title: str | None = None) -> Message:
    heading = title or f"`{view.question_id}` · {view.objective}"
    return Message(
        f"Statistics of {view.question_id}", [section(f"*{heading}*\n{esc(view.stem)}"), section(item_text(view))]
    )


def reports(view: ReportListView) -> Message:
    kind = "Reports" if view.include_resolved else "Open reports"
    blocks = [section(f"*{kind}*: {view.open_count} open")]
    if not view.reports:
        blocks.append(section("Nothing to triage."))
    for report in view.reports[:REPORTS_SHOWN]:
        status = "open" if report.is_open else f"resolved {report.resolved_on}"
        blocks.append(
            section(
                f"*#{report.id}* · `{report.question_id}` · {status}\n"
                f"{esc(report.reporter)}, {report.filed_on}: {esc(report.reason)}"
                + (f"\n{report.item.brief}" if report.item else "")
            )
        )
    blocks.append(context("`/quiz reports show N`: a report beside its question's statistics"))
    return Message(f"{view.open_count} open reports", blocks)


def report(view: ReportView, done: str = "") -> Message:
    blocks = [section(f"{done}*Report #{view.id}* on `{view.question_id}`\n{esc(view.reason)}")]
    blocks.append(context(f"{esc(view.reporter)} ({view.platform}), {view.filed_on}"))
    blocks.append(section(item_text(view.item) if view.item else "The question is no longer in the bank."))
    if view.is_open:
        blocks.append(context(f"Open: `/quiz reports resolve {view.id} NOTE` closes it."))
    else:
        blocks.append(
            section(f"*Resolved* {view.resolved_on} by {esc(view.resolved_by or '')}: {esc(view.resolution or '')}")
        )
    return Message(f"Report #{view.id} on {view.question_id}", blocks)


def digest(view: DigestView) -> Message:
    blocks = [section(f"*Weekly item digest*\n{view.headline}")]
    reports = [f"*#{r.id}* `{r.question_id}` · {esc(r.reporter)}: {esc(r.reason)}" for r in view.new_reports]
    flags = [f"`{f.question_id}` · {', '.join(f.kinds)}: {esc(f.reason)}" for f in view.new_flags]
    if reports:
        blocks.append(section("*New reports*\n" + "\n".join(reports)))
    if flags:
        blocks.append(section("*Newly flagged*\n" + "\n".join(flags)))
    blocks.append(context("`/quiz reports` · `/quiz bank flagged` · `/quiz bank digest off` stops this digest"))
    return Message("Weekly item digest", blocks)
