"""Text rendering of the service's view models."""

from __future__ import annotations

import io
import textwrap
from collections.abc import Iterable, Sequence

from rich.console import Console
from rich.table import Table

from bot.console.screen import fit, width
from bot.services.display import FeedbackView, QuestionView, StatsView


def wrap(text: str, indent: str = "") -> str:
    """Each paragraph (line) of `text` as lines of the terminal's width, every one starting with `indent`;
    broken at spaces only."""
    return "\n".join(
        "\n".join(fit(indent + " ".join(paragraph.split()), width(), indent)) if paragraph.strip() else ""
        for paragraph in text.strip().split("\n")
    )


def table(rows: Iterable[Sequence[object]], right: Sequence[int] = (), indent: str = "  ") -> str:
    """Rows as aligned columns (measured in terminal cells, so emoji and wide letters line up), within the
    terminal's width; the columns numbered in `right` are right-aligned."""
    grid = Table(box=None, show_header=False, pad_edge=False, padding=(0, 1))
    cells = [[str(cell) for cell in row] for row in rows]
    for number in range(max((len(row) for row in cells), default=0)):
        grid.add_column(justify="right" if number in right else "left")
    for row in cells:
        grid.add_row(*row)
    buffer = io.StringIO()
    Console(file=buffer, width=width() - len(indent), color_system=None, markup=False, emoji=False).print(grid)
    return "\n".join(indent + line.rstrip() for line in buffer.getvalue().rstrip("\n").split("\n"))


def question(view: QuestionView, number: int | None = None, total: int | None = None) -> str:
    head = f"Question {number}/{total}" if number else "Question"
    return (
        wrap(
            f"{head} · {view.domain} › {view.section} · {view.objective_id} · difficulty {view.difficulty}"
            f" · id {view.question_id}"
        )
        + (f"\n{wrap(view.why.text)}" if view.why else "")
        + "\n"
        + _question_body(view)
    )


def _question_body(view: QuestionView) -> str:
    """The question without its heading: stem, code, options and how to answer."""
    lines = ["", wrap(view.stem)]
    if view.code:
        lines += ["", textwrap.indent(view.code.rstrip("\n"), "    ")]
    lines.append("")
    lines += ["\n".join(fit(f"  {o.letter}) {o.text}", width(), "     ")) for o in view.options]
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
        verdict = "right" if r.is_key else "wrong"
        lines.append(wrap(f"{r.letter} ({r.role}, {verdict}): {r.text}", "  "))
        lines.append(wrap(f"Why: {r.why}", "      "))
    lines += ["", wrap(f"Explanation: {view.explanation}")]
    lines += [f"Read more: {url}" for url in view.references]
    return "\n".join(lines)


def stats(view: StatsView) -> str:
    if not view.answered:
        return f"No answers stored for {view.name} yet. Run `quizbot play` to start."
    lines = [
        wrap(f"Stats for {view.name}: {view.correct}/{view.answered} correct ({view.percent} %)"),
        "",
        "By domain:",
        _rows(view.domains),
        "",
        "By section:",
        _rows(row for row in view.sections if row.answered),
    ]
    if view.weakest:
        lines += ["", wrap("Weakest sections: " + ", ".join(f"{row.name} ({row.percent} %)" for row in view.weakest))]
    lines.append(f"Pass mark: {view.pass_percent} %")
    if view.readiness is not None:
        lines += ["", wrap("Readiness: " + view.readiness.advice()), wrap(view.readiness.based_on())]
    return "\n".join(lines)


def _rows(rows) -> str:
    """Accuracy rows (a name, correct of answered, percent) as a table."""
    return table(
        ((row.name, f"{row.correct}/{row.answered}", f"{row.percent:.1f} %" if row.answered else "–") for row in rows),
        right=(1, 2),
    )


def _local(moment, timezone: str | None = None) -> str:
    if moment is None:
        return "–"
    from zoneinfo import ZoneInfo

    return moment.astimezone(ZoneInfo(timezone) if timezone else None).strftime("%a %d %b %H:%M %Z")


