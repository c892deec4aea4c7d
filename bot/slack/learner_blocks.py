"""Block Kit rendering of the learner's loop: history, search, team members."""

from __future__ import annotations

from bot.services.study_views import HistoryView, SearchView, TeamMembersView
from bot.slack.blocks import Message, context, esc, packed_sections, plain, section, slack_date

MAX_BLOCKS = 40


def _percent(value: float | None) -> str:
    return f"{value:g} %" if value is not None else "–"


def history(view: HistoryView) -> Message:
    if view.empty:
        return plain("No history yet. Try `/quiz` or `/quiz exam start`.")
    rounds = [f"{slack_date(r.started_at)}: {r.correct}/{r.answered} ({_percent(r.percent)})" for r in view.rounds]
    exams = [
        f"*#{e.exam_id}* {slack_date(e.finished_at)}: {e.correct}/{e.total} ({e.percent:g} %)"
        f" {'PASS' if e.passed else 'FAIL'}"
        for e in view.exams
    ]
    header = "week of     answers overall " + " ".join(f"{d:>6}" for d in view.domain_ids)
    weeks = [
        f"{w.week_start:%Y-%m-%d} {w.answered:>7} {_percent(w.percent):>7} "
        + " ".join(f"{_percent(row.percent):>6}" for row in w.domains)
        for w in view.weeks
    ]
    blocks = [
        section("*Practice rounds*\n" + ("\n".join(rounds) or "none yet")),
        section("*Mock exams* (`/quiz exam result NUMBER` reopens one)\n" + ("\n".join(exams) or "none yet")),
        section(f"*Progress by week* (pass mark {view.pass_percent} %)\n```" + "\n".join([header, *weeks]) + "```"),
    ]
    return Message("Your history", blocks)


def search(view: SearchView) -> Message:
    marks = {None: "", True: " ✅", False: " ❌"}
    chunks = [f"`{h.question_id}` · {h.objective_id}{marks[h.last_correct]}\n{esc(h.stem)}" for h in view.hits]
    head = f"*Search: {esc(view.query)}* — {view.total} found" if view.hits else "No answered question matches."
    blocks, _ = packed_sections([head, *chunks], MAX_BLOCKS)
    notes = []
    if view.hidden and not view.everything:
        notes.append(f"{view.hidden} more match but you have not answered them yet (no daily question is spoiled).")
    if view.hits:
        notes.append("Practise them: `/quiz id:" + ",".join(hit.question_id for hit in view.hits) + "`")
    if notes:
        blocks.append(context(" ".join(notes)))
    return Message(f"Search: {view.query}", blocks)


def team_members(view: TeamMembersView) -> Message:
    count = len(view.members)
    head = f"*{esc(view.name)}*{' (your team)' if view.is_mine else ''}: {count} member{'s' if count != 1 else ''}"
    return Message(f"Team {view.name}", [section(head + "\n" + "\n".join(f"• {esc(m)}" for m in view.members))])
