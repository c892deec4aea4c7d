"""/quiz and answering it, through discord.py's own command tree and dynamic items."""

import sqlite3

from tests.integration.discord.gateway import ALICE, BOB, component, custom_ids, option

EPHEMERAL = 64


async def ask(start_bot, gateway, scope: str, by=ALICE):
    """/quiz with a scope: the bot, its response callback and the private message it created."""
    bot = await start_bot()
    payload = gateway.command("quiz", option("scope", scope), by=by)
    response = await gateway.deliver(bot, payload)
    return bot, response, gateway.fake.responses[int(payload["id"])]


def attempts(db_path) -> list[tuple]:
    with sqlite3.connect(db_path) as conn:
        return conn.execute("SELECT ask_id, chosen, correct FROM attempts").fetchall()


async def test_quiz_sends_a_private_question_with_one_button_per_option(start_bot, gateway, fake_discord):
    _, response, _ = await ask(start_bot, gateway, "MD")
    assert response["type"] == 4
    assert response["data"]["flags"] & EPHEMERAL
    embed = response["data"]["embeds"][0]
    assert embed["title"] == "Practice question"
    assert {f["name"]: f["value"] for f in embed["fields"]}["Domain"] == "Model Development"
    answer_ids = [c for c in custom_ids(response["data"]) if c.startswith("quiz:practice:")]
    assert [c.split(":")[3] for c in answer_ids] == ["A", "B", "C", "D"]
    assert all(c.endswith(":MD") for c in answer_ids)
    assert any(c.startswith("quiz:report:") for c in custom_ids(response["data"]))


async def test_answering_by_button_updates_the_private_message_with_the_feedback(
    start_bot, gateway, fake_discord, db_path
):
    bot, _, message = await ask(start_bot, gateway, "MD")
    button = next(c for c in custom_ids(message) if c.endswith(":B:MD"))

    update = await gateway.deliver(bot, gateway.button(message, button, by=ALICE))

    assert update["type"] == 7
    question, feedback = update["data"]["embeds"]
    assert question["title"] == "Practice question"
    assert feedback["title"] == "❌ Not quite: the answer is A"
    assert [f["name"] for f in feedback["fields"]][:2] == ["B · your choice · wrong", "A · the answer · right"]
    assert "Explanation" in [f["name"] for f in feedback["fields"]]
    assert custom_ids(update["data"])[-2:] == ["quiz:next:MD", f"quiz:report:{question['footer']['text'].split()[0]}"]
    assert all(c["disabled"] for c in update["data"]["components"][0]["components"])
    assert attempts(db_path) == [(1, "B", 0)]


async def test_a_choose_two_question_is_answered_with_a_select_menu(start_bot, gateway, fake_discord, db_path):
    bot, _, message = await ask(start_bot, gateway, "OPS")
    select_id = next(c for c in custom_ids(message) if c.startswith("quiz:practice-multi:"))
    menu = component(message, select_id)
    assert (menu["type"], menu["min_values"], menu["max_values"]) == (3, 2, 2)
    assert [o["value"] for o in menu["options"]] == ["A", "B", "C", "D", "E"]

    update = await gateway.deliver(bot, gateway.select(message, select_id, ["C", "A"], by=ALICE))

    assert update["type"] == 7
    assert update["data"]["embeds"][-1]["title"] == "✅ Correct"
    assert attempts(db_path) == [(1, "AC", 1)]


async def test_a_double_click_records_one_attempt_and_says_the_first_answer_stands(
    start_bot, gateway, fake_discord, db_path
):
    bot, _, message = await ask(start_bot, gateway, "MD")
    first, second = (c for c in custom_ids(message) if c.startswith("quiz:practice:") and c.split(":")[3] in "AC")

    await gateway.deliver(bot, gateway.button(message, first, by=ALICE))
    again = await gateway.deliver(bot, gateway.button(message, second, by=ALICE))

    assert attempts(db_path) == [(1, "A", 1)]
    assert again["data"]["embeds"][-1]["description"].startswith("You had already answered")


