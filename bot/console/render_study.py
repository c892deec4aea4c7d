"""Text rendering of the learner's loop: practice sets, history, search, team members."""

from __future__ import annotations

from bot.console.render import question, wrap
from bot.services.display import QuestionView
from bot.services.study_views import HistoryView, SearchView, TeamMembersView


def set_question(view: QuestionView, number: int | None = None, total: int | None = None) -> str:
    """A question of a practice set, headed by where it stands in the set."""
    if view.in_set is None:
        return question(view, number, total)
    return view.in_set.label + "\n" + question(view, view.in_set.position, view.in_set.total)


def _percent(value: float | None) -> str:
    return f"{value:5.1f} %" if value is not None else "    – "


def history(view: HistoryView) -> str:
    if view.empty:
        return "No history yet. Run `quizbot play` or `quizbot exam` to start."
    lines = ["Practice rounds (newest first):"]
    lines += [
        f"  {r.started_at:%Y-%m-%d %H:%M} UTC  {r.correct:>3}/{r.answered:<3} {_percent(r.percent)}"
        for r in view.rounds
    ] or ["  none yet"]
    lines += ["", "Mock exams (newest first; reopen one with `quizbot exam result ID`):"]
    lines += [
        f"  #{e.exam_id:<4} {e.finished_at:%Y-%m-%d %H:%M} UTC  {e.correct:>2}/{e.total:<2} {e.percent:5.1f} %"
        f"  {'PASS' if e.passed else 'FAIL'}{' (time ran out)' if e.status == 'expired' else ''}"
        for e in view.exams
    ] or ["  none yet"]
    lines += ["", f"Progress by week (every answer; pass mark {view.pass_percent} %):"]
    lines.append("  week of     answers  overall " + "".join(f"{d:>9}" for d in view.domain_ids))
    for week in view.weeks:
        domains = "".join(f"{_percent(row.percent):>9}" for row in week.domains)
        lines.append(f"  {week.week_start:%Y-%m-%d}  {week.answered:>7}  {_percent(week.percent)}{domains}")
    return "\n".join(lines)


def search(view: SearchView) -> str:
    if not view.hits:
        lines = [f"No question you have answered matches {view.query!r}."]
    else:
        shown = f"the first {len(view.hits)} of {view.total}" if view.total > len(view.hits) else str(view.total)
        lines = [f"Questions matching {view.query!r}: {shown}"]
    for hit in view.hits:
        last = {None: "not answered", True: "last answer right", False: "last answer wrong"}[hit.last_correct]
        lines.append(f"  {hit.question_id} · {hit.objective_id} · {hit.section} · {last}")
        lines.append(wrap(hit.stem, "      "))
    if view.hidden and not view.everything:
        lines.append(f"{view.hidden} more match but you have not answered them yet (so no daily question is spoiled).")
    if view.hits:
        lines.append("Practise them: `quizbot play --id " + ",".join(hit.question_id for hit in view.hits) + "`")
    return "\n".join(lines)


def team_members(view: TeamMembersView) -> str:
    yours = " (your team)" if view.is_mine else ""
    if not view.members:
        return f"{view.name}{yours} has no members yet."
    count = len(view.members)
    return f"{view.name}{yours}: {count} member{'s' if count != 1 else ''}\n" + "\n".join(
        f"  {name}" for name in view.members
    )
