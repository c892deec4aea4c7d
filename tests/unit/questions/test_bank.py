import pytest

from questions.bank import BankError, load_bank
from questions.syllabus import load_syllabus
from tests.factories import raw_item, raw_multi, write_bank


def problems_for(tmp_path, items, name="sec.yaml"):
    with pytest.raises(BankError) as caught:
        load_bank(write_bank(tmp_path, {name: items}))
    return caught.value.problems


def test_valid_single_and_multiple_items_load(tmp_path):
    bank = load_bank(write_bank(tmp_path, {"a.yaml": [raw_item(), raw_multi()]}))
    assert [q.id for q in bank.questions] == ["t-001", "t-002"]
    assert bank.get("t-002").answer == ("A", "C")
    assert bank.domain_id(bank.get("t-002")) == "OPS"


def test_unknown_objective_names_file_id_and_field(tmp_path):
    [problem] = problems_for(tmp_path, [raw_item(objective="MD.NOPE.9")])
    assert (problem.file, problem.question_id, problem.field) == ("sec.yaml", "t-001", "objective")
    assert "MD.NOPE.9" in problem.message


def test_key_letter_without_an_option_is_refused(tmp_path):
    [problem] = problems_for(tmp_path, [raw_item(answer="E")])
    assert problem.field == "answer"
    assert "'E'" in problem.message


def test_key_count_must_match_choose_n(tmp_path):
    [problem] = problems_for(tmp_path, [raw_multi(answer=["A", "C", "D"])])
    assert problem.field == "answer"
    assert "choose 2" in problem.message


def test_multiple_select_stem_must_state_choose_n(tmp_path):
    [problem] = problems_for(tmp_path, [raw_multi(stem="Which columns of the drift metrics table hold a p-value?")])
    assert problem.field == "stem"


def test_missing_option_rationale_is_refused(tmp_path):
    item = raw_item()
    del item["options"][2]["why"]
    [problem] = problems_for(tmp_path, [item])
    assert problem.field == "options[2].why"


def test_duplicate_id_across_files_is_refused(tmp_path):
    with pytest.raises(BankError) as caught:
        load_bank(write_bank(tmp_path, {"a.yaml": [raw_item()], "b.yaml": [raw_item()]}))
    [problem] = caught.value.problems
    assert (problem.file, problem.field) == ("b.yaml", "id")
    assert "a.yaml" in problem.message


def test_yaml_syntax_error_names_file_and_line(tmp_path):
    (tmp_path / "broken.yaml").write_text("questions:\n  - id: x\n    stem: [unclosed\n")
    with pytest.raises(BankError) as caught:
        load_bank(tmp_path)
    [problem] = caught.value.problems
    assert problem.file == "broken.yaml"
    assert "line" in problem.message


def test_all_of_the_above_is_refused(tmp_path):
    item = raw_item()
    item["options"][3]["text"] = "All of the above"
    [problem] = problems_for(tmp_path, [item])
    assert problem.field == "options[3].text"


def test_every_problem_is_reported_not_just_the_first(tmp_path):
    problems = problems_for(tmp_path, [raw_item("a-1", answer="Z"), raw_item("a-2", difficulty=7)])
    assert {p.question_id for p in problems} == {"a-1", "a-2"}


def test_error_message_lists_file_id_and_field(tmp_path):
    with pytest.raises(BankError) as caught:
        load_bank(write_bank(tmp_path, {"sec.yaml": [raw_item(tier=0)]}))
    assert "sec.yaml: question t-001: field tier:" in str(caught.value)


def test_retired_items_stay_addressable_but_are_not_served(tmp_path):
    bank = load_bank(write_bank(tmp_path, {"a.yaml": [raw_item(retired=True), raw_multi()]}))
    assert [q.id for q in bank.questions] == ["t-002"]
    assert bank.get("t-001").retired


def test_shipped_bank_validates():
    bank = load_bank()
    assert len(bank.questions) >= 30
    domains = {bank.domain_id(q) for q in bank.questions}
    assert domains == {d.id for d in load_syllabus().domains}


def test_an_item_without_a_verified_date_is_refused(tmp_path):
    item = raw_item()
    del item["verified"]
    [problem] = problems_for(tmp_path, [item])
    assert (problem.question_id, problem.field) == ("t-001", "verified")
