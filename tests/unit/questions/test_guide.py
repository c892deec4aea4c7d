import pytest

from questions.bank import BankError
from questions.guide import load_guide
from tests.factories import raw_comparison, raw_trap, write_guide


def test_a_valid_guide_loads_and_finds_by_words(tmp_path):
    guide = load_guide(write_guide(tmp_path, [raw_comparison()], [raw_trap(), raw_trap("scale-x", "MD.SCALE")]))
    assert [c.id for c in guide.find("canary")] == ["blue-green-vs-canary"]
    assert guide.find("blue green") and not guide.find("parallelism")
    assert [t.id for t in guide.traps_for("MD.SCALE")] == ["scale-x"]
    assert [c.id for c in guide.for_section("DEP.STRATEGY")] == ["blue-green-vs-canary"]


def test_unknown_objective_and_missing_link_name_file_id_and_field(tmp_path):
    comparisons = [raw_comparison(objectives=["DEP.NOPE.1"]), raw_comparison("b-vs-c", references=[])]
    with pytest.raises(BankError) as caught:
        load_guide(write_guide(tmp_path, comparisons, [raw_trap(section="OPS.NOPE")]))
    found = {(p.file, p.question_id, p.field) for p in caught.value.problems}
    assert found == {
        ("comparisons.yaml", "blue-green-vs-canary", "objectives"),
        ("comparisons.yaml", "b-vs-c", "references"),
        ("traps.yaml", "monitor-js", "section"),
    }


def test_a_trap_objective_must_belong_to_its_section(tmp_path):
    with pytest.raises(BankError, match=r"not in MD\.SCALE"):
        load_guide(
            write_guide(tmp_path, [raw_comparison()], [raw_trap(section="MD.SCALE", objectives=["OPS.MONITOR.1"])])
        )
