"""/quiz leaderboard, stats, team and help through the real Bolt app."""

from tests.integration.slack.harness import ALICE, BOB, elements, reply_text
from tests.integration.slack.test_daily import post_scheduled, set_up_daily


async def answer_daily(slack, person, letter: str) -> None:
    [posted] = slack.fake.calls_to("chat.postMessage")
    button = next(b for b in posted.params["blocks"][-2]["elements"] if b["value"].endswith(f":{letter}"))
    await slack.reply_to(slack.action({"action_id": button["action_id"], "value": button["value"]}, person))


async def test_leaderboard_ranks_daily_points(slack):
    await set_up_daily(slack)
    await post_scheduled(slack)
    await answer_daily(slack, ALICE, "A")
    await answer_daily(slack, BOB, "B")

    channel = await slack.reply_to(slack.slash("leaderboard", BOB))
    workspace = await slack.reply_to(slack.slash("leaderboard workspace all", BOB))

    for board in (channel, workspace):
        text = reply_text(board)
        assert text.index("alice — 10") < text.index("bob — 0")
        assert "← you" in text
    assert "all time" in reply_text(workspace)


async def test_leaderboard_with_an_unknown_scope_shows_the_choices(slack):
    reply = await slack.reply_to(slack.slash("leaderboard galaxy"))

    assert "channel, workspace, team" in reply_text(reply)


async def test_stats_show_practice_accuracy(slack):
    empty = await slack.reply_to(slack.slash("stats"))
    question = await slack.reply_to(slack.slash(""))
    button = elements(question, "button")[0]
    await slack.reply_to(slack.action({"action_id": button["action_id"], "value": button["value"]}))

    stats = await slack.reply_to(slack.slash("stats"))

    assert "No answers stored" in reply_text(empty)
    assert "1/1 correct (100 %)" in reply_text(stats)
    assert "Pass mark: 70 %" in reply_text(stats)
    assert "*Readiness:* Too little data" in reply_text(stats)
    assert "Based on 1 first answer over 1 day, newest today; recent answers count more" in reply_text(stats)


async def test_stats_chart_is_uploaded_to_the_persons_dm(slack):
    question = await slack.reply_to(slack.slash(""))
    button = elements(question, "button")[0]
    await slack.reply_to(slack.action({"action_id": button["action_id"], "value": button["value"]}))

    stats = await slack.reply_to(slack.slash("stats chart"))
    await slack.fake.wait_until(lambda: slack.fake.calls_to("files.completeUploadExternal"), timeout=20)

    assert "on its way" in reply_text(stats)
    [complete] = slack.fake.calls_to("files.completeUploadExternal")
    assert complete.params["channel_id"] == f"D-{ALICE.user}"
    [png] = slack.fake.uploads.values()
    assert png.startswith(b"\x89PNG")


async def test_teams_are_created_joined_listed_and_left(slack):
    created = await slack.reply_to(slack.slash("team create Feature Store Fans"))
    joined = await slack.reply_to(slack.slash("team join feature store fans"))
    listed = await slack.reply_to(slack.slash("team list", BOB))
    left = await slack.reply_to(slack.slash("team leave"))
    again = await slack.reply_to(slack.slash("team leave"))

    assert "Team Feature Store Fans created" in reply_text(created)
    assert "You are in team Feature Store Fans" in reply_text(joined)
    assert "Feature Store Fans (1 member)" in reply_text(listed)
    assert "You left team Feature Store Fans" in reply_text(left)
    assert "not in a team" in reply_text(again)


async def test_help_lists_the_commands_and_the_rules(slack):
    reply = await slack.reply_to(slack.slash("help"))

    assert "/quiz leaderboard" in reply_text(reply)
    assert "/quiz exam start" in reply_text(reply)
    assert "/quiz compare" in reply_text(reply)
    assert "10 points" in reply_text(reply)


async def test_an_unknown_subcommand_points_to_help(slack):
    reply = await slack.reply_to(slack.slash("fly to the moon"))

    assert "/quiz help" in reply_text(reply)
