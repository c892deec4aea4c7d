from datetime import date

import pytest

from bot.services.countdown import CountdownService
from bot.services.errors import InvalidChoiceError, UnknownScopeError
from bot.services.exam import ExamService
from bot.services.guide import GuideService


@pytest.fixture
def countdowns(service):
    return CountdownService(service.context, service)


def test_setting_a_date_gives_the_countdown_with_every_objective_open(countdowns, service, alice):
    view = countdowns.set(alice, "2026-12-01")  # the clock says 2026-11-02

    objectives = len(service.context.bank.syllabus.objectives)
    assert (view.exam_date, view.days_left, view.remaining, view.objectives) == (
        date(2026, 12, 1),
        29,
        objectives,
        objectives,
    )
    assert view.mock_exams == (date(2026, 11, 17), date(2026, 11, 28))
    assert view.headline == "Your exam: Tue 01 Dec 2026, in 29 days."
    assert view.day_lines(2)[0].startswith("Today: ") and view.day_lines(2)[-1].startswith("... and ")
    assert view.mock_text == "Take full mock exams (59 questions, timed) on Tue 17 Nov and Sat 28 Nov."
    assert countdowns.show(alice) == view


def test_a_bad_a_past_or_a_far_date_is_refused_and_nothing_is_stored(countdowns, alice):
    for text, problem in (
        ("next week", "write the exam date as YYYY-MM-DD"),
        ("2026-11-01", r"2026-11-01 has passed \(today is 2026-11-02, UTC\)"),
        ("2029-01-01", "more than two years away"),
    ):
        with pytest.raises(InvalidChoiceError, match=problem):
            countdowns.set(alice, text)
    assert countdowns.show(alice) is None


def test_moving_and_clearing_the_date(countdowns, alice, bob):
    countdowns.set(alice, "2026-12-01")
    countdowns.set(alice, "2026-11-20")

    assert countdowns.show(alice).exam_date == date(2026, 11, 20)
    assert countdowns.show(bob) is None
    assert countdowns.clear(alice) is True and countdowns.clear(alice) is False
    assert countdowns.show(alice) is None


def test_plan_and_checklist_count_down_once_a_date_is_set(service, alice, clock):
    guide = GuideService(service.context, service, ExamService(service.context, service))
    assert guide.plan(alice).countdown is None and guide.checklist(alice).countdown is None

    guide.countdown.set(alice, "2026-11-12")
    clock.advance(days=9)  # the day before the exam

    plan = guide.plan(alice)
    assert plan.countdown is not None and plan.countdown.days_left == 1
    assert plan.countdown.headline == "Your exam: Thu 12 Nov 2026, in 1 day."
    assert guide.checklist(alice).countdown == plan.countdown
    clock.advance(days=2)
    assert guide.plan(alice).countdown.headline.endswith("has passed; set the next one to plan again.")


def test_read_lists_the_pages_a_scopes_questions_cite_most_then_the_official_resources(service):
    guide = GuideService(service.context, service, ExamService(service.context, service))
    bank = service.context.bank
    objective = bank.syllabus.objectives[0]

    section = guide.read(bank.syllabus.section_of(objective.id).id.lower())
    one = guide.read(objective.id.lower())

    in_section = bank.filtered(section_id=section.scope_id)
    assert section.kind == "section" and section.questions == len(in_section)
    counts = [page.questions for page in section.pages]
    assert counts == sorted(counts, reverse=True) and counts[0] >= 1
    assert all(sum(page.url in q.references for q in in_section) == page.questions for page in section.pages)
    assert one.kind == "objective" and one.name == objective.text
    assert one.questions == sum(q.objective == objective.id for q in bank.filtered())
    assert [r.title for r in one.official] == ["The exam's page", "Databricks Academy"]
    assert all(r.url.startswith("https://www.databricks.com/") for r in one.official)


def test_read_refuses_what_is_not_an_objective_a_section_or_a_domain(service):
    guide = GuideService(service.context, service, ExamService(service.context, service))

    with pytest.raises(UnknownScopeError, match=r"There is no objective, section or domain called “OPS\.NOPE”"):
        guide.read("OPS.NOPE")
    with pytest.raises(UnknownScopeError, match=r"^Name an objective"):
        guide.read("   ")


def test_the_plan_links_the_pages_to_read_first(service, alice):
    guide = GuideService(service.context, service, ExamService(service.context, service))

    plan = guide.plan(alice)

    assert plan.read_first == tuple(p.url for p in guide.read(plan.practice_scope).pages[:3])


def test_a_close_exam_says_the_days_are_heavy_and_to_start_with_the_most_needed(countdowns, alice):
    view = countdowns.set(alice, "2026-11-04")  # two days left: everything today, and the mock exam today

    assert view.mock_exams == (date(2026, 11, 2),) and [d.day for d in view.days] == [date(2026, 11, 2)]
    assert view.pace.endswith("That is a lot for a day: they come in order of need, so start at the top.")
