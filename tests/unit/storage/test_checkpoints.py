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
