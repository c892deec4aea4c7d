"""Block Kit rendering of the study guide: comparisons, exam traps, the study plan, the exam-ready
checklist and the exam facts (the same content as the terminal's, in Slack's idiom)."""

from __future__ import annotations

from bot.services.display import ChecklistView, CountdownView, ExamInfoView, PlanView, ReadingView, TrapView
from bot.slack.actions import COMPARE_PICK, PRACTICE_SCOPE
from bot.slack.blocks import Message, clip, context, esc, packed_sections, section
from questions.guide import Comparison

MAX_COMPARISONS = 5  # four blocks each: far below the 50-block limit
MENU_LABEL_LIMIT = 75  # plain_text of a static_select option
MENU_OPTIONS = 100
LIST_BLOCKS = 10
PLAN_DETAILED_STEPS = 3


def links(references) -> str:
    return " · ".join(f"<{url}|Read more>" for url in references)


def comparison_blocks(item: Comparison) -> list[dict]:
    sides = "\n".join(f"• *{esc(side.name)}* — {esc(side.use_when)}" for side in item.sides)
    return [
        section(f"*{esc(item.title)}*\n{sides}"),
        section(f"*Deciding constraint:* {esc(item.deciding_constraint)}\n*Trap:* {esc(item.trap)}"),
        context(f"Objectives: {', '.join(item.objectives)} · {links(item.references)}"),
    ]


def comparisons(found: list[Comparison]) -> Message:
    blocks: list[dict] = []
    for item in found[:MAX_COMPARISONS]:
        if blocks:
            blocks.append({"type": "divider"})
        blocks += comparison_blocks(item)
    if len(found) > MAX_COMPARISONS:
        more = ", ".join(f"`{c.id}`" for c in found[MAX_COMPARISONS:])
        blocks.append(context(clip(f"{len(found) - MAX_COMPARISONS} more match; add a word to narrow: {more}", 2000)))
    return Message(f"Comparison: {found[0].title}", blocks)


def comparison_list(titles: list[tuple[str, str]]) -> Message:
    lines = [f"*Comparisons* ({len(titles)}): `/quiz compare WORDS`, e.g. `/quiz compare canary`"]
    lines += [f"• {esc(title)} — `{comparison_id}`" for comparison_id, title in titles]
    blocks, _ = packed_sections(lines, LIST_BLOCKS)
    menu = {
        "type": "static_select",
        "action_id": COMPARE_PICK,
        "placeholder": {"type": "plain_text", "text": "Open a comparison…"},
        "options": [
            {"text": {"type": "plain_text", "text": clip(title, MENU_LABEL_LIMIT)}, "value": comparison_id}
            for comparison_id, title in titles[:MENU_OPTIONS]
        ],
    }
    if titles:
        blocks.append({"type": "actions", "block_id": "compare_menu", "elements": [menu]})
    return Message(f"{len(titles)} comparisons", blocks)


def trap(item: TrapView) -> Message:
    blocks = [
        section(f"*Exam trap* ({esc(item.section_name)})\n{esc(item.trap.strip())}"),
        section(f"*Remember:* {esc(item.tip.strip())}"),
        context(f"Another: `/quiz trap` or `/quiz trap {item.section}` · {links(item.references)}"),
    ]
    return Message(f"Exam trap: {item.trap[:150]}", blocks)


def plan(view: PlanView) -> Message:
    head = "*Your study plan*" + (" (no answers yet: the Tier 1 path first)" if view.new_person else "")
    lines = [head]
    for number, step in enumerate(view.steps, start=1):
        accuracy = f"{step.percent:g} % of {step.answered}" if step.answered else "not started"
        lines.append(f"*{number}. {esc(step.section)}* (Tier {step.tier}; {accuracy})")
        if number <= PLAN_DETAILED_STEPS:
            lines += [f"    – {objective_id}: {esc(text)}" for objective_id, text in step.focus]
    blocks, _ = packed_sections(lines, LIST_BLOCKS)
    top = view.steps[0]
    start = f"Start with *{esc(top.section)}*: `/quiz {view.practice_scope}`."
    if view.practice_question_ids:
        start += "\nA first practice set: `/quiz id:" + ",".join(view.practice_question_ids) + "`"
    if view.read_first:
        start += "\nRead first: " + " · ".join(f"<{url}>" for url in view.read_first)
        start += f" (more: `/quiz read {view.practice_scope}`)"
    if view.comparisons:
        start += "\nCompare first: " + "; ".join(f"{esc(c.title)} (`/quiz compare {c.id}`)" for c in view.comparisons)
    blocks.append(section(clip(start, 3000)))
    blocks.append(section(countdown_text(view.countdown)) if view.countdown else context(EXAM_DATE_HINT))
    practise = {
        "type": "button",
        "action_id": PRACTICE_SCOPE,
        "style": "primary",
        "text": {"type": "plain_text", "text": clip(f"Practise {top.section}", MENU_LABEL_LIMIT)},
        "value": view.practice_scope,
    }
    blocks.append({"type": "actions", "block_id": "plan_practice", "elements": [practise]})
    return Message(f"Your study plan: start with {top.section}", blocks)


