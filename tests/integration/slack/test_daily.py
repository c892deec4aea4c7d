"""Daily questions: admin setup, the scheduled post through the Slack poster, answers, reveal."""

from tests.integration.slack.conftest import ADMIN_GROUP
from tests.integration.slack.harness import ADA, ALICE, BOB, Person, reply_text

LEAD = Person("U-lead", "lead")


async def set_up_daily(slack, person: Person = ADA, text: str = "daily setup 09:00 Europe/Berlin mon-fri") -> dict:
    slack.fake.admins.add(ADA.user)
    return await slack.reply_to(slack.slash(text, person))


async def post_scheduled(slack):
    """What the scheduler's job does when the daily time comes."""
    schedule = slack.services.daily.schedules.all()[0]
    return await slack.services.daily.post_daily(schedule.channel_id, slack.services.context.clock())


async def test_an_admin_sets_up_the_daily_question(slack):
    reply = await set_up_daily(slack)

    assert "09:00 Europe/Berlin" in reply_text(reply)
    assert slack.count("schedules") == 1
    assert [c.params["user"] for c in slack.fake.calls_to("users.info")] == [ADA.user]


async def test_a_member_of_the_admin_user_group_may_set_up(slack):
    slack.fake.usergroups[ADMIN_GROUP] = [LEAD.user]

    reply = await set_up_daily(slack, LEAD)

    assert "09:00 Europe/Berlin" in reply_text(reply)
    assert slack.count("schedules") == 1


async def test_a_non_admin_is_refused_and_nothing_is_stored(slack):
    slack.fake.usergroups[ADMIN_GROUP] = [LEAD.user]

    reply = await set_up_daily(slack, ALICE)

    assert "Only workspace admins and owners" in reply_text(reply)
    assert slack.count("schedules") == 0


async def test_setup_with_a_bad_zone_is_refused_politely(slack):
    reply = await set_up_daily(slack, text="daily setup 09:00 Mars/Olympus")

    assert reply["response_type"] == "ephemeral"
    assert slack.count("schedules") == 0


async def test_daily_show_pause_and_resume(slack):
    await set_up_daily(slack)

    shown = await slack.reply_to(slack.slash("daily show", ALICE))
    paused = await slack.reply_to(slack.slash("daily pause", ADA))
    refused = await slack.reply_to(slack.slash("daily resume", ALICE))
    resumed = await slack.reply_to(slack.slash("daily resume", ADA))

    assert "next post" in reply_text(shown)
    assert "paused" in reply_text(paused)
    assert "Only workspace admins and owners" in reply_text(refused)
    assert "next post" in reply_text(resumed)


async def test_a_scheduled_post_is_answered_privately_and_revealed_by_updating_the_message(slack):
    await set_up_daily(slack)

    post = await post_scheduled(slack)

    [posted] = slack.fake.calls_to("chat.postMessage")
    assert posted.params["channel"] == "C-general"
    assert post.message_ref == f"C-general:{'1700000000.000001'}"
    button = next(b for b in posted.params["blocks"][-2]["elements"] if b["value"].endswith(":A"))
    assert button["value"] == f"daily:{post.id}:A"

    answer = await slack.reply_to(slack.action({"action_id": button["action_id"], "value": button["value"]}, BOB))
    again = await slack.reply_to(slack.action({"action_id": button["action_id"], "value": button["value"]}, BOB))
    assert answer["response_type"] == "ephemeral"
    assert "Answer *A* recorded" in reply_text(answer)
    assert "first answer stands" in reply_text(again)
    assert slack.count("attempts") == 1

    await slack.services.daily.reveal(post.id)

    [update] = slack.fake.calls_to("chat.update")
    assert (update.params["channel"], update.params["ts"]) == ("C-general", "1700000000.000001")
    assert "1 of 1 answered correctly" in reply_text(update.params)


async def test_post_now_by_an_admin_posts_once(slack):
    await set_up_daily(slack)

    first = await slack.reply_to(slack.slash("daily post-now", ADA))
    second = await slack.reply_to(slack.slash("daily post-now", ADA))

    assert "Posted" in reply_text(first)
    assert "already posted" in reply_text(second)
    assert len(slack.fake.calls_to("chat.postMessage")) == 1


async def test_setup_refuses_words_that_only_look_like_days_and_suggests_the_zone_meant(slack):
    monkey = await set_up_daily(slack, text="daily setup 09:00 UTC monkey")
    berlin = await set_up_daily(slack, text="daily setup 09:00 europe/berlin mon-fri")

    assert "“monkey” is not a weekday" in reply_text(monkey)
    assert "did you mean Europe/Berlin?" in reply_text(berlin)
    assert slack.count("schedules") == 0


async def test_slack_gets_its_200_for_an_answer_only_once_the_answer_is_stored(slack):
    """Bolt answers Slack's request as soon as the listener acknowledges; answers wait for a group commit, so
    a listener acknowledging first would let a crash lose an answer Slack was told about."""
    await set_up_daily(slack)
    await post_scheduled(slack)
    slack.services.context.commits.window = 0.05  # longer than Bolt's 10 ms wait for the acknowledgement
    [posted] = slack.fake.calls_to("chat.postMessage")
    button = next(b for b in posted.params["blocks"][-2]["elements"] if b["value"].endswith(":A"))

    response = await slack.action({"action_id": button["action_id"], "value": button["value"]}, BOB)

    assert response.status == 200
    assert slack.count("attempts") == 1  # stored when the 200 left, not after
