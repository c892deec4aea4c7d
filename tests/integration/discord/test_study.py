"""/quiz ids:, /review, /history, /search, /exam result and the team admin commands, through discord.py."""

import re

from questions.syllabus import load_syllabus
from tests.integration.discord.gateway import ADA, ALICE, BOB, custom_ids, option

EPHEMERAL = 64
MD_IDS = [o.id.lower().replace(".", "-") + "-001" for o in load_syllabus().objectives if o.id.startswith("MD.")][:2]


def answer_button(message: dict, letter: str) -> str:
    return next(c for c in custom_ids(message) if c.startswith("quiz:practice:") and c.split(":")[3] == letter)


async def run_set(bot, gateway, fake_discord, letters: list[str]) -> tuple[dict, list[dict]]:
    """/quiz ids: with the two MD questions, answered with `letters` through the Next button: the first reply
    and the answers' updates."""
    payload = gateway.command("quiz", option("ids", ",".join(MD_IDS)), by=ALICE)
    first = await gateway.deliver(bot, payload)
    message = fake_discord.responses[int(payload["id"])]
    updates = []
    for letter in letters:
        updates.append(await gateway.deliver(bot, gateway.button(message, answer_button(message, letter), by=ALICE)))
        following = [c for c in custom_ids(updates[-1]["data"]) if c.startswith("quiz:set:")]
        if following:
            answered = fake_discord.messages[int(message["id"])]
            reply = await gateway.deliver(bot, gateway.button(answered, following[0], by=ALICE))
            message = fake_discord.messages[max(fake_discord.messages)]
            assert reply["data"]["embeds"][0]["title"].startswith("Practice set 2/2")
    return first, updates


async def test_quiz_ids_runs_the_named_questions_with_a_next_button_and_a_score(start_bot, gateway, fake_discord):
    bot = await start_bot()

    first, updates = await run_set(bot, gateway, fake_discord, ["B", "A"])

    assert first["data"]["embeds"][0]["title"] == "Practice set 1/2"
    assert first["data"]["embeds"][0]["footer"]["text"].startswith(MD_IDS[0])
    miss, hit = (u["data"]["embeds"][-1] for u in updates)
    assert [f["name"] for f in miss["fields"]][:4] == [
        "B · your choice · wrong",
        "A · the answer · right",
        "C · not chosen · wrong",
        "D · not chosen · wrong",
    ]
    assert "quiz:set:1:2" in custom_ids(updates[0]["data"])
    assert {f["name"]: f["value"] for f in hit["fields"]}["Practice set 2/2"] == "Set done: 1/2 correct."
    assert any(c.startswith("quiz:next") for c in custom_ids(updates[1]["data"]))


async def test_review_asks_the_missed_question_again(start_bot, gateway, fake_discord):
    bot = await start_bot()
    await run_set(bot, gateway, fake_discord, ["B", "A"])

    review = await gateway.deliver(bot, gateway.command("review", by=ALICE))
    nothing = await gateway.deliver(bot, gateway.command("review", by=BOB))

    assert review["data"]["flags"] & EPHEMERAL
    assert review["data"]["embeds"][0]["title"] == "Mistake to review 1/1"
    assert review["data"]["embeds"][0]["footer"]["text"].startswith(MD_IDS[0])
    assert nothing["data"]["content"].startswith("Nothing to review")


