"""Daily posts that fail, reveals that race, and what late answers are told (the service, with a recording poster)."""

import asyncio
import logging

import pytest

from bot.services.context import ChannelTarget
from bot.services.errors import PostClosedError, PostFailedError, QuizError
from bot.services.poster import ChannelUnavailableError, PostUncertainError
from tests.conftest import setup_of
from tests.unit.bot.test_daily import key_of, setup_daily

ROOM = ChannelTarget("C-study", "study")
OUTAGE = [RuntimeError("Slack answered 500 (internal_error)")] * 4


def channel_id_of(db) -> int:
    return db.execute("SELECT channel_id FROM schedules").fetchone()[0]


async def test_a_post_that_failed_every_try_can_be_posted_by_post_now(daily, admin, poster, db):
    setup_daily(daily, admin)
    poster.failures_to_inject = list(OUTAGE)
    failed = await daily.post_daily(channel_id_of(db), daily.context.clock())
    assert failed.status == "failed" and failed.failure == "Slack answered 500 (internal_error)"

    posted = await daily.post_now(admin, ROOM)

    assert posted.id == failed.id and posted.status == "open"
    assert len(poster.questions) == 1


async def test_daily_show_names_the_failed_post_and_its_reason(daily, admin, poster, db):
    setup_daily(daily, admin)
    poster.failures_to_inject = list(OUTAGE)
    await daily.post_daily(channel_id_of(db), daily.context.clock())

    failed = setup_of(daily).show(admin, ROOM).failed_post

    assert failed is not None and failed.reason == "Slack answered 500 (internal_error)"
    assert not failed.maybe_posted


async def test_post_now_tells_the_admin_why_in_plain_words(daily, admin, poster):
    setup_daily(daily, admin)
    poster.failures_to_inject = [ChannelUnavailableError("not_in_channel: the bot is not in the channel")]
    with pytest.raises(PostFailedError) as refused:
        await daily.post_now(admin, ROOM)
    assert str(refused.value) == "The question could not be posted: not_in_channel: the bot is not in the channel."
    assert "log" not in str(refused.value)


async def test_a_failed_post_asks_the_scheduler_for_a_retry(daily, admin, poster, db):
    setup_daily(daily, admin)
    retries = []
    daily.on_post_failed = retries.append
    poster.failures_to_inject = list(OUTAGE)
    await daily.post_daily(channel_id_of(db), daily.context.clock())
    assert [(p.status, p.retries) for p in retries] == [("failed", 1)]

    again = await daily.post_daily(channel_id_of(db), daily.context.clock(), resume_pending=True)
    assert again.status == "open" and len(poster.questions) == 1


async def test_an_unconfirmed_post_is_not_retried_but_post_now_posts_it(daily, admin, poster, db, caplog):
    setup_daily(daily, admin)
    retries = []
    daily.on_post_failed = retries.append
    poster.failures_to_inject = [PostUncertainError("Slack did not answer within 30 s; the post may be there")]
    with caplog.at_level(logging.WARNING):
        unconfirmed = await daily.post_daily(channel_id_of(db), daily.context.clock())
    assert (unconfirmed.status, unconfirmed.maybe_posted, retries) == ("failed", True, [])
    assert "a retry could show it twice" in caplog.text

    assert (await daily.post_daily(channel_id_of(db), daily.context.clock(), resume_pending=True)).status == "failed"
    assert setup_of(daily).show(admin, ROOM).failed_post.maybe_posted
    assert (await daily.post_now(admin, ROOM)).status == "open"
    assert len(poster.questions) == 1


async def test_a_timed_out_try_is_logged_with_a_reason(daily, admin, poster, db, caplog):
    setup_daily(daily, admin)
    poster.failures_to_inject = [TimeoutError()]
    with caplog.at_level(logging.WARNING):
        await daily.post_daily(channel_id_of(db), daily.context.clock())
    [retry_line] = [r.getMessage() for r in caplog.records if "attempt 1 of 4" in r.getMessage()]
    assert "the platform did not answer in time" in retry_line


class SlowRevealPoster:
    """Lets racing reveals interleave at the platform call, as a real network call would."""

    def __init__(self, inner):
        self.inner = inner

    async def post_question(self, channel, view):
        return await self.inner.post_question(channel, view)

    async def post_reveal(self, channel, message_ref, view):
        await asyncio.sleep(0.01)
        await self.inner.post_reveal(channel, message_ref, view)


async def test_three_concurrent_reveal_nows_reveal_once(daily, admin, poster, db):
    daily.posters.by_platform["slack"] = SlowRevealPoster(poster)
    setup_daily(daily, admin)
    await daily.post_now(admin, ROOM)

    outcomes = await asyncio.gather(*(daily.reveal_now(admin, ROOM) for _ in range(3)), return_exceptions=True)

    assert len(poster.reveals) == 1
    assert sum(isinstance(o, QuizError) for o in outcomes) == 2
    assert db.execute("SELECT status FROM posts").fetchall() == [("revealed",)]


async def test_the_scheduled_reveal_racing_an_admin_reveals_once(daily, admin, poster, db):
    daily.posters.by_platform["slack"] = SlowRevealPoster(poster)
    setup_daily(daily, admin)
    post = await daily.post_now(admin, ROOM)

    await asyncio.gather(daily.reveal(post.id), daily.reveal_now(admin, ROOM), return_exceptions=True)

    assert len(poster.reveals) == 1


async def test_a_late_answer_after_reveal_now_is_told_when_it_actually_closed(daily, admin, alice, clock, db):
    setup_daily(daily, admin)
    post = await daily.post_now(admin, ROOM)
    clock.advance(minutes=30)
    await daily.reveal_now(admin, ROOM)
    revealed_at = clock()
    clock.advance(minutes=5)

    with pytest.raises(PostClosedError) as closed:
        daily.answer(alice, post.id, key_of(daily.practice, post))

    assert closed.value.closed_at == revealed_at < post.closes_at


async def test_a_repeat_press_after_the_reveal_says_it_was_revealed(daily, admin, alice, clock):
    setup_daily(daily, admin)
    post = await daily.post_now(admin, ROOM)
    daily.answer(alice, post.id, key_of(daily.practice, post))
    clock.advance(minutes=10)
    await daily.reveal_now(admin, ROOM)

    again = daily.answer(alice, post.id, key_of(daily.practice, post))

    assert again.already_answered and again.revealed and again.reveals_at == clock()
