"""The "Report a problem" button on practice feedback and on the reveal opens a modal; its submission is stored."""

from tests.integration.slack.harness import elements
from tests.integration.slack.test_daily import post_scheduled, set_up_daily


def reason(text: str) -> dict:
    return {"reason": {"reason": {"type": "plain_text_input", "value": text}}}


async def practice_feedback(slack) -> dict:
    question = await slack.reply_to(slack.slash(""))
    button = elements(question, "button")[0]
    return await slack.reply_to(slack.action({"action_id": button["action_id"], "value": button["value"]}))


async def open_report_modal(slack, feedback: dict) -> dict:
    button = next(b for b in elements(feedback, "button") if b["action_id"] == "report_problem")
    response = await slack.action({"action_id": button["action_id"], "value": button["value"]})
    assert response.status == 200
    await slack.fake.wait_until(lambda: slack.fake.calls_to("views.open"))
    [opened] = slack.fake.calls_to("views.open")
    assert opened.params["trigger_id"] == "1.2.3"
    view = opened.params["view"]
    return view if isinstance(view, dict) else __import__("json").loads(view)


async def test_the_report_button_opens_a_modal_and_the_submission_is_stored(slack):
    feedback = await practice_feedback(slack)
    question_id = slack.services.context.db.execute("SELECT question_id FROM attempts").fetchone()[0]

    view = await open_report_modal(slack, feedback)
    status, answer = await slack.submit_view(view, values=reason("Option B is also right since Spark 3.5"))

    assert view["callback_id"] == "report_problem" and view["private_metadata"] == question_id
    assert status == 200
    assert answer["response_action"] == "update"
    assert "report #1 is stored" in answer["view"]["blocks"][0]["text"]["text"]
    rows = slack.services.context.db.execute("SELECT question_id, reason FROM question_reports").fetchall()
    assert rows == [(question_id, "Option B is also right since Spark 3.5")]


async def test_a_too_short_reason_keeps_the_modal_open_with_the_error(slack):
    view = await open_report_modal(slack, await practice_feedback(slack))

    status, answer = await slack.submit_view(view, values=reason("bad"))

    assert status == 200
    assert answer["response_action"] == "errors"
    assert "a few words" in answer["errors"]["reason"]
    assert slack.count("question_reports") == 0


async def test_the_reveal_carries_a_report_button_for_its_question(slack):
    await set_up_daily(slack)
    post = await post_scheduled(slack)

    await slack.services.daily.reveal(post.id)

    [update] = slack.fake.calls_to("chat.update")
    buttons = [e for b in update.params["blocks"] if b["type"] == "actions" for e in b["elements"]]
    question_id = slack.services.context.db.execute("SELECT question_id FROM posts").fetchone()[0]
    assert [(b["action_id"], b["value"]) for b in buttons] == [("report_problem", question_id)]
