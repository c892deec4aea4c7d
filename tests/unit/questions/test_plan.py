from questions.plan import study_plan
from questions.syllabus import load_syllabus


def test_a_new_person_gets_tier_1_sections_first():
    steps = study_plan(load_syllabus(), {})
    tiers = [s.tier for s in steps]
    assert tiers == sorted(tiers)
    assert steps[0].tier == 1
    assert all(o for o in steps[0].focus)


def test_a_person_weak_in_lakehouse_monitoring_gets_it_first():
    syllabus = load_syllabus()
    history = {o.id: (9, 10) for o in syllabus.objectives}
    for objective in syllabus.section("OPS.MONITOR").objectives:
        history[objective.id] = (1, 4)
    steps = study_plan(syllabus, history)
    assert steps[0].section.id == "OPS.MONITOR"
    assert steps[0].percent == 25.0


def test_focus_puts_unseen_tier_1_objectives_first():
    syllabus = load_syllabus()
    steps = {s.section.id: s for s in study_plan(syllabus, {"OPS.MONITOR.1": (0, 5)})}
    focus = steps["OPS.MONITOR"].focus
    assert "OPS.MONITOR.1" not in focus[:2]  # unseen Tier 1 objectives come before the weak seen one
    assert all(syllabus.objective(o).tier == 1 for o in focus)
