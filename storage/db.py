"""Opening the database: WAL, foreign keys, busy timeout, and forward migrations applied on open."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import sqlite_utils

from storage.migrations import MIGRATIONS

BUSY_TIMEOUT_MS = 5000
MAX_ROWID = 2**63 - 1


def is_row_id(value: int) -> bool:
    """Can `value` name a row? Ids come from custom ids and action values that anyone can forge; SQLite
    raises OverflowError for an integer past 64 bits, so every lookup by id asks this first."""
    return 0 < value <= MAX_ROWID


def open_db(path: Path | str, *, synchronous: str = "NORMAL") -> sqlite_utils.Database:
    """Open (creating if needed) the quiz database and bring its schema up to date.

    WAL with synchronous=NORMAL: a committed answer survives a crash of this process;
    the last transactions may be lost on a power cut (FULL would keep them, at a cost).
    """
    if str(path) != ":memory:":
        Path(path).parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None, check_same_thread=False)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute(f"PRAGMA synchronous={synchronous}")
    conn.execute("PRAGMA foreign_keys=ON")
    conn.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    db = sqlite_utils.Database(conn)
    migrate(db)
    return db


def schema_version(db: sqlite_utils.Database) -> int:
    if "schema_version" not in db.table_names():
        return 0
    row = db.execute("SELECT MAX(version) FROM schema_version").fetchone()
    return row[0] or 0


def migrate(db: sqlite_utils.Database) -> int:
    """Apply every migration newer than the stored version, each in its own transaction."""
    current = schema_version(db)
    for version, statements in MIGRATIONS:
        if version <= current:
            continue
        with transaction(db):
            for statement in statements:
                if callable(statement):
                    statement(db.conn)  # a data step written in Python (e.g. a backfill)
                else:
                    db.execute(statement)
            db.execute(
                "INSERT INTO schema_version (version, applied_at) VALUES (?, datetime('now'))",
                [version],
            )
        current = version
    return current


class transaction:
    """BEGIN IMMEDIATE ... COMMIT (or ROLLBACK on error) on the database's connection."""

    def __init__(self, db: sqlite_utils.Database) -> None:
        self.conn = db.conn

    def __enter__(self) -> sqlite3.Connection:
        self.conn.execute("BEGIN IMMEDIATE")
        return self.conn

    def __exit__(self, exc_type, exc, tb) -> None:
        self.conn.execute("ROLLBACK" if exc_type else "COMMIT")


def backup(db: sqlite_utils.Database, target: Path | str) -> None:
    """An online, consistent copy of the database (SQLite's backup API), safe while the bot runs."""
    Path(target).parent.mkdir(parents=True, exist_ok=True)
    destination = sqlite3.connect(str(target))
    try:
        db.conn.backup(destination)
    finally:
        destination.close()


def health(path: Path | str) -> str:
    """'ok' when the database file opens and passes SQLite's quick check."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=BUSY_TIMEOUT_MS / 1000)
    try:
        return conn.execute("PRAGMA quick_check").fetchone()[0]
    finally:
        conn.close()
