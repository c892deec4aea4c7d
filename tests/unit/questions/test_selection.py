import random
from collections import Counter

import pytest

from questions.selection import EmptyPoolError, allocate, pick_question
from tests.factories import synthetic_bank


@pytest.fixture(scope="module")
def bank(tmp_path_factory):
    return synthetic_bank(tmp_path_factory.mktemp("sel"), per_objective=3)


def test_ten_thousand_seeded_picks_follow_the_blueprint_weights(bank):
    rng = random.Random(20261126)
    domains = Counter(bank.domain_id(pick_question(bank, rng)) for _ in range(10_000))
    for domain_id, weight in bank.syllabus.weights().items():
        assert abs(domains[domain_id] / 10_000 - weight) <= 0.015, (domain_id, domains)


def test_same_seed_gives_the_same_sequence(bank):
    first = [pick_question(bank, random.Random(7)).id for _ in range(5)]
    second = [pick_question(bank, random.Random(7)).id for _ in range(5)]
    assert first == second


def test_no_repeat_until_the_pool_is_exhausted(bank):
    rng = random.Random(3)
    served: Counter[str] = Counter()
    pool = len(bank.questions)
    for _ in range(pool):
        q = pick_question(bank, rng, served)
        assert served[q.id] == 0
        served[q.id] += 1
    assert len(served) == pool
    again = pick_question(bank, rng, served)
    assert served[again.id] == 1


def test_section_filter_only_serves_that_section(bank):
    rng = random.Random(1)
    picks = {bank.section_id(pick_question(bank, rng, section_id="OPS.MONITOR")) for _ in range(50)}
    assert picks == {"OPS.MONITOR"}


def test_empty_filter_is_refused(bank):
    with pytest.raises(EmptyPoolError):
        pick_question(bank, random.Random(1), section_id="NOPE")


def test_allocate_splits_a_mock_exam_like_the_blueprint():
    assert allocate(59, {"MD": 44, "OPS": 44, "DEP": 12}) == {"MD": 26, "OPS": 26, "DEP": 7}
    assert sum(allocate(15, {"MD": 44, "OPS": 44, "DEP": 12}).values()) == 15
