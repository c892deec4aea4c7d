from questions.bank import load_bank
from questions.models import Question
from questions.report import bank_report, format_report, key_is_longest
from tests.factories import raw_item, raw_multi, write_bank


def test_report_counts_letters_longest_keys_and_missing_objectives(tmp_path):
    long_key = raw_item("t-003", answer="A")
    long_key["options"][0]["text"] = "Group by store and use applyInPandas with a function that trains and logs"
    bank = load_bank(write_bank(tmp_path, {"a.yaml": [raw_item(answer="B"), raw_multi(), long_key]}))
    report = bank_report(bank)
    assert report["total"] == 3
    assert report["multiple_select"] == {"count": 1, "percent": 33.3}
    assert report["single_select_key_letters"]["A"]["count"] == 1
    assert report["single_select_key_letters"]["B"]["count"] == 1
    assert report["key_is_longest_option"]["count"] == 1
    assert "MD.SPARKML.1" in report["objectives_without_questions"]
    assert "MD.SCALE.7" not in report["objectives_without_questions"]
    assert "Multiple select: 1 (33.3 %)" in format_report(report)


def test_near_duplicate_stems_are_paired(tmp_path):
    twin = raw_item("t-009", stem="A team trains one small model per store on a big cluster. What should they do?")
    bank = load_bank(write_bank(tmp_path, {"a.yaml": [raw_item(), twin, raw_multi()]}))
    pairs = bank_report(bank)["near_duplicate_stems"]["pairs"]
    assert [(p["a"], p["b"]) for p in pairs] == [("t-001", "t-009")]


def test_tie_for_longest_option_does_not_count_as_key_longest():
    item = raw_item(answer="A")
    item["options"][1]["text"] = "x" * len(item["options"][0]["text"])
    assert not key_is_longest(Question.model_validate(item))


def test_items_are_counted_by_the_quarter_they_were_last_verified(tmp_path):
    items = [raw_item("t-1", verified="2025-11-30"), raw_item("t-2", verified="2026-01-02"), raw_multi()]
    report = bank_report(load_bank(write_bank(tmp_path, {"a.yaml": items})))
    assert report["verified_by_quarter"] == {"2025-Q4": 1, "2026-Q1": 1, "2026-Q4": 1}
    assert "by quarter (oldest first): 2025-Q4: 1, 2026-Q1: 1, 2026-Q4: 1" in format_report(report)
