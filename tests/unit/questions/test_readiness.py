import random
from datetime import UTC, datetime, timedelta

from questions.bank import load_bank
from questions.calibration import calibrate
from questions.readiness import Answer, ExamBlueprint, estimate_readiness, exam_blueprint, pass_mark

NOW = datetime(2026, 6, 1, 12, tzinfo=UTC)
BLUEPRINT = ExamBlueprint({"MD": 26, "OPS": 26, "DEP": 7}, 42, 70)
WEIGHTS = {"MD": 0.44, "OPS": 0.44, "DEP": 0.12}


def synthetic_person(accuracy: float, answers: int, seed: int = 1, days: int = 0) -> list[Answer]:
    """`answers` first answers to distinct questions, spread evenly over the last `days` days."""
    rng = random.Random(seed)
    out = []
    for i in range(answers):
        domain = rng.choices(list(WEIGHTS), weights=list(WEIGHTS.values()))[0]
        when = NOW - timedelta(days=days * (1 - i / answers))
        out.append(Answer(f"q{i}", domain, rng.random() < accuracy, when))
    return out


def test_the_pass_mark_is_scored_as_the_mock_exam_rounds_it():
    assert pass_mark(59, 70) == 42  # 41/59 is 69.5 %
    assert exam_blueprint(load_bank()).counts == {"MD": 26, "OPS": 26, "DEP": 7}
    assert exam_blueprint(load_bank()).pass_correct == 42


def test_a_strong_candidate_is_estimated_above_the_pass_mark():
    readiness = estimate_readiness(synthetic_person(0.9, 200), BLUEPRINT, now=NOW)
    assert readiness.enough_data
    assert readiness.estimate > 70 and readiness.low > 70
    assert readiness.pass_chance > 0.95


def test_a_weak_candidate_is_estimated_below_with_low_pass_chance():
    readiness = estimate_readiness(synthetic_person(0.5, 200), BLUEPRINT, now=NOW)
    assert readiness.estimate < 70
    assert readiness.pass_chance < 0.05
    assert "not there yet" in readiness.advice()


def test_a_true_75_percent_passes_a_59_question_exam_about_four_times_in_five_not_always():
    answers = [Answer(f"{d}{i}", d, i % 4 != 0, NOW) for d in WEIGHTS for i in range(2000)]
    readiness = estimate_readiness(answers, BLUEPRINT, now=NOW)
    assert 0.74 < readiness.estimate / 100 < 0.76
    assert 0.75 < readiness.pass_chance < 0.85  # the exam's own sampling noise
    assert readiness.low < 70 < readiness.high


def test_too_little_data_withholds_the_estimate_and_says_what_is_missing():
    readiness = estimate_readiness(synthetic_person(0.9, 5), BLUEPRINT, now=NOW)
    assert not readiness.enough_data and readiness.estimate is None
    assert readiness.needed["total"] == 25
    assert "Too little data" in readiness.advice() and "25 more in all" in readiness.advice()


def test_each_domain_needs_its_own_minimum():
    person = [a for a in synthetic_person(0.9, 200) if a.domain_id != "DEP"]
    person += [Answer(f"dep{i}", "DEP", True, NOW) for i in range(2)]
    readiness = estimate_readiness(person, BLUEPRINT, now=NOW)
    assert not readiness.enough_data and readiness.needed == {"DEP": 3}


def test_only_a_questions_first_answer_counts():
    first = synthetic_person(0.5, 60)
    drilled = first + [Answer(a.question_id, a.domain_id, True, NOW) for a in first for _ in range(5)]
    once, drilling = (estimate_readiness(p, BLUEPRINT, now=NOW) for p in (first, drilled))
    assert drilling.answered == 60 and drilling.basis.repeats == 300
    assert drilling.estimate == once.estimate and drilling.pass_chance == once.pass_chance
    assert "(300 repeats not counted)" in drilling.based_on()


def test_recent_answers_count_more_than_old_ones():
    old_misses = [Answer(f"o{d}{i}", d, False, NOW - timedelta(days=90)) for d in WEIGHTS for i in range(20)]
    new_hits = [Answer(f"n{d}{i}", d, True, NOW - timedelta(days=1)) for d in WEIGHTS for i in range(20)]
    improved = estimate_readiness(old_misses + new_hits, BLUEPRINT, now=NOW)
    old_hits = [Answer(a.question_id, a.domain_id, True, a.answered_at) for a in old_misses]
    new_misses = [Answer(a.question_id, a.domain_id, False, a.answered_at) for a in new_hits]
    slipped = estimate_readiness(old_hits + new_misses, BLUEPRINT, now=NOW)
    assert improved.estimate > 80 > 20 > slipped.estimate
    flat = estimate_readiness(old_misses + new_hits, BLUEPRINT, now=NOW, half_life_days=1e9)
    assert 45 < flat.estimate < 55


def test_hard_questions_answered_right_say_more_than_easy_ones_once_difficulties_are_calibrated():
    # Others found the h* questions hard (20 % right) and the e* questions easy (90 % right).
    counts = {f"h{i}": (4, 20) for i in range(60)} | {f"e{i}": (18, 20) for i in range(60)}
    calibration = calibrate(counts)
    hard_right = [Answer(f"h{i}", d, i % 10 < 6, NOW) for i, d in enumerate(list(WEIGHTS) * 20)]
    easy_right = [Answer(f"e{i}", d, i % 10 < 6, NOW) for i, d in enumerate(list(WEIGHTS) * 20)]
    blueprint = ExamBlueprint(BLUEPRINT.counts, 42, 70, {d: tuple(counts) for d in WEIGHTS})
    hard, easy = (estimate_readiness(p, blueprint, now=NOW, calibration=calibration) for p in (hard_right, easy_right))
    assert hard.basis.difficulty_adjusted and "adjusted for question difficulty" in hard.based_on()
    assert hard.estimate > easy.estimate + 10
    plain = estimate_readiness(hard_right, blueprint, now=NOW)  # no calibration: the per-domain Beta
    assert (
        not plain.basis.difficulty_adjusted
        and plain.estimate == estimate_readiness(easy_right, blueprint, now=NOW).estimate
    )


def test_the_basis_line_says_how_many_answers_over_how_long_and_how_recent():
    person = synthetic_person(0.8, 84, days=20)
    person = [Answer(a.question_id, a.domain_id, a.correct, a.answered_at - timedelta(days=2)) for a in person]
    line = estimate_readiness(person, BLUEPRINT, now=NOW, half_life_days=30).based_on()
    assert line == (
        "Based on 84 first answers over 21 days, newest 2 days ago; recent answers count more (half-life 30 days)."
    )
