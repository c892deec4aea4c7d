"""The learner's guidance in the terminal: why practice asks a question, where to read, the exam date."""

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