async def test_history_and_a_past_exam_report(start_bot, gateway, fake_discord):
    bot = await start_bot()
    await run_set(bot, gateway, fake_discord, ["B", "A"])
    await gateway.deliver(bot, gateway.subcommand("exam", "start", option("size", 15), by=ALICE))
    payload = gateway.subcommand("exam", "submit", by=ALICE)
    await gateway.deliver(bot, payload)  # every question open: it asks first
    asking = gateway.fake.responses[int(payload["id"])]
    submit = next(c for c in custom_ids(asking) if c.startswith("quiz:exam-submit:"))
    await gateway.deliver(bot, gateway.button(asking, submit, by=ALICE))

    history = await gateway.deliver(bot, gateway.command("history", by=ALICE))
    report = await gateway.deliver(bot, gateway.subcommand("exam", "result", option("number", 1), by=ALICE))
    not_hers = await gateway.deliver(bot, gateway.subcommand("exam", "result", option("number", 1), by=BOB))

    fields = {f["name"]: f["value"] for f in history["data"]["embeds"][0]["fields"]}
    assert "1/2" in fields["Practice rounds"]
    assert fields["Mock exams (`/exam result number:` reopens one)"].startswith("**#1** ")
    assert "MD" in next(v for k, v in fields.items() if k.startswith("Progress by week"))
    assert report["data"]["embeds"][0]["title"].startswith("Mock exam")
    assert "no finished mock exam number 1" in not_hers["data"]["content"]


async def test_search_shows_answered_questions_and_everything_is_for_admins(start_bot, gateway, fake_discord):
    bot = await start_bot()
    await run_set(bot, gateway, fake_discord, ["B", "A"])

    mine = await gateway.deliver(bot, gateway.command("search", option("query", "MD"), by=ALICE))
    refused = await gateway.deliver(
        bot, gateway.command("search", option("query", "MD"), {"name": "everything", "type": 5, "value": True}, by=BOB)
    )
    admin = await gateway.deliver(
        bot, gateway.command("search", option("query", "MD"), {"name": "everything", "type": 5, "value": True}, by=ADA)
    )

    text = mine["data"]["embeds"][0]["description"]
    assert f"`{MD_IDS[0]}`" in text and f"`{MD_IDS[1]}`" in text and "more match but you have not answered" in text
    assert "/quiz ids:" in text
    assert "Only" in refused["data"]["content"]
    assert "not answered" not in admin["data"]["embeds"][0]["description"]


async def test_team_creator_joins_members_are_listed_and_admins_rename_and_delete(start_bot, gateway):
    bot = await start_bot()
    created = await gateway.deliver(bot, gateway.subcommand("team", "create", option("name", "Owls"), by=ALICE))
    await gateway.deliver(bot, gateway.subcommand("team", "join", option("name", "owls"), by=BOB))
    members = await gateway.deliver(bot, gateway.subcommand("team", "members", by=BOB))
    refused = await gateway.deliver(
        bot, gateway.subcommand("team", "rename", option("name", "Owls"), option("new_name", "Hawks"), by=ALICE)
    )
    renamed = await gateway.deliver(
        bot, gateway.subcommand("team", "rename", option("name", "Owls"), option("new_name", "Hawks"), by=ADA)
    )
    deleted = await gateway.deliver(bot, gateway.subcommand("team", "delete", option("name", "Hawks"), by=ADA))
    listed = await gateway.deliver(bot, gateway.subcommand("team", "list", by=ALICE))

    assert "you are in it" in created["data"]["content"]
    embed = members["data"]["embeds"][0]
    assert (embed["title"], embed["description"]) == ("Owls (2 members)", "Alice\nBob")
    assert "Only" in refused["data"]["content"]
    assert "**Hawks**" in renamed["data"]["content"] and "deleted" in deleted["data"]["content"]
    assert "No teams yet" in listed["data"]["embeds"][0]["description"]


async def test_the_plan_prints_a_practice_set_that_quiz_ids_runs(start_bot, gateway):
    bot = await start_bot()
    plan = await gateway.deliver(bot, gateway.command("plan", by=ALICE))
    start = next(f["value"] for f in plan["data"]["embeds"][0]["fields"] if f["name"].startswith("Start with"))
    ids = re.search(r"`/quiz ids:(\S+)`", start)[1]

    first = await gateway.deliver(bot, gateway.command("quiz", option("ids", ids), by=ALICE))

    assert first["data"]["embeds"][0]["title"] == "Practice set 1/5"
