"""A fault of the terminal's surroundings (a settings value, the database file, a directory, the question bank)
as a person meets it: the real `quizbot` process says what is wrong and what to do in one line on stderr,
exits non-zero, shows no traceback, and changes nothing it was given."""

import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from tests.integration.test_cli import ANY_ANSWERS, quizbot

# /sys refuses new files and directories even to root, so the test holds as any user
UNWRITABLE = Path("/sys/quizbot-test")


def one_line_refusal(done: subprocess.CompletedProcess, *phrases: str) -> str:
    assert done.returncode != 0, done.stdout
    assert "Traceback" not in done.stderr, done.stderr
    message = done.stderr.strip()
    assert message and "\n" not in message, done.stderr
    for phrase in phrases:
        assert phrase in message, message
    return message


def a_database(tmp_path: Path) -> Path:
    db = tmp_path / "quiz.db"
    assert quizbot("daily", "setup", "--time", "09:00", "--tz", "UTC", "--db", str(db)).returncode == 0
    return db


@pytest.fixture
def read_only(tmp_path):
    """Makes a file read-only for this process: chmod for a user, the immutable flag for root (which a file
    mode does not stop); undone afterwards so the file can be cleaned up."""
    made = []

    def make(path: Path) -> None:
        if os.geteuid() == 0:
            if subprocess.run(["chattr", "+i", str(path)], capture_output=True).returncode != 0:
                pytest.skip("running as root where files cannot be made immutable")
        else:
            path.chmod(0o444)
        made.append(path)

    yield make
    for path in made:
        if os.geteuid() == 0:
            subprocess.run(["chattr", "-i", str(path)], check=True)
        else:
            path.chmod(0o644)


def test_a_file_that_is_not_a_database_is_refused_at_open_and_left_as_it_was(tmp_path):
    db = tmp_path / "quiz.db"
    db.write_bytes(b"these are someone's notes, not a database" * 100)
    done = quizbot("play", "-n", "1", "--db", str(db), stdin=ANY_ANSWERS)
    one_line_refusal(done, "not a database", "quizbot db restore")
    assert "Question" not in done.stdout  # refused before anything was asked
    assert db.read_bytes() == b"these are someone's notes, not a database" * 100


def test_a_malformed_database_is_refused_at_open_with_the_restore_command(tmp_path):
    db = a_database(tmp_path)
    with db.open("r+b") as damaged:
        damaged.seek(2 * 4096)  # the third page: the tables' pages, not the header
        damaged.write(b"\xff" * 3000)
    before = db.read_bytes()
    done = quizbot("stats", "--db", str(db), "--no-chart")
    one_line_refusal(done, "is damaged", "quizbot db restore")
    assert db.read_bytes() == before


def test_a_read_only_database_is_refused_before_a_question_is_asked(tmp_path, read_only):
    db = a_database(tmp_path)
    before = db.read_bytes()
    read_only(db)
    done = quizbot("play", "-n", "1", "--db", str(db), stdin=ANY_ANSWERS)
    one_line_refusal(done, "read-only", "QUIZBOT_DB_PATH")
    assert db.read_bytes() == before


@pytest.mark.parametrize("where", ["home", "data directory"])
def test_an_unwritable_home_or_data_directory_names_the_setting(tmp_path, where):
    env = {"HOME": str(UNWRITABLE)} if where == "home" else {"QUIZBOT_DB_PATH": str(UNWRITABLE / "quiz.db")}
    done = quizbot("play", "-n", "1", stdin=ANY_ANSWERS, env_extra=env, cwd=tmp_path)
    one_line_refusal(done, "cannot create the data directory", "QUIZBOT_DB_PATH")


def test_an_unwritable_chart_path_is_one_line_after_the_stats(tmp_path):
    db = ["--db", str(tmp_path / "quiz.db"), "--user", "gus"]
    assert quizbot("play", "-n", "2", *db, stdin=ANY_ANSWERS).returncode == 0
    done = quizbot("stats", *db, "--chart", str(UNWRITABLE / "chart.png"))
    one_line_refusal(done, str(UNWRITABLE))
    assert "By domain:" in done.stdout  # the stats themselves were shown


@pytest.mark.parametrize("name", ["a/b", "", "   ", "..\\up"])
def test_a_user_or_channel_name_that_is_a_path_or_empty_is_refused(tmp_path, name):
    user = quizbot("stats", "--user", name, "--db", str(tmp_path / "quiz.db"), cwd=tmp_path)
    one_line_refusal(user, "--user needs a name")
    channel = quizbot("daily", "show", "--channel", name, "--db", str(tmp_path / "quiz.db"), cwd=tmp_path)
    one_line_refusal(channel, "--channel needs a name")
    assert not list(tmp_path.glob("**/*.png"))


