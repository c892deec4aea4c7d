"""Item statistics from first answers: each figure checked against a hand computation."""

from __future__ import annotations

import math

import pytest

from questions.itemstats import (
    DEAD_DISTRACTOR,
    MISKEYED,
    TOO_EASY_FLAG,
    TOO_HARD_FLAG,
    WEAK,
    ItemSpec,
    analyse,
    analyse_counted,
    first_answers,
    flags_for,
    wilson,
)

SINGLE = ItemSpec("q", "ABCD", "A")


def pearson(xs: list[float], ys: list[float]) -> float:
    n = len(xs)
    mx, my = sum(xs) / n, sum(ys) / n
    cov = sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True))
    return cov / math.sqrt(sum((x - mx) ** 2 for x in xs) * sum((y - my) ** 2 for y in ys))


def test_wilson_interval_at_90_percent_matches_the_textbook_value() -> None:
    low, high = wilson(5, 10)
    assert low == pytest.approx(0.2693, abs=1e-4)
    assert high == pytest.approx(0.7307, abs=1e-4)
    low, high = wilson(0, 20)
    assert low == 0.0 and 0.1 < high < 0.13


def test_only_each_persons_first_answer_to_a_question_counts() -> None:
    rows = [(1, "q", "B"), (1, "r", "A"), (1, "q", "A"), (2, "q", "A"), (2, "q", "B")]
    assert first_answers(rows) == [(1, "q", "B"), (1, "r", "A"), (2, "q", "A")]


def test_point_biserial_uses_the_rest_accuracy_with_the_item_left_out() -> None:
    items = {"q": SINGLE, "r": ItemSpec("r", "ABCD", "B"), "s": ItemSpec("s", "ABCD", "C")}
    # person p answers q with qa and r, s with rs (each right or wrong)
    people = {1: ("A", "B", "C"), 2: ("A", "B", "D"), 3: ("B", "A", "C"), 4: ("B", "A", "D"), 5: ("A", "A", "D")}
    answers = [(p, qid, letters[i]) for p, letters in people.items() for i, qid in enumerate("qrs")]
    stats = analyse(answers, items, min_people=1)["q"]
    x = [1.0 if letters[0] == "A" else 0.0 for letters in people.values()]
    rest = [((letters[1] == "B") + (letters[2] == "C")) / 2 for letters in people.values()]
    assert stats.point_biserial == pytest.approx(pearson(x, rest))
    assert stats.people == stats.rest_people == 5
    assert stats.facility == pytest.approx(3 / 5)


def test_upper_and_lower_groups_are_the_top_and_bottom_27_percent_by_rest_accuracy() -> None:
    items = {"q": SINGLE} | {f"o{k}": ItemSpec(f"o{k}", "ABCD", "A") for k in range(10)}
    answers = []
    for person in range(100):  # person p gets p // 10 of the other ten right
        answers += [(person, f"o{k}", "A" if k < person // 10 else "B") for k in range(10)]
        answers.append((person, "q", "A" if person >= 50 else "C"))
    stats = analyse(answers, items, min_people=20)["q"]
    assert stats.group_size == 27
    assert stats.upper_facility == 1.0 and stats.lower_facility == 0.0
    assert stats.discrimination_index == 1.0
    pull = {o.letter: o for o in stats.options}
    assert pull["C"].upper == 0.0 and pull["C"].lower == 1.0 and pull["C"].share == 0.5
    assert pull["C"].wrong_share == 1.0 and pull["B"].wrong_share == 0.0


def test_multiple_select_options_show_each_letters_selection_rate() -> None:
    spec = ItemSpec("m", "ABCDE", "AC")
    answers = [(p, "m", "AC") for p in range(6)] + [(p, "m", "AB") for p in range(6, 9)] + [(9, "m", "ABE")]
    stats = analyse(answers, {"m": spec}, min_people=5)["m"]
    rate = {o.letter: o.share for o in stats.options}
    assert rate == {"A": 1.0, "B": 0.4, "C": 0.6, "D": 0.0, "E": 0.1}
    assert stats.facility == 0.6 and stats.correct == 6


def test_no_figure_is_shown_below_the_minimum_number_of_people() -> None:
    answers = [(p, "q", "A") for p in range(19)]
    stats = analyse(answers, {"q": SINGLE}, min_people=20)["q"]
    assert stats.people == 19 and stats.facility is None and stats.point_biserial is None
    assert stats.upper_facility is None and all(o.share is None for o in stats.options)
    assert flags_for(stats) == ()


def test_answers_to_questions_no_longer_in_the_bank_are_left_out() -> None:
    answers = [(p, "gone", "A") for p in range(30)] + [(p, "q", "A") for p in range(30)]
    stats = analyse(answers, {"q": SINGLE}, min_people=20)
    assert set(stats) == {"q"} and stats["q"].rest_people == 0


def groups(upper: str, lower: str, n: int = 50) -> list[tuple[int, str, str]]:
    """n strong people (right on ten other items) answering q with `upper`, n weak ones with `lower`."""
    answers = []
    for person in range(2 * n):
        strong = person < n
        answers += [(person, f"o{k}", "A" if strong or k < person % 3 else "B") for k in range(10)]
        answers.append((person, "q", upper[person % len(upper)] if strong else lower[person % len(lower)]))
    return answers


ITEMS = {"q": SINGLE} | {f"o{k}": ItemSpec(f"o{k}", "ABCD", "A") for k in range(10)}


def kinds(answers: list[tuple[int, str, str]]) -> set[str]:
    return {flag.kind for flag in flags_for(analyse(answers, ITEMS)["q"])}


def test_a_distractor_the_upper_group_prefers_to_the_key_flags_a_likely_miskey() -> None:
    flags = flags_for(analyse(groups("BBBA", "ACDA"), ITEMS)["q"])
    assert flags[0].kind == MISKEYED and "chose B" in flags[0].reason
    assert WEAK in {f.kind for f in flags}


def test_a_good_item_raises_no_flag() -> None:
    assert kinds(groups("AAAAB", "ABCDBCD")) == set()


def test_a_distractor_nobody_picks_is_dead_and_facility_extremes_are_flagged() -> None:
    assert DEAD_DISTRACTOR in kinds(groups("AAAB", "BBC"))  # D draws none of the wrong answers
    assert TOO_EASY_FLAG in kinds(groups("A", "A"))
    assert TOO_HARD_FLAG in kinds(groups("AB" + "CDBCDBCDB", "BCD"))


def test_an_item_strong_and_weak_people_answer_alike_has_weak_discrimination() -> None:
    assert WEAK in kinds(groups("ABCD", "ABCD"))


def test_reducing_to_first_answers_in_the_same_pass_gives_the_same_figures() -> None:
    rows = []
    for person in range(60):  # each person answers o0..o9 and q, then repeats q and o0 (right, from memory)
        rows += [(person, f"o{k}", "A" if (person + k) % 3 else "B") for k in range(10)]
        rows += [(person, "q", "ABCD"[person % 4]), (person, "q", "A"), (person, "o0", "A")]
    items = {"q": SINGLE} | {f"o{k}": ItemSpec(f"o{k}", "ABCD", "A") for k in range(10)}

    fused, people = analyse_counted(rows, items, first_only=True)

    assert fused == analyse(first_answers(rows), items) and people == 60
    assert fused["q"].facility == 0.25  # the repeats, all right, did not count
