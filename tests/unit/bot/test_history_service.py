"""A person's history: practice rounds, mock exams, weekly progress per domain, past exam reports."""

import pytest

from bot.services.exam import ExamService
from bot.services.history import HistoryService, NoSuchExamError


@pytest.fixture
def exams(service):
    return ExamService(service.context, service)


@pytest.fixture
def history(service, exams):
    return HistoryService(service.context, service, exams)


def answer_practice(service, member, correct: bool):
    view = service.practice_question(member)
    question = service.context.bank.get(view.question_id)
    letters = list(question.answer) if correct else [x for x in question.letters if x not in question.answer][:1]
    return service.answer_practice(member, view.answers_to, letters)


def test_practice_answers_close_together_are_one_round_newest_round_first(service, history, alice, clock):
    answer_practice(service, alice, True)
    clock.advance(minutes=10)
    answer_practice(service, alice, False)
    clock.advance(hours=2)
    answer_practice(service, alice, True)

    rounds = history.history(alice).rounds

    assert [(r.answered, r.correct) for r in rounds] == [(1, 1), (2, 1)]
    assert rounds[0].started_at > rounds[1].started_at


def test_weeks_count_every_answer_per_domain_oldest_first(service, history, alice, clock):
    answer_practice(service, alice, True)
    clock.advance(days=7)
    answer_practice(service, alice, False)
    answer_practice(service, alice, False)

    view = history.history(alice)

    assert [(w.answered, w.correct) for w in view.weeks] == [(1, 1), (2, 0)]
    assert all(w.week_start.weekday() == 0 for w in view.weeks)
    assert view.domain_ids == ("MD", "OPS", "DEP")
    assert sum(row.answered for row in view.weeks[1].domains) == 2


def test_finished_exams_are_listed_and_each_report_reopens(exams, history, alice, bob):
    first = exams.start(alice, size=15, seed=1)
    exams.submit(alice, first.exam_id, confirmed=True)
    second = exams.start(alice, size=15, seed=2)
    exams.answer(alice, second.exam_id, 1, "A")
    exams.submit(alice, second.exam_id, confirmed=True)

    listed = history.history(alice).exams

    assert [e.exam_id for e in listed] == [second.exam_id, first.exam_id]
    assert history.exam_result(alice, first.exam_id).exam_id == first.exam_id
    assert history.exam_result(alice).exam_id == second.exam_id
    with pytest.raises(NoSuchExamError):
        history.exam_result(bob, first.exam_id)  # not bob's


def test_no_exam_report_without_a_finished_exam(exams, history, alice):
    with pytest.raises(NoSuchExamError):
        history.exam_result(alice)
    started = exams.start(alice, size=15, seed=1)
    with pytest.raises(NoSuchExamError):
        history.exam_result(alice, started.exam_id)  # still in progress
    assert history.history(alice).empty
