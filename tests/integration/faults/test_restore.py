"""The restore drill: a backup taken with `quizbot db backup` during a burst of answers to the real
`quizbot run slack --http` process, restored with `quizbot db restore` into a new database file, holds every
answer acknowledged before the backup started; and a restore refuses what must not replace the database."""

from __future__ import annotations

import asyncio
import sqlite3
import subprocess
import sys

from tests.integration.faults.process import prepare_database, query
from tests.integration.faults.test_crash import PEOPLE, answer_all, people


def quizbot(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "bot.cli", *args], capture_output=True, text=True, timeout=60, check=False
    )


async def test_a_backup_during_a_burst_restores_every_answer_acknowledged_before_it(tmp_path, bot_process, web_api):
    db_path, backup_path, restored_path = tmp_path / "quiz.db", tmp_path / "backup.db", tmp_path / "restored.db"
    prepared = await prepare_database(db_path)
    bot = bot_process(db_path)
    await bot.start()
    statuses: dict[str, int] = {}
    burst = asyncio.create_task(answer_all(bot, web_api, prepared, people(), statuses))
    while sum(status == 200 for status in statuses.values()) < PEOPLE // 3:
        await asyncio.sleep(0.002)
    acknowledged_before = {user for user, status in statuses.items() if status == 200}

    backed_up = await asyncio.to_thread(quizbot, "db", "backup", str(backup_path), "--db", str(db_path))
    await burst

    assert backed_up.returncode == 0, backed_up.stderr
    restored = quizbot("db", "restore", str(backup_path), "--db", str(restored_path))
    assert restored.returncode == 0, restored.stderr
    stored = {
        user
        for (user,) in query(
            restored_path,
            "SELECT u.external_id FROM attempts a JOIN users u ON u.id = a.user_id WHERE a.post_id = ?",
            prepared.post_id,
        )
    }
    assert acknowledged_before <= stored
    assert query(restored_path, "PRAGMA integrity_check") == [("ok",)]
    assert quizbot("stats", "--no-chart", "--db", str(restored_path)).returncode == 0  # a fresh process reads it


def test_restore_keeps_the_current_database_aside(tmp_path):
    current, backup = tmp_path / "quiz.db", tmp_path / "backup.db"
    assert quizbot("report", "md-scale-001", "the key looks wrong", "--db", str(current)).returncode == 0
    assert quizbot("db", "backup", str(backup), "--db", str(current)).returncode == 0
    assert quizbot("report", "md-scale-001", "a second report", "--db", str(current)).returncode == 0

    done = quizbot("db", "restore", str(backup), "--db", str(current))

    assert done.returncode == 0 and "kept as" in done.stdout
    [kept] = list(tmp_path.glob("quiz.db.before-restore-*"))
    assert query(current, "SELECT COUNT(*) FROM question_reports") == [(1,)]
    assert query(kept, "SELECT COUNT(*) FROM question_reports") == [(2,)]


def test_restore_refuses_what_is_no_quiz_database_or_is_newer(tmp_path):
    current = tmp_path / "quiz.db"
    not_sqlite = tmp_path / "notes.txt"
    not_sqlite.write_text("hello")
    other = tmp_path / "other.db"
    sqlite3.connect(other).execute("CREATE TABLE t (x)").connection.commit()
    newer = tmp_path / "newer.db"
    source = ["--db", str(tmp_path / "source.db")]
    assert quizbot("daily", "setup", "--time", "09:00", "--tz", "UTC", *source).returncode == 0
    assert quizbot("db", "backup", str(newer), *source).returncode == 0
    with sqlite3.connect(newer) as conn:
        conn.execute("INSERT INTO schema_version (version, applied_at) VALUES (999, 'later')")

    for source, reason in ((not_sqlite, "not a readable SQLite"), (other, "not a quiz database"), (newer, "newer")):
        refused = quizbot("db", "restore", str(source), "--db", str(current))
        assert refused.returncode != 0 and reason in refused.stderr and "Traceback" not in refused.stderr
        assert len(refused.stderr.strip().splitlines()) == 1
    assert not current.exists()
