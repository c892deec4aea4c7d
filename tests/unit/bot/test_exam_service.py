import random

import pytest

from bot.services.context import ServiceContext
from bot.services.errors import QuizError
from bot.services.exam import ExamService, ExamTimeUpError
from bot.services.practice import PracticeService
from storage.db import open_db


@pytest.fixture
def exams(service):
    return ExamService(service.context, service)


def key(exams, view):
    return list(exams.context.bank.get(view.question.question_id).answer)


def test_a_full_exam_has_59_questions_and_120_minutes(exams, alice):
    view = exams.start(alice, seed=1)
    assert (view.position, view.total, view.answered) == (1, 59, 0)
    assert view.remaining_seconds == 120 * 60
    assert view.progress == "Q 1/59 · 2:00:00 left"
    assert exams.minutes_for(15) == 31 and exams.minutes_for(30) == 62


def test_one_exam_in_progress_per_person(exams, alice, bob):
    exams.start(alice, size=15, seed=1)
    with pytest.raises(QuizError, match="in progress"):
        exams.start(alice, size=15)
    assert exams.start(bob, size=15).total == 15


def test_answers_can_be_changed_and_flagged_before_submitting(exams, alice):
    first = exams.start(alice, size=15, seed=2)
    wrong = next(x.letter for x in first.question.options if x.letter not in key(exams, first))
    exams.answer(alice, first.exam_id, 1, wrong)
    exams.flag(alice, first.exam_id, 1)
    changed = exams.answer(alice, first.exam_id, 1, key(exams, first))
    assert changed.position == 2
    status = exams.status(alice)
    assert (status.answered, status.flagged) == (1, (1,))
    assert exams.item(alice, first.exam_id, 1).chosen == tuple(sorted(key(exams, first)))
    report = exams.submit(alice, first.exam_id, confirmed=True)
    assert report.correct == 1 and report.total == 15 and report.status == "submitted"


def test_the_deadline_refuses_late_answers_and_scores_the_exam_as_it_stands(exams, alice, clock):
    view = exams.start(alice, size=15, seed=3)
    exams.answer(alice, view.exam_id, 1, key(exams, view))
    clock.advance(minutes=31)
    with pytest.raises(ExamTimeUpError) as caught:
        exams.answer(alice, view.exam_id, 2, "A")
    report = caught.value.report
    assert report.status == "expired" and report.correct == 1
    assert report.time_used_seconds == 31 * 60
    assert exams.last_report(alice).exam_id == view.exam_id
    with pytest.raises(QuizError, match="no exam in progress"):
        exams.resume(alice)


def test_resume_after_reopening_the_database_gives_the_same_exam(exams, alice, bank, db_path, clock):
    view = exams.start(alice, size=30, seed=4)
    exams.answer(alice, view.exam_id, 1, key(exams, view))
    exams.flag(alice, view.exam_id, 2)
    clock.advance(minutes=10)
    before = [exams.item(alice, view.exam_id, p) for p in (1, 2, 3)]
    context = ServiceContext(open_db(db_path), bank, clock, random.Random(99))
    reopened = ExamService(context, PracticeService(context))
    resumed = reopened.resume(alice)
    assert resumed.position == 2 and resumed.remaining_seconds == 62 * 60 - 600
    after = [reopened.item(alice, view.exam_id, p) for p in (1, 2, 3)]
    assert [(v.question.question_id, v.chosen, v.flagged) for v in after] == [
        (v.question.question_id, v.chosen, v.flagged) for v in before
    ]


def test_the_report_lists_objectives_to_review_with_explanations(exams, alice):
    view = exams.start(alice, size=15, seed=6)
    report = exams.submit(alice, view.exam_id, confirmed=True)
    assert report.correct == 0 and not report.passed and report.percent == 0.0
    assert sum(len(o.missed) for o in report.to_review) == 15
    assert all(m.explanation and m.key for o in report.to_review for m in o.missed)
    assert {d.id: d.answered for d in report.domains} == {"MD": 7, "OPS": 6, "DEP": 2}


def test_exam_answers_feed_stats_and_review_cards(exams, service, alice, db):
    view = exams.start(alice, size=15, seed=7)
    exams.answer(alice, view.exam_id, 1, key(exams, view))
    exams.submit(alice, view.exam_id, confirmed=True)
    assert service.stats(alice).answered == 1
    assert db.execute("SELECT COUNT(*) FROM review_cards").fetchone()[0] == 1


def test_someone_else_cannot_touch_my_exam(exams, alice, bob):
    view = exams.start(alice, size=15, seed=8)
    with pytest.raises(QuizError, match="no exam in progress"):
        exams.answer(bob, view.exam_id, 1, "A")


def test_remaining_time_counts_down_with_the_clock(exams, alice, clock):
    view = exams.start(alice, size=15, seed=9)
    clock.advance(minutes=5)
    assert exams.resume(alice).remaining_seconds == view.remaining_seconds - 300


def test_a_submit_racing_an_abandon_from_another_device_says_the_exam_was_abandoned(exams, alice):
    from bot.services.exam import ExamAbandonedError

    view = exams.start(alice, 15)
    stale = exams.exams.get(view.exam_id)
    exams.abandon(alice, view.exam_id)

    with pytest.raises(ExamAbandonedError):
        exams._finish(stale, "submitted")  # the submit read the exam just before the abandon deleted it
    assert exams.exams.db.execute("SELECT COUNT(*) FROM attempts").fetchone() == (0,)
