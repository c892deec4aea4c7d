import asyncio
import random
import threading
from datetime import UTC, datetime

import pytest

from bot.services.context import ChannelTarget, ServiceContext
from bot.services.daily import DailyService
from bot.services.errors import NotAllowedError, PostClosedError, UnknownPostError
from bot.services.identity import Member
from bot.services.poster import ChannelUnavailableError, Posters
from bot.services.practice import PracticeService
from storage.db import open_db
from storage.posts import write_answer
from tests.conftest import setup_of

ROOM = ChannelTarget("C-study", "study")


def setup_daily(daily, admin, **options):
    return setup_of(daily).configure(
        admin, ROOM, local_time="09:00", timezone="Europe/Berlin", weekdays="mon-fri", **options
    )


def key_of(service, post):
    return list(service.context.bank.get(post.question_id).answer)


def wrong_of(service, post):
    question = service.context.bank.get(post.question_id)
    return [letter for letter in question.letters if letter not in question.answer][: question.choose]


async def post_today(daily, admin, **options):
    setup_daily(daily, admin, **options)
    return await daily.post_now(admin, ROOM)


def test_admin_sets_up_a_schedule(daily, admin, db):
    view = setup_daily(daily, admin)
    assert (view.local_time, view.timezone, view.weekdays) == (
        "09:00",
        "Europe/Berlin",
        ("mon", "tue", "wed", "thu", "fri"),
    )
    assert view.feedback == "reveal" and view.next_post_at is not None
    assert db.execute("SELECT COUNT(*) FROM schedules").fetchone()[0] == 1


def test_non_admin_cannot_set_up_and_nothing_is_stored(daily, alice, db):
    with pytest.raises(NotAllowedError):
        setup_daily(daily, alice)
    assert db.execute("SELECT COUNT(*) FROM schedules").fetchone()[0] == 0


async def test_one_post_per_channel_per_local_date(daily, admin, poster, clock, db):
    setup_daily(daily, admin)
    channel_id = db.execute("SELECT channel_id FROM schedules").fetchone()[0]
    first = await daily.post_daily(channel_id, clock())
    again = await daily.post_daily(channel_id, clock())
    assert first.id == again.id and first.status == "open"
    assert len(poster.questions) == 1
    assert db.execute("SELECT COUNT(*) FROM posts").fetchone()[0] == 1


async def test_a_failed_platform_call_is_retried_without_a_second_post(daily, admin, poster, db):
    poster.failures_to_inject = [ConnectionError("reset"), TimeoutError("slow")]
    post = await post_today(daily, admin)
    assert post.status == "open" and len(poster.questions) == 1
    assert db.execute("SELECT COUNT(*) FROM posts").fetchone()[0] == 1


async def test_a_channel_the_bot_cannot_post_in_is_paused(daily, admin, poster):
    setup_daily(daily, admin)
    poster.failures_to_inject = [ChannelUnavailableError("channel_not_found")]
    with pytest.raises(Exception, match="could not be posted"):
        await daily.post_now(admin, ROOM)
    view = setup_of(daily).show(admin, ROOM)
    assert view.paused and "channel_not_found" in view.paused_reason


async def test_one_answer_per_person_and_the_first_stands(daily, admin, alice, service, db):
    post = await post_today(daily, admin)
    first = daily.answer(alice, post.id, wrong_of(service, post))
    second = daily.answer(alice, post.id, key_of(service, post))
    assert not first.already_answered and second.already_answered
    assert second.chosen == first.chosen
    assert first.feedback is None  # the default: verdicts at the reveal only
    assert db.execute("SELECT COUNT(*), SUM(points) FROM attempts WHERE mode = 'daily'").fetchone() == (1, 0)


async def test_answers_arriving_together_share_one_commit_and_a_double_click_records_once(
    daily, admin, alice, bob, service, db
):
    post = await post_today(daily, admin)
    commits_before = service.context.commits.commits
    first, double_click, other = await asyncio.gather(
        daily.answer_with_others(alice, post.id, wrong_of(service, post)),
        daily.answer_with_others(alice, post.id, key_of(service, post)),  # the same new person, same window
        daily.answer_with_others(bob, post.id, key_of(service, post)),
    )
    assert service.context.commits.commits == commits_before + 1
    assert not first.already_answered and double_click.already_answered and not other.already_answered
    assert double_click.chosen == first.chosen  # the first stands
    assert db.execute("SELECT COUNT(*) FROM users WHERE external_id = 'U-alice'").fetchone()[0] == 1
    assert db.execute("SELECT COUNT(*) FROM attempts WHERE post_id = ?", [post.id]).fetchone()[0] == 2
    totals = "SELECT SUM(answered) FROM scores WHERE season_key = 'all' AND channel_id = 0"
    assert db.execute(totals).fetchone()[0] == 2  # the double click counted once in the leaderboard too


