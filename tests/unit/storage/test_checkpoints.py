"""WAL checkpoints of a long-lived process run in a worker thread, not inside an answer's commit."""

import asyncio
import os

from storage.db import BackgroundCheckpoints, open_db


def write_rows(db, count: int) -> None:
    db.execute("CREATE TABLE IF NOT EXISTS filler (id INTEGER PRIMARY KEY, body TEXT)")
    for n in range(count):
        db.execute("INSERT INTO filler (body) VALUES (?)", ["x" * 2000 + str(n)])


async def test_the_serving_connection_stops_checkpointing_and_a_worker_does_it(db, db_path):
    checkpoints = BackgroundCheckpoints(db, every=0.02)
    checkpoints.start()
    try:
        assert db.execute("PRAGMA wal_autocheckpoint").fetchone()[0] == 0
        write_rows(db, 1500)  # past 1,000 pages: SQLite would have checkpointed inside a commit
        for _ in range(200):
            if checkpoints.done >= 2:
                break
            await asyncio.sleep(0.02)
        assert checkpoints.done >= 2
        # the rows reached the database file itself, and this connection never checkpoints while started
        assert os.path.getsize(db_path) > 1500 * 2000
    finally:
        checkpoints.stop()
    assert db.execute("PRAGMA wal_autocheckpoint").fetchone()[0] == 1000  # handed back
    assert db.execute("SELECT COUNT(*) FROM filler").fetchone()[0] == 1500


async def test_an_in_memory_database_has_nothing_to_checkpoint():
    db = open_db(":memory:")
    checkpoints = BackgroundCheckpoints(db)
    checkpoints.start()
    checkpoints.stop()
    assert checkpoints.done == 0
    db.conn.close()


async def test_stop_after_the_connection_closed_is_harmless(db_path):
    db = open_db(db_path)
    checkpoints = BackgroundCheckpoints(db, every=0.01)
    checkpoints.start()
    db.conn.close()
    checkpoints.stop()


def damage_table(path, table: str) -> None:
    """Overwrite the root page of `table` with garbage (the header and the schema stay readable)."""
    import sqlite3

    conn = sqlite3.connect(str(path))
    root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = ?", [table]).fetchone()[0]
    page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    conn.close()
    with open(path, "r+b") as damaged:
        damaged.seek((root - 1) * page_size)
        damaged.write(b"\xff" * page_size)


def a_big_database(db_path):
    db = open_db(db_path)
    write_rows(db, 300)
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.conn.close()


async def test_a_big_database_opens_with_a_bounded_check_and_is_checked_whole_in_the_background(
    db_path, monkeypatch, caplog
):
    import storage.db

    a_big_database(db_path)
    damage_table(db_path, "filler")  # a big table's page: not among the tables checked at open
    monkeypatch.setattr(storage.db, "FULL_CHECK_MAX_BYTES", 0)  # every file counts as big

    db = open_db(db_path)  # opens: the header, the schema and the small tables are fine
    try:
        verdict = await storage.db.check_in_background(db)
    finally:
        db.conn.close()

    assert verdict != "ok"
    assert "is damaged" in caplog.text and "quizbot db restore" in caplog.text


def test_a_big_database_with_a_damaged_schedule_table_is_refused_at_open(db_path, monkeypatch):
    import pytest

    import storage.db

    a_big_database(db_path)
    damage_table(db_path, "schedules")
    monkeypatch.setattr(storage.db, "FULL_CHECK_MAX_BYTES", 0)

    with pytest.raises(storage.db.UnusableDatabaseError, match="is damaged"):
        open_db(db_path)


async def test_a_small_database_is_checked_whole_at_open_and_not_again(db):
    import storage.db

    assert await storage.db.check_in_background(db) == "skipped"
