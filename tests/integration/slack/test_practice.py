"""/quiz practice questions, answered by button and by multiple-select submit, through the real Bolt app."""

from tests.integration.slack.conftest import MULTI_SECTION
from tests.integration.slack.harness import BOB, elements, reply_text


async def ask(slack, text: str = "") -> dict:
    return await slack.reply_to(slack.slash(text))


async def test_quiz_sends_a_private_question_with_one_button_per_option(slack):
    reply = await ask(slack)

    assert reply["response_type"] == "ephemeral"
    buttons = elements(reply, "button")
    assert [b["text"]["text"] for b in buttons] == ["A", "B", "C", "D"]
    assert all(b["value"].startswith("practice:") for b in buttons)
    assert slack.count("asks") == 1


async def test_quiz_with_a_section_asks_from_that_section(slack):
    reply = await ask(slack, MULTI_SECTION)

    assert "Drift Detection" in reply_text(reply) or MULTI_SECTION in reply_text(reply)


async def test_unknown_scope_is_refused_politely(slack):
    reply = await ask(slack, "NOPE.NOTHING")

    assert "There is no domain or section called" in reply_text(reply)
    assert slack.count("asks") == 0


async def test_answering_by_button_gives_private_feedback(slack):
    button = elements(await ask(slack), "button")[0]

    reply = await slack.reply_to(slack.action({"action_id": button["action_id"], "value": button["value"]}))

    assert reply["response_type"] == "ephemeral"
    assert reply["replace_original"] is False
    assert "Correct" in reply_text(reply)
    assert "Explanation" in reply_text(reply)
    assert slack.count("attempts") == 1


async def test_a_double_click_and_a_slack_retry_record_one_attempt(slack):
    button = elements(await ask(slack), "button")[1]
    action = {"action_id": button["action_id"], "value": button["value"]}

    await slack.reply_to(slack.action(action))
    second = await slack.reply_to(slack.action(action))
    retried = await slack.reply_to(slack.action(action, extra_headers={"X-Slack-Retry-Num": "1"}))

    assert slack.count("attempts") == 1
    for reply in (second, retried):
        assert "first answer stands" in reply_text(reply)


async def test_someone_else_cannot_answer_my_practice_question(slack):
    button = elements(await ask(slack), "button")[0]

    reply = await slack.reply_to(slack.action({"action_id": button["action_id"], "value": button["value"]}, BOB))

    assert "asked to someone else" in reply_text(reply)
    assert slack.count("attempts") == 0


async def test_multiple_select_is_answered_by_ticking_and_submitting(slack):
    question = await ask(slack, MULTI_SECTION)
    checkboxes = elements(question, "checkboxes")[0]
    submit = elements(question, "button")[0]
    block_id = next(b["block_id"] for b in question["blocks"] if checkboxes in b.get("elements", []))
    ticked = [o for o in checkboxes["options"] if o["value"] in ("A", "C")]
    state = {"values": {block_id: {"answer_choices": {"type": "checkboxes", "selected_options": ticked}}}}

    tick = await slack.action({"action_id": "answer_choices", "type": "checkboxes", "selected_options": ticked})
    reply = await slack.reply_to(
        slack.action({"action_id": submit["action_id"], "value": submit["value"]}, state=state)
    )

    assert tick.status == 200
    assert "Correct" in reply_text(reply)
    chosen = slack.services.context.db.execute("SELECT chosen FROM attempts").fetchall()
    assert chosen == [("AC",)]


async def test_submitting_with_too_few_ticks_is_refused_and_stores_nothing(slack):
    question = await ask(slack, MULTI_SECTION)
    submit = elements(question, "button")[0]

    reply = await slack.reply_to(slack.action({"action_id": submit["action_id"], "value": submit["value"]}))

    assert reply["response_type"] == "ephemeral"
    assert slack.count("attempts") == 0


async def test_quiz_says_why_the_question_came_and_how_many_reviews_are_due(slack, clock):
    first = await ask(slack, "MD")
    assert "Why this question: a question new to you, at the exam's blueprint weights." in reply_text(first)
    wrong = next(b for b in elements(first, "button") if b["text"]["text"] == "B")
    await slack.reply_to(slack.action({"action_id": wrong["action_id"], "value": wrong["value"]}))
    clock.advance(minutes=2)  # the miss is due for review

    again = await ask(slack, "MD")

    assert "Why this question: a review is due" in reply_text(again)
    assert "1 review is due now, this one included." in reply_text(again)
