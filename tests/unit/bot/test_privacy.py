"""A person's export and deletion: everything of theirs, nothing of anyone else's, totals kept consistent."""

import io
import json
import zipfile

from bot.services.privacy import PrivacyService
from tests.unit.bot.test_competition import answer, daily_post, person

ALICE, BOB = person(1), person(2)


def everyone_elses_rows(db, user_id: int) -> dict[str, list[tuple]]:
    tables = {
        "attempts": "SELECT * FROM attempts WHERE user_id != ? ORDER BY id",
        "scores": "SELECT * FROM scores WHERE user_id != ? ORDER BY 1, 2, 3, 4",
        "asks": "SELECT * FROM asks WHERE user_id != ? ORDER BY id",
        "users": "SELECT * FROM users WHERE id != ? ORDER BY id",
    }
    return {name: db.execute(sql, [user_id]).fetchall() for name, sql in tables.items()}


def team_totals(db) -> list[tuple]:
    return db.execute(
        "SELECT team_id, season_key, points, correct, active_members FROM team_scores ORDER BY 1, 2"
    ).fetchall()


async def a_busy_person(daily, competition, service, admin, clock):
    """Alice and Bob in one team answer a daily question; Alice also practises and reports a question."""
    competition.create_team(ALICE, "Lakehouse")
    competition.join_team(ALICE, "Lakehouse")
    competition.join_team(BOB, "Lakehouse")
    post = await daily_post(daily, admin, clock)
    answer(daily, ALICE, post, right=True)
    answer(daily, BOB, post, right=False)
    view = service.practice_question(ALICE)
    service.answer_practice(ALICE, view.answers_to, list(service.context.bank.get(view.question_id).answer))
    service.report_problem(ALICE, view.question_id, "option B reads ambiguously")
    return post


async def test_the_export_holds_every_kind_of_row_and_unpacks_as_json_and_csv(
    daily, competition, service, admin, clock
):
    await a_busy_person(daily, competition, service, admin, clock)

    data = PrivacyService(service.context).export(ALICE)

    assert data.counts["attempts"] == 2 and data.counts["question_reports"] == 1
    assert data.tables["team_membership"][0]["team"] == "Lakehouse"
    assert data.tables["profile"][0]["user_id"] == ALICE.user
    with zipfile.ZipFile(io.BytesIO(data.archive())) as archive:
        names = set(archive.namelist())
        document = json.loads(archive.read("my-quiz-data.json"))
    assert {"my-quiz-data.json", "attempts.csv", "review_cards.csv", "exams.csv"} <= names
    assert len(document["attempts"]) == 2


async def test_deleting_removes_only_that_persons_rows_and_keeps_totals_consistent(
    daily, competition, service, admin, clock
):
    post = await a_busy_person(daily, competition, service, admin, clock)
    db = service.context.db
    alice_id = service.context.user_id(ALICE)
    before = everyone_elses_rows(db, alice_id)
    tally_before = daily.posts.tally(post.id)

    deleted = PrivacyService(service.context).delete(ALICE)

    assert deleted.answers == 2
    for table in ("attempts", "asks", "scores", "review_cards", "question_reports", "team_members", "team_active"):
        assert db.execute(f"SELECT COUNT(*) FROM {table} WHERE user_id = ?", [alice_id]).fetchone() == (0,)
    assert everyone_elses_rows(db, alice_id) == before
    bob_only = [(tid, s, 0, 0, 1) for tid, s, *_ in team_totals(db)]
    assert (
        len(bob_only) == 2 and team_totals(db) == bob_only
    )  # a recomputation from Bob's answer alone: 0 points, 0 right, 1 active
    tally_after = daily.posts.tally(post.id)
    assert tally_after.by_choice == tally_before.by_choice and tally_after.correct == tally_before.correct
    assert alice_id not in tally_after.correct_users


async def test_answering_again_after_a_deletion_starts_afresh(daily, competition, service, admin, clock):
    await a_busy_person(daily, competition, service, admin, clock)
    privacy = PrivacyService(service.context)
    privacy.delete(ALICE)

    assert privacy.export(ALICE).counts["attempts"] == 0
    assert competition.leaderboard(ALICE, "workspace", "all").me is None


def totals(db) -> list[tuple]:
    return (
        db.execute("SELECT * FROM scores ORDER BY 1, 2, 3, 4").fetchall()
        + db.execute("SELECT * FROM team_scores ORDER BY 1, 2").fetchall()
    )


