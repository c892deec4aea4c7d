def test_a_missed_question_comes_back_when_due_and_a_hit_later(service, alice, clock):
    view = service.practice_question(alice, "OPS.MONITOR")
    question = service.context.bank.get(view.question_id)
    wrong = [x for x in question.letters if x not in question.answer][: question.choose]
    service.answer_practice(alice, view.answers_to, wrong)
    clock.advance(minutes=2)  # FSRS relearning step passed: the missed question is due
    again = service.practice_question(alice)
    assert again.question_id == view.question_id


def test_a_hit_is_not_due_minutes_later(service, alice, clock):
    view = service.practice_question(alice, "OPS.MONITOR")
    service.answer_practice(alice, view.answers_to, list(service.context.bank.get(view.question_id).answer))
    clock.advance(minutes=2)
    assert service.practice_question(alice).question_id != view.question_id


def test_readiness_in_stats_says_when_there_is_too_little_data(service, alice):
    view = service.practice_question(alice)
    service.answer_practice(alice, view.answers_to, list(service.context.bank.get(view.question_id).answer))
    readiness = service.stats(alice).readiness
    assert not readiness.enough_data and "Too little data" in readiness.advice()


def test_a_problem_report_is_stored(service, alice, db):
    view = service.practice_question(alice)
    service.report_problem(alice, view.question_id, "Option C is also correct since MLflow 3.")
    assert db.execute("SELECT question_id FROM question_reports").fetchall() == [(view.question_id,)]


def miss(service, alice, view) -> None:
    question = service.context.bank.get(view.question_id)
    wrong = [x for x in question.letters if x not in question.answer][: question.choose]
    service.answer_practice(alice, view.answers_to, wrong)


def test_a_new_question_says_so_and_that_no_review_is_due(service, alice):
    view = service.practice_question(alice)

    assert view.why is not None and view.why.reason == "new"
    assert view.why.text == (
        "Why this question: a question new to you, at the exam's blueprint weights. No reviews are due now."
    )


def test_a_due_review_says_it_is_one_and_counts_the_reviews_due(service, alice, clock):
    first = service.practice_question(alice, "OPS.MONITOR")
    miss(service, alice, first)
    second = service.practice_question(alice, "MD")
    miss(service, alice, second)
    clock.advance(minutes=2)  # both misses are due now

    again = service.practice_question(alice, "OPS.MONITOR")

    assert again.question_id == first.question_id
    assert again.why is not None and (again.why.reason, again.why.reviews_due, again.why.scope_due) == ("due", 2, 1)
    assert again.why.text == (
        "Why this question: a review is due (you answered it before; spaced repetition brings it back now). "
        "2 reviews are due now, this one included (1 in OPS.MONITOR)."
    )


def test_a_weak_objective_is_named_with_the_persons_score_on_it(service, alice, clock):
    bank = service.context.bank
    objective = bank.get(service.practice_question(alice, "OPS.MONITOR").question_id).objective
    for question in [q for q in bank.questions if q.objective == objective][:3]:
        ask = service.attempts.create_ask(service.context.user_id(alice), question.id, "adaptive", now=clock())
        wrong = [x for x in question.letters if x not in question.answer][: question.choose]
        service.answer_practice(alice, ask.id, wrong)
    service.reviews.db.execute("DELETE FROM review_cards")  # no review due: the weak objective decides

    weak = next(
        view.why
        for view in (service.practice_question(alice, "OPS.MONITOR") for _ in range(60))
        if view.why and view.why.reason == "weak"
    )

    assert weak.objective_id == objective and (weak.correct, weak.answered) == (0, 3)
    assert f"{objective} is one of your weak objectives (0/3 right so far)" in weak.text


def test_plain_play_gives_no_reason(service, alice):
    assert service.practice_question(alice, adaptive=False).why is None
