"""The learner's guidance in the terminal: why practice asks a question, where to read, the exam date."""

from datetime import UTC, datetime, timedelta

from tests.integration.test_cli import ANY_ANSWERS, quizbot


def said(done) -> str:
    """The output with its line breaks undone (the terminal wraps at 80 columns)."""
    return " ".join(done.stdout.split())


def test_practice_says_why_each_question_came_and_how_many_reviews_are_due(tmp_path):
    done = quizbot("practice", "-n", "2", "--db", str(tmp_path / "quiz.db"), stdin=ANY_ANSWERS)

    assert done.returncode == 0, done.stderr
    text = said(done)
    assert text.count("Why this question: ") == 2
    assert "Why this question: a question new to you, at the exam's blueprint weights. No reviews are due now." in text


def test_play_is_the_plain_round_without_reasons(tmp_path):
    done = quizbot("play", "-n", "1", "--db", str(tmp_path / "quiz.db"), stdin=ANY_ANSWERS)

    assert done.returncode == 0, done.stderr
    assert "Why this question" not in done.stdout


def test_exam_date_sets_shows_and_clears_and_plan_and_checklist_count_down(tmp_path):
    db = ["--db", str(tmp_path / "quiz.db")]
    day = datetime.now(UTC).date() + timedelta(days=30)

    assert "No exam date set." in quizbot("exam-date", *db).stdout
    assert "`quizbot exam-date YYYY-MM-DD`" in said(quizbot("plan", *db))
    bad = quizbot("exam-date", "30.01.2027", *db)
    assert bad.returncode == 1
    assert bad.stderr.strip().startswith("Error: write the exam date as YYYY-MM-DD") and "Traceback" not in bad.stderr
    done = quizbot("exam-date", day.isoformat(), *db)

    assert done.returncode == 0, done.stderr
    text = said(done)
    assert f"Your exam: {day:%a %d %b %Y}, in 30 days." in text
    assert "47 of 47 objectives still to work on: 2 objectives a day" in text and "Today: " in text
    assert "Take full mock exams (59 questions, timed) on " in text
    plan, checklist = said(quizbot("plan", *db)), said(quizbot("checklist", *db))
    assert plan.startswith(f"Your exam: {day:%a %d %b %Y}, in 30 days.") and "Your study plan" in plan
    assert f"Your exam: {day:%a %d %b %Y}, in 30 days." in checklist
    countdown = quizbot("plan", *db).stdout.split("Your study plan")[0]
    assert all(len(line) <= 80 for line in countdown.splitlines())

    assert quizbot("exam-date", "--clear", *db).stdout.strip() == "Exam date cleared."
    assert quizbot("exam-date", "--clear", *db).stdout.strip() == "No exam date was set."
    both = quizbot("exam-date", day.isoformat(), "--clear", *db)
    assert both.returncode == 2 and "give a date or --clear, not both" in both.stderr


def test_read_lists_the_most_cited_pages_and_the_official_resources(tmp_path):
    db = ["--db", str(tmp_path / "quiz.db")]

    section = quizbot("read", "OPS.MONITOR", *db)
    objective = quizbot("read", "ops.monitor.2", *db)
    unknown = quizbot("read", "OPS.NOPE", *db)

    assert section.returncode == 0, section.stderr
    text = said(section)
    assert text.startswith("Where to read for OPS.MONITOR (Drift Detection and Lakehouse Monitoring)")
    assert "The documentation its " in text and "1. cited by " in text
    assert "https://docs.databricks.com/lakehouse-monitoring/monitor-output.html" in text
    assert "Official free resources:" in text
    assert "https://www.databricks.com/learn/certification/machine-learning-professional" in text
    assert "Then practise it: `quizbot practice --section OPS.MONITOR`" in text
    assert all(len(line) <= 80 for line in section.stdout.splitlines() if "https://" not in line)
    assert said(objective).startswith("Where to read for OPS.MONITOR.2 ")
    assert unknown.returncode == 1 and "Traceback" not in unknown.stderr
    assert unknown.stderr.startswith("Error: There is no objective, section or domain called “OPS.NOPE”")
    plan = said(quizbot("plan", *db))
    assert "Read first (`quizbot read " in plan
