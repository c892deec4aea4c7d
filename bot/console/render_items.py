"""Text rendering of item analysis and report triage (bot/services/itemstats.py)."""

from __future__ import annotations

from bot.console.render import table, wrap
from bot.services.digest_views import DigestView
from bot.services.itemstats import BankStatsView, ItemView, ReportListView, ReportView


def bank_stats(view: BankStatsView, flagged_only: bool) -> str:
    what = f"objective {view.objective}" if view.objective else "the bank"
    head = (
        f"Item statistics for {what} ({view.scope}): {view.questions} questions, {view.with_figures} with figures"
        f" (at least {view.min_people} people each), {view.flagged} flagged; {view.people} people answered."
    )
    lines = [wrap(head)]
    if not view.items:
        lines += ["", "  No flagged question." if flagged_only else "  No question."]
        return "\n".join(lines)
    if flagged_only:
        for item in view.items:
            lines += ["", item_detail(item, compact=True)]
        return "\n".join(lines)
    rows: list[tuple[object, ...]] = [("id", "n", "facility", "pb", "U-L", "flags")]
    for item in view.items:
        s = item.stats
        rows.append(
            (
                item.question_id,
                s.people,
                "-" if s.facility is None else f"{100 * s.facility:.0f} %",
                "-" if s.point_biserial is None else f"{s.point_biserial:+.2f}",
                "-" if s.discrimination_index is None else f"{s.discrimination_index:+.2f}",
                ", ".join(f.kind for f in item.flags) or ("kept" if item.kept else ""),
            )
        )
    lines += ["", table(rows, right=(1, 2, 3, 4))]
    return "\n".join(lines)


def item_detail(item: ItemView, compact: bool = False) -> str:
    lines = [wrap(f"{item.question_id} · {item.objective} · {item.select} · {item.stem}")]
    details = item.detail_lines(lambda flag: f"! {flag.kind}: {flag.reason}", "quizbot report list", pull=not compact)
    lines += [wrap(line, "  ") for line in details]
    return "\n".join(lines)


def report_list(view: ReportListView) -> str:
    kind = "Reports" if view.include_resolved else "Open reports"
    lines = [wrap(f"{kind} ({view.scope}): {view.open_count} open.")]
    if not view.reports:
        lines += ["", "  Nothing to triage."]
        return "\n".join(lines)
    for report in view.reports:
        status = "open" if report.is_open else f"resolved {report.resolved_on}"
        lines += ["", wrap(f"#{report.id} · {report.question_id} · {report.reporter} · {report.filed_on} · {status}")]
        lines.append(wrap(report.reason, "    "))
        if report.item is not None:
            lines.append(wrap(report.item.brief, "    "))
    lines += ["", "  quizbot report show N: the report beside its question's statistics"]
    return "\n".join(lines)


def report_detail(report: ReportView) -> str:
    lines = [
        wrap(f"Report #{report.id} on {report.question_id}"),
        wrap(f"by {report.reporter} ({report.platform}) on {report.filed_on}", "  "),
        "",
        wrap(report.reason, "  "),
        "",
    ]
    if report.item is None:
        lines.append("  The question is no longer in the bank.")
    else:
        lines.append(item_detail(report.item))
    lines.append("")
    if report.is_open:
        lines.append(wrap(f'Open. Resolve it: quizbot report resolve {report.id} "what was done"', "  "))
    else:
        lines.append(wrap(f"Resolved on {report.resolved_on} by {report.resolved_by}: {report.resolution}", "  "))
    return "\n".join(lines)


def digest(view: DigestView) -> str:
    lines = [wrap(f"Weekly item digest ({view.scope}): {view.headline}")]
    for report in view.new_reports:
        lines.append(wrap(f"report #{report.id} · {report.question_id} · {report.reporter}: {report.reason}", "  "))
    for flag in view.new_flags:
        lines.append(wrap(f"flagged {flag.question_id} · {', '.join(flag.kinds)}: {flag.reason}", "  "))
    return "\n".join(lines)
