"""/quiz review, id:, history, search, exam result and the team commands, through the real Bolt app."""

import re

from bot.slack.actions import PRACTICE_SET_NEXT
from tests.integration.slack.harness import ADA, BOB, elements, reply_text

IDS = ["md-sparkml-1-001", "md-sparkml-1-002"]


async def press(slack, button: dict, person=None) -> dict:
    action = {"action_id": button["action_id"], "value": button["value"]}
    return await slack.reply_to(slack.action(action, *([person] if person else [])))


def answer_button(reply: dict, letter: str) -> dict:
    return next(b for b in elements(reply, "button") if b["text"]["text"] == letter)


async def run_set(slack, letters: list[str]) -> tuple[dict, list[dict]]:
    """`/quiz id:...` answered with `letters` through the Next button: the first reply and each feedback."""
    question = first = await slack.reply_to(slack.slash("id:" + ",".join(IDS)))
    feedback = []
    for letter in letters:
        feedback.append(await press(slack, answer_button(question, letter)))
        following = [b for b in elements(feedback[-1], "button") if b["action_id"] == PRACTICE_SET_NEXT]
        if following:
            question = await press(slack, following[0])
    return first, feedback


async def test_quiz_id_runs_the_set_with_a_next_button_and_every_option_explained(slack):
    first, (miss, hit) = await run_set(slack, ["B", "A"])

    assert "*Practice set 1/2*" in reply_text(first)
    assert "(your choice, wrong)" in reply_text(miss) and "(not chosen, wrong)" in reply_text(miss)
    (next_button,) = [b for b in elements(miss, "button") if b["action_id"] == PRACTICE_SET_NEXT]
    assert next_button["text"]["text"] == "Next (2/2)"
    assert "Set done: 1/2 correct." in reply_text(hit)
    assert slack.count("attempts") == 2


async def test_someone_else_cannot_press_my_next_button(slack):
    _, (miss,) = await run_set(slack, ["B"])
    (next_button,) = [b for b in elements(miss, "button") if b["action_id"] == PRACTICE_SET_NEXT]

    refused = await press(slack, next_button, BOB)

    assert "not yours" in reply_text(refused)


async def test_review_asks_a_miss_again(slack):
    await run_set(slack, ["B", "A"])

    review = await slack.reply_to(slack.slash("review objective"))
    nothing = await slack.reply_to(slack.slash("review", BOB))
    bad = await slack.reply_to(slack.slash("review sideways"))

    assert "*Mistake to review 1/1*" in reply_text(review)
    assert "Nothing to review" in reply_text(nothing)
    assert "/quiz review [newest|objective]" in reply_text(bad)


async def test_history_and_a_past_exam_report(slack):
    await run_set(slack, ["B", "A"])
    await slack.reply_to(slack.slash("exam start 15"))
    asking = await slack.reply_to(slack.slash("exam submit"))  # every question open: it asks first
    await press(slack, next(b for b in elements(asking, "button") if b["action_id"] == "exam_finish"))

    history = await slack.reply_to(slack.slash("history"))
    report = await slack.reply_to(slack.slash("exam result 1"))
    latest = await slack.reply_to(slack.slash("exam report"))
    not_his = await slack.reply_to(slack.slash("exam result 1", BOB))

    assert ": 1/2 (50 %)" in reply_text(history) and "*#1*" in reply_text(history)
    assert "Progress by week" in reply_text(history)
    assert reply_text(report) == reply_text(latest) and "0/15" in reply_text(report)
    assert "no finished mock exam number 1" in reply_text(not_his)


async def test_search_shows_answered_questions_and_all_is_for_admins(slack):
    await run_set(slack, ["B", "A"])
    slack.fake.admins.add(ADA.user)

    mine = await slack.reply_to(slack.slash("search MD.SPARKML.1"))
    refused = await slack.reply_to(slack.slash("search all MD.SPARKML.1", BOB))
    admin = await slack.reply_to(slack.slash("search all MD.SPARKML.2", ADA))

    assert "`md-sparkml-1-001`" in reply_text(mine) and "/quiz id:md-sparkml-1-001,md-sparkml-1-002" in reply_text(mine)
    assert "Only" in reply_text(refused)
    assert "`md-sparkml-2-001`" in reply_text(admin) and "2 found" in reply_text(admin)


async def test_team_creator_joins_members_listed_admins_rename_and_delete(slack):
    slack.fake.admins.add(ADA.user)
    created = await slack.reply_to(slack.slash("team create Blue Owls"))
    await slack.reply_to(slack.slash("team join blue owls", BOB))
    members = await slack.reply_to(slack.slash("team members", BOB))
    refused = await slack.reply_to(slack.slash("team rename Blue Owls to Night Hawks"))
    renamed = await slack.reply_to(slack.slash("team rename Blue Owls to Night Hawks", ADA))
    deleted = await slack.reply_to(slack.slash("team delete Night Hawks", ADA))
    listed = await slack.reply_to(slack.slash("team list"))

    assert "you are in it" in reply_text(created)
    assert "Blue Owls* (your team): 2 members" in reply_text(members) and "• alice\n• bob" in reply_text(members)
    assert "Only" in reply_text(refused)
    assert "now called Night Hawks" in reply_text(renamed) and "deleted" in reply_text(deleted)
    assert "No teams yet" in reply_text(listed)


async def test_the_plan_prints_a_practice_set_command_that_runs(slack):
    plan = await slack.reply_to(slack.slash("plan"))
    command = re.search(r"`/quiz (id:\S+)`", reply_text(plan))[1]

    first = await slack.reply_to(slack.slash(command))

    assert "*Practice set 1/5*" in reply_text(first)
