"""/exam: a private, timed mock exam answered with persistent buttons and menus, then the report."""

import sqlite3

from tests.integration.discord.flows import EPHEMERAL
from tests.integration.discord.gateway import ALICE, component, custom_ids, option

SIZE = 15
MINUTES = 31  # 120 minutes for 59 questions, in proportion, rounded up
EMBED_CHARS_MAX = 6000


def rows(db_path, sql: str) -> list[tuple]:
    with sqlite3.connect(db_path) as conn:
        return conn.execute(sql).fetchall()


def answers(db_path) -> list[tuple]:
    return rows(db_path, "SELECT position, chosen, flagged FROM exam_items WHERE chosen IS NOT NULL OR flagged = 1")


def positions(db_path, prefix: str) -> list[int]:
    """Exam positions whose question is from a domain (the mixed bank: MLOps is choose-2, the rest single)."""
    return [p for (p,) in rows(db_path, f"SELECT position FROM exam_items WHERE question_id LIKE '{prefix}-%'")]


def embed_chars(embed: dict) -> int:
    fields = sum(len(f["name"]) + len(f["value"]) for f in embed.get("fields", []))
    footer = len(embed.get("footer", {}).get("text", ""))
    return len(embed.get("title", "")) + len(embed.get("description", "")) + fields + footer


async def start(bot, gateway, size: int = SIZE) -> tuple[dict, dict, int]:
    """/exam start: the response callback, the private message it created, and the exam id."""
    payload = gateway.subcommand("exam", "start", option("size", size), by=ALICE)
    response = await gateway.deliver(bot, payload)
    message = gateway.fake.responses[int(payload["id"])]
    exam_id = int(next(c for c in custom_ids(message) if c.startswith("quiz:exam-review:")).split(":")[2])
    return response, message, exam_id


def shown_position(message: dict) -> int:
    return int(message["embeds"][0]["title"].split("· Q ")[1].split("/")[0])


async def go(bot, gateway, message: dict, exam_id: int, position: int) -> dict:
    """Press Next (or Previous) on the message until it shows `position`; returns the edited message."""
    message = gateway.fake.messages[int(message["id"])]  # as last edited
    while (now := shown_position(message)) != position:
        step = f"quiz:exam-go:{exam_id}:{now + 1}:n" if position > now else f"quiz:exam-go:{exam_id}:{now - 1}:p"
        update = await gateway.deliver(bot, gateway.button(message, step, by=ALICE))
        assert update["type"] == 7
        message = gateway.fake.messages[int(message["id"])]
    return message


async def test_start_sends_a_private_question_with_the_timer_and_the_controls(start_bot, gateway):
    bot = await start_bot()

    response, message, exam_id = await start(bot, gateway)

    assert response["type"] == 4 and response["data"]["flags"] & EPHEMERAL
    assert response["data"]["content"].startswith(f"Mock exam: {SIZE} questions in {MINUTES} minutes")
    embed = response["data"]["embeds"][0]
    assert embed["title"] == f"Mock exam · Q 1/{SIZE} · 0:{MINUTES}:00 left"
    assert "answer is" not in str(embed)
    ids = custom_ids(message)
    answer = [c for c in ids if c.startswith((f"quiz:exam:{exam_id}:1:", f"quiz:exam-multi:{exam_id}:1"))]
    assert answer
    assert ids[len(answer) : len(answer) + 4] == [
        f"quiz:exam-go:{exam_id}:1:p",
        f"quiz:exam-flag:{exam_id}:1:1",
        f"quiz:exam-go:{exam_id}:2:n",
        f"quiz:exam-review:{exam_id}:1",
    ]
    assert component(message, f"quiz:exam-go:{exam_id}:1:p")["disabled"] is True


