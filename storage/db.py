"""Opening the database: WAL, foreign keys, busy timeout, and forward migrations applied on open."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import sqlite3
from pathlib import Path

import sqlite_utils

from storage.migrations import MIGRATIONS

BUSY_TIMEOUT_MS = 5000
CHECKPOINT_SECONDS = 1.0
DEFAULT_AUTOCHECKPOINT_PAGES = 1000  # SQLite's own default
WAL_SIZE_LIMIT_BYTES = 64 * 1024 * 1024  # the WAL file is cut back to this after a checkpoint
# A full PRAGMA quick_check reads every page of the file, at every open: on a database of 10M answers
# (bench.leaderboards) that is seconds before the first command or answer. Up to this size the whole
# file is checked at open; above it the open checks the header, the schema and the tables that say what
# to post where, and a long-lived process checks the whole file in a worker thread (check_in_background).
FULL_CHECK_MAX_BYTES = 128 * 1024 * 1024
CHECKED_AT_OPEN = ("schema_version", "workspaces", "channels", "schedules")
log = logging.getLogger(__name__)
MAX_ROWID = 2**63 - 1


def is_row_id(value: int) -> bool:
    """Can `value` name a row? Ids come from custom ids and action values that anyone can forge; SQLite
    raises OverflowError for an integer past 64 bits, so every lookup by id asks this first."""
    return 0 < value <= MAX_ROWID


RESTORE_ADVICE = "restore a backup with `quizbot db restore BACKUP`"


class UnusableDatabaseError(Exception):
    """The database file cannot be opened, written or trusted; str(error) says which file, why, and what
    to do, in one line."""


def open_db(path: Path | str, *, synchronous: str = "NORMAL") -> sqlite_utils.Database:
    """Open (creating if needed) the quiz database, check it and bring its schema up to date. A file that
    cannot be used (a directory that cannot be made, a read-only or damaged file) raises
    UnusableDatabaseError at once, before anything is asked or answered.

    WAL with synchronous=NORMAL: a committed answer survives a crash of this process;
    the last transactions may be lost on a power cut (FULL would keep them, at a cost).
    """
    if str(path) != ":memory:":
        _check_writable(Path(path))
    try:
        conn = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None, check_same_thread=False)
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute(f"PRAGMA synchronous={synchronous}")
        conn.execute("PRAGMA foreign_keys=ON")
        conn.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        verdict = _quick_check(conn, path)
    except sqlite3.DatabaseError as exc:
        raise _unusable(path, exc) from exc
    if verdict != "ok":
        conn.close()
        first = " ".join(verdict.split())[:120]
        raise UnusableDatabaseError(f"the database {path} is damaged ({first}); {RESTORE_ADVICE}")
    db = sqlite_utils.Database(conn)
    migrate(db)
    return db


def _quick_check(conn: sqlite3.Connection, path: Path | str) -> str:
    """'ok', or SQLite's first complaint: the whole file when it is small, else the header, the schema and
    the small tables of CHECKED_AT_OPEN (those that exist yet) with their indexes."""
    size = os.path.getsize(path) if str(path) != ":memory:" and os.path.exists(path) else 0
    if size <= FULL_CHECK_MAX_BYTES:
        return conn.execute("PRAGMA quick_check").fetchone()[0]
    tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    for table in CHECKED_AT_OPEN:
        if table in tables:
            verdict = conn.execute(f"PRAGMA quick_check({table})").fetchone()[0]
            if verdict != "ok":
                return verdict
    return "ok"


async def check_in_background(db: sqlite_utils.Database) -> str:
    """The full PRAGMA quick_check of a database too big to check at every open (see FULL_CHECK_MAX_BYTES),
    on a read-only connection in a worker thread: the process serves meanwhile; damage is logged with the
    restore advice. Returns the verdict ('ok', 'skipped' when the open checked the whole file already)."""
    path = db.execute("PRAGMA database_list").fetchone()[2]
    if not path or os.path.getsize(path) <= FULL_CHECK_MAX_BYTES:
        return "skipped"

    def check() -> str:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=BUSY_TIMEOUT_MS / 1000)
        try:
            return conn.execute("PRAGMA quick_check").fetchone()[0]
        finally:
            conn.close()

    try:
        verdict = await asyncio.to_thread(check)
    except sqlite3.DatabaseError as exc:
        verdict = str(exc)
    if verdict != "ok":
        first = " ".join(verdict.split())[:120]
        log.error("the database %s is damaged (%s); %s", path, first, RESTORE_ADVICE)
    return verdict


def _check_writable(path: Path) -> None:
    where = "set QUIZBOT_DB_PATH to a file in a writable directory, or make this one writable"
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UnusableDatabaseError(
            f"cannot create the data directory {path.parent} ({exc.strerror or exc}); {where}"
        ) from exc
    if path.is_dir():
        raise UnusableDatabaseError(f"the database path {path} is a directory; set QUIZBOT_DB_PATH to a file in it")
    if path.exists() and not os.access(path, os.W_OK):
        raise UnusableDatabaseError(f"the database {path} is read-only; make it writable (chmod u+w) or {where}")
    if not os.access(path.parent, os.W_OK):
        raise UnusableDatabaseError(f"the data directory {path.parent} is not writable; {where}")


def _unusable(path: Path | str, exc: sqlite3.DatabaseError) -> UnusableDatabaseError:
    problem = str(exc)
    if "not a database" in problem or "malformed" in problem:
        return UnusableDatabaseError(f"the database {path} is damaged ({problem}); {RESTORE_ADVICE}")
    return UnusableDatabaseError(f"the database {path} cannot be opened ({problem})")


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


class BackgroundCheckpoints:
    """Checkpoints of the write-ahead log in a worker thread, for a long-lived process (the bot).

    By default SQLite copies the WAL back into the database file inside the commit that takes the WAL past
    1,000 pages, and with synchronous=NORMAL that checkpoint syncs the files: during an answer burst it
    stalled the event loop for 10-20 ms every few hundred answers and doubled the mean cost of an answer
    (bench.slack_burst --profile; 4,000 answers in a row: mean 0.57 ms, p99 10.5 ms with it, 0.25 ms and
    4.3 ms without). While started, the serving connection never checkpoints itself; a second connection,
    opened in a worker thread, runs a PASSIVE checkpoint every second, which never blocks a writer or a
    reader, so the copying and syncing happen off the event loop. `stop()` hands checkpoints back to the
    serving connection. An in-memory database has no WAL: start() does nothing there."""

    def __init__(self, db: sqlite_utils.Database, *, every: float = CHECKPOINT_SECONDS) -> None:
        self.db = db
        self.every = every
        self._task: asyncio.Task | None = None
        self.done = 0  # checkpoints run (tests look at it)

    def start(self) -> None:
        path = self.db.execute("PRAGMA database_list").fetchone()[2]
        if not path or self._task is not None:
            return
        self.db.execute("PRAGMA wal_autocheckpoint=0")
        self.db.execute(f"PRAGMA journal_size_limit={WAL_SIZE_LIMIT_BYTES}")
        self._task = asyncio.get_running_loop().create_task(self._run(path), name="sqlite-checkpoints")

    def stop(self) -> None:
        if self._task is None:
            return
        self._task.cancel()
        self._task = None
        with contextlib.suppress(sqlite3.ProgrammingError):  # the connection may be closed already
            self.db.execute(f"PRAGMA wal_autocheckpoint={DEFAULT_AUTOCHECKPOINT_PAGES}")

    async def _run(self, path: str) -> None:
        while True:
            await asyncio.sleep(self.every)
            await asyncio.to_thread(self._checkpoint, path)
            self.done += 1

    @staticmethod
    def _checkpoint(path: str) -> None:
        try:
            conn = sqlite3.connect(path, timeout=BUSY_TIMEOUT_MS / 1000)
            try:
                conn.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchone()
            finally:
                conn.close()
        except sqlite3.Error as exc:  # the next round tries again; the WAL only grows meanwhile
            log.warning("a background WAL checkpoint failed: %s", exc)


class BackupError(Exception):
    """A backup that cannot be written where asked; str(error) says why, in one line."""


def backup(db: sqlite_utils.Database, target: Path | str) -> None:
    """An online, consistent copy of the database (SQLite's backup API), safe while the bot runs."""
    source = Path(db.execute("PRAGMA database_list").fetchone()[2] or ":memory:")
    if Path(target).resolve() == source.resolve():
        raise BackupError(f"{target} is the database itself; write the backup to another file")
    try:
        Path(target).parent.mkdir(parents=True, exist_ok=True)
        destination = sqlite3.connect(str(target))
        try:
            db.conn.backup(destination)
        finally:
            destination.close()
    except (OSError, sqlite3.DatabaseError) as exc:
        raise BackupError(f"cannot write the backup to {target} ({getattr(exc, 'strerror', None) or exc})") from exc


class RestoreError(Exception):
    """A file that must not replace the database; str(error) says why, in one line."""


def check_restorable(source: Path | str) -> int:
    """The schema version of a backup that can replace the database: a readable SQLite file that passes the
    integrity check, holds a quiz database, and is not newer than this code. Raises RestoreError otherwise."""
    if not Path(source).is_file():
        raise RestoreError(f"{source} is not a file")
    try:
        conn = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
        try:
            integrity = conn.execute("PRAGMA integrity_check").fetchone()[0]
            tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            version = (
                conn.execute("SELECT MAX(version) FROM schema_version").fetchone()[0]
                if ("schema_version" in tables)
                else None
            )
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        raise RestoreError(f"{source} is not a readable SQLite database ({exc})") from exc
    if integrity != "ok":
        raise RestoreError(f"{source} fails SQLite's integrity check ({integrity})")
    if version is None or not {"attempts", "posts", "workspaces"} <= tables:
        raise RestoreError(f"{source} is not a quiz database (no schema_version, attempts, posts or workspaces)")
    newest = MIGRATIONS[-1][0]
    if version > newest:
        raise RestoreError(f"{source} has schema version {version}, newer than this bot's {newest}; upgrade first")
    return version


def restore(source: Path | str, target: Path | str, *, now: str) -> Path | None:
    """Replace the database at `target` by the backup `source` (checked first), keeping the current file
    aside as `<target>.before-restore-<now>`; migrations run on the restored copy. Returns the kept file."""
    check_restorable(source)
    target = Path(target)
    kept = None
    if target.exists():
        kept = target.with_name(f"{target.name}.before-restore-{now}")
        current = sqlite3.connect(str(target))
        try:
            aside = sqlite3.connect(str(kept))
            try:
                current.backup(aside)  # a consistent copy, the WAL included
            finally:
                aside.close()
        finally:
            current.close()
    target.parent.mkdir(parents=True, exist_ok=True)
    source_conn = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    destination = sqlite3.connect(str(target))
    try:
        source_conn.backup(destination)
    finally:
        destination.close()
        source_conn.close()
    open_db(target).conn.close()  # brings the restored schema up to date
    return kept


def health(path: Path | str) -> str:
    """'ok' when the database file opens and passes SQLite's quick check; otherwise what is wrong."""
    if not Path(path).is_file():
        return f"no database file at {path}"
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=BUSY_TIMEOUT_MS / 1000)
        try:
            return conn.execute("PRAGMA quick_check").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        return f"{path}: {exc}"
