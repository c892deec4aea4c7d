"""Text rendering of the service's view models."""

from __future__ import annotations

import textwrap

from bot.views import FeedbackView, QuestionView, StatsView

WIDTH = 88


def wrap(text: str, indent: str = "") -> str:
    return "\n".join(
        textwrap.fill(paragraph, WIDTH, initial_indent=indent, subsequent_indent=indent)
        for paragraph in text.strip().split("\n")
    )


def question(view: QuestionView, number: int | None = None, total: int | None = None) -> str:
    head = f"Question {number}/{total}" if number else "Question"
    lines = [
        f"{head} · {view.domain} › {view.section} · {view.objective_id} · difficulty {view.difficulty}",
        "",
        wrap(view.stem),
    ]
    if view.code:
        lines += ["", textwrap.indent(view.code.rstrip("\n"), "    ")]
    lines.append("")
    lines += [wrap(f"{o.letter}) {o.text}", "  ") for o in view.options]
    lines.append("")
    if view.is_multiple:
        lines.append(f"Choose {view.choose}: type the letters, e.g. A,C (q to stop)")
    else:
        lines.append("Type one letter (q to stop)")
    return "\n".join(lines)


def feedback(view: FeedbackView) -> str:
    key = ", ".join(view.key)
    lines = []
    if view.already_answered:
        lines.append("You had already answered this one; your first answer stands.")
    lines.append("✔ Correct." if view.correct else f"✘ Not quite. The answer is {key}.")
    for r in view.rationales:
        label = "your choice" if r.letter in view.chosen else "the answer"
        verdict = "right" if r.is_key else "wrong"
        lines.append(wrap(f"{r.letter} ({label}, {verdict}): {r.text}", "  "))
        lines.append(wrap(f"Why: {r.why}", "      "))
    lines += ["", wrap(f"Explanation: {view.explanation}")]
    lines += [f"Read more: {url}" for url in view.references]
    return "\n".join(lines)


def stats(view: StatsView) -> str:
    if not view.answered:
        return f"No answers stored for {view.name} yet. Run `quizbot play` to start."
    lines = [f"Stats for {view.name}: {view.correct}/{view.answered} correct ({view.percent} %)", "", "By domain:"]
    lines += [_row(row) for row in view.domains]
    lines += ["", "By section:"]
    lines += [_row(row) for row in view.sections if row.answered]
    if view.weakest:
        lines += ["", "Weakest sections: " + ", ".join(f"{row.name} ({row.percent} %)" for row in view.weakest)]
    lines.append(f"Pass mark: {view.pass_percent} %")
    return "\n".join(lines)


def _row(row) -> str:
    percent = f"{row.percent:5.1f} %" if row.answered else "    – "
    return f"  {row.name:<44} {row.correct:>4}/{row.answered:<4} {percent}"
