"""Readiness validated by simulation (bench/readiness_sim.py): learners answering the real bank under a
2PL model, improving over the weeks and repeating questions as FSRS schedules them, sit fresh
59-question exams drawn to the blueprint at each checkpoint. Seeded, so the figures are fixed."""

import pytest

from bench.readiness_sim import TEST, run


@pytest.fixture(scope="module")
def results():
    return run(TEST)


def test_the_band_holds_the_exam_score_85_to_95_percent_of_the_time(results):
    assert len(results.predictions) >= 2000
    assert 0.85 <= results.coverage("new") <= 0.95


def test_the_pass_chance_is_calibrated_within_7_points_in_every_tenth(results):
    table = results.table("new")
    assert len(table) == 10  # every tenth of predicted chance has exams in it
    for tenth, exams, predicted, observed in table:
        assert abs(observed - predicted) <= 0.07, (tenth, exams, predicted, observed)


def test_the_new_estimate_scores_a_better_brier_than_the_old_one_on_the_same_exams(results):
    assert results.brier("new") < 0.75 * results.brier("old")