async def test_answering_by_button_records_it_and_moves_to_the_next_question(start_bot, gateway, db_path):
    bot = await start_bot()
    _, message, exam_id = await start(bot, gateway)
    single = positions(db_path, "md")[0]
    shown = await go(bot, gateway, message, exam_id, single)

    update = await gateway.deliver(bot, gateway.button(shown, f"quiz:exam:{exam_id}:{single}:B", by=ALICE))

    assert update["type"] == 7
    assert update["data"]["embeds"][0]["title"].startswith(f"Mock exam · Q {single + 1}/{SIZE}")
    assert answers(db_path) == [(single, "B", 0)]
    assert rows(db_path, "SELECT COUNT(*) FROM attempts") == [(0,)]  # scored only at submit
    back = await go(bot, gateway, shown, exam_id, single)
    assert component(back, f"quiz:exam:{exam_id}:{single}:B")["style"] == 3  # the current answer, in green
    assert "Your answer so far: **B**" in back["embeds"][0]["description"]


async def test_a_choose_two_question_is_answered_with_a_select_menu(start_bot, gateway, db_path):
    bot = await start_bot()
    _, message, exam_id = await start(bot, gateway)
    multiple = positions(db_path, "ops")[0]
    shown = await go(bot, gateway, message, exam_id, multiple)
    menu = component(shown, f"quiz:exam-multi:{exam_id}:{multiple}")
    assert (menu["type"], menu["min_values"], menu["max_values"]) == (3, 2, 2)

    update = await gateway.deliver(
        bot, gateway.select(shown, f"quiz:exam-multi:{exam_id}:{multiple}", ["C", "A"], by=ALICE)
    )

    assert update["type"] == 7
    assert answers(db_path) == [(multiple, "AC", 0)]
    back = await go(bot, gateway, shown, exam_id, multiple)
    menu = component(back, f"quiz:exam-multi:{exam_id}:{multiple}")
    assert [o["value"] for o in menu["options"] if o.get("default")] == ["A", "C"]


async def test_flag_and_unflag_set_the_state_their_button_names(start_bot, gateway, db_path):
    bot = await start_bot()
    _, message, exam_id = await start(bot, gateway)

    flagged = await gateway.deliver(bot, gateway.button(message, f"quiz:exam-flag:{exam_id}:1:1", by=ALICE))
    again = await gateway.deliver(bot, gateway.button(message, f"quiz:exam-flag:{exam_id}:1:1", by=ALICE))

    assert flagged["type"] == again["type"] == 7
    assert "flagged for review" in flagged["data"]["embeds"][0]["footer"]["text"]
    assert f"quiz:exam-flag:{exam_id}:1:0" in custom_ids(flagged["data"])
    assert answers(db_path) == [(1, None, 1)]
    unflag = gateway.button(gateway.fake.messages[int(message["id"])], f"quiz:exam-flag:{exam_id}:1:0", by=ALICE)
    await gateway.deliver(bot, unflag)
    assert answers(db_path) == []


async def test_a_duplicate_press_changes_nothing_extra(start_bot, gateway, db_path):
    bot = await start_bot()
    _, message, exam_id = await start(bot, gateway)
    first = next(c for c in custom_ids(message) if c.startswith(("quiz:exam:", "quiz:exam-multi:")))
    press = (
        (lambda: gateway.button(message, f"quiz:exam:{exam_id}:1:A", by=ALICE))
        if first.startswith("quiz:exam:")
        else (lambda: gateway.select(message, first, ["A", "C"], by=ALICE))
    )

    once = await gateway.deliver(bot, press())
    twice = await gateway.deliver(bot, press())

    assert once["data"]["embeds"][0]["title"] == twice["data"]["embeds"][0]["title"]
    assert twice["data"]["embeds"][0]["title"].startswith(f"Mock exam · Q 2/{SIZE}")
    assert len(answers(db_path)) == 1
    assert rows(db_path, "SELECT COUNT(*) FROM exams") == [(1,)]


async def test_a_press_after_a_restart_still_answers(start_bot, gateway, db_path):
    before = await start_bot()
    _, message, exam_id = await start(before, gateway)
    single = positions(db_path, "md")[0]
    shown = await go(before, gateway, message, exam_id, single)
    await before.close()

    after = await start_bot()
    update = await gateway.deliver(after, gateway.button(shown, f"quiz:exam:{exam_id}:{single}:A", by=ALICE))

    assert update["type"] == 7
    assert answers(db_path) == [(single, "A", 0)]


