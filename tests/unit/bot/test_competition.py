from datetime import UTC, datetime, timedelta

import pytest

from bot.services.context import ChannelTarget
from bot.services.errors import InvalidChoiceError, QuizError
from bot.services.identity import Member
from bot.services.seasons import season_at
from tests.conftest import setup_of

ROOM = ChannelTarget("C-study", "study")


def person(n: int) -> Member:
    return Member("slack", "T1", f"U{n:03d}", f"Person {n:03d}")


async def daily_post(daily, admin, clock):
    setup_of(daily).configure(admin, ROOM, local_time="09:00", timezone="Europe/Berlin", weekdays="daily")
    channel_id = daily.schedules.all()[0].channel_id
    return await daily.post_daily(channel_id, clock())


def answer(daily, member, post, right: bool):
    question = daily.context.bank.get(post.question_id)
    letters = (
        list(question.answer) if right else [x for x in question.letters if x not in question.answer][: question.choose]
    )
    return daily.answer(member, post.id, letters)


def test_week_season_boundary_is_monday_midnight_in_the_workspace_zone():
    sunday_late = datetime(2026, 11, 8, 22, 30, tzinfo=UTC)  # Sunday 23:30 in Berlin
    monday_early = datetime(2026, 11, 8, 23, 30, tzinfo=UTC)  # Monday 00:30 in Berlin, still Sunday in UTC
    assert season_at(sunday_late, "Europe/Berlin", "week").key == "2026-W45"
    assert season_at(monday_early, "Europe/Berlin", "week").key == "2026-W46"
    assert season_at(monday_early, "UTC", "week").key == "2026-W45"
    month = season_at(datetime(2026, 10, 31, 23, 30, tzinfo=UTC), "Europe/Berlin", "month")
    assert month.key == "2026-11" and month.start == datetime(2026, 10, 31, 23, 0, tzinfo=UTC)


def test_the_last_moment_before_a_local_midnight_and_the_midnight_itself_are_different_seasons():
    # seasons are looked up by the minute (cached); the minute before midnight must not share the next week's
    for zone, midnight in (
        ("Europe/Berlin", datetime(2026, 11, 8, 23, 0, tzinfo=UTC)),
        ("Asia/Kathmandu", datetime(2026, 11, 8, 18, 15, tzinfo=UTC)),  # UTC+05:45
    ):
        just_before = midnight - timedelta(microseconds=1)
        assert season_at(just_before, zone, "week").key == "2026-W45"
        assert season_at(midnight, zone, "week").key == "2026-W46"
        assert season_at(midnight + timedelta(seconds=59), zone, "week").key == "2026-W46"


async def test_points_count_in_the_season_of_the_local_date(daily, competition, admin, alice, clock):
    clock.now = datetime(2026, 11, 8, 22, 30, tzinfo=UTC)  # Sunday 23:30 Berlin
    post = await daily_post(daily, admin, clock)
    answer(daily, alice, post, right=True)
    clock.now = datetime(2026, 11, 8, 23, 30, tzinfo=UTC)  # Monday 00:30 Berlin: the new season
    board = competition.leaderboard(alice, "workspace", "season")
    assert board.rows == ()
    all_time = competition.leaderboard(alice, "workspace", "all")
    assert [(r.name, r.points) for r in all_time.rows] == [("Alice", 10)]


async def test_ties_share_a_rank_and_the_asker_sees_their_own_rank(daily, competition, admin, clock):
    post = await daily_post(daily, admin, clock)
    for n in range(1, 13):
        answer(daily, person(n), post, right=n <= 11)
    board = competition.leaderboard(person(12), "workspace", "season", top=10)
    assert [r.rank for r in board.rows] == [1] * 10
    assert board.me is not None and (board.me.rank, board.me.points) == (12, 0)
    assert board.me.is_me


async def test_team_move_mid_season_keeps_earned_points_with_the_old_team(daily, competition, admin, alice, clock):
    competition.create_team(alice, "Lakehouse Lions")
    competition.create_team(admin, "Feature Foxes")
    competition.join_team(alice, "lakehouse lions")  # names match without regard to case
    first = await daily_post(daily, admin, clock)
    answer(daily, alice, first, right=True)
    _, left = competition.join_team(alice, "Feature Foxes")
    assert left == "Lakehouse Lions"
    clock.advance(days=1)
    second = await daily.post_daily(daily.schedules.all()[0].channel_id, clock())
    answer(daily, alice, second, right=True)
    teams = {r.name: r for r in competition.leaderboard(alice, "team", "all").rows}
    assert (teams["Lakehouse Lions"].points, teams["Feature Foxes"].points) == (10, 10)
    assert teams["Feature Foxes"].is_me and not teams["Lakehouse Lions"].is_me