async def test_the_answer_written_is_the_answer_stored(daily, admin, alice, service):
    # the attempt handed back is built from what was written, not read back: it must be the stored row
    post = await post_today(daily, admin)
    answer, _ = daily._graded(alice, post.id, key_of(service, post), None)
    recorded = service.context.commits.write_now(lambda conn: write_answer(conn, answer))
    assert recorded.created and recorded.attempt == daily.posts.answer_of(post.id, recorded.attempt.user_id)
    again = service.context.commits.write_now(lambda conn: write_answer(conn, answer))
    assert not again.created and again.attempt == recorded.attempt


async def test_a_new_person_and_a_new_name_are_written_with_the_answer(daily, admin, alice, service, db):
    post = await post_today(daily, admin)
    await daily.answer_with_others(alice, post.id, key_of(service, post))
    assert db.execute("SELECT display_name FROM users WHERE external_id = 'U-alice'").fetchone()[0] == "Alice"
    renamed = Member(platform="slack", workspace="T1", user="U-alice", name="Alice B.")
    again = await daily.answer_with_others(renamed, post.id, key_of(service, post))
    assert again.already_answered
    assert db.execute("SELECT display_name FROM users WHERE external_id = 'U-alice'").fetchone()[0] == "Alice B."


async def test_an_answer_from_a_renamed_workspace_updates_its_name(daily, admin, alice, service, db):
    post = await post_today(daily, admin)
    renamed = Member(platform="slack", workspace="T1", user="U-alice", name="Alice", workspace_name="ml-guild")
    await daily.answer_with_others(renamed, post.id, key_of(service, post))
    assert db.execute("SELECT name FROM workspaces WHERE external_id = 'T1'").fetchone()[0] == "ml-guild"


async def test_an_answer_given_while_open_still_shows_after_the_close_whatever_is_pressed(
    daily, admin, alice, service, clock
):
    post = await post_today(daily, admin)
    first = await daily.answer_with_others(alice, post.id, wrong_of(service, post))
    assert daily.answer(alice, post.id, ["Z"]).already_answered  # an impossible letter, while open
    clock.now = post.closes_at
    late = daily.answer(alice, post.id, key_of(service, post))
    assert late.already_answered and late.chosen == first.chosen


async def test_concurrent_answers_from_two_connections_record_once(daily, admin, alice, bank, db_path, clock):
    post = await post_today(daily, admin)
    contexts = [ServiceContext(open_db(db_path), bank, clock, random.Random(i)) for i in range(2)]
    dailies = [DailyService(c, PracticeService(c), Posters(), retry_delay=0) for c in contexts]
    barrier = threading.Barrier(2)
    results = []

    def answer(d):
        barrier.wait()
        results.append(d.answer(alice, post.id, key_of(d.practice, post)))

    threads = [threading.Thread(target=answer, args=(d,)) for d in dailies]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(r.already_answered for r in results) == [False, True]
    rows = open_db(db_path).execute("SELECT COUNT(*) FROM attempts WHERE post_id = ?", [post.id]).fetchone()
    assert rows[0] == 1


async def test_late_answers_are_refused(daily, admin, alice, service, clock, db):
    post = await post_today(daily, admin)
    clock.now = post.closes_at
    with pytest.raises(PostClosedError, match="closed"):
        daily.answer(alice, post.id, key_of(service, post))
    assert db.execute("SELECT COUNT(*) FROM attempts").fetchone()[0] == 0


async def test_closes_at_the_next_post_at_most_24_hours(daily, admin, clock):
    clock.now = datetime(2026, 11, 6, 8, 0, tzinfo=UTC)  # a Friday, 09:00 in Berlin
    post = await post_today(daily, admin)
    assert post.closes_at == datetime(2026, 11, 7, 8, 0, tzinfo=UTC)  # next post is Monday: capped at 24 h


async def test_open_hours_override(daily, admin, clock):
    post = await post_today(daily, admin, open_hours=3)
    assert post.closes_at == post.posted_at.replace() + (post.closes_at - post.posted_at)
    assert (post.closes_at - post.posted_at).total_seconds() == 3 * 3600


async def test_immediate_feedback_channels_answer_privately_at_once(daily, admin, alice, service):
    post = await post_today(daily, admin, feedback="immediate")
    view = daily.answer(alice, post.id, key_of(service, post))
    assert view.feedback is not None and view.feedback.correct


async def test_reveal_shows_key_tally_and_correct_answerers(daily, admin, alice, bob, service, poster):
    post = await post_today(daily, admin)
    daily.answer(alice, post.id, key_of(service, post))
    daily.answer(bob, post.id, wrong_of(service, post))
    reveal = await daily.reveal(post.id)
    assert (reveal.answered, reveal.correct, reveal.percent_correct) == (2, 1, 50.0)
    assert reveal.correct_names == ("Alice",)
    assert sum(o.count for o in reveal.options if o.is_key) >= 1
    assert reveal.explanation and reveal.references
    assert poster.reveals[0][1] == "C-study:1700000000.000001"  # the reveal refers to the posted message
    assert await daily.reveal(post.id) is None  # revealed once
    with pytest.raises(PostClosedError):
        daily.answer(Member("slack", "T1", "U-carl", "Carl"), post.id, key_of(service, post))


