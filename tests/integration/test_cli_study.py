"""The learner's loop from the terminal: review, play --id, history, exam result, search, teams."""

import re
import sqlite3

import pytest

from questions.bank import load_bank
from tests.integration.test_cli import quizbot


@pytest.fixture(scope="module")
def two_questions():
    """Two single-select questions of the shipped bank: (id, right letter, wrong letter) each."""
    singles = [q for q in load_bank().questions if q.choose == 1][:2]
    return [(q.id, q.answer[0], next(x for x in q.letters if x not in q.answer)) for q in singles]


def test_play_by_id_asks_exactly_those_questions_in_order(tmp_path, two_questions):
    db = ["--db", str(tmp_path / "quiz.db"), "--user", "ivy"]
    (first, key1, _), (second, key2, _) = two_questions

    done = quizbot("play", "--id", f"{first},{second}", *db, stdin=f"{key1}\n{key2}\n")

    assert done.returncode == 0, done.stderr
    assert "Practice set 1/2" in done.stdout and "Practice set 2/2" in done.stdout
    assert "Round over: 2/2 correct" in done.stdout
    rows = sqlite3.connect(tmp_path / "quiz.db").execute(
        "SELECT a.question_id, k.set_position FROM attempts a JOIN asks k ON k.id = a.ask_id ORDER BY a.id"
    )
    assert rows.fetchall() == [(first, 1), (second, 2)]


def test_play_by_an_unknown_id_is_one_line_and_a_failure(tmp_path):
    done = quizbot("play", "--id", "no-such-question", "--db", str(tmp_path / "quiz.db"))
    assert done.returncode == 1
    assert done.stderr.strip() == "Error: there is no question no-such-question in the bank"


def test_review_asks_the_miss_again_until_it_is_got_right(tmp_path, two_questions):
    db = ["--db", str(tmp_path / "quiz.db"), "--user", "ivy"]
    (first, key1, wrong1), (second, key2, _) = two_questions
    quizbot("play", "--id", f"{first},{second}", *db, stdin=f"{wrong1}\n{key2}\n")

    missed = quizbot("review", *db, stdin=f"{wrong1}\n")
    fixed = quizbot("review", "--by", "objective", *db, stdin=f"{key1}\n")
    nothing = quizbot("review", *db)

    assert "Mistake to review 1/1" in missed.stdout and f"id {first}" in missed.stdout
    assert "(not chosen, wrong)" in missed.stdout  # every option's why on a miss
    assert "Round over: 1/1 correct" in fixed.stdout
    assert nothing.returncode == 1 and "Nothing to review" in nothing.stderr


def test_history_lists_rounds_and_exams_and_exam_result_reopens_a_report(tmp_path, two_questions):
    db = ["--db", str(tmp_path / "quiz.db"), "--user", "ivy"]
    (first, key1, _), _ = two_questions
    none_yet = quizbot("exam", "result", *db)
    quizbot("play", "--id", first, *db, stdin=f"{key1}\n")
    quizbot("exam", "--size", "15", *db, stdin="A\nsubmit\ny\n")

    listed = quizbot("history", *db)
    exam_id = re.search(r"#(\d+) ", listed.stdout)[1]
    reopened = quizbot("exam", "result", exam_id, *db)
    someone_else = quizbot("exam", "result", exam_id, "--db", str(tmp_path / "quiz.db"), "--user", "max")

    assert none_yet.returncode == 1 and none_yet.stderr.strip() == "Error: You have no finished mock exam yet."
    assert re.search(r"UTC +1/1 +100.0 %", listed.stdout)
    assert "Progress by week" in listed.stdout and "MD" in listed.stdout
    assert reopened.returncode == 0 and "Mock exam result: " in reopened.stdout
    assert someone_else.returncode == 1 and "no finished mock exam number" in someone_else.stderr


def test_search_shows_answered_questions_and_all_of_them_with_all(tmp_path, two_questions):
    db = ["--db", str(tmp_path / "quiz.db"), "--user", "ivy"]
    (first, key1, _), _ = two_questions
    before = quizbot("search", first, *db)
    quizbot("play", "--id", first, *db, stdin=f"{key1}\n")
    after = quizbot("search", first, *db)
    everything = quizbot("search", "Spark", "ML", "--all", *db)

    assert "No question you have answered matches" in before.stdout and "1 more match" in before.stdout
    assert f"{first} · " in after.stdout and "last answer right" in after.stdout
    assert f"quizbot play --id {first}" in after.stdout
    assert "Questions matching 'Spark ML'" in everything.stdout


def test_the_plan_prints_a_practice_set_command_that_runs(tmp_path):
    db = ["--db", str(tmp_path / "quiz.db"), "--user", "ivy"]
    plan = quizbot("plan", *db)
    command = re.search(r"`quizbot (play --id \S+)`", plan.stdout)[1].split()

    done = quizbot(*command, *db, stdin="q\n")

    assert done.returncode == 0, done.stderr
    assert "Practice set 1/5" in done.stdout


def test_teams_from_the_terminal_creator_joins_then_rename_members_delete(tmp_path):
    db = ["--db", str(tmp_path / "quiz.db")]
    created = quizbot("team", "create", "Blue Owls", "--user", "ivy", *db)
    quizbot("team", "join", "blue owls", "--user", "max", *db)
    renamed = quizbot("team", "rename", "Blue Owls", "Night Hawks", "--user", "ivy", *db)
    members = quizbot("team", "members", "--user", "max", *db)
    kept = quizbot("team", "delete", "Night Hawks", "--user", "ivy", *db, stdin="n\n")
    deleted = quizbot("team", "delete", "Night Hawks", "--yes", "--user", "ivy", *db)
    listed = quizbot("team", "list", *db)

    assert "you are its first member" in created.stdout
    assert "'Night Hawks'" in renamed.stdout
    assert members.stdout.splitlines() == ["Night Hawks (your team): 2 members", "  ivy", "  max"]
    assert kept.returncode == 1
    assert deleted.returncode == 0 and "No teams yet" in listed.stdout
