"""Daily posts through the real Bolt app and Slack poster when Slack fails: an outage, an answer lost after
Slack posted, reveals that race with the question's message deleted."""

import asyncio
from contextlib import asynccontextmanager
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from tests.integration.slack.harness import ADA, reply_text
from tests.integration.slack.test_daily import post_scheduled, set_up_daily


@asynccontextmanager
async def running_scheduler(slack, clock, first_retry=timedelta(milliseconds=300)):
    """The real scheduler on real time, over a schedule whose last fire is long past (no catch-up post)."""
    clock.now = datetime.now(UTC)
    later = (clock.now + timedelta(hours=6)).astimezone(ZoneInfo("Europe/Berlin"))
    await set_up_daily(slack, text=f"daily setup {later:%H:%M} Europe/Berlin daily")
    scheduler = slack.services.scheduler
    scheduler.first_retry = first_retry
    await scheduler.start()
    try:
        yield scheduler
    finally:
        scheduler.shutdown()


async def until(condition, timeout: float = 5.0) -> None:
    async def check():
        while not condition():
            await asyncio.sleep(0.02)

    await asyncio.wait_for(check(), timeout)


def post_status(slack) -> list[tuple]:
    return slack.services.context.db.execute("SELECT status, maybe_posted FROM posts").fetchall()


async def test_four_500s_then_recovery_post_one_message_and_open_the_post(slack, clock):
    async with running_scheduler(slack, clock):
        slack.fake.fail_posts = 4  # every try of the first round; the scheduler's retry finds Slack back
        failed = await post_scheduled(slack)
        assert failed.status == "failed" and "500" in failed.failure
        shown = reply_text(await slack.reply_to(slack.slash("daily show", ADA)))
        assert "did not reach this channel" in shown and "500" in shown

        await until(lambda: post_status(slack) == [("open", 0)])

    assert len(slack.fake.posted("C-general")) == 1
    assert [c.status for c in slack.fake.calls_to("chat.postMessage")] == [500, 500, 500, 500, 200]


async def test_a_post_whose_answer_was_lost_is_not_posted_again_by_itself(slack, clock):
    async with running_scheduler(slack, clock, first_retry=timedelta(milliseconds=50)):
        slack.fake.lose_posts = 1
        unconfirmed = await post_scheduled(slack)
        await asyncio.sleep(0.3)  # time for a retry, were one scheduled

    assert (unconfirmed.status, unconfirmed.maybe_posted) == ("failed", True)
    assert len(slack.fake.posted("C-general")) == 1
    shown = reply_text(await slack.reply_to(slack.slash("daily show", ADA)))
    assert "Slack may show it anyway; if it is not here, run `/quiz daily post-now`" in shown


async def test_three_concurrent_reveal_nows_post_one_reveal_when_the_question_was_deleted(slack):
    await set_up_daily(slack)
    post = await post_scheduled(slack)
    slack.fake.deleted_messages.add(post.message_ref.split(":", 1)[1])

    seen = len(slack.fake.responses)
    await asyncio.gather(*(slack.slash("daily reveal-now", ADA) for _ in range(3)))
    replies = (await slack.fake.wait_for_responses(seen + 3))[seen:]

    texts = [reply_text(r) for r in replies]
    assert sum("Revealed the daily question" in t for t in texts) == 1
    assert sum("just been revealed" in t or "no open daily question" in t for t in texts) == 2
    assert len(slack.fake.posted("C-general")) == 2  # the question, then one reveal posted anew
    assert len(slack.fake.calls_to("chat.update")) == 1
