from datetime import date, timedelta

from questions.countdown import countdown, mock_exam_days, open_objectives

TODAY = date(2026, 11, 2)


def test_mock_exams_go_two_weeks_and_three_days_before_the_exam():
    exam = TODAY + timedelta(days=40)

    assert mock_exam_days(TODAY, exam) == (exam - timedelta(days=14), exam - timedelta(days=3))


def test_with_less_than_two_weeks_only_the_late_mock_exam_remains_and_with_two_days_one_today():
    assert mock_exam_days(TODAY, TODAY + timedelta(days=10)) == (TODAY + timedelta(days=7),)
    assert mock_exam_days(TODAY, TODAY + timedelta(days=2)) == (TODAY,)
    assert mock_exam_days(TODAY, TODAY) == ()


def test_the_open_objectives_are_dealt_out_evenly_before_the_last_mock_exam_skipping_mock_days():
    exam = TODAY + timedelta(days=20)  # mocks on day 6 and day 17: study days 0-16 without day 6 = 16 days
    objectives = [f"O.{n}" for n in range(40)]

    plan = countdown(TODAY, exam, objectives)

    days = [d.day for d in plan.study_days]
    assert plan.per_day == 3 and len(days) == 14  # 40 over 16 days: 3 a day, done in 14
    assert days[0] == TODAY and TODAY + timedelta(days=6) not in days
    assert [o for d in plan.study_days for o in d.objectives] == objectives  # in order, each once
    assert days[-1] < plan.mock_exams[-1]


def test_an_exam_tomorrow_puts_everything_today_and_a_past_exam_schedules_nothing():
    tomorrow = countdown(TODAY, TODAY + timedelta(days=1), ["A", "B"])
    past = countdown(TODAY, TODAY - timedelta(days=1), ["A"])

    assert [(d.day, d.objectives) for d in tomorrow.study_days] == [(TODAY, ("A", "B"))]
    assert tomorrow.mock_exams == (TODAY,)
    assert past.days_left == -1 and past.study_days == () and past.mock_exams == ()


def test_an_objective_is_open_until_it_has_three_answers_at_the_pass_mark():
    accuracy = {"A": (3, 3), "B": (2, 3), "C": (2, 2), "D": (7, 10)}

    assert open_objectives(["A", "B", "C", "D", "E"], accuracy, 70) == ["B", "C", "E"]