async def test_review_then_submit_shows_the_report_in_place(start_bot, gateway, db_path):
    bot = await start_bot()
    _, message, exam_id = await start(bot, gateway)
    single = positions(db_path, "md")[0]
    shown = await go(bot, gateway, message, exam_id, single)
    await gateway.deliver(bot, gateway.button(shown, f"quiz:exam:{exam_id}:{single}:A", by=ALICE))

    review = await gateway.deliver(bot, gateway.button(shown, f"quiz:exam-review:{exam_id}:{single}", by=ALICE))
    assert review["type"] == 7
    status = review["data"]["embeds"][0]
    assert status["description"].startswith(f"Answered **1/{SIZE}**")
    assert status["fields"][0]["name"] == f"Unanswered ({SIZE - 1})"
    assert f"quiz:exam-submit:{exam_id}" in custom_ids(review["data"])

    reviewing = gateway.fake.messages[int(message["id"])]
    submitted = await gateway.deliver(bot, gateway.button(reviewing, f"quiz:exam-submit:{exam_id}", by=ALICE))

    assert submitted["type"] == 7 and submitted["data"]["components"] == []
    score, to_review = submitted["data"]["embeds"]
    assert score["title"] == "Mock exam result: FAIL ❌"
    assert score["description"].startswith(f"**1/{SIZE} = ")
    assert [f["name"] for f in score["fields"]] == ["By domain", "By section"]
    assert to_review["title"] == "Objectives to review (most missed first)"
    assert "answer: **" in to_review["fields"][0]["value"]
    assert rows(db_path, "SELECT status FROM exams") == [("submitted",)]
    assert rows(db_path, "SELECT chosen, correct FROM attempts") == [("A", 1)]


async def test_a_long_report_stays_within_discords_limits(start_bot, gateway):
    bot = await start_bot()
    _, _, exam_id = await start(bot, gateway, size=30)
    payload = gateway.subcommand("exam", "submit", by=ALICE)
    await gateway.deliver(bot, payload)
    asking = gateway.fake.responses[int(payload["id"])]

    response = await gateway.deliver(bot, gateway.button(asking, f"quiz:exam-submit:{exam_id}", by=ALICE))

    assert response["type"] == 7
    embeds = response["data"]["embeds"]
    assert sum(embed_chars(e) for e in embeds) <= EMBED_CHARS_MAX
    fields = embeds[1]["fields"]
    assert len(fields) <= 25 and all(len(f["value"]) <= 1024 for f in fields)
    assert fields[-1]["name"].startswith("Also review: ")
    assert fields[-1]["name"].endswith(f"{30 - (len(fields) - 1)} missed questions")


async def test_when_time_is_up_a_press_shows_the_report(start_bot, gateway, clock, db_path):
    bot = await start_bot()
    _, message, exam_id = await start(bot, gateway)
    clock.advance(minutes=MINUTES, seconds=1)

    update = await gateway.deliver(bot, gateway.button(message, f"quiz:exam-go:{exam_id}:2:n", by=ALICE))

    assert update["type"] == 7 and update["data"]["components"] == []
    assert update["data"]["content"] == "Time is up: your exam was submitted as it stood."
    assert update["data"]["embeds"][0]["title"] == "Mock exam result: FAIL ❌"
    assert f"Time used: {MINUTES} min 00 s (time ran out" in update["data"]["embeds"][0]["description"]
    assert rows(db_path, "SELECT status FROM exams") == [("expired",)]


async def test_a_second_start_is_refused_and_resume_goes_to_the_first_unanswered(start_bot, gateway, db_path):
    bot = await start_bot()
    _, message, exam_id = await start(bot, gateway)
    await gateway.deliver(bot, gateway.button(message, f"quiz:exam-flag:{exam_id}:1:1", by=ALICE))
    single = positions(db_path, "md")
    first_open = 1 if single[0] != 1 else 2
    if single[0] == 1:
        await gateway.deliver(bot, gateway.button(message, f"quiz:exam:{exam_id}:1:A", by=ALICE))

    again = await gateway.deliver(bot, gateway.subcommand("exam", "start", by=ALICE))
    resumed = await gateway.deliver(bot, gateway.subcommand("exam", "resume", by=ALICE))
    status = await gateway.deliver(bot, gateway.subcommand("exam", "status", by=ALICE))

    assert again["data"]["content"].startswith("You have an exam in progress")
    assert again["data"]["flags"] & EPHEMERAL
    assert resumed["data"]["embeds"][0]["title"].startswith(f"Mock exam · Q {first_open}/{SIZE}")
    assert status["data"]["embeds"][0]["fields"][1] == {"name": "Flagged (1)", "value": "Q1", "inline": False}
    assert f"quiz:exam-go:{exam_id}:1:f" in custom_ids(status["data"])


