"""Reviewing one's mistakes, practice sets by id, and search limited to the questions a person answered."""

import pytest

from bot.services.context import ChannelTarget
from bot.services.errors import InvalidChoiceError, NotAllowedError, QuizError
from bot.services.study import NothingToReviewError, StudyService
from tests.conftest import setup_of


@pytest.fixture
def study(service):
    return StudyService(service.context, service)


def right(service, question_id):
    return list(service.context.bank.get(question_id).answer)


def wrong(service, question_id):
    question = service.context.bank.get(question_id)
    return [letter for letter in question.letters if letter not in question.answer][: question.choose]


def practise(service, member, question_ids, answers, clock=None):
    """Answer each named question by id through a practice set: `answers` says right (True) or wrong."""
    study = StudyService(service.context, service)
    view = study.practice_ids(member, ",".join(question_ids))
    for position, (question_id, correct) in enumerate(zip(question_ids, answers, strict=True), start=1):
        if position > 1:
            view = study.set_question(member, view.in_set.set_id, position)
        assert view.question_id == question_id
        service.answer_practice(member, view.answers_to, (right if correct else wrong)(service, question_id))
        if clock is not None:
            clock.advance(minutes=1)


def test_review_asks_the_misses_not_since_got_right_newest_first(service, study, alice, clock):
    ids = [q.id for q in service.context.bank.questions[:4]]
    practise(service, alice, ids, [False, False, True, False], clock)
    practise(service, alice, ids[1:2], [True], clock)  # the second one got right since

    first = study.review(alice)

    assert first.in_set.kind == "review" and first.in_set.total == 2
    second = study.set_question(alice, first.in_set.set_id, 2)
    assert [first.question_id, second.question_id] == [ids[3], ids[0]]


def test_review_by_objective_follows_the_syllabus_order(service, study, alice, clock):
    objectives = [o.id for o in service.context.bank.syllabus.objectives]
    late, early = (next(q.id for q in service.context.bank.questions if q.objective == o) for o in objectives[-1:0:-45])
    practise(service, alice, [early, late], [False, False], clock)

    first = study.review(alice, "objective")

    assert first.question_id == early


def test_nothing_to_review_says_so_and_an_unknown_order_is_refused(study, alice):
    with pytest.raises(NothingToReviewError):
        study.review(alice)
    with pytest.raises(InvalidChoiceError):
        study.review(alice, "random")


def test_feedback_in_a_set_says_the_next_position_and_the_score_at_the_end(service, study, alice):
    ids = [q.id for q in service.context.bank.questions[:2]]
    view = study.practice_ids(alice, " ".join(ids))
    first = service.answer_practice(alice, view.answers_to, right(service, ids[0]))
    assert (first.in_set.position, first.in_set.next_position) == (1, 2)

    last_view = study.set_question(alice, view.in_set.set_id, 2)
    last = service.answer_practice(alice, last_view.answers_to, wrong(service, ids[1]))

    assert last.in_set.next_position is None
    assert last.in_set.summary == "Set done: 1/2 correct."


def test_practice_ids_refuses_unknown_ids_and_too_many(service, study, alice):
    with pytest.raises(InvalidChoiceError, match="no question nope-1"):
        study.practice_ids(alice, "nope-1")
    with pytest.raises(InvalidChoiceError, match="at most"):
        study.practice_ids(alice, ",".join(q.id for q in service.context.bank.questions[:21]))
    with pytest.raises(InvalidChoiceError):
        study.practice_ids(alice, " , ")


def test_someone_else_cannot_take_my_set(service, study, alice, bob):
    view = study.practice_ids(alice, service.context.bank.questions[0].id)
    with pytest.raises(QuizError, match="not yours"):
        study.set_question(bob, view.in_set.set_id, 1)
    with pytest.raises(InvalidChoiceError):
        study.set_question(alice, view.in_set.set_id, 2)


async def test_a_daily_question_stays_out_of_practice_review_and_search_until_its_reveal(daily, study, admin, alice):
    setup_of(daily).configure(admin, ChannelTarget("C1", "study"), local_time="09:00", timezone="UTC")
    post = await daily.post_daily(daily.schedules.all()[0].channel_id, daily.context.clock())
    daily.answer(alice, post.id, wrong(daily, post.question_id))

    with pytest.raises(QuizError, match="after its reveal"):
        study.practice_ids(alice, post.question_id)
    with pytest.raises(NothingToReviewError):
        study.review(alice)  # the miss would tell her the verdict before the reveal
    assert study.search(alice, post.question_id).hits == ()
    await daily.reveal_now(admin, ChannelTarget("C1", "study"))

    assert study.review(alice).question_id == post.question_id
    assert study.practice_ids(alice, post.question_id).question_id == post.question_id
    assert study.search(alice, post.question_id).hits[0].last_correct is False


def test_search_shows_only_answered_questions_unless_an_admin_asks_for_everything(service, study, alice, admin):
    bank = service.context.bank
    objective = bank.questions[0].objective
    same = [q.id for q in bank.questions if q.objective == objective]
    practise(service, alice, same[:1], [False])

    mine = study.search(alice, objective)
    everything = study.search(admin, objective, everything=True)

    assert [h.question_id for h in mine.hits] == same[:1] and mine.hits[0].last_correct is False
    assert mine.hidden == len(same) - 1
    assert [h.question_id for h in everything.hits] == same and everything.hidden == 0
    with pytest.raises(NotAllowedError):
        study.search(alice, objective, everything=True)


def test_search_by_id_and_by_words(service, study, admin):
    question = service.context.bank.questions[5]
    assert [h.question_id for h in study.search(admin, question.id.upper(), everything=True).hits] == [question.id]
    words = " ".join(question.stem.split()[:3])
    assert question.id in [h.question_id for h in study.search(admin, words, everything=True).hits]
    with pytest.raises(InvalidChoiceError):
        study.search(admin, "   ")
