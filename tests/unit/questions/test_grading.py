import pytest

from questions.grading import InvalidAnswerError, grade
from questions.models import Question
from tests.factories import raw_item, raw_multi


def single():
    return Question.model_validate(raw_item(answer="B"))


def multi():
    return Question.model_validate(raw_multi(answer=["A", "C"]))


def test_single_select_is_exact():
    assert grade(single(), "b").correct
    assert not grade(single(), "A").correct


def test_multiple_select_is_all_or_nothing():
    assert grade(multi(), ["C", "A"]).correct
    partial = grade(multi(), "A,D")
    assert not partial.correct
    assert partial.missed == ("C",)
    assert partial.wrongly_chosen == ("D",)


def test_multiple_select_needs_exactly_n_choices():
    with pytest.raises(InvalidAnswerError, match="exactly 2"):
        grade(multi(), "A")
    with pytest.raises(InvalidAnswerError, match="exactly 2"):
        grade(multi(), "ACD")


def test_unknown_letter_is_refused():
    with pytest.raises(InvalidAnswerError, match="not an option"):
        grade(single(), "E")
