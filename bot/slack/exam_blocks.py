"""Block Kit rendering of the mock exam: one question at a time with its controls, the overview, the report.

The exam is private, so every message goes to the person alone (ephemeral) and answers are never marked
right or wrong before the report."""

from __future__ import annotations

from bot.services.display import ExamAbandonedView, ExamItemView, ExamReportView, ExamStatusView, ReviewObjectiveView
from bot.slack.blocks import Message, accuracy_line, clip, context, esc, packed_sections, plain, section
from bot.slack.exam_actions import (
    EXAM_ABANDON,
    EXAM_CHOICES,
    EXAM_FINISH,
    EXAM_FLAG,
    EXAM_GO,
    EXAM_JUMP,
    EXAM_OVERVIEW,
    EXAM_PICK,
    EXAM_SAVE,
    ExamSpot,
    choices_block_id,
)

OPTION_LABEL_LIMIT = 70
STEM_IN_REPORT = 160
OPTION_IN_REPORT = 90
EXPLANATION_IN_REPORT = 260
REVIEW_BLOCKS = 10  # the report stays far below Slack's 50 blocks, at a length a person will read


def button(action_id: str, label: str, value: str, style: str | None = None, confirm: dict | None = None) -> dict:
    element = {"type": "button", "action_id": action_id, "text": {"type": "plain_text", "text": label}, "value": value}
    if style:
        element["style"] = style
    if confirm:
        element["confirm"] = confirm
    return element


def finish_button(exam_id: int, unanswered: int, flagged: int) -> dict:
    """Submit, after Slack's confirm dialog (the confirmation the service asks for), which says what is open."""
    open_ = []
    if unanswered:
        open_.append(f"{unanswered} question{'s are' if unanswered != 1 else ' is'} still unanswered")
    if flagged:
        open_.append(f"{flagged} {'are' if flagged != 1 else 'is'} flagged for review")
    warning = f" {' and '.join(open_).capitalize()}." if open_ else ""
    confirm = {
        "title": {"type": "plain_text", "text": "Submit the exam?"},
        "text": {"type": "plain_text", "text": f"You cannot change answers after submitting.{warning}"},
        "confirm": {"type": "plain_text", "text": "Submit"},
        "deny": {"type": "plain_text", "text": "Keep going"},
    }
    return button(EXAM_FINISH, "Submit exam", ExamSpot(exam_id, 0).encode(), "danger", confirm)


def abandon_prompt(view: ExamStatusView) -> Message:
    """`/quiz exam abandon`: the exam's state, Abandon (after a dialog) or Keep the exam."""
    confirm = {
        "title": {"type": "plain_text", "text": "Abandon the exam?"},
        "text": {"type": "plain_text", "text": "Its answers are deleted and nothing is scored."},
        "confirm": {"type": "plain_text", "text": "Abandon"},
        "deny": {"type": "plain_text", "text": "Keep it"},
    }
    back = ExamSpot(view.exam_id, view.unanswered[0] if view.unanswered else 1)
    controls = {
        "type": "actions",
        "block_id": f"exam_abandon:{view.exam_id}",
        "elements": [
            button(EXAM_ABANDON, "Abandon exam", ExamSpot(view.exam_id, 0).encode(), "danger", confirm),
            button(f"{EXAM_GO}:next", "Keep the exam", back.encode()),
        ],
    }
    return Message(view.abandon_question, [section(esc(view.abandon_question)), controls])


def exam_abandoned(view: ExamAbandonedView) -> Message:
    return plain(f"{view.text} Start a new one with `/quiz exam start`.")


# -- one question -------------------------------------------------------------------
def exam_item(view: ExamItemView, note: str | None = None) -> Message:
    spot = ExamSpot(view.exam_id, view.position)
    question = view.question
    flag = " · ⚑ flagged" if view.flagged else ""
    blocks = [
        context(
            f"*{view.progress}* · answered {view.answered}/{view.total} · flagged {view.flagged_count}{flag}"
            f" · `{view.question.question_id}`"
        )
    ]
    if note:
        blocks.append(context(esc(note)))
    blocks.append(section(esc(question.stem)))
    if question.code:
        blocks.append(section(f"```{esc(question.code.rstrip())}```"))
    blocks.append(section("\n".join(f"*{o.letter})* {esc(o.text)}" for o in question.options)))
    blocks += multiple_controls(view, spot) if question.is_multiple else [single_controls(view, spot)]
    if view.chosen:
        blocks.append(context(f"Your answer so far: *{', '.join(view.chosen)}* (you may change it until you submit)."))
    if view.all_answered:
        blocks.append(context(f"All {view.total} questions answered: press *Submit exam* to finish."))
    blocks.append(navigation(view, spot))
    text = f"Mock exam {view.progress}: {question.stem[:150]}"
    return Message(text, blocks)


def single_controls(view: ExamItemView, spot: ExamSpot) -> dict:
    return {
        "type": "actions",
        "block_id": f"exam_answer:{spot.encode()}",
        "elements": [
            button(
                f"{EXAM_PICK}:{o.letter}",
                o.letter,
                spot.encode(o.letter),
                "primary" if o.letter in view.chosen else None,
            )
            for o in view.question.options
        ],
    }


def multiple_controls(view: ExamItemView, spot: ExamSpot) -> list[dict]:
    options = [
        {"text": {"type": "mrkdwn", "text": f"*{o.letter}* {esc(clip(o.text, OPTION_LABEL_LIMIT))}"}, "value": o.letter}
        for o in view.question.options
    ]
    checkboxes = {"type": "checkboxes", "action_id": EXAM_CHOICES, "options": options}
    chosen = [o for o in options if o["value"] in view.chosen]
    if chosen:
        checkboxes["initial_options"] = chosen
    return [
        context(f"Choose {view.question.choose}, then Save answer."),
        {"type": "actions", "block_id": choices_block_id(spot), "elements": [checkboxes]},
        {
            "type": "actions",
            "block_id": f"exam_save:{spot.encode()}",
            "elements": [button(EXAM_SAVE, "Save answer", spot.encode(), "primary")],
        },
    ]


