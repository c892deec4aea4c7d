"""Helpers for driving the mock exam through the Slack harness."""

from tests.integration.slack.harness import ALICE, Harness, Person, elements


async def start_exam(slack: Harness, size: int = 15, person: Person = ALICE) -> dict:
    return await slack.reply_to(slack.slash(f"exam start {size}", person))


def control(reply: dict, action_id: str) -> dict:
    """The first button or menu whose action_id starts with `action_id` (e.g. 'exam_pick:A', 'exam_go:next')."""
    found = [
        e for kind in ("button", "static_select") for e in elements(reply, kind) if e["action_id"].startswith(action_id)
    ]
    assert found, f"no {action_id} control in the reply"
    return found[0]


async def click(slack: Harness, element: dict, person: Person = ALICE, **options) -> dict:
    return await slack.reply_to(
        slack.action({"action_id": element["action_id"], "value": element["value"]}, person, **options)
    )


async def choose(slack: Harness, menu: dict, value: str, person: Person = ALICE) -> dict:
    option = next(o for o in menu["options"] if o["value"] == value)
    action = {"action_id": menu["action_id"], "type": "static_select", "selected_option": option}
    return await slack.reply_to(slack.action(action, person))


def items(slack: Harness) -> list[tuple[int, str | None, int]]:
    """(position, chosen, flagged) of every stored exam item, in order."""
    return slack.services.context.db.execute(
        "SELECT position, chosen, flagged FROM exam_items ORDER BY position"
    ).fetchall()


def exam_status(slack: Harness) -> str:
    return slack.services.context.db.execute("SELECT status FROM exams ORDER BY id DESC LIMIT 1").fetchone()[0]


def first_position(slack: Harness, *, multiple: bool) -> int:
    bank = slack.services.context.bank
    rows = slack.services.context.db.execute(
        "SELECT position, question_id FROM exam_items ORDER BY position"
    ).fetchall()
    return next(position for position, question_id in rows if (len(bank.get(question_id).answer) > 1) == multiple)


async def go_to(slack: Harness, position: int, person: Person = ALICE) -> dict:
    """Open question `position` of the exam in progress through the overview's menu."""
    overview = await slack.reply_to(slack.slash("exam status", person))
    exam_id = slack.services.context.db.execute("SELECT MAX(id) FROM exams").fetchone()[0]
    return await choose(slack, control(overview, "exam_jump"), f"exam:{exam_id}:{position}", person)


async def open_single(slack: Harness, size: int = 15) -> tuple[dict, int]:
    """Start an exam and show its first single-select question; returns the message and its position."""
    first = await start_exam(slack, size)
    position = first_position(slack, multiple=False)
    return (first if position == 1 else await go_to(slack, position)), position
