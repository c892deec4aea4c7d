"""The scheduler over a real SQLite file and a real APScheduler; trigger math is tested without waiting."""

import asyncio
import random
from collections import Counter
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from bot.services.competition import CompetitionService
from bot.services.context import ChannelTarget, ServiceContext, utc_now
from bot.services.daily import DailyService
from bot.services.identity import Member
from bot.services.poster import Posters, RecordingPoster
from bot.services.practice import PracticeService
from bot.services.scheduler import DailyScheduler
from bot.services.timing import daily_trigger, next_fire
from storage.db import open_db
from tests.conftest import FakeClock, setup_of

ROOM = ChannelTarget("C-study", "study")


def build(db_path, bank, poster, clock=utc_now, grace=timedelta(hours=2)):
    context = ServiceContext(open_db(db_path), bank, clock, random.Random(5))
    daily = DailyService(context, PracticeService(context), Posters(slack=poster), retry_delay=0)
    return DailyScheduler(daily, CompetitionService(context), grace=grace)


def configure_at(scheduler, admin, moment: datetime, timezone="Europe/Berlin"):
    local = moment.astimezone(ZoneInfo(timezone))
    setup_of(scheduler.daily).configure(
        admin, ROOM, local_time=f"{local:%H:%M:%S}", timezone=timezone, weekdays="daily"
    )


def post_count(db_path):
    return open_db(db_path).execute("SELECT COUNT(*) FROM posts").fetchone()[0]


async def test_a_schedule_two_seconds_ahead_fires_once_and_a_restart_does_not_repost(db_path, bank, admin):
    poster = RecordingPoster()
    first = build(db_path, bank, poster)
    await first.start()
    configure_at(first, admin, utc_now() + timedelta(seconds=2))
    await asyncio.sleep(3.5)
    first.shutdown()
    assert len(poster.questions) == 1
    assert poster.questions[0][1].question.kind == "daily"

    again = RecordingPoster()
    second = build(db_path, bank, again)  # a new process over the same database
    await second.start()
    await asyncio.sleep(0.2)
    second.shutdown()
    assert again.questions == []
    assert post_count(db_path) == 1


async def test_restart_just_before_the_scheduled_time_posts_once(db_path, bank, admin):
    poster = RecordingPoster()
    first = build(db_path, bank, poster)
    await first.start()
    configure_at(first, admin, utc_now() + timedelta(seconds=2))
    await asyncio.sleep(0.5)
    first.shutdown()  # the bot goes down before the post

    second = build(db_path, bank, poster)
    await second.start()  # rebuilt from the database
    await asyncio.sleep(2.5)
    third = build(db_path, bank, poster)  # and restarted again just after
    await third.start()
    await asyncio.sleep(0.2)
    second.shutdown()
    third.shutdown()
    assert len(poster.questions) == 1
    assert post_count(db_path) == 1


async def test_a_post_missed_inside_the_grace_window_is_caught_up_once(db_path, bank, admin):
    clock = FakeClock(datetime(2026, 11, 3, 8, 0, tzinfo=UTC))  # 09:00 in Berlin
    poster = RecordingPoster()
    scheduler = build(db_path, bank, poster, clock=clock, grace=timedelta(hours=1))
    setup_of(scheduler.daily).configure(admin, ROOM, local_time="09:00", timezone="Europe/Berlin", weekdays="daily")
    clock.advance(minutes=40)  # the bot comes back 40 minutes late
    await scheduler.catch_up()
    await scheduler.catch_up()
    assert len(poster.questions) == 1
    assert poster.questions[0][1].local_date == "2026-11-03"


async def test_a_post_missed_outside_the_grace_window_is_skipped(db_path, bank, admin, caplog):
    clock = FakeClock(datetime(2026, 11, 3, 8, 0, tzinfo=UTC))
    poster = RecordingPoster()
    scheduler = build(db_path, bank, poster, clock=clock, grace=timedelta(hours=1))
    setup_of(scheduler.daily).configure(admin, ROOM, local_time="09:00", timezone="Europe/Berlin", weekdays="daily")
    clock.advance(hours=3)
    with caplog.at_level("INFO"):
        await scheduler.catch_up()
    assert poster.questions == []
    assert "skipping the missed daily question" in caplog.text


