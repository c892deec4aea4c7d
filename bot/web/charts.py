"""Charts as inline SVG made on the server (no script, no request elsewhere), and the templates' filters.
Colours are presentation attributes, not style attributes, so the strict Content-Security-Policy holds.
Every chart has a title and a description for screen readers; the pages also show the figures as text."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from html import escape

from markupsafe import Markup

from bot.services.dashboard_views import DayView, ReadinessView
from bot.services.display import AccuracyRow
from bot.services.study_views import WeekView

INK = "#1f2933"
MUTED = "#52606d"
GOOD = "#1e7b45"
WEAK = "#b42318"
BAR = "#2f5fb3"
GRID = "#d9dee5"
PASS = "#8a4b00"


def pct(value: float | None, digits: int = 0) -> str:
    return "–" if value is None else f"{value:.{digits}f} %"


def day(value: date | datetime | str | None) -> str:
    if value is None:
        return "–"
    if isinstance(value, str):
        return value[:10]
    return value.strftime("%d %b %Y")


def moment(value: datetime | None) -> str:
    return "–" if value is None else value.strftime("%d %b %Y %H:%M UTC")


def _svg(width: int, height: int, title: str, description: str, body: list[str], key: str) -> Markup:
    return Markup(
        f'<svg class="chart" viewBox="0 0 {width} {height}" role="img" aria-labelledby="{key}-t {key}-d"'
        f' xmlns="http://www.w3.org/2000/svg" preserveAspectRatio="xMinYMin meet">'
        f'<title id="{key}-t">{escape(title)}</title><desc id="{key}-d">{escape(description)}</desc>'
        + "".join(body)
        + "</svg>"
    )


def _text(x: float, y: float, text: str, *, anchor: str = "start", fill: str = INK, size: int = 13) -> str:
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}" fill="{fill}" font-size="{size}">{escape(text)}</text>'
    )


def section_bars(rows: Sequence[AccuracyRow], pass_percent: int, key: str = "sections") -> Markup:
    """Accuracy per section as horizontal bars against the pass mark (an empty bar for a section not tried)."""
    label_w, bar_w, row_h = 250, 280, 24
    width, height = label_w + bar_w + 110, 30 + row_h * len(rows)
    body = []
    x_pass = label_w + bar_w * pass_percent / 100
    for index, row in enumerate(rows):
        y = 20 + index * row_h
        body.append(_text(0, y + 14, row.name if len(row.name) <= 34 else row.name[:33] + "…", size=12))
        body.append(f'<rect x="{label_w}" y="{y + 3}" width="{bar_w}" height="14" fill="{GRID}"/>')
        if row.answered:
            share = row.correct / row.answered
            colour = GOOD if (row.percent or 0) >= pass_percent else WEAK
            body.append(f'<rect x="{label_w}" y="{y + 3}" width="{bar_w * share:.1f}" height="14" fill="{colour}"/>')
            body.append(_text(label_w + bar_w + 6, y + 14, f"{pct(row.percent)} of {row.answered}", size=12))
        else:
            body.append(_text(label_w + bar_w + 6, y + 14, "not tried", fill=MUTED, size=12))
    body.append(
        f'<line x1="{x_pass:.1f}" y1="12" x2="{x_pass:.1f}" y2="{height - 6}" stroke="{PASS}" stroke-width="2"'
        ' stroke-dasharray="4 3"/>'
    )
    body.append(_text(x_pass, 11, f"pass {pass_percent} %", anchor="middle", fill=PASS, size=11))
    described = "; ".join(
        f"{r.name}: {pct(r.percent)} of {r.answered}" if r.answered else f"{r.name}: not tried" for r in rows
    )
    return _svg(width, height, f"Accuracy per section against the {pass_percent} % pass mark", described, body, key)


def weekly_trend(weeks: Sequence[WeekView], pass_percent: int) -> Markup | None:
    """Percent correct week by week as a line, with the pass mark; None with fewer than two weeks."""
    if len(weeks) < 2:
        return None
    left, top, plot_w, plot_h = 40, 14, 520, 160
    width, height = left + plot_w + 20, top + plot_h + 40
    step = plot_w / (len(weeks) - 1)

    def y_of(percent: float) -> float:
        return top + plot_h * (1 - percent / 100)

    body = []
    for mark in (0, 50, 100):
        body.append(
            f'<line x1="{left}" y1="{y_of(mark):.1f}" x2="{left + plot_w}" y2="{y_of(mark):.1f}" stroke="{GRID}"/>'
        )
        body.append(_text(left - 6, y_of(mark) + 4, f"{mark}", anchor="end", fill=MUTED, size=11))
    body.append(
        f'<line x1="{left}" y1="{y_of(pass_percent):.1f}" x2="{left + plot_w}" y2="{y_of(pass_percent):.1f}"'
        f' stroke="{PASS}" stroke-width="2" stroke-dasharray="4 3"/>'
    )
    points = []
    for index, week in enumerate(weeks):
        percent = 100 * week.correct / week.answered if week.answered else 0.0
        points.append((left + index * step, y_of(percent)))
    body.append(
        f'<polyline fill="none" stroke="{BAR}" stroke-width="2.5" points="'
        + " ".join(f"{x:.1f},{y:.1f}" for x, y in points)
        + '"/>'
    )
    for x, y in points:
        body.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3.5" fill="{BAR}"/>')
    for index in (0, len(weeks) - 1):
        anchor = "start" if index == 0 else "end"
        body.append(
            _text(points[index][0], top + plot_h + 18, weeks[index].week_start.strftime("%d %b"), anchor=anchor)
        )
    described = "; ".join(f"week of {w.week_start:%d %b}: {pct(w.percent)} of {w.answered}" for w in weeks)
    return _svg(width, height, "Percent correct week by week", described, body, "trend")


def readiness_gauge(readiness: ReadinessView, pass_percent: int) -> Markup | None:
    """The estimate on a 0-100 scale with its 90 % band and the pass mark; None while there is too little data."""
    if readiness.estimate is None or readiness.low is None or readiness.high is None:
        return None
    left, scale, width, height = 10, 500, 540, 64

    def x_of(percent: float) -> float:
        return left + scale * percent / 100

    body = [
        f'<rect x="{left}" y="20" width="{scale}" height="16" fill="{GRID}"/>',
        f'<rect x="{x_of(readiness.low):.1f}" y="20" width="{x_of(readiness.high) - x_of(readiness.low):.1f}"'
        f' height="16" fill="#9db5e0"/>',
        f'<rect x="{x_of(readiness.estimate) - 2:.1f}" y="14" width="4" height="28" fill="{BAR}"/>',
        f'<line x1="{x_of(pass_percent):.1f}" y1="10" x2="{x_of(pass_percent):.1f}" y2="46" stroke="{PASS}"'
        ' stroke-width="2" stroke-dasharray="4 3"/>',
        _text(x_of(pass_percent), 9, f"pass {pass_percent} %", anchor="middle", fill=PASS, size=11),
        _text(left, 60, "0 %", fill=MUTED, size=11),
        _text(left + scale, 60, "100 %", anchor="end", fill=MUTED, size=11),
    ]
    described = (
        f"Estimated score {readiness.estimate:.0f} %, 90 % band {readiness.low:.0f} to {readiness.high:.0f} %,"
        f" pass mark {pass_percent} %"
    )
    return _svg(width, height, "Readiness estimate", described, body, "readiness")


def participation(days: Sequence[DayView]) -> Markup:
    """People who answered the daily question, per day, as columns."""
    left, top, plot_w, plot_h = 36, 10, 520, 120
    width, height = left + plot_w + 10, top + plot_h + 34
    most = max((d.people for d in days), default=0) or 1
    slot = plot_w / max(1, len(days))
    body = [f'<line x1="{left}" y1="{top + plot_h}" x2="{left + plot_w}" y2="{top + plot_h}" stroke="{GRID}"/>']
    body.append(_text(left - 6, top + 10, str(most), anchor="end", fill=MUTED, size=11))
    for index, entry in enumerate(days):
        h = plot_h * entry.people / most
        x = left + index * slot + slot * 0.15
        body.append(
            f'<rect x="{x:.1f}" y="{top + plot_h - h:.1f}" width="{slot * 0.7:.1f}" height="{h:.1f}" fill="{BAR}"/>'
        )
    if days:
        body.append(_text(left, top + plot_h + 18, days[0].day.strftime("%d %b"), fill=MUTED, size=11))
        body.append(
            _text(left + plot_w, top + plot_h + 18, days[-1].day.strftime("%d %b"), anchor="end", fill=MUTED, size=11)
        )
    described = "; ".join(f"{d.day:%d %b}: {d.people} people" for d in days)
    return _svg(width, height, "People who answered the daily question, per day", described, body, "participation")
