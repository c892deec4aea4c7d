"""The Slack poster under the daily service: joining, unavailable channels, rate limits."""

import time

from tests.integration.slack.harness import ADA
from tests.integration.slack.test_daily import post_scheduled, set_up_daily


async def test_the_bot_joins_a_public_channel_it_is_not_in_and_posts_once(slack):
    await set_up_daily(slack)
    slack.fake.outside_channels.add("C-general")

    post = await post_scheduled(slack)

    assert post.status == "open"
    assert [c.params["channel"] for c in slack.fake.calls_to("conversations.join")] == ["C-general"]
    assert len(slack.fake.calls_to("chat.postMessage")) == 2  # not_in_channel, then the post after joining
    assert len([c for c in slack.fake.calls_to("chat.postMessage") if c.params["channel"] == "C-general"]) == 2


async def test_a_private_channel_without_the_bot_pauses_the_schedule(slack):
    await set_up_daily(slack)
    slack.fake.outside_channels.add("C-general")
    slack.fake.private_channels.add("C-general")

    post = await post_scheduled(slack)

    schedule = slack.services.daily.schedules.all()[0]
    assert post.status == "failed"
    assert schedule.paused
    assert "channel_not_found" in schedule.paused_reason or "not_in_channel" in schedule.paused_reason


async def test_an_archived_channel_pauses_the_schedule_without_retrying(slack):
    await set_up_daily(slack)
    slack.fake.archived_channels.add("C-general")

    post = await post_scheduled(slack)

    schedule = slack.services.daily.schedules.all()[0]
    assert post.status == "failed"
    assert schedule.paused and "is_archived" in schedule.paused_reason
    assert len(slack.fake.calls_to("chat.postMessage")) == 1
    shown = await slack.reply_to(slack.slash("daily show", ADA))
    assert "is_archived" in shown["text"]


async def test_a_deleted_channel_pauses_the_schedule(slack):
    await set_up_daily(slack)
    slack.fake.missing_channels.add("C-general")

    await post_scheduled(slack)

    assert "channel_not_found" in slack.services.daily.schedules.all()[0].paused_reason


async def test_a_rate_limit_is_waited_out_and_the_question_posted_once(slack):
    await set_up_daily(slack)
    slack.fake.rate_limit_posts = 1
    started = time.monotonic()

    post = await post_scheduled(slack)

    assert time.monotonic() - started >= slack.fake.retry_after
    assert post.status == "open"
    statuses = [c.status for c in slack.fake.calls_to("chat.postMessage")]
    assert statuses == [429, 200]


async def test_a_reveal_whose_message_is_gone_is_posted_as_a_new_message(slack):
    await set_up_daily(slack)
    post = await post_scheduled(slack)
    slack.services.daily.posts.db.execute("UPDATE posts SET message_ref = NULL WHERE id = ?", [post.id])

    await slack.services.daily.reveal(post.id)

    assert slack.fake.calls_to("chat.update") == []
    assert "Answer to the daily question" in slack.fake.calls_to("chat.postMessage")[-1].params["text"]