@pytest.mark.parametrize(
    ("bad", "named"),
    [
        ({"QUIZBOT_CATCH_UP_GRACE": "xyz"}, "QUIZBOT_CATCH_UP_GRACE='xyz' is not valid"),
        ({"QUIZBOT_RETENTION_DAYS": "0"}, "QUIZBOT_RETENTION_DAYS='0' is not valid (Input should be greater than"),
        ({"QUIZBOT_DISCORD": '{"token": "tok-1234567890", "application_id": "x"}'}, "APPLICATION_ID='x'"),
        ({"QUIZBOT_DISCORD": "{not json, tok-1234567890"}, "QUIZBOT_DISCORD cannot be read"),
    ],
)
def test_a_bad_setting_value_is_named_even_where_it_is_not_used(tmp_path, bad, named):
    done = quizbot("play", "-n", "1", "--db", str(tmp_path / "q.db"), stdin=ANY_ANSWERS, env_extra=bad)
    message = one_line_refusal(done, named, ".env")
    assert "tok-1234567890" not in message + done.stdout  # a token is never echoed


def test_an_empty_database_path_in_the_env_file_is_named(tmp_path):
    (tmp_path / ".env").write_text("QUIZBOT_DB_PATH=\n")
    done = quizbot("stats", cwd=tmp_path)
    one_line_refusal(done, "QUIZBOT_DB_PATH", "empty")


@pytest.mark.parametrize("contents", [None, b"not a database"])
def test_health_reports_a_missing_or_broken_database_in_one_line(tmp_path, contents):
    db = tmp_path / "quiz.db"
    if contents is not None:
        db.write_bytes(contents)
    done = quizbot("health", env_extra={"QUIZBOT_DB_PATH": str(db)})
    one_line_refusal(done, "database check")
    assert db.exists() == (contents is not None)  # health creates nothing


@pytest.mark.parametrize(
    "url", ["localhost:3000/healthz", "http://[::1", "ftp://127.0.0.1/", "http://127.0.0.1:99999/"]
)
def test_health_refuses_a_malformed_url(tmp_path, url):
    db = a_database(tmp_path)
    done = quizbot("health", "--url", url, env_extra={"QUIZBOT_DB_PATH": str(db)})
    one_line_refusal(done, "is not an http(s) address")


def test_a_backup_onto_the_database_itself_or_an_unwritable_place_is_refused(tmp_path):
    db = a_database(tmp_path)
    before = db.read_bytes()
    onto_itself = quizbot("db", "backup", str(tmp_path / "." / "quiz.db"), "--db", str(db))
    one_line_refusal(onto_itself, "is the database itself")
    unwritable = quizbot("db", "backup", str(UNWRITABLE / "copy.db"), "--db", str(db))
    one_line_refusal(unwritable, "cannot write the backup")
    missing = quizbot("db", "backup", str(tmp_path / "copy.db"), "--db", str(tmp_path / "none.db"))
    one_line_refusal(missing, "no database at")
    assert db.read_bytes() == before
    assert sqlite3.connect(db).execute("SELECT COUNT(*) FROM schedules").fetchone() == (1,)
    assert not (tmp_path / "none.db").exists()


def test_a_broken_question_bank_in_play_is_one_line(tmp_path):
    """An installation whose bank file was damaged: a copy of the code with one question file cut short."""
    root = Path(__file__).resolve().parents[2]
    for package in ("bot", "questions", "storage"):
        shutil.copytree(root / package, tmp_path / "code" / package, ignore=shutil.ignore_patterns("__pycache__"))
    bank_file = sorted((tmp_path / "code" / "questions" / "bank").glob("*.yaml"))[0]
    bank_file.write_text(bank_file.read_text()[:-400] + "\n  - [unclosed\n")
    env = {k: v for k, v in os.environ.items() if not k.startswith("QUIZBOT_")}
    env["PYTHONPATH"] = str(tmp_path / "code")
    done = subprocess.run(
        [sys.executable, "-m", "bot.cli", "play", "-n", "1", "--db", str(tmp_path / "q.db")],
        input=ANY_ANSWERS,
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path / "code",
        timeout=60,
    )
    one_line_refusal(done, "question bank is broken", "quizbot bank validate")
