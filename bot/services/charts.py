"""Stats charts (PNG, or JPEG on request), rendered headless with matplotlib's Agg backend."""

from __future__ import annotations

import io
from datetime import date, timedelta

from bot.services.display import StatsView
from questions.readiness import Readiness

# a file name's ending -> the image format written for it
IMAGE_FORMATS = {".png": "png", ".jpg": "jpeg", ".jpeg": "jpeg"}

GOOD, BAD, UNANSWERED, TREND = "#2e7d32", "#c62828", "#9e9e9e", "#1565c0"
SLIVER = 0.8  # the width (in %) a bar at 0 % is drawn with, so that it shows, unlike a section never answered


def stats_chart(stats: StatsView, history: list[tuple[date, Readiness]], image_format: str = "png") -> bytes:
    """Accuracy per section against the pass mark, and the readiness estimate over time, as an image."""
    buffer = io.BytesIO()
    stats_figure(stats, history).savefig(buffer, format=image_format)
    return buffer.getvalue()


def stats_figure(stats: StatsView, history: list[tuple[date, Readiness]]):
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib.figure import Figure

    figure = Figure(figsize=(9, 7.5), dpi=100, layout="constrained")
    bars, trend = figure.subplots(2, 1, height_ratios=(3, 2))
    _accuracy(bars, stats)
    _readiness(trend, history, stats.pass_percent)
    return figure


def _accuracy(bars, stats: StatsView) -> None:
    """A bar per section: green at or above the pass mark, red below (a red sliver at 0 %), and a hatched
    outline saying so where nothing was answered yet."""
    rows = list(reversed(stats.sections))
    for y, row in enumerate(rows):
        if not row.answered:
            bars.barh(y, 100, color="none", edgecolor=UNANSWERED, hatch="///", linewidth=0)
            bars.text(2, y, "not answered yet", va="center", fontsize=8, color="#616161", backgroundcolor="white")
            continue
        percent = row.percent or 0
        bars.barh(y, max(percent, SLIVER), color=GOOD if percent >= stats.pass_percent else BAD)
        inside = percent > 88
        bars.text(
            percent - 1 if inside else max(percent, SLIVER) + 1,
            y,
            f"{percent:g} %",
            va="center",
            ha="right" if inside else "left",
            fontsize=8,
            color="white" if inside else "black",
        )
    bars.set_yticks(range(len(rows)), labels=[f"{row.name} ({row.answered})" for row in rows])
    bars.axvline(stats.pass_percent, color="black", linestyle="--", linewidth=1)
    bars.text(
        stats.pass_percent,
        1.01,
        f"pass {stats.pass_percent} %",
        fontsize=8,
        ha="center",
        va="bottom",
        transform=bars.get_xaxis_transform(),
    )
    bars.set_xlim(0, 100)
    bars.set_ylim(-0.6, len(rows) - 0.4)
    bars.set_xlabel("accuracy, % (answers in brackets)")
    bars.set_title(f"{stats.name}: accuracy by section", pad=16)


def _readiness(trend, history: list[tuple[date, Readiness]], pass_percent: float) -> None:
    """The estimate per day with its band; a single day is a point with an error bar on a few days' axis."""
    from matplotlib.dates import DateFormatter, DayLocator

    known = [(day, r) for day, r in history if r.enough_data]
    if known:
        days = [day for day, _ in known]
        estimates = [r.estimate for _, r in known]
        trend.plot(days, estimates, marker="o", color=TREND, label="estimated score")
        if len(known) > 1:
            trend.fill_between(days, [r.low for _, r in known], [r.high for _, r in known], alpha=0.2, color=TREND)
        else:
            [(_, only)] = known
            assert only.estimate is not None and only.low is not None and only.high is not None  # enough data
            below, above = only.estimate - only.low, only.high - only.estimate
            trend.errorbar(days, estimates, yerr=[[below], [above]], fmt="none", color=TREND, alpha=0.5, capsize=8)
        first, last = min(days), max(days)
        span = max((last - first).days, 1)
        trend.set_xlim(first - timedelta(days=max(1, span // 20)), last + timedelta(days=max(1, span // 20)))
        trend.xaxis.set_major_locator(DayLocator(interval=max(1, span // 7)))
        trend.xaxis.set_major_formatter(DateFormatter("%d %b"))
        trend.legend(loc="lower right", fontsize=8)
    else:
        trend.text(
            0.5,
            0.5,
            "Not enough answers yet for a readiness estimate",
            ha="center",
            va="center",
            transform=trend.transAxes,
        )
        trend.set_xticks([])
    trend.axhline(pass_percent, color="black", linestyle="--", linewidth=1)
    trend.set_ylim(0, 100)
    trend.set_ylabel("%")
    trend.set_title("Readiness over time (90 % band)")
