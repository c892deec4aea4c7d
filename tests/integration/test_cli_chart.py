"""`quizbot stats` and its chart, as a person runs it."""

from tests.integration.test_cli import ANY_ANSWERS, quizbot
from tests.integration.test_cli_faults import one_line_refusal


def test_the_chart_goes_beside_the_database_not_into_the_working_directory(tmp_path):
    data, work = tmp_path / "data", tmp_path / "work"
    work.mkdir()
    db = ["--db", str(data / "quiz.db"), "--user", "hal"]
    assert quizbot("play", "-n", "2", *db, stdin=ANY_ANSWERS, cwd=work).returncode == 0
    done = quizbot("stats", *db, cwd=work)
    assert done.returncode == 0, done.stderr
    assert (data / "quizbot-stats-hal.png").read_bytes().startswith(b"\x89PNG")
    assert str(data / "quizbot-stats-hal.png") in done.stdout
    assert not list(work.iterdir())


def test_a_jpeg_is_written_as_a_jpeg_and_another_ending_is_refused(tmp_path):
    db = ["--db", str(tmp_path / "quiz.db"), "--user", "ivy"]
    assert quizbot("play", "-n", "2", *db, stdin=ANY_ANSWERS).returncode == 0
    assert quizbot("stats", *db, "--chart", str(tmp_path / "x.jpg")).returncode == 0
    assert (tmp_path / "x.jpg").read_bytes().startswith(b"\xff\xd8\xff")
    one_line_refusal(quizbot("stats", *db, "--chart", str(tmp_path / "x.gif")), "x.gif is none of them")
    assert not (tmp_path / "x.gif").exists()


def test_no_chart_without_answers(tmp_path):
    done = quizbot("stats", "--db", str(tmp_path / "quiz.db"), "--user", "new", cwd=tmp_path)
    assert done.returncode == 0 and "No chart until there are answers" in done.stdout
    assert not list(tmp_path.glob("*.png"))
