"""`quizbot exam` as a person runs it: question ids, a submit that asks when something is open, abandoning,
resuming with a different --size, and Ctrl-C."""

import signal
import sqlite3
import subprocess
import time

from questions.bank import load_bank
from tests.integration.test_cli import quizbot, started_quizbot


def said(done: subprocess.CompletedProcess) -> str:
    """The output with its line breaks undone (the terminal wraps at 80 columns)."""
    return " ".join(done.stdout.split())


def exam_rows(db, sql: str) -> list[tuple]:
    with sqlite3.connect(db) as conn:
        return conn.execute(sql).fetchall()


def test_the_exam_shows_each_question_id_and_the_report_names_the_options(tmp_path):
    db = tmp_path / "quiz.db"
    quizbot("exam", "--size", "15", "--db", str(db), stdin="q\n")
    first_id = exam_rows(db, "SELECT question_id FROM exam_items WHERE position = 1")[0][0]
    bank = load_bank()
    with sqlite3.connect(db) as conn:  # every question answered, wrong on purpose
        for position, question_id in conn.execute("SELECT position, question_id FROM exam_items").fetchall():
            question = bank.get(question_id)
            others = [x for x in question.letters if x not in question.answer]
            wrong = "".join(sorted((others + sorted(question.answer))[: len(question.answer)]))
            conn.execute("UPDATE exam_items SET chosen = ? WHERE position = ?", [wrong, position])

    done = quizbot("exam", "--db", str(db), stdin="submit\n")

    text = said(done)
    assert done.returncode == 0, done.stderr
    assert f"· id {first_id}" in text
    assert "All 15 questions answered: type `submit` to finish" in text
    assert "Submit anyway?" not in text  # nothing open: no question asked
    assert f"(id {first_id}):" in text
    assert "you: A) " in text and "answer: " in text
    assert "Report a problem with a question: `quizbot report ID what is wrong`." in text


def test_submit_with_open_questions_asks_and_no_keeps_the_exam(tmp_path):
    db = ["--db", str(tmp_path / "quiz.db")]

    kept = quizbot("exam", "--size", "15", *db, stdin="f\nsubmit\nno\nq\n")

    text = said(kept)
    assert "You have 15 unanswered (Q1, Q2, Q3, Q4, Q5, Q6, Q7, Q8 and 7 more) and 1 flagged (Q1)." in text
    assert "Not submitted; the exam goes on." in text
    assert exam_rows(tmp_path / "quiz.db", "SELECT status FROM exams") == [("in_progress",)]


def test_a_bare_exam_with_another_size_resumes_the_open_one_and_says_how_to_abandon(tmp_path):
    db = ["--db", str(tmp_path / "quiz.db")]
    quizbot("exam", "--size", "15", *db, stdin="q\n")

    again = quizbot("exam", "--size", "30", *db, stdin="q\n")

    text = said(again)
    assert "Resuming your exam in progress (15 questions). --size 30 is for a new exam; this one is still open." in text
    assert "To give it up and start again: `quizbot exam abandon`." in text
    assert exam_rows(tmp_path / "quiz.db", "SELECT size FROM exams") == [(15,)]


def test_abandon_asks_then_deletes_the_exam_and_a_new_one_starts(tmp_path):
    path = tmp_path / "quiz.db"
    db = ["--db", str(path)]
    quizbot("exam", "--size", "15", *db, stdin="A\nq\n")

    kept = quizbot("exam", "abandon", *db, stdin="n\n")
    assert kept.returncode == 0
    assert "Abandon your exam in progress (" in kept.stdout and "Kept: resume it with `quizbot exam`." in kept.stdout
    assert exam_rows(path, "SELECT COUNT(*) FROM exams") == [(1,)]

    gone = quizbot("exam", "abandon", *db, stdin="y\n")
    assert gone.returncode == 0, gone.stderr
    assert "Exam abandoned: its " in said(gone) and "Start a new one with `quizbot exam`." in said(gone)
    assert exam_rows(path, "SELECT COUNT(*) FROM exams") == [(0,)]
    assert exam_rows(path, "SELECT COUNT(*) FROM exam_items") == [(0,)]

    none = quizbot("exam", "abandon", "--yes", *db)
    assert none.returncode == 1
    assert none.stderr.strip() == "Error: You have no exam in progress; start one with `quizbot exam`."

    fresh = quizbot("exam", "--size", "30", *db, stdin="q\n")
    assert "Mock exam: 30 questions, 62 minutes." in said(fresh)


def test_ctrl_c_says_the_exam_is_saved_and_exits_130(tmp_path):
    db = tmp_path / "quiz.db"
    exam = started_quizbot("exam", "--size", "15", "--db", str(db))
    assert exam.stdin is not None
    exam.stdin.write("f\n")
    exam.stdin.flush()
    deadline = time.monotonic() + 60
    while not exam_rows_if_ready(db) and time.monotonic() < deadline:  # the flag is stored: it waits for input
        time.sleep(0.1)

    exam.send_signal(signal.SIGINT)
    out, err = exam.communicate(timeout=60)

    assert exam.returncode == 130
    assert "Interrupted: your exam is saved with every answer given so far." in " ".join(out.split())
    assert "Aborted!" not in out + err and "Traceback" not in err
    assert exam_rows(db, "SELECT flagged FROM exam_items WHERE position = 1") == [(1,)]


def exam_rows_if_ready(db) -> bool:
    try:
        return exam_rows(db, "SELECT COUNT(*) FROM exam_items WHERE flagged = 1") == [(1,)]
    except sqlite3.Error:
        return False
