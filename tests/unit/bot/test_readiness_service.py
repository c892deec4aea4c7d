"""Readiness through the service and a real SQLite store: first answers only, what it rests on, and
question difficulties calibrated from the rest of the workspace."""

from datetime import timedelta

from bot.services.identity import Member
from storage.attempts import AttemptStore


def answer_new(service, member, count, right=True):
    for i in range(count):
        view = service.practice_question(member, adaptive=False)
        question = service.context.bank.get(view.question_id)
        wrong = [x for x in question.letters if x not in question.answer][: question.choose]
        service.answer_practice(member, view.answers_to, list(question.answer) if right or i % 3 else wrong)


def test_repeats_are_not_counted_and_the_basis_says_so(service, alice, clock):
    answer_new(service, alice, 40)
    clock.advance(days=3)
    answered = {a.question_id for a in service.attempts.for_user(service.context.user_id(alice))}
    for _ in range(10):  # the same questions again, all right: memory, not ability
        view = service.practice_question(alice)
        service.answer_practice(alice, view.answers_to, list(service.context.bank.get(view.question_id).answer))
    clock.advance(days=2)
    attempts = service.attempts.for_user(service.context.user_id(alice))
    distinct = {a.question_id for a in attempts}
    readiness = service.stats(alice).readiness
    assert readiness.answered == len(distinct) and readiness.basis.repeats == len(attempts) - len(distinct)
    line = readiness.based_on()
    assert line.startswith(f"Based on {len(distinct)} first answers over ")
    repeats = len(attempts) - len(distinct)
    assert repeats > 0 and distinct == answered  # the ten were reviews of questions answered before
    assert line == (
        f"Based on 40 first answers over 1 day, newest 5 days ago ({repeats} repeats not counted);"
        " recent answers count more (half-life 30 days)."
    )


def test_the_half_life_is_a_setting_the_basis_states(service, alice):
    service.context.readiness_half_life_days = 14
    answer_new(service, alice, 5)
    assert "(half-life 14 days)" in service.stats(alice).readiness.based_on()


def test_other_peoples_first_answers_calibrate_difficulty(service, alice, clock):
    """Twelve others answered every question once; alice's estimate is then difficulty-adjusted."""
    bank, store = service.context.bank, AttemptStore(service.context.db)
    for n in range(12):
        other = service.context.user_id(Member(platform="slack", workspace="T1", user=f"U-{n}", name=f"P{n}"))
        for i, question in enumerate(bank.questions):
            ask = store.create_ask(other, question.id, "practice", now=clock() - timedelta(days=1))
            store.record_for_ask(ask, question.objective, "A", (i + n) % 4 != 0, now=clock() - timedelta(days=1))
    answer_new(service, alice, 40)
    readiness = service.stats(alice).readiness
    assert readiness.enough_data and readiness.basis.difficulty_adjusted
    assert readiness.based_on().endswith("; adjusted for question difficulty.")
    calibration = service.calibration(service.context.user_id(alice))
    assert calibration.total == 12 * len(bank.questions)  # alice's own answers are not in it


def test_a_person_alone_gets_the_per_domain_estimate(service, alice):
    answer_new(service, alice, 40)
    readiness = service.stats(alice).readiness
    assert readiness.enough_data and not readiness.basis.difficulty_adjusted
    assert 0 <= readiness.pass_chance <= 1 and readiness.low <= readiness.estimate <= readiness.high
