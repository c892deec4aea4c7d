import pytest

from bot.services.errors import InvalidChoiceError, NotYourQuestionError, UnknownAskError, UnknownScopeError


def test_practice_question_then_answer_is_stored(service, alice, db):
    view = service.practice_question(alice)
    key = service.context.bank.get(view.question_id).answer
    feedback = service.answer_practice(alice, view.answers_to, list(key))
    assert feedback.correct and not feedback.already_answered
    assert feedback.explanation and feedback.references
    assert db.execute("SELECT question_id, correct FROM attempts").fetchall() == [(view.question_id, 1)]


def test_double_answer_records_once_and_keeps_the_first_choice(service, alice, db):
    view = service.practice_question(alice)
    wrong = next(o.letter for o in view.options if o.letter not in service.context.bank.get(view.question_id).answer)
    first = service.answer_practice(alice, view.answers_to, wrong)
    second = service.answer_practice(alice, view.answers_to, list(service.context.bank.get(view.question_id).answer))
    assert not first.correct and not second.correct
    assert second.already_answered and second.chosen == (wrong,)
    assert db.execute("SELECT COUNT(*) FROM attempts").fetchone()[0] == 1


def test_feedback_on_a_miss_explains_the_choice_the_key_then_every_other_option(service, alice):
    view = service.practice_question(alice)
    key = service.context.bank.get(view.question_id).answer[0]
    wrong = next(o.letter for o in view.options if o.letter != key)
    feedback = service.answer_practice(alice, view.answers_to, wrong)
    others = [(o.letter, False, "not chosen") for o in view.options if o.letter not in (wrong, key)]
    expected = [(wrong, False, "your choice"), (key, True, "the answer"), *others]
    assert [(r.letter, r.is_key, r.role) for r in feedback.rationales] == expected
    assert all(r.why for r in feedback.rationales)


def test_feedback_on_a_hit_explains_only_the_key(service, alice):
    view = service.practice_question(alice)
    key = tuple(sorted(service.context.bank.get(view.question_id).answer))
    feedback = service.answer_practice(alice, view.answers_to, list(key))
    assert [r.letter for r in feedback.rationales] == list(key)


def test_someone_else_cannot_answer_my_question(service, alice, bob):
    view = service.practice_question(alice)
    with pytest.raises(NotYourQuestionError):
        service.answer_practice(bob, view.answers_to, "A")


def test_unknown_ask_and_bad_letters_are_refused(service, alice):
    with pytest.raises(UnknownAskError):
        service.answer_practice(alice, 12345, "A")
    view = service.practice_question(alice)
    with pytest.raises(InvalidChoiceError):
        service.answer_practice(alice, view.answers_to, "Q")


def test_scope_filter_and_unknown_scope(service, alice):
    assert service.practice_question(alice, "DEP").domain == "Model Deployment"
    assert service.practice_question(alice, "ops.monitor").section == "Drift Detection and Lakehouse Monitoring"
    with pytest.raises(UnknownScopeError):
        service.practice_question(alice, "cooking")


def test_practice_does_not_repeat_for_a_person_until_the_pool_is_used(service, alice, bank):
    seen = [
        service.practice_question(alice, "MD.FS").question_id for _ in range(len(bank.filtered(section_id="MD.FS")))
    ]
    assert len(seen) == len(set(seen))


def test_stats_per_domain_and_section(service, alice):
    for _ in range(4):
        view = service.practice_question(alice, "OPS.MONITOR")
        service.answer_practice(alice, view.answers_to, list(service.context.bank.get(view.question_id).answer))
    view = service.practice_question(alice, "DEP")
    key = service.context.bank.get(view.question_id).answer[0]
    service.answer_practice(alice, view.answers_to, next(o.letter for o in view.options if o.letter != key))
    stats = service.stats(alice)
    assert (stats.answered, stats.correct) == (5, 4)
    assert {row.id: (row.correct, row.answered) for row in stats.domains} == {
        "MD": (0, 0),
        "OPS": (4, 4),
        "DEP": (0, 1),
    }
    assert [row.id for row in stats.weakest] == ["OPS.MONITOR"]
