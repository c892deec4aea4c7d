"""The `quizbot` command as a person runs it: a real process, real stdin, a real SQLite file."""

import json
import os
import sqlite3
import subprocess
import sys
import zipfile

import pytest

# Whatever the question (one letter, choose 2, choose 3), one of these three lines fits it.
ANY_ANSWERS = "A\nA,B\nA,B,C\n" * 20


def quizbot_env(extra: dict | None = None) -> dict:
    """This environment without any QUIZBOT_ setting, and `extra`."""
    return {k: v for k, v in os.environ.items() if not k.startswith("QUIZBOT_")} | (extra or {})


def quizbot(*args: str, stdin: str = "", env_extra: dict | None = None, cwd=None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "bot.cli", *args],
        input=stdin,
        capture_output=True,
        text=True,
        env=quizbot_env(env_extra),
        cwd=cwd,
        timeout=60,
    )


def started_quizbot(*args: str, cwd=None) -> subprocess.Popen:
    """`quizbot ARGS` running, its input, output and errors on pipes (for a test that signals it)."""
    return subprocess.Popen(
        [sys.executable, "-m", "bot.cli", *args],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=quizbot_env(),
        cwd=cwd,
    )


def test_play_runs_a_full_round_from_stdin_with_no_token(tmp_path):
    db = tmp_path / "quiz.db"
    done = quizbot("play", "-n", "3", "--user", "carol", "--db", str(db), stdin=ANY_ANSWERS, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "Round over: " in done.stdout
    rows = sqlite3.connect(db).execute("SELECT COUNT(*), COUNT(DISTINCT question_id) FROM attempts").fetchone()
    assert rows == (3, 3)


def test_db_path_comes_from_settings(tmp_path):
    db = tmp_path / "from-env.db"
    done = quizbot("play", "-n", "1", stdin=ANY_ANSWERS, env_extra={"QUIZBOT_DB_PATH": str(db)}, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert db.exists()


def test_stats_reads_the_stored_attempts(tmp_path):
    db = tmp_path / "quiz.db"
    quizbot("play", "-n", "2", "--user", "dan", "--db", str(db), stdin=ANY_ANSWERS, cwd=tmp_path)
    done = quizbot("stats", "--user", "dan", "--db", str(db), cwd=tmp_path)
    assert done.returncode == 0
    assert "By domain:" in done.stdout and "/2 correct" in done.stdout


@pytest.mark.parametrize("platform", [None, "discord", "slack"])
def test_run_without_tokens_names_the_settings_and_points_at_play(tmp_path, platform):
    done = quizbot("run", *([platform] if platform else []), cwd=tmp_path)
    assert done.returncode != 0
    assert "QUIZBOT_DISCORD__TOKEN" in done.stderr or platform == "slack"
    assert "QUIZBOT_SLACK__BOT_TOKEN" in done.stderr or platform == "discord"
    assert "quizbot play" in done.stderr


def test_bank_validate_passes_on_the_shipped_bank():
    done = quizbot("bank", "validate")
    assert done.returncode == 0, done.stderr


def test_bank_report_prints_figures_and_json():
    text = quizbot("bank", "report")
    assert "Single-select key letters" in text.stdout and "Near-duplicate stems" in text.stdout
    as_json = quizbot("bank", "report", "--json")
    figures = json.loads(as_json.stdout)
    assert set(figures["domains"]) == {"MD", "OPS", "DEP"}


def test_the_competition_flow_runs_from_the_terminal(tmp_path):
    db = ["--db", str(tmp_path / "quiz.db")]
    setup = quizbot("daily", "setup", "--time", "09:00", "--tz", "Europe/Berlin", "--weekdays", "daily", *db)
    assert setup.returncode == 0, setup.stderr
    assert "Europe/Berlin" in setup.stdout
    posted = quizbot("daily", "post-now", *db)
    assert posted.returncode == 0 and "Daily question for" in posted.stdout
    again = quizbot("daily", "post-now", *db)
    assert again.returncode != 0 and "already posted" in again.stderr
    assert quizbot("team", "create", "Drift Detectives", "--user", "ann", *db).returncode == 0
    assert quizbot("team", "join", "drift detectives", "--user", "ann", *db).returncode == 0
    answered = [quizbot("daily", "answer", letters, "--user", "ann", *db) for letters in ("A", "A,B", "A,B,C")]
    assert sum("recorded" in a.stdout for a in answered) == 1  # exactly one of the three fits the question
    revealed = quizbot("daily", "reveal-now", *db)
    assert "answered correctly" in revealed.stdout
    late = quizbot("daily", "answer", "A", "--user", "bob", *db)
    assert late.returncode != 0
    board = quizbot("leaderboard", "--period", "all", "--user", "ann", *db)
    assert "ann" in board.stdout and "10 points per correct daily answer" in board.stdout
    teams = quizbot("leaderboard", "--scope", "team", "--period", "all", *db)
    assert "Drift Detectives" in teams.stdout


def test_rules_are_printed():
    done = quizbot("rules")
    assert "points per active member" in done.stdout


def test_a_short_mock_exam_can_be_left_resumed_and_submitted(tmp_path):
    db = ["--db", str(tmp_path / "quiz.db"), "--user", "eve"]
    first = quizbot("exam", "--size", "15", *db, stdin="f\nn\nq\n")
    assert first.returncode == 0, first.stderr
    assert "Q 1/15 · 0:3" in first.stdout and "Saved. Resume with" in first.stdout
    second = quizbot("exam", *db, stdin="s\nsubmit\ny\n")
    assert "Resuming your exam in progress (15 questions)" in second.stdout
    assert "Flagged for review: 1" in second.stdout
    said = " ".join(second.stdout.split())
    assert "You have 15 unanswered (Q1, Q2, Q3" in said and "and 1 flagged (Q1). Submit anyway?" in said
    assert "Mock exam result: 0/15" in second.stdout and "FAIL (pass mark 70 %)" in second.stdout
    assert "Objectives to review" in second.stdout


def test_practice_is_adaptive_and_stats_write_a_chart(tmp_path):
    db = ["--db", str(tmp_path / "quiz.db"), "--user", "fay"]
    done = quizbot("practice", "-n", "3", *db, stdin=ANY_ANSWERS, cwd=tmp_path)
    assert done.returncode == 0 and "Round over" in done.stdout
    stats = quizbot("stats", *db, "--chart", str(tmp_path / "fay.png"), cwd=tmp_path)
    assert "Readiness: Too little data" in stats.stdout
    assert "first answers over 1 day, newest today; recent answers count more" in stats.stdout
    assert (tmp_path / "fay.png").read_bytes().startswith(b"\x89PNG")


def test_online_backup_copies_the_database_and_health_checks_it(tmp_path):
    db = tmp_path / "quiz.db"
    quizbot("daily", "setup", "--time", "09:00", "--tz", "UTC", "--db", str(db))
    copy = tmp_path / "backups" / "copy.db"
    done = quizbot("db", "backup", str(copy), "--db", str(db))
    assert done.returncode == 0, done.stderr
    assert sqlite3.connect(copy).execute("SELECT COUNT(*) FROM schedules").fetchone() == (1,)
    healthy = quizbot("health", env_extra={"QUIZBOT_DB_PATH": str(copy)})
    assert healthy.returncode == 0 and "healthy" in healthy.stdout
    broken = tmp_path / "broken.db"
    broken.write_bytes(b"not a database")
    assert quizbot("health", env_extra={"QUIZBOT_DB_PATH": str(broken)}).returncode != 0


def test_a_problem_with_a_question_can_be_reported(tmp_path):
    db = tmp_path / "quiz.db"
    question_id = "md-scale-001"
    done = quizbot("report", question_id, "Option B is also right since MLflow 3.", "--db", str(db))
    assert done.returncode == 0 and "is stored" in done.stdout
    assert sqlite3.connect(db).execute("SELECT question_id FROM question_reports").fetchall() == [(question_id,)]
    unknown = quizbot("report", "no-such-id", "whatever it is", "--db", str(db))
    assert unknown.returncode != 0 and "no question no-such-id in the bank" in unknown.stderr


def test_me_export_writes_a_zip_and_me_delete_asks_first_then_deletes(tmp_path):
    db = tmp_path / "quiz.db"
    assert quizbot("report", "md-scale-001", "the key looks wrong", "--db", str(db), "--user", "ann").returncode == 0
    assert quizbot("report", "md-scale-001", "another view", "--db", str(db), "--user", "ben").returncode == 0
    archive = tmp_path / "ann.zip"

    exported = quizbot("me", "export", "--out", str(archive), "--db", str(db), "--user", "ann")
    declined = quizbot("me", "delete", "--db", str(db), "--user", "ann", stdin="n\n")
    deleted = quizbot("me", "delete", "--yes", "--db", str(db), "--user", "ann")

    assert exported.returncode == 0 and zipfile.is_zipfile(archive)
    assert declined.returncode != 0
    assert deleted.returncode == 0 and "start afresh" in deleted.stdout
    reporters = (
        sqlite3.connect(db)
        .execute("SELECT u.external_id FROM question_reports r JOIN users u ON u.id = r.user_id")
        .fetchall()
    )
    assert reporters == [("ben",)]
