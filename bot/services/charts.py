"""PNG charts for stats replies, rendered headless with matplotlib's Agg backend."""

from __future__ import annotations

import io
from datetime import date

from bot.services.display import StatsView
from questions.readiness import Readiness


def stats_chart(stats: StatsView, history: list[tuple[date, Readiness]]) -> bytes:
    """Accuracy per section against the pass mark, and the readiness estimate over time."""
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib.figure import Figure

    figure = Figure(figsize=(9, 7.5), dpi=100, layout="constrained")
    bars, trend = figure.subplots(2, 1, height_ratios=(3, 2))

    rows = list(reversed(stats.sections))
    values = [row.percent or 0 for row in rows]
    colours = [
        "#9e9e9e" if not row.answered else "#2e7d32" if (row.percent or 0) >= stats.pass_percent else "#c62828"
        for row in rows
    ]
    bars.barh([f"{row.name} ({row.answered})" for row in rows], values, color=colours)
    bars.axvline(stats.pass_percent, color="black", linestyle="--", linewidth=1)
    bars.text(stats.pass_percent + 1, len(rows) - 0.6, f"pass {stats.pass_percent} %", fontsize=8)
    bars.set_xlim(0, 100)
    bars.set_xlabel("accuracy, % (answers in brackets)")
    bars.set_title(f"{stats.name}: accuracy by section")

    known = [(day, r) for day, r in history if r.enough_data]
    if known:
        days = [day for day, _ in known]
        trend.plot(days, [r.estimate for _, r in known], marker="o", color="#1565c0", label="estimated score")
        trend.fill_between(days, [r.low for _, r in known], [r.high for _, r in known], alpha=0.2, color="#1565c0")
        trend.legend(loc="lower right", fontsize=8)
        trend.tick_params(axis="x", labelrotation=30)
    else:
        trend.text(0.5, 0.5, "Not enough answers yet for a readiness estimate", ha="center", va="center")
    trend.axhline(stats.pass_percent, color="black", linestyle="--", linewidth=1)
    trend.set_ylim(0, 100)
    trend.set_ylabel("%")
    trend.set_title("Readiness over time (90 % band)")

    buffer = io.BytesIO()
    figure.savefig(buffer, format="png")
    return buffer.getvalue()
