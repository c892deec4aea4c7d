import random

from questions.readiness import estimate_readiness

WEIGHTS = {"MD": 0.44, "OPS": 0.44, "DEP": 0.12}


def synthetic_person(accuracy: float, answers: int, seed: int = 1) -> dict[str, tuple[int, int]]:
    rng = random.Random(seed)
    tally = {d: [0, 0] for d in WEIGHTS}
    for _ in range(answers):
        domain = rng.choices(list(WEIGHTS), weights=list(WEIGHTS.values()))[0]
        tally[domain][0] += rng.random() < accuracy
        tally[domain][1] += 1
    return {d: (c, n) for d, (c, n) in tally.items()}


def test_a_strong_candidate_is_estimated_above_the_pass_mark():
    readiness = estimate_readiness(synthetic_person(0.9, 200), WEIGHTS, 70)
    assert readiness.enough_data
    assert readiness.estimate > 70 and readiness.low > 70
    assert readiness.pass_chance > 0.95


def test_a_weak_candidate_is_estimated_below_with_a_low_pass_chance():
    readiness = estimate_readiness(synthetic_person(0.5, 200), WEIGHTS, 70)
    assert readiness.estimate < 70
    assert readiness.pass_chance < 0.05
    assert "not there yet" in readiness.advice()


def test_five_attempts_are_too_little_data():
    readiness = estimate_readiness(synthetic_person(0.9, 5), WEIGHTS, 70)
    assert not readiness.enough_data and readiness.estimate is None
    assert readiness.needed["total"] == 25
    assert "Too little data" in readiness.advice() and "25 more in all" in readiness.advice()


def test_a_domain_with_too_few_answers_is_named():
    person = {"MD": (40, 50), "OPS": (40, 50), "DEP": (1, 2)}
    readiness = estimate_readiness(person, WEIGHTS, 70)
    assert not readiness.enough_data and readiness.needed == {"DEP": 3}