def schedule(view) -> str:
    if view is None:
        return (
            "No daily question is set up for this channel. Try `quizbot daily setup --time 09:00 --tz Europe/Berlin`."
        )
    state = f"paused ({view.paused_reason})" if view.paused else f"next post {_local(view.next_post_at, view.timezone)}"
    open_for = f"{view.open_hours} h" if view.open_hours else "until the next post (at most 24 h)"
    feedback_when = "at once, privately" if view.feedback == "immediate" else "at the reveal"
    text = (
        f"Daily question in #{view.channel}: {view.local_time} {view.timezone} on {', '.join(view.weekdays)}; "
        f"answers open {open_for}; feedback {feedback_when}; {state}."
    )
    if view.failed_post is not None:
        text += "\n" + failed_post_text(view.failed_post)
    return text


def failed_post_text(failed) -> str:
    head = f"Not posted: the question for {failed.local_date} did not reach the channel: {failed.reason}."
    if failed.maybe_posted:
        return f"{head} It may be there anyway; if it is not, run `quizbot daily post-now`."
    return f"{head} The bot tries again for a while; `quizbot daily post-now` posts it at once."


def daily_post(view) -> str:
    return (
        f"Daily question for {view.local_date} (post {view.post_id}, open until {_local(view.closes_at)})\n"
        + question(view.question)
    )


def daily_answer(view) -> str:
    if view.already_answered:
        head = f"You already answered {', '.join(view.chosen)}; your first answer stands."
    else:
        head = f"Answer {', '.join(view.chosen)} recorded."
    if view.feedback is not None:
        return head + "\n" + feedback(view.feedback)
    return head + f" The answer {'was' if view.revealed else 'is'} revealed {_local(view.reveals_at)}."


def reveal(view) -> str:
    lines = [f"Answer to the daily question of {view.local_date}: {', '.join(view.key)}", wrap(view.stem), ""]
    for o in view.options:
        mark = "✔" if o.is_key else " "
        lines.append(wrap(f"{mark} {o.letter}) {o.text} — {o.count} ({o.percent} %)", "  "))
    lines += ["", wrap(f"Explanation: {view.explanation}")]
    lines += [f"Read more: {url}" for url in view.references]
    lines.append(f"{view.correct} of {view.answered} answered correctly ({view.percent_correct} %).")
    if view.correct_names:
        more = view.correct - len(view.correct_names)
        lines.append("Correct: " + ", ".join(view.correct_names) + (f" and {more} more" if more > 0 else ""))
    return "\n".join(lines)


def leaderboard(view) -> str:
    period = f"season: {view.season_label}" if view.period == "season" else "all time"
    lines = [f"{view.title} ({period})"]
    if not view.rows:
        lines.append("  No points yet.")
    rows = (*view.rows, *((view.me,) if view.me else ()))
    if rows:
        cells = [(f"{r.rank}.", r.name, f"{r.points:g}", r.detail, "← you" if r.is_me else "") for r in rows]
        lines.append(table(cells, right=(0, 2)))
    if view.streak_text:
        lines.append(view.streak_text)
    lines.append(view.rule)
    return "\n".join(lines)


def teams(views) -> str:
    if not views:
        return "No teams yet. Create one with `quizbot team create NAME`."
    return "\n".join(
        f"  {t.name} ({t.members} member{'s' if t.members != 1 else ''}){'  ← yours' if t.is_mine else ''}"
        for t in views
    )


def season_summary(view) -> str:
    lines = [f"Season over in {view.workspace}: {view.season_label}"]
    if view.winning_team:
        lines.append(f"Winning team: {view.winning_team}")
    lines += [f"  {r.rank}. {r.name} — {r.points:g} points ({r.detail})" for r in view.people]
    lines += [f"  Team {r.rank}. {r.name} — {r.points:g} per active member" for r in view.teams]
    return "\n".join(lines)