async def test_a_button_still_answers_after_a_restart(start_bot, gateway, fake_discord, db_path):
    before, _, message = await ask(start_bot, gateway, "MD")
    await before.close()

    after = await start_bot()
    button = next(c for c in custom_ids(message) if c.startswith("quiz:practice:") and ":A" in c)
    update = await gateway.deliver(after, gateway.button(message, button, by=ALICE))

    assert update["type"] == 7
    assert update["data"]["embeds"][-1]["title"] == "✅ Correct"
    assert attempts(db_path) == [(1, "A", 1)]


async def test_someone_else_pressing_a_private_question_is_refused(start_bot, gateway, fake_discord, db_path):
    bot, _, message = await ask(start_bot, gateway, "MD")
    button = next(c for c in custom_ids(message) if c.startswith("quiz:practice:"))

    refusal = await gateway.deliver(bot, gateway.button(message, button, by=BOB))

    assert refusal["type"] == 4 and refusal["data"]["flags"] & EPHEMERAL
    assert "someone else" in refusal["data"]["content"]
    assert attempts(db_path) == []


async def test_next_question_sends_a_new_private_question_in_the_same_scope(start_bot, gateway, fake_discord):
    bot, _, message = await ask(start_bot, gateway, "DEP")
    button = next(c for c in custom_ids(message) if c.startswith("quiz:practice:"))
    update = await gateway.deliver(bot, gateway.button(message, button, by=ALICE))
    answered = fake_discord.messages[int(message["id"])]
    assert "quiz:next:DEP" in custom_ids(update["data"])

    following = await gateway.deliver(bot, gateway.button(answered, "quiz:next:DEP", by=ALICE))

    assert following["type"] == 4 and following["data"]["flags"] & EPHEMERAL
    assert {f["name"]: f["value"] for f in following["data"]["embeds"][0]["fields"]}["Domain"] == "Model Deployment"


async def test_report_a_problem_opens_a_form_and_stores_the_report(start_bot, gateway, fake_discord, db_path):
    bot, _, message = await ask(start_bot, gateway, "MD")
    report_id = next(c for c in custom_ids(message) if c.startswith("quiz:report:"))

    form = await gateway.deliver(bot, gateway.button(message, report_id, by=ALICE))
    assert form["type"] == 9
    typed = {"What is wrong?": "Option B is also right   since the docs changed."}
    thanks = await gateway.deliver(bot, gateway.modal_submit(form["data"], typed, by=ALICE))

    assert thanks["type"] == 4 and thanks["data"]["flags"] & EPHEMERAL
    assert thanks["data"]["content"].startswith("Thank you")
    question_id = report_id.removeprefix("quiz:report:")
    with sqlite3.connect(db_path) as conn:
        stored = conn.execute(
            "SELECT r.question_id, r.reason, u.external_id FROM question_reports r JOIN users u ON u.id = r.user_id"
        ).fetchall()
    assert stored == [(question_id, "Option B is also right since the docs changed.", str(ALICE.id))]


async def test_quiz_says_why_each_question_came_and_how_many_reviews_are_due(start_bot, gateway, clock):
    bot, response, message = await ask(start_bot, gateway, "MD")
    why = {f["name"]: f["value"] for f in response["data"]["embeds"][0]["fields"]}["Why this question"]
    assert why == "a question new to you, at the exam's blueprint weights. No reviews are due now."
    missed = response["data"]["embeds"][0]["footer"]["text"].split()[0]
    await gateway.deliver(bot, gateway.button(message, next(c for c in custom_ids(message) if ":B:" in c), by=ALICE))
    clock.advance(minutes=2)  # the miss is due for review

    again = await gateway.deliver(bot, gateway.command("quiz", option("scope", "MD"), by=ALICE))

    embed = again["data"]["embeds"][0]
    assert embed["footer"]["text"].startswith(missed)
    assert {f["name"]: f["value"] for f in embed["fields"]}["Why this question"] == (
        "a review is due (you answered it before; spaced repetition brings it back now). "
        "1 review is due now, this one included."
    )
