import pytest

from bot.services.exam import ExamService
from bot.services.guide import GuideService
from questions.guide import load_guide
from tests.factories import raw_comparison, raw_trap, write_guide


@pytest.fixture
def guide(service, tmp_path):
    content = load_guide(
        write_guide(
            tmp_path / "guide",
            [
                raw_comparison(),
                raw_comparison("drift-windows", objectives=["OPS.MONITOR.6"], title="Baseline vs window"),
            ],
            [raw_trap(), raw_trap("serving-x", "DEP.SERVING")],
        )
    )
    return GuideService(service.context, service, ExamService(service.context, service), content)


def answer_many(service, member, count, right: bool, scope=None):
    for _ in range(count):
        view = service.practice_question(member, scope, adaptive=False)
        q = service.context.bank.get(view.question_id)
        wrong = [*q.answer[:-1], next(x for x in q.letters if x not in q.answer)]
        service.answer_practice(member, view.answers_to, list(q.answer) if right else wrong)


def test_the_plan_for_a_new_person_starts_tier_1_with_cards_and_a_practice_set(guide, alice):
    plan = guide.plan(alice)
    assert plan.new_person and plan.steps[0].tier == 1
    assert plan.practice_scope == plan.steps[0].section_id
    assert len(plan.practice_question_ids) == 5


def test_a_person_weak_in_monitoring_is_sent_there_with_its_comparisons(guide, service, alice):
    for domain in ("MD", "DEP", "OPS.LIFECYCLE", "OPS.TEST", "OPS.ENV", "OPS.RETRAIN"):
        answer_many(service, alice, 12, right=True, scope=domain)
    answer_many(service, alice, 12, right=False, scope="OPS.MONITOR")
    plan = guide.plan(alice)
    assert plan.steps[0].section_id == "OPS.MONITOR"
    assert [c.id for c in plan.comparisons] == ["drift-windows"]


def test_the_checklist_flips_as_the_history_crosses_each_threshold(guide, service, alice):
    first = guide.checklist(alice)
    assert first.done == 0 and not first.ready
    answer_many(service, alice, 20, right=True, scope="DEP")
    items = {i.name: i for i in guide.checklist(alice).items}
    assert items["Model Deployment at 70 % or better"].done
    assert not items["Model Development at 70 % or better"].done
    for domain in ("MD", "OPS"):
        answer_many(service, alice, 20, right=True, scope=domain)
    after = guide.checklist(alice)
    assert sum(i.done for i in after.items[:3]) == 3
    readiness = next(i for i in after.items if i.name.startswith("Readiness"))
    assert readiness.done
    exam = next(i for i in after.items if "mock exam" in i.name)
    assert not exam.done and "none taken" in exam.detail


def test_exam_facts_come_from_the_syllabus(guide):
    info = guide.exam_info()
    syllabus = guide.syllabus
    assert (info.facts.questions, info.facts.minutes, info.facts.pass_percent) == (
        syllabus.exam.questions,
        syllabus.exam.minutes,
        syllabus.exam.pass_percent,
    )
    assert [(d.weight, d.questions) for d in info.domains] == [(44, 26), (44, 26), (12, 7)]
    assert info.objectives == 47


def test_a_trap_can_be_had_for_a_section_and_a_comparison_by_word(guide):
    assert guide.trap("DEP.SERVING").id == "serving-x"
    assert guide.trap("DEP").id == "serving-x"  # a domain scope keeps to that domain's sections
    assert guide.trap("OPS").id == "monitor-js"
    assert guide.compare("canary")[0].id == "blue-green-vs-canary"
    with pytest.raises(Exception, match="No comparison"):
        guide.compare("quantum")