def exam_item(view) -> str:
    flag = "  ⚑ flagged" if view.flagged else ""
    head = (
        f"{view.progress} · answered {view.answered}/{view.total} · flagged {view.flagged_count}{flag}"
        f" · id {view.question.question_id}"
    )
    current = f"\nYour answer so far: {', '.join(view.chosen)}" if view.chosen else ""
    if view.all_answered:
        current += "\n" + wrap(
            f"All {view.total} questions answered: type `submit` to finish (answers can still be changed until then)."
        )
    return wrap(head) + "\n" + _question_body(view.question) + current


def exam_status(view) -> str:
    minutes = view.remaining_seconds // 60
    lines = [f"Answered {view.answered}/{view.total}; {minutes} min left."]
    if view.unanswered:
        lines.append(wrap("Unanswered: " + ", ".join(map(str, view.unanswered))))
    if view.flagged:
        lines.append(wrap("Flagged for review: " + ", ".join(map(str, view.flagged))))
    if view.settled:
        lines.append("Everything is answered and nothing is flagged: type `submit` to finish.")
    return "\n".join(lines)


def exam_abandoned(view) -> str:
    return wrap(view.text + " Start a new one with `quizbot exam`.")


def exam_report(view) -> str:
    verdict = "PASS" if view.passed else "FAIL"
    how = "time ran out; scored as it stood" if view.status == "expired" else "submitted"
    minutes, seconds = divmod(view.time_used_seconds, 60)
    lines = [
        f"Mock exam result: {view.correct}/{view.total} = {view.percent} % — {verdict}"
        f" (pass mark {view.pass_percent} %)",
        f"Time used: {minutes} min {seconds:02d} s ({how})",
        "",
        "By domain:",
        _rows(row for row in view.domains if row.answered),
        "",
        "By section:",
        _rows(view.sections),
    ]
    if view.to_review:
        lines += ["", "Objectives to review (most missed first):"]
        for objective in view.to_review:
            lines.append("\n" + wrap(f"{objective.objective_id} · {objective.section}: {objective.objective}"))
            for missed in objective.missed:
                lines.append(wrap(f"Q{missed.position} (id {missed.question_id}): {missed.stem}", "  "))
                chosen = missed.lettered(missed.chosen) or ("no answer",)
                lines += [wrap(f"you: {text}", "    ") for text in chosen]
                lines += [wrap(f"answer: {text}", "    ") for text in missed.lettered(missed.key)]
                lines.append(wrap(missed.explanation, "    "))
                lines += [f"    {url}" for url in missed.references[:1]]
        lines += ["", "Report a problem with a question: `quizbot report ID what is wrong`."]
    return "\n".join(lines)


def readiness(view) -> str:
    return "\n".join(wrap(line) for line in (view.advice(), view.based_on()) if line) if view is not None else ""


def comparison(view) -> str:
    lines = [view.title, ""]
    for side in view.sides:
        lines.append(wrap(f"{side.name}: {side.use_when}", "  "))
    lines += [
        "",
        wrap(f"Deciding constraint: {view.deciding_constraint}"),
        wrap(f"Trap: {view.trap}"),
        "Objectives: " + ", ".join(view.objectives),
    ]
    lines += [f"Read more: {url}" for url in view.references]
    return "\n".join(lines)


def trap(view) -> str:
    lines = [f"Exam trap ({view.section_name}): " + view.trap.strip(), wrap(f"Remember: {view.tip}")]
    lines += [f"Read more: {url}" for url in view.references]
    return "\n".join(wrap(line) if not line.startswith("Read more") else line for line in lines)


def countdown(view, days_shown: int = 3) -> str:
    """The exam date, the pace, the next study days and the mock exams."""
    lines = [wrap(view.headline)]
    if view.pace:
        lines.append(wrap(view.pace))
    lines += [wrap(line, "    ").replace("    ", "  ", 1) for line in view.day_lines(days_shown)]
    if view.mock_text:
        lines.append(wrap(view.mock_text))
    return "\n".join(lines)


