import random
from collections import Counter

import pytest

from questions.bank import load_bank
from questions.exam import assemble_exam, score_exam
from questions.selection import allocate
from tests.factories import raw_multi, synthetic_bank, write_bank


@pytest.fixture(scope="module")
def bank(tmp_path_factory):
    return synthetic_bank(tmp_path_factory.mktemp("exam"), per_objective=3)


@pytest.mark.parametrize("seed", [1, 2, 3, 42, 2026])
def test_a_full_exam_follows_the_blueprint(bank, seed):
    questions = assemble_exam(bank, 59, random.Random(seed))
    assert len({q.id for q in questions}) == 59
    domains = Counter(bank.domain_id(q) for q in questions)
    assert domains == {"MD": 26, "OPS": 26, "DEP": 7}
    sections = Counter(bank.section_id(q) for q in questions)
    for domain in bank.syllabus.domains:
        expected = allocate(domains[domain.id], {s.id: len(s.objectives) for s in domain.sections})
        assert {s: sections[s] for s in expected} == expected


@pytest.mark.parametrize("size", [15, 30])
def test_short_exams_are_proportional(bank, size):
    questions = assemble_exam(bank, size, random.Random(size))
    domains = Counter(bank.domain_id(q) for q in questions)
    assert dict(domains) == allocate(size, {"MD": 44, "OPS": 44, "DEP": 12})


def test_the_same_seed_gives_the_same_exam(bank):
    assert [q.id for q in assemble_exam(bank, 59, random.Random(9))] == [
        q.id for q in assemble_exam(bank, 59, random.Random(9))
    ]


def test_score_per_domain_matches_a_hand_computed_example(bank):
    md = [q for q in bank.questions if bank.domain_id(q) == "MD"][:4]
    ops = [q for q in bank.questions if bank.domain_id(q) == "OPS"][:4]
    dep = [q for q in bank.questions if bank.domain_id(q) == "DEP"][:2]
    wrong = lambda q: next(x for x in q.letters if x not in q.answer)  # noqa: E731
    items = (
        [(q.id, q.answer[0]) for q in md[:3]]
        + [(md[3].id, None)]
        + [(q.id, q.answer[0]) for q in ops[:2]]
        + [(q.id, wrong(q)) for q in ops[2:]]
        + [(dep[0].id, dep[0].answer[0]), (dep[1].id, wrong(dep[1]))]
    )
    score = score_exam(bank, items)
    assert (score.correct, score.total, score.percent) == (6, 10, 60.0)
    assert not score.passed
    assert {t.id: (t.correct, t.total) for t in score.domains} == {"MD": (3, 4), "OPS": (2, 4), "DEP": (1, 2)}
    assert set(score.missed) == {md[3].id, ops[2].id, ops[3].id, dep[1].id}


def test_multiple_select_scores_all_or_nothing(tmp_path):
    bank = load_bank(write_bank(tmp_path, {"m.yaml": [raw_multi("m-1"), raw_multi("m-2"), raw_multi("m-3")]}))
    score = score_exam(bank, [("m-1", "AC"), ("m-2", "AD"), ("m-3", None)])
    assert (score.correct, score.total) == (1, 3)
    assert score.missed == ("m-2", "m-3")