async def test_time_up_on_a_command_shows_the_report(start_bot, gateway, clock):
    bot = await start_bot()
    await start(bot, gateway)
    clock.advance(hours=1)

    response = await gateway.deliver(bot, gateway.subcommand("exam", "status", by=ALICE))
    last = await gateway.deliver(bot, gateway.subcommand("exam", "result", by=ALICE))

    assert response["type"] == 4 and response["data"]["flags"] & EPHEMERAL
    assert response["data"]["content"].startswith("Time is up")
    assert response["data"]["embeds"][0]["title"].startswith("Mock exam result")
    assert last["data"]["embeds"][0]["footer"] == response["data"]["embeds"][0]["footer"]


async def test_a_second_submit_and_a_stale_review_press_show_that_exams_report(start_bot, gateway, db_path):
    bot = await start_bot()
    _, message, exam_id = await start(bot, gateway)
    reviewing = await gateway.deliver(bot, gateway.button(message, f"quiz:exam-review:{exam_id}:1", by=ALICE))
    assert reviewing["type"] == 7
    shown = gateway.fake.messages[int(message["id"])]
    await gateway.deliver(bot, gateway.button(shown, f"quiz:exam-submit:{exam_id}", by=ALICE))

    again = await gateway.deliver(bot, gateway.button(shown, f"quiz:exam-submit:{exam_id}", by=ALICE))
    stale = await gateway.deliver(bot, gateway.button(message, f"quiz:exam-review:{exam_id}:1", by=ALICE))

    for press in (again, stale):
        assert press["type"] == 7
        assert press["data"]["content"] == "This exam is already over; here is its report."
        assert press["data"]["embeds"][0]["title"].startswith("Mock exam result")
    assert rows(db_path, "SELECT status FROM exams") == [("submitted",)]


async def test_submit_with_questions_open_asks_first_and_lists_them(start_bot, gateway, db_path):
    bot = await start_bot()
    _, message, exam_id = await start(bot, gateway)
    await gateway.deliver(bot, gateway.button(message, f"quiz:exam-flag:{exam_id}:1:1", by=ALICE))

    payload = gateway.subcommand("exam", "submit", by=ALICE)
    response = await gateway.deliver(bot, payload)

    assert response["type"] == 4 and response["data"]["flags"] & EPHEMERAL
    content = response["data"]["content"]
    assert content.startswith(f"You have {SIZE} unanswered (Q1, Q2, ") and "and 1 flagged (Q1)" in content
    assert content.endswith("Submit anyway?")
    assert response["data"]["embeds"][0]["fields"][1] == {"name": "Flagged (1)", "value": "Q1", "inline": False}
    asking = gateway.fake.responses[int(payload["id"])]
    assert component(asking, f"quiz:exam-submit:{exam_id}")["label"] == "Submit anyway"
    assert rows(db_path, "SELECT status FROM exams") == [("in_progress",)]  # nothing submitted yet

    submitted = await gateway.deliver(bot, gateway.button(asking, f"quiz:exam-submit:{exam_id}", by=ALICE))

    assert submitted["data"]["content"] == "Submitted."
    assert rows(db_path, "SELECT status FROM exams") == [("submitted",)]


