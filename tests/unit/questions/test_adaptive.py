import random
from collections import Counter
from datetime import UTC, datetime

import pytest

from questions.adaptive import adaptive_pick, weakest_objectives
from tests.factories import synthetic_bank

NOW = datetime(2026, 11, 2, tzinfo=UTC)


@pytest.fixture(scope="module")
def bank(tmp_path_factory):
    return synthetic_bank(tmp_path_factory.mktemp("adaptive"), per_objective=3)


def test_the_most_overdue_question_comes_first(bank):
    due = {"md-fs-1-001": NOW.replace(day=1), "ops-monitor-3-002": NOW.replace(month=10)}
    pick = adaptive_pick(bank, random.Random(1), due=due, accuracy={}, served={})
    assert (pick.question.id, pick.reason) == ("ops-monitor-3-002", "due for review")


def test_due_questions_outside_the_scope_wait(bank):
    due = {"md-fs-1-001": NOW}
    pick = adaptive_pick(bank, random.Random(1), due=due, accuracy={}, served={}, domain_id="OPS")
    assert pick.reason != "due for review" and bank.domain_id(pick.question) == "OPS"


def test_weak_objectives_are_favoured(bank):
    accuracy = {"DEP.SERVING.2": (1, 6), "MD.SCALE.1": (9, 10)}
    assert weakest_objectives(accuracy, 70) == ["DEP.SERVING.2"]
    rng = random.Random(3)
    picks = Counter(
        adaptive_pick(bank, rng, due={}, accuracy=accuracy, served={}).question.objective for _ in range(400)
    )
    # a plain blueprint pick lands on one DEP objective about 2-3 % of the time; the adaptive pick far more often
    assert picks["DEP.SERVING.2"] / 400 > 0.25


def test_new_questions_still_flow_in_at_the_blueprint_weights(bank):
    rng = random.Random(4)
    reasons = Counter(adaptive_pick(bank, rng, due={}, accuracy={}, served={}).reason for _ in range(50))
    assert reasons == {"new": 50}
