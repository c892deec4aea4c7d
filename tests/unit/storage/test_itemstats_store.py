"""What item analysis reads from the store, the kept marks, and report triage."""

from datetime import timedelta

from storage.attempts import AttemptStore
from storage.directory import DirectoryStore
from storage.exams import ExamStore
from storage.itemstats import ItemStatsStore
from storage.reports import ReportStore
from storage.reviews import ReviewStore


def people(db, clock, workspace="T1", names=("U1", "U2")):
    directory = DirectoryStore(db)
    workspace_id = directory.workspace("slack", workspace, now=clock()).id
    return workspace_id, [directory.user(workspace_id, name, name.lower(), now=clock()) for name in names]


def test_first_answers_come_from_practice_daily_and_exam_attempts_in_answer_order(db, clock):
    _, (ann, ben) = people(db, clock)
    attempts = AttemptStore(db)
    later = clock() + timedelta(hours=1)
    ask = attempts.create_ask(ann, "q-2", "practice", now=later)
    attempts.record_for_ask(ask, "MD.SCALE.7", "B", False, now=later)
    attempts.import_attempts([(ann, "q-1", "MD.SCALE.7", "daily", "A", True, clock())])
    exam = ExamStore(db).create(ann, ["q-2"], started_at=clock(), deadline=clock() + timedelta(hours=2))
    ExamStore(db).finish(exam, "submitted", [("q-2", "MD.SCALE.7", "C", False)], now=clock() + timedelta(minutes=5))
    attempts.import_attempts([(ben, "q-1", "MD.SCALE.7", "practice", "D", False, clock())])

    assert ItemStatsStore(db).first_answers() == [(ann, "q-1", "A"), (ann, "q-2", "C"), (ben, "q-1", "D")]


def test_first_answers_of_one_workspace_leave_the_others_out(db, clock):
    _, (ann,) = people(db, clock, "T1", ("U1",))
    other, (zoe,) = people(db, clock, "T2", ("U9",))
    AttemptStore(db).import_attempts(
        [
            (ann, "q-1", "MD.SCALE.7", "daily", "A", True, clock()),
            (zoe, "q-1", "MD.SCALE.7", "daily", "B", False, clock()),
        ]
    )
    assert ItemStatsStore(db).first_answers(other) == [(zoe, "q-1", "B")]


def test_the_fingerprint_changes_when_answers_are_added_or_deleted(db, clock):
    _, (ann, ben) = people(db, clock)
    store, attempts = ItemStatsStore(db), AttemptStore(db)
    empty = store.answers_version()
    attempts.import_attempts([(ann, "q-1", "MD.SCALE.7", "daily", "A", True, clock())])
    attempts.import_attempts([(ben, "q-1", "MD.SCALE.7", "daily", "A", True, clock())])
    two = store.answers_version()
    assert store.answers_version() == two != empty
    db.execute("DELETE FROM attempts WHERE user_id = ?", [ann])  # retention drops the oldest
    assert store.answers_version() != two
    before = store.answers_version()
    db.execute("DELETE FROM users WHERE id = ?", [ben])  # a person deletes their data
    assert store.answers_version() != before


def test_a_keep_mark_is_replaced_by_a_newer_one_and_holds_in_its_own_workspace(db, clock):
    first, (ann, ben) = people(db, clock, "T1", ("ANN", "BEN"))
    second, (zoe,) = people(db, clock, "T2", ("ZOE",))
    store = ItemStatsStore(db)
    store.keep(first, "q-1", 40, ("weak discrimination",), ann, now=clock())
    store.keep(first, "q-1", 90, ("weak discrimination", "too hard"), ben, now=clock() + timedelta(days=1))
    store.keep(None, "q-2", 500, ("too easy",), zoe, now=clock())

    kept = store.keeps(first)["q-1"]
    assert (kept.people, kept.flags, kept.kept_by) == (90, ("weak discrimination", "too hard"), "ben")
    db.execute("DELETE FROM users WHERE id = ?", [ben])  # the admin deletes their data: the mark stays, unnamed
    assert store.keeps(first)["q-1"].kept_by == ""
    assert set(store.keeps(first)) == {"q-1", "q-2"} and set(store.keeps(second)) == {"q-2"}
    assert set(store.keeps(None)) == {"q-2"}
    db.execute("DELETE FROM workspaces WHERE id = ?", [first])
    assert db.execute("SELECT COUNT(*) FROM item_keeps").fetchone()[0] == 1


def test_a_report_is_resolved_once_and_listed_by_workspace(db, clock):
    first, (ann,) = people(db, clock, "T1", ("U1",))
    _, (zoe,) = people(db, clock, "T2", ("U9",))
    reviews, reports = ReviewStore(db), ReportStore(db)
    one = reviews.add_report(ann, "q-1", "key is wrong", now=clock())
    reviews.add_report(zoe, "q-2", "typo in B", now=clock())

    assert [r.reporter for r in reports.recent(first)] == ["u1"]
    assert reports.resolve(one, "key fixed to B", zoe, now=clock())
    assert not reports.resolve(one, "second note", zoe, now=clock())
    row = reports.get(one)
    assert row is not None and row.resolution == "key fixed to B" and not row.is_open and row.resolved_by == "u9"
    assert reports.recent(first) == [] and len(reports.recent(first, include_resolved=True)) == 1
    assert reports.open_by_question() == {"q-2": 1} and reports.count_open() == 1
    assert reports.get(2**70) is None