async def test_team_ranking_is_points_per_active_member(daily, competition, admin, clock):
    big, small = [person(n) for n in range(1, 5)], [person(9)]
    competition.create_team(big[0], "Big")
    competition.create_team(small[0], "Small")
    for m in big:
        competition.join_team(m, "Big")
    competition.join_team(small[0], "Small")
    post = await daily_post(daily, admin, clock)
    for i, m in enumerate(big):
        answer(daily, m, post, right=i < 2)  # 20 points over 4 active members
    answer(daily, small[0], post, right=True)  # 10 points over 1
    rows = competition.leaderboard(small[0], "team", "season").rows
    assert [(r.name, r.points, r.rank) for r in rows] == [("Small", 10.0, 1), ("Big", 5.0, 2)]


async def test_practice_never_moves_a_competition_rank(service, competition, alice):
    view = service.practice_question(alice)
    service.answer_practice(alice, view.answers_to, list(service.context.bank.get(view.question_id).answer))
    assert competition.leaderboard(alice, "workspace", "all").rows == ()


async def test_streak_counts_consecutive_correct_days(daily, competition, admin, alice, clock):
    channel_posts = []
    for day, right in enumerate([True, False, True, True]):
        if day == 0:
            post = await daily_post(daily, admin, clock)
        else:
            clock.advance(days=1)
            post = await daily.post_daily(daily.schedules.all()[0].channel_id, clock())
        channel_posts.append(post)
        answer(daily, alice, post, right=right)
    assert competition.streak(alice, ROOM.external_id) == 2
    board = competition.leaderboard(alice, "channel", "all", channel_id_on_platform=ROOM.external_id)
    assert board.streak == 2 and "2 days" in board.streak_text
    assert competition.leaderboard(alice, "workspace", "all").streak is None


def test_team_names_are_cleaned_and_checked(competition, alice):
    assert competition.create_team(alice, "  Drift   Detectives ").name == "Drift Detectives"
    assert competition.create_team(alice, "Équipe Ünïcode 🚀").name == "Équipe Ünïcode 🚀"
    with pytest.raises(QuizError, match="already exists"):
        competition.create_team(alice, "drift detectives")
    for bad in ["x", "a" * 41, "zero\u200bwidth", "tab\x07bell"]:
        with pytest.raises(InvalidChoiceError):
            competition.create_team(alice, bad)


def test_teams_of_one_workspace_are_invisible_to_another(competition, alice):
    competition.create_team(alice, "Only Here")
    outsider = Member("slack", "T2", "U-alice", "Alice elsewhere")
    assert competition.list_teams(outsider) == []
    with pytest.raises(QuizError, match="no team"):
        competition.join_team(outsider, "Only Here")


def test_migration_4_kept_the_season_key_rule_the_services_use():
    from storage.scores import _season_key_as_of_migration_4

    for moment in (datetime(2026, 11, 8, 23, 30, tzinfo=UTC), datetime(2026, 12, 31, 23, 30, tzinfo=UTC)):
        for zone in ("UTC", "Europe/Berlin", "Pacific/Auckland"):
            for period in ("week", "month"):
                assert _season_key_as_of_migration_4(moment, zone, period) == season_at(moment, zone, period).key


def test_the_creator_is_the_first_member_of_the_team(competition, alice):
    competition.create_team(alice, "Old Team")
    created = competition.create_team(alice, "New Team")

    assert (created.members, created.is_mine, created.left) == (1, True, "Old Team")
    assert {t.name: t.members for t in competition.list_teams(alice)} == {"Old Team": 0, "New Team": 1}


def test_a_team_lists_its_members_in_joining_order(competition, alice, bob):
    competition.create_team(alice, "Owls")
    competition.join_team(bob, "owls")

    assert competition.team_members(bob).members == ("Alice", "Bob")
    assert competition.team_members(alice, "OWLS").is_mine
    with pytest.raises(QuizError, match="no team"):
        competition.team_members(alice, "Nobody")


def test_only_admins_rename_and_delete_teams(competition, alice, bob, admin):
    competition.create_team(alice, "Owls")
    competition.create_team(bob, "Foxes")
    with pytest.raises(QuizError, match="Only admins"):
        competition.rename_team(alice, "Owls", "Hawks")
    with pytest.raises(QuizError, match="already exists"):
        competition.rename_team(admin, "Owls", "foxes")

    assert competition.rename_team(admin, "owls", " Night  Hawks ").name == "Night Hawks"
    competition.delete_team(admin, "Foxes")

    assert [(t.name, t.members) for t in competition.list_teams(admin)] == [("Night Hawks", 1)]
    with pytest.raises(QuizError, match="not in a team"):
        competition.team_members(bob)
    with pytest.raises(QuizError, match="Only admins"):
        competition.delete_team(bob, "Night Hawks")