def reading(view: ReadingView) -> Message:
    head = f"*{esc(view.title)}*" + (f"\n{esc(view.name)}" if view.kind == "objective" else "")
    pages = [f"{n}. <{p.url}> · {view.cited(p)}" for n, p in enumerate(view.pages, start=1)]
    cited = f"*The documentation its {view.questions} questions cite most*\n" + (
        "\n".join(pages) or "No question cites a page here yet."
    )
    official = "*Official free resources*\n" + "\n".join(
        f"• <{r.url}|{esc(r.title)}>: {esc(r.what)}" for r in view.official
    )
    blocks = [section(clip(head, 3000)), section(clip(cited, 3000)), section(clip(official, 3000))]
    if view.kind != "domain":
        scope = view.scope_id if view.kind == "section" else view.scope_id.rsplit(".", 1)[0]
        blocks.append(context(f"Then practise it: `/quiz {scope}`"))
    return Message(view.title, blocks)


EXAM_DATE_HINT = "Set your exam date for a countdown and a schedule: `/quiz examdate YYYY-MM-DD`."


def countdown_text(view: CountdownView, days_shown: int = 3) -> str:
    lines = [f"*{esc(view.headline)}*", esc(view.pace), *map(esc, view.day_lines(days_shown)), esc(view.mock_text)]
    return clip("\n".join(line for line in lines if line), 3000)


def countdown(view: CountdownView) -> Message:
    blocks = [
        section(countdown_text(view, days_shown=5)),
        context("Dates in UTC · `/quiz plan` and `/quiz checklist` count down too · `/quiz examdate clear` forgets it"),
    ]
    return Message(view.headline, blocks)


def checklist(view: ChecklistView) -> Message:
    head = f"*Exam-ready checklist:* {view.done}/{len(view.items)} done" + (" — you are ready." if view.ready else "")
    lines = [f"{'✅' if item.done else '⬜'} *{esc(item.name)}* — {esc(item.detail)}" for item in view.items]
    count = section(countdown_text(view.countdown, 1)) if view.countdown else context(EXAM_DATE_HINT)
    return Message(
        f"Exam-ready checklist: {view.done}/{len(view.items)} done",
        [section(head), *packed_sections(lines, LIST_BLOCKS)[0], count],
    )


def exam_info(view: ExamInfoView) -> Message:
    facts = view.facts
    about = [
        f"*{esc(facts.name)}*",
        f"{facts.questions} scored questions ({' and '.join(facts.question_types)}) in {facts.minutes} minutes",
        f"Pass mark used here: {facts.pass_percent} %; "
        + ("wrong answers cost points" if facts.penalty_for_wrong else "no penalty for a wrong answer"),
        f"Cost: US${facts.cost_usd}; valid for {facts.validity_years} years; code in {esc(facts.code_language)}",
        f"Exam guide dated {esc(facts.guide_date)}; {view.objectives} objectives",
    ]
    domains = [
        f"• *{esc(d.name)}*: {d.weight} % (about {d.questions} questions) — {esc(', '.join(d.sections))}"
        for d in view.domains
    ]
    blocks = [section("\n".join(about)), section("*Domains*\n" + "\n".join(domains))]
    blocks.append(
        section(f"<{facts.registration_url}|Register for the exam>" + (f"\n{esc(facts.notes)}" if facts.notes else ""))
    )
    blocks.append(context("Try a timed mock exam: `/quiz exam start` (59), `/quiz exam start 30` or `15`."))
    return Message(facts.name, blocks)