async def test_retention_deletes_old_answers_and_counts_the_totals_again(daily, competition, service, admin, clock):
    from bot.services.privacy import Retention
    from bot.services.seasons import season_at
    from storage.db import transaction
    from storage.people import rebuild_all_totals

    old_post = await a_busy_person(daily, competition, service, admin, clock)
    clock.advance(days=40)
    new_post = await daily.post_daily(old_post.channel_id, clock())
    answer(daily, BOB, new_post, right=True)
    db = service.context.db
    old_tally = daily.posts.tally(old_post.id)

    deleted = Retention(service.context, days=30).apply()

    assert deleted == 3  # Alice's daily and practice answers and Bob's daily answer, all 40 days old
    assert db.execute("SELECT COUNT(*) FROM attempts").fetchone() == (1,)
    kept = totals(db)
    with transaction(db) as conn:
        rebuild_all_totals(conn, lambda m, z, p: season_at(m, z, p).key)
    assert totals(db) == kept  # the totals are exactly a recomputation from the answers left
    points = db.execute("SELECT SUM(points) FROM scores WHERE season_key = 'all' AND channel_id = 0").fetchone()
    assert points == (10,)  # Bob's one recent correct answer
    assert daily.posts.tally(old_post.id).by_choice == old_tally.by_choice  # unnamed, the old tally stands


async def test_the_scheduler_runs_retention_daily_only_when_it_is_set(db_path, bank):
    from tests.unit.bot.test_scheduler import build

    without = build(db_path, bank, poster=None)
    await without.start()
    assert without.scheduler.get_job("retention") is None
    without.shutdown()

    from bot.services.privacy import Retention

    with_retention = build(db_path, bank, poster=None)
    with_retention.retention = Retention(with_retention.daily.context, days=365)
    await with_retention.start()
    assert with_retention.scheduler.get_job("retention") is not None
    await with_retention.apply_retention()  # nothing old: nothing deleted, no error
    with_retention.shutdown()


async def test_a_removed_workspace_keeps_its_data_for_the_grace_period_and_loses_it_after(
    daily, competition, service, admin, clock, poster
):
    from datetime import timedelta

    from bot.services.privacy import WorkspaceCleanup

    await a_busy_person(daily, competition, service, admin, clock)
    db = service.context.db
    cleanup = WorkspaceCleanup(service.context, grace=timedelta(days=30))

    def ask(platform, workspace):
        return poster.still_installed(workspace) if platform == "slack" else None

    poster.uninstalled.add("T1")
    cleanup.removed("slack", "T1")
    clock.advance(days=29)
    assert await cleanup.purge(ask) == []  # within the grace period
    clock.advance(days=2)
    assert await cleanup.purge(ask) == [("slack", "T1")]
    for table in ("workspaces", "users", "attempts", "posts", "teams", "schedules", "scores"):
        assert db.execute(f"SELECT COUNT(*) FROM {table}").fetchone() == (0,), table


async def test_a_workspace_back_within_the_grace_period_keeps_everything(
    daily, competition, service, admin, clock, poster
):
    from datetime import timedelta

    from bot.services.privacy import WorkspaceCleanup

    await a_busy_person(daily, competition, service, admin, clock)
    cleanup = WorkspaceCleanup(service.context, grace=timedelta(days=30))
    cleanup.removed("slack", "T1")
    clock.advance(days=31)  # reinstalled meanwhile: the platform says the app is there

    assert await cleanup.purge(lambda platform, workspace: poster.still_installed(workspace)) == []
    assert service.context.db.execute("SELECT removed_at FROM workspaces").fetchall() == [(None,)]
    assert service.context.db.execute("SELECT COUNT(*) FROM attempts").fetchone() == (3,)


def test_only_an_admin_may_delete_a_workspace_at_once(service, alice, admin):
    from datetime import timedelta

    import pytest

    from bot.services.errors import NotAllowedError
    from bot.services.privacy import WorkspaceCleanup

    cleanup = WorkspaceCleanup(service.context, grace=timedelta(days=30))
    service.context.workspace_of(alice)
    with pytest.raises(NotAllowedError):
        cleanup.delete_now(alice)
    assert cleanup.delete_now(admin) is True
    assert service.context.db.execute("SELECT COUNT(*) FROM workspaces").fetchone() == (0,)


def test_the_exam_date_and_abandoned_exams_are_exported_and_deleted_with_the_person(service):
    from bot.services.countdown import CountdownService
    from bot.services.exam import ExamService

    exams, countdowns = ExamService(service.context, service), CountdownService(service.context, service)
    exam = exams.start(ALICE, 15)
    exams.abandon(ALICE, exam.exam_id)
    countdowns.set(ALICE, "2026-12-01")
    countdowns.set(BOB, "2026-12-24")
    privacy = PrivacyService(service.context)

    data = privacy.export(ALICE)
    privacy.delete(ALICE)

    assert data.tables["exam_date"] == [{"exam_date": "2026-12-01", "set_at": data.tables["exam_date"][0]["set_at"]}]
    assert [(row["exam_id"], row["size"], row["answered"]) for row in data.tables["abandoned_exams"]] == [
        (exam.exam_id, 15, 0)
    ]
    db = service.context.db
    assert db.execute("SELECT COUNT(*) FROM abandoned_exams").fetchone() == (0,)
    assert db.execute("SELECT exam_date FROM exam_dates").fetchall() == [("2026-12-24",)]  # Bob's stays
