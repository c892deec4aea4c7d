"""Strict input through the real `quizbot` process: each wrong entry is one line naming what to type."""

import signal
import sqlite3
import time

from tests.integration.test_cli import ANY_ANSWERS, quizbot, started_quizbot
from tests.integration.test_cli_faults import one_line_refusal


def test_daily_setup_refuses_words_that_only_look_like_days_and_suggests_a_time_zone(tmp_path):
    db = ["--db", str(tmp_path / "quiz.db")]
    monkey = quizbot("daily", "setup", "--time", "09:00", "--tz", "UTC", "--weekdays", "monkey", *db)
    one_line_refusal(monkey, "“monkey” is not a weekday")
    berlin = quizbot("daily", "setup", "--time", "09:00", "--tz", "europe/berlin", *db)
    one_line_refusal(berlin, "did you mean Europe/Berlin?")
    assert "No daily question is set up" in quizbot("daily", "show", *db).stdout


def test_a_typed_word_at_the_answer_prompt_is_one_message(tmp_path):
    done = quizbot("play", "-n", "1", "--db", str(tmp_path / "quiz.db"), stdin="submitt\nq\n")
    assert done.returncode == 0, done.stderr
    refusals = [line for line in done.stdout.splitlines() if "submitt" in line]
    assert len(refusals) == 1 and "is not an answer" in refusals[0], done.stdout
    assert "is not an option" not in done.stdout


def test_bank_report_refuses_an_unknown_domain_like_everywhere_else():
    one_line_refusal(quizbot("bank", "report", "--domain", "XX"), "There is no domain or section called “XX”")
    assert quizbot("bank", "report", "--domain", "mlops").stdout.startswith("Question bank report (OPS)")


def test_compare_and_report_take_words_without_quotes(tmp_path):
    compared = quizbot("compare", "blue", "green")
    assert compared.returncode == 0 and "Blue-green" in compared.stdout
    db = ["--db", str(tmp_path / "quiz.db")]
    reported = quizbot("report", "md-scale-001", "option", "B", "is", "also", "right", *db)
    assert reported.returncode == 0 and "is stored" in reported.stdout
    long = quizbot("report", "md-scale-001", "x" * 1001, *db)
    one_line_refusal(long, "at most 1000 characters")


def test_no_at_a_confirmation_says_nothing_was_changed_not_aborted(tmp_path):
    db = tmp_path / "quiz.db"
    quizbot("play", "-n", "1", "--db", str(db), "--user", "ann", stdin=ANY_ANSWERS)
    stored = answers_in(db)

    for answer in ("n\n", ""):  # a "no", and the end of input
        kept = quizbot("me", "delete", "--db", str(db), "--user", "ann", stdin=answer)
        assert kept.returncode == 1
        assert kept.stderr == "Nothing was changed.\n"
    assert answers_in(db) == stored == 1


def test_ctrl_c_while_practising_keeps_the_answers_and_exits_130(tmp_path):
    db = tmp_path / "quiz.db"
    practice = started_quizbot("play", "-n", "5", "--user", "ann", "--db", str(db))
    assert practice.stdin is not None
    practice.stdin.write("A\nA,B\nA,B,C\n")  # one of these answers the first question, whatever it is
    practice.stdin.flush()
    deadline, stored, steady_since = time.monotonic() + 60, 0, time.monotonic()
    while time.monotonic() < deadline and (not stored or time.monotonic() - steady_since < 1):
        time.sleep(0.1)  # until an answer is stored and the count holds for a second: it waits for more input
        if answers_in(db) != stored:
            stored, steady_since = answers_in(db), time.monotonic()

    practice.send_signal(signal.SIGINT)
    out, err = practice.communicate(timeout=60)

    assert practice.returncode == 130
    assert err.strip() == "Stopped; every answer already given is saved."
    assert "Aborted!" not in out + err
    assert answers_in(db) == stored >= 1


def answers_in(db) -> int:
    try:
        return sqlite3.connect(db).execute("SELECT COUNT(*) FROM attempts").fetchone()[0]
    except sqlite3.OperationalError:  # not created yet
        return 0