@pytest.mark.parametrize(
    ("zone", "transition"),
    [
        ("Europe/Berlin", datetime(2026, 3, 29)),
        ("Europe/Berlin", datetime(2026, 10, 25)),
        ("America/New_York", datetime(2026, 3, 8)),
        ("America/New_York", datetime(2026, 11, 1)),
    ],
)
def test_daylight_saving_days_post_at_the_local_time(zone, transition):
    trigger = daily_trigger("09:00", zone, "mon,tue,wed,thu,fri,sat,sun")
    start = transition.replace(tzinfo=ZoneInfo(zone)) - timedelta(days=2)
    fire = next_fire(trigger, start)
    offsets = set()
    for _ in range(5):
        local = fire.astimezone(ZoneInfo(zone))
        assert (local.hour, local.minute) == (9, 0)
        offsets.add(local.utcoffset())
        fire = next_fire(trigger, fire)
    assert len(offsets) == 2  # the UTC offset changed across the transition, the local time did not


async def test_a_year_of_daily_posts_follows_the_blueprint_without_early_repeats(db_path, bank, admin):
    clock = FakeClock(datetime(2026, 1, 1, 8, 0, tzinfo=UTC))
    poster = RecordingPoster()
    scheduler = build(db_path, bank, poster, clock=clock)
    setup_of(scheduler.daily).configure(admin, ROOM, local_time="09:00", timezone="Europe/Berlin", weekdays="daily")
    channel_id = scheduler.daily.schedules.all()[0].channel_id
    posted = []
    for _ in range(365):
        post = await scheduler.daily.post_daily(channel_id, clock())
        posted.append(post.question_id)
        await scheduler.daily.reveal(post.id)
        clock.advance(days=1)
    pool = len(bank.questions)
    assert len(set(posted[:pool])) == pool  # nothing repeats before the pool is exhausted
    domains = Counter(bank.domain_id(bank.get(q)) for q in posted)
    for domain_id, weight in bank.syllabus.weights().items():
        assert abs(domains[domain_id] / 365 - weight) <= 0.05, domains


async def test_season_close_announces_the_winners_once(db_path, bank, admin, alice):
    clock = FakeClock(datetime(2026, 11, 2, 8, 0, tzinfo=UTC))  # Monday 09:00 Berlin
    poster = RecordingPoster()
    scheduler = build(db_path, bank, poster, clock=clock)
    setup_of(scheduler.daily).configure(admin, ROOM, local_time="09:00", timezone="Europe/Berlin", weekdays="daily")
    post = await scheduler.daily.post_now(admin, ROOM)
    scheduler.daily.answer(alice, post.id, list(bank.get(post.question_id).answer))
    clock.now = datetime(2026, 11, 8, 23, 0, 30, tzinfo=UTC)  # Monday 00:00:30 in Berlin: a new week
    workspace_id = scheduler.daily.schedules.all()[0].workspace_id
    await scheduler.close_season(workspace_id)
    await scheduler.close_season(workspace_id)
    assert len(poster.summaries) == 1
    summary = poster.summaries[0][1]
    assert summary.people[0].name == "Alice" and summary.people[0].points == 10


async def test_a_process_only_drives_the_platforms_it_posts_to(db_path, bank, admin):
    clock = FakeClock(datetime(2026, 11, 3, 8, 0, tzinfo=UTC))
    slack_poster = RecordingPoster()
    scheduler = build(db_path, bank, slack_poster, clock=clock)
    setup_of(scheduler.daily).configure(admin, ROOM, local_time="09:00", timezone="Europe/Berlin", weekdays="daily")
    discord_admin = Member("discord", "G1", "D-admin", "Dee", is_admin=True)
    setup_of(scheduler.daily).configure(
        discord_admin, ROOM, local_time="09:00", timezone="Europe/Berlin", weekdays="daily"
    )
    clock.advance(minutes=5)
    await scheduler.catch_up()
    assert [c.platform for c, _ in slack_poster.questions] == ["slack"]
    assert not any(s.paused for s in scheduler.daily.schedules.all())