async def test_a_post_of_another_workspace_cannot_be_answered(daily, admin, service, db):
    post = await post_today(daily, admin)
    intruder = Member(platform="slack", workspace="T-other", user="U-alice", name="Mallory")
    with pytest.raises(UnknownPostError):
        daily.answer(intruder, post.id, key_of(service, post))
    assert db.execute("SELECT COUNT(*) FROM attempts").fetchone()[0] == 0


async def test_post_now_refuses_a_second_post_on_the_same_day(daily, admin):
    await post_today(daily, admin)
    with pytest.raises(Exception, match="already posted"):
        await daily.post_now(admin, ROOM)


def test_bad_schedule_input_is_explained(daily, admin):
    from bot.services.errors import InvalidChoiceError

    for kwargs, message in [
        ({"local_time": "25:00"}, "HH:MM"),
        ({"timezone": "Mars/Olympus"}, "IANA"),
        ({"weekdays": "funday"}, "weekday"),
    ]:
        args = {"local_time": "09:00", "timezone": "UTC", "weekdays": "mon-fri"} | kwargs
        with pytest.raises(InvalidChoiceError, match=message):
            setup_of(daily).configure(admin, ROOM, **args)


def test_concurrent_tasks_in_one_loop_post_once(daily, admin, poster, db, clock):
    setup_daily(daily, admin)
    channel_id = db.execute("SELECT channel_id FROM schedules").fetchone()[0]

    async def both():
        return await asyncio.gather(daily.post_daily(channel_id, clock()), daily.post_daily(channel_id, clock()))

    first, second = asyncio.run(both())
    assert first.id == second.id and len(poster.questions) == 1


async def test_a_fan_out_prepares_one_post_per_turn_of_the_event_loop(service, admin, clock, db):
    """Thousands of channels fire in the same minute: the loop must serve sockets between two preparations,
    or the requests sent first time out while the rest are prepared."""
    from bot.services.poster import RecordingPoster

    turns = 0

    class TurnNoting(RecordingPoster):
        seen: list[int]

        async def post_question(self, channel, view):
            self.seen.append(turns)
            return await super().post_question(channel, view)

    poster = TurnNoting()
    poster.seen = []
    daily = DailyService(service.context, service, Posters(slack=poster), retry_delay=0)
    for n in range(30):
        setup_of(daily).configure(
            admin, ChannelTarget(f"C-{n}", f"room-{n}"), local_time="09:00", timezone="UTC", weekdays="daily"
        )
    channels = [row[0] for row in db.execute("SELECT channel_id FROM schedules").fetchall()]
    done = False

    async def count_turns():
        nonlocal turns
        while not done:
            turns += 1
            await asyncio.sleep(0)

    ticker = asyncio.create_task(count_turns())
    posts = await asyncio.gather(*(daily.post_daily(channel, clock()) for channel in channels))
    done = True
    await ticker

    assert all(post.status == "open" for post in posts)
    assert len(set(poster.seen)) == len(channels)  # each post was sent in a turn of its own


async def test_a_fan_out_prepares_no_more_posts_than_a_platform_takes_in_flight(service, admin, clock, db):
    """The platform sends a few posts a second: the rest wait unprepared (no row, no pick) for a slot."""
    from bot.services import daily as daily_module
    from bot.services.poster import RecordingPoster

    release = asyncio.Event()

    class Slow(RecordingPoster):
        async def post_question(self, channel, view):
            await release.wait()
            return await super().post_question(channel, view)

    daily = DailyService(service.context, service, Posters(slack=Slow()), retry_delay=0)
    count = daily_module.POSTS_IN_FLIGHT + 30
    for n in range(count):
        setup_of(daily).configure(
            admin, ChannelTarget(f"C-{n}", f"room-{n}"), local_time="09:00", timezone="UTC", weekdays="daily"
        )
    channels = [row[0] for row in db.execute("SELECT channel_id FROM schedules").fetchall()]
    fan_out = asyncio.gather(*(daily.post_daily(channel, clock()) for channel in channels))
    for _ in range(3 * count):
        await asyncio.sleep(0)
    reserved = db.execute("SELECT COUNT(*) FROM posts").fetchone()[0]
    release.set()
    posts = await fan_out

    assert reserved == daily_module.POSTS_IN_FLIGHT
    assert len(posts) == count and all(post.status == "open" for post in posts)


async def test_a_daily_answer_continues_the_person_s_review_card_for_the_question(daily, admin, alice, service, clock):
    from questions.review import review

    post = await post_today(daily, admin)
    user_id = service.context.user_id(alice)
    service.record_review(user_id, post.question_id, correct=False)  # met before in practice, and missed
    before = service.reviews.card(user_id, post.question_id)
    clock.advance(minutes=30)
    await daily.answer_with_others(alice, post.id, key_of(service, post))
    assert service.reviews.card(user_id, post.question_id) == review(before, True, clock())[0]
