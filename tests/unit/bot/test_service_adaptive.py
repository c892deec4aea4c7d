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