async def test_the_exam_shows_question_ids_and_the_report_names_the_options(start_bot, gateway, db_path):
    bot = await start_bot()
    _, message, exam_id = await start(bot, gateway)
    first_id = rows(db_path, "SELECT question_id FROM exam_items WHERE position = 1")[0][0]
    assert message["embeds"][0]["footer"]["text"].startswith(f"{first_id} · ")
    single = positions(db_path, "md")[0]
    shown = await go(bot, gateway, message, exam_id, single)
    await gateway.deliver(bot, gateway.button(shown, f"quiz:exam:{exam_id}:{single}:D", by=ALICE))
    reviewing = await gateway.deliver(bot, gateway.button(shown, f"quiz:exam-review:{exam_id}:{single}", by=ALICE))
    assert reviewing["type"] == 7

    submitted = await gateway.deliver(
        bot, gateway.button(gateway.fake.messages[int(message["id"])], f"quiz:exam-submit:{exam_id}", by=ALICE)
    )

    review_text = str(submitted["data"]["embeds"][1])
    missed_id = rows(db_path, f"SELECT question_id FROM exam_items WHERE position = {single}")[0][0]
    assert f"`{missed_id}`" in review_text
    assert "you: D) " in review_text and "answer: **" in review_text and "no answer" in review_text


async def test_every_question_answered_says_how_to_submit(start_bot, gateway, db_path):
    bot = await start_bot()
    _, message, exam_id = await start(bot, gateway)
    with sqlite3.connect(db_path) as conn:  # answers stored as if given, all but the first
        conn.execute("UPDATE exam_items SET chosen = 'AB' WHERE position > 1")

    update = await gateway.deliver(bot, gateway.button(message, f"quiz:exam-flag:{exam_id}:1:1", by=ALICE))
    first = positions(db_path, "md")
    assert "All " not in update["data"]["embeds"][0]["description"]
    with sqlite3.connect(db_path) as conn:
        conn.execute("UPDATE exam_items SET chosen = ? WHERE position = 1", ["A" if 1 in first else "AB"])
    flagged = gateway.fake.messages[int(message["id"])]
    again = await gateway.deliver(bot, gateway.button(flagged, f"quiz:exam-flag:{exam_id}:1:0", by=ALICE))

    assert (
        f"All {SIZE} questions answered: press **Review & submit** to finish."
        in again["data"]["embeds"][0]["description"]
    )


async def test_abandon_asks_then_deletes_the_exam_and_a_new_one_can_start(start_bot, gateway, db_path):
    bot = await start_bot()
    _, message, exam_id = await start(bot, gateway)
    await gateway.deliver(bot, gateway.button(message, f"quiz:exam-flag:{exam_id}:1:1", by=ALICE))

    payload = gateway.subcommand("exam", "abandon", by=ALICE)
    asked = await gateway.deliver(bot, payload)

    assert asked["data"]["flags"] & EPHEMERAL
    assert asked["data"]["content"].startswith(f"Abandon your exam in progress (0/{SIZE} answered, ")
    prompt = gateway.fake.responses[int(payload["id"])]
    assert custom_ids(prompt) == [f"quiz:exam-abandon:{exam_id}", f"quiz:exam-go:{exam_id}:1:b"]
    assert rows(db_path, "SELECT COUNT(*) FROM exams") == [(1,)]

    gone = await gateway.deliver(bot, gateway.button(prompt, f"quiz:exam-abandon:{exam_id}", by=ALICE))
    twice = await gateway.deliver(bot, gateway.button(prompt, f"quiz:exam-abandon:{exam_id}", by=ALICE))

    assert gone["type"] == 7 and gone["data"]["components"] == [] and gone["data"]["embeds"] == []
    assert gone["data"]["content"].startswith(f"Exam abandoned: its 0 answers of {SIZE} questions are not kept")
    assert twice["data"]["content"] == "That exam was abandoned; nothing of it was kept."
    assert rows(db_path, "SELECT COUNT(*) FROM exams") == [(0,)]
    assert rows(db_path, "SELECT COUNT(*) FROM exam_items") == [(0,)]
    assert rows(db_path, "SELECT COUNT(*) FROM attempts") == [(0,)]
    assert rows(db_path, "SELECT id, answered FROM abandoned_exams") == [(exam_id, 0)]
    _, _, new_exam = await start(bot, gateway)
    assert new_exam > exam_id  # an old button of the abandoned exam cannot act on the new one
    stale = await gateway.deliver(bot, gateway.button(message, f"quiz:exam-flag:{exam_id}:1:1", by=ALICE))
    assert stale["data"]["content"] == "That exam was abandoned; nothing of it was kept."
    assert rows(db_path, f"SELECT COUNT(*) FROM exam_items WHERE exam_id = {new_exam} AND flagged = 1") == [(0,)]