def reading(view) -> str:
    lines = [wrap(view.title)]
    if view.kind == "objective":
        lines.append(wrap(view.name, "  "))
    if view.pages:
        lines += ["", f"The documentation its {view.questions} questions cite most:"]
        for number, page in enumerate(view.pages, start=1):
            lines += [f"  {number}. {view.cited(page)}:", f"     {page.url}"]
    else:
        lines += ["", "No question cites a page here yet."]
    lines += ["", "Official free resources:"]
    for resource in view.official:
        lines += [wrap(f"{resource.title}: {resource.what}", "  "), f"    {resource.url}"]
    scope = view.scope_id if view.kind != "objective" else view.scope_id.rsplit(".", 1)[0]
    lines += ["", f"Then practise it: `quizbot practice --section {scope}`" if "." in scope else ""]
    return "\n".join(lines).rstrip()


EXAM_DATE_HINT = "Set your exam date for a countdown and a schedule: `quizbot exam-date YYYY-MM-DD`."


def plan(view) -> str:
    lines = [countdown(view.countdown), ""] if view.countdown else []
    lines.append("Your study plan" + (" (no answers yet: the Tier 1 path first)" if view.new_person else "") + ":")
    for number, step in enumerate(view.steps, start=1):
        accuracy = f"{step.percent} % of {step.answered}" if step.answered else "not started"
        lines.append(f"{number:>3}. {step.section} (Tier {step.tier}; {accuracy})")
        if number <= 3:
            lines += ["\n".join(fit(f"       - {objective_id}: {text}", width())) for objective_id, text in step.focus]
    top = view.steps[0]
    lines += ["", f"Start with {top.section}: `quizbot practice --section {view.practice_scope}`"]
    lines.append("A first practice set: `quizbot play --id " + ",".join(view.practice_question_ids) + "`")
    if view.read_first:
        lines.append(f"Read first (`quizbot read {view.practice_scope}` for more):")
        lines += [f"  {url}" for url in view.read_first]
    if view.comparisons:
        lines.append("Compare first: " + "; ".join(f"{c.title} (`quizbot compare {c.id}`)" for c in view.comparisons))
    if view.countdown is None:
        lines.append(EXAM_DATE_HINT)
    return "\n".join(lines)


def checklist(view) -> str:
    lines = [f"Exam-ready checklist: {view.done}/{len(view.items)} done" + (" — you are ready." if view.ready else "")]
    for item in view.items:
        lines.append(wrap(f"[{'x' if item.done else ' '}] {item.name}: {item.detail}", "  "))
    lines += ["", countdown(view.countdown, days_shown=1)] if view.countdown else ["", EXAM_DATE_HINT]
    return "\n".join(lines)


def exam_info(view) -> str:
    facts = view.facts
    lines = [
        facts.name,
        f"  {facts.questions} scored questions ({' and '.join(facts.question_types)}) in {facts.minutes} minutes",
        f"  Pass mark used here: {facts.pass_percent} %; no penalty for a wrong answer",
        f"  Cost: US${facts.cost_usd}; valid for {facts.validity_years} years; code in {facts.code_language}",
        f"  Exam guide dated {facts.guide_date}; {view.objectives} objectives",
        "",
        "Domains:",
    ]
    lines += [
        f"  {d.name}: {d.weight} % (about {d.questions} questions) — {', '.join(d.sections)}" for d in view.domains
    ]
    lines += ["", f"Register: {facts.registration_url}", wrap(facts.notes)]
    return "\n".join(lines)


def refusal(error: Exception) -> str:
    """A service refusal as the terminal shows it: local times, the terminal's own commands."""
    from bot.services.errors import NoExamError, PostClosedError

    if isinstance(error, NoExamError):
        return "You have no exam in progress; start one with `quizbot exam`."
    if isinstance(error, PostClosedError) and error.closed_at is not None:
        return f"This question closed {_local(error.closed_at)}; answers are no longer taken."
    return str(error)