def navigation(view: ExamItemView, spot: ExamSpot) -> dict:
    elements = []
    if view.position > 1:
        elements.append(button(f"{EXAM_GO}:prev", "◀ Previous", ExamSpot(view.exam_id, view.position - 1).encode()))
    if view.position < view.total:
        elements.append(button(f"{EXAM_GO}:next", "Next ▶", ExamSpot(view.exam_id, view.position + 1).encode()))
    flag_label, flag_to = ("Unflag", "0") if view.flagged else ("⚑ Flag", "1")
    elements += [
        button(EXAM_FLAG, flag_label, spot.encode(flag_to)),
        button(EXAM_OVERVIEW, "Overview", spot.encode()),
        finish_button(view.exam_id, view.total - view.answered, view.flagged_count),
    ]
    return {"type": "actions", "block_id": f"exam_nav:{spot.encode()}", "elements": elements}


# -- the overview -------------------------------------------------------------------
def exam_status(view: ExamStatusView, note: str | None = None) -> Message:
    minutes = view.remaining_seconds // 60
    lines = [esc(note)] if note else []
    lines.append(f"*Mock exam:* answered {view.answered}/{view.total}; {minutes} min left.")
    if view.unanswered:
        lines.append("Unanswered: " + ", ".join(map(str, view.unanswered)))
    if view.flagged:
        lines.append("Flagged for review: " + ", ".join(map(str, view.flagged)))
    jump = {
        "type": "static_select",
        "action_id": EXAM_JUMP,
        "placeholder": {"type": "plain_text", "text": "Go to question…"},
        "options": [jump_option(view, position) for position in range(1, view.total + 1)],
    }
    controls = {
        "type": "actions",
        "block_id": f"exam_overview:{view.exam_id}",
        "elements": [jump, finish_button(view.exam_id, len(view.unanswered), len(view.flagged))],
    }
    return Message(
        f"Mock exam: answered {view.answered}/{view.total}; {minutes} min left", [section("\n".join(lines)), controls]
    )


def jump_option(view: ExamStatusView, position: int) -> dict:
    marks = []
    if position in view.unanswered:
        marks.append("unanswered")
    if position in view.flagged:
        marks.append("⚑")
    label = f"Q{position}" + (" · " + " ".join(marks) if marks else "")
    return {"text": {"type": "plain_text", "text": label}, "value": ExamSpot(view.exam_id, position).encode()}


# -- the report -----------------------------------------------------------------------
def exam_report(view: ExamReportView, note: str | None = None) -> Message:
    verdict = "PASS ✅" if view.passed else "FAIL ❌"
    how = "time ran out; scored as it stood" if view.status == "expired" else "submitted"
    minutes, seconds = divmod(view.time_used_seconds, 60)
    head = (
        f"*{view.correct}/{view.total} = {view.percent:g} % — {verdict}* (pass mark {view.pass_percent} %)\n"
        f"Time used: {minutes} min {seconds:02d} s ({how})"
    )
    blocks = [{"type": "header", "text": {"type": "plain_text", "text": "Mock exam result"}}]
    if note:
        blocks.append(section(esc(note)))
    blocks += [
        section(head),
        section("*By domain*\n" + "\n".join(accuracy_line(r) for r in view.domains if r.answered)),
        section("*By section*\n" + "\n".join(accuracy_line(r) for r in view.sections if r.answered)),
    ]
    blocks += review_blocks(view.to_review)
    text = f"Mock exam result: {view.correct}/{view.total} = {view.percent:g} % — {'pass' if view.passed else 'fail'}"
    return Message(text, blocks)


def review_blocks(to_review: tuple[ReviewObjectiveView, ...]) -> list[dict]:
    if not to_review:
        return [context("Nothing to review: every question was right.")]
    chunks = [review_text(objective) for objective in to_review]
    blocks, used = packed_sections(["*Objectives to review* (most missed first)", *chunks], REVIEW_BLOCKS)
    rest = to_review[max(0, used - 1) :]
    if rest:
        missed = sum(len(o.missed) for o in rest)
        ids = ", ".join(o.objective_id for o in rest)
        more = f"…and {len(rest)} more objectives ({missed} missed questions): {ids}."
        blocks.append(context(clip(more, 2000) + " Practise a section with `/quiz SECTION`, e.g. `/quiz OPS.MONITOR`."))
    return blocks


def review_text(objective: ReviewObjectiveView) -> str:
    lines = [f"*{objective.objective_id}* · {esc(objective.section)}: {esc(objective.objective)}"]
    for missed in objective.missed:
        chosen = "; ".join(clip(text, OPTION_IN_REPORT) for text in missed.lettered(missed.chosen)) or "no answer"
        key = "; ".join(clip(text, OPTION_IN_REPORT) for text in missed.lettered(missed.key))
        link = f" <{missed.references[0]}|docs>" if missed.references else ""
        lines += [
            f"• Q{missed.position} `{missed.question_id}`: {esc(clip(missed.stem, STEM_IN_REPORT))}",
            f"   you: {esc(chosen)}",
            f"   answer: *{esc(key)}*{link}",
            f"> {esc(clip(' '.join(missed.explanation.split()), EXPLANATION_IN_REPORT))}",
        ]
    return clip("\n".join(lines), 2900)
