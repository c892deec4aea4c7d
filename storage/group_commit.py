"""Group commit: the writes asked for within a few milliseconds of each other share one transaction.

Writing an answer was the largest part of the bot's own work for it: SQLite appends every page a
transaction touched to the write-ahead log (and the checkpoint copies it again), and an answer touches
about fifteen (the attempt and its indexes, four leaderboard totals, the review card, a new person's
row). Answers that arrive together touch mostly the same pages; committed together, each page is written
once (in a loop, ten answers of new people in one transaction cost 77 µs each, one alone 178 µs). So
the first write opens a window of WINDOW_SECONDS, and the writes asked for meanwhile join its
transaction: during a burst a commit holds several answers, and a lone answer waits the window, a few
milliseconds against a platform round trip of a hundred or more. Each caller waits for the commit that
holds its write, so nothing is acknowledged before it is stored.

A write that fails is undone alone while the others commit. The batch runs first as one piece; only when
one of its writes raises is the transaction rolled back and the batch run again, each write under its own
savepoint. Savepoints on every write would cost a quarter of an answer: SQLite copies each page first
changed after a savepoint to a sub-journal, a temporary file once it passes 64 KiB (143 µs an answer
against 110 µs in batches of ten). So a write may run twice, and must only change the database through
the connection it is given."""

from __future__ import annotations

import asyncio
import sqlite3
from collections.abc import Callable
from typing import TypeVar

import sqlite_utils

from storage.db import transaction

WINDOW_SECONDS = 0.005
T = TypeVar("T")
Write = Callable[[sqlite3.Connection], T]


class GroupCommit:
    def __init__(self, db: sqlite_utils.Database, *, window: float = WINDOW_SECONDS) -> None:
        self.db = db
        self.window = window
        self._waiting: list[tuple[Write, asyncio.Future]] = []
        self._timer: asyncio.TimerHandle | None = None
        self.commits = 0  # transactions committed, and the writes they held (the benchmarks report both)
        self.writes = 0

    async def write(self, work: Write[T]) -> T:
        """Run `work(conn)` inside the transaction committed when the current window closes, and return its
        result once that transaction is committed (or raise what `work` or the commit raised)."""
        loop = asyncio.get_running_loop()
        done: asyncio.Future = loop.create_future()
        if self._timer is None:
            self._timer = loop.call_later(self.window, self.flush)
        self._waiting.append((work, done))
        return await done

    def write_now(self, work: Write[T]) -> T:
        """The same write in a transaction of its own, committed on return (for callers without a loop)."""
        with transaction(self.db) as conn:
            return work(conn)

    def flush(self) -> None:
        """Commit the writes waiting, now (the window's end; also called when the bot stops)."""
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None
        batch, self._waiting = self._waiting, []
        if batch:
            self._commit(batch)

    def _commit(self, batch: list[tuple[Write, asyncio.Future]]) -> None:
        try:
            try:
                with transaction(self.db) as conn:
                    outcomes = _together(conn, batch)
            except _WriteFailed:  # rolled back; again, so that only the failing write is undone
                with transaction(self.db) as conn:
                    outcomes = [_isolated(conn, work) for work, _ in batch]
        except Exception as failure:  # BEGIN or COMMIT failed: none of the batch is stored
            if self.db.conn.in_transaction:  # a COMMIT refused (a deferred constraint) leaves it open
                self.db.conn.execute("ROLLBACK")
            for _, done in batch:
                if not done.done():
                    done.set_exception(failure)
            return
        self.commits += 1
        self.writes += len(batch)
        for (succeeded, outcome), (_, done) in zip(outcomes, batch, strict=True):
            if done.done():  # its caller was cancelled; the write is committed all the same
                continue
            if succeeded:
                done.set_result(outcome)
            else:
                done.set_exception(outcome)  # type: ignore[arg-type]


class _WriteFailed(Exception):
    """A write of a batch run as one piece raised: the batch runs again, write by write."""


def _together(conn: sqlite3.Connection, batch: list[tuple[Write, asyncio.Future]]) -> list[tuple[bool, object]]:
    outcomes: list[tuple[bool, object]] = []
    for work, _ in batch:
        try:
            outcomes.append((True, work(conn)))
        except Exception as failure:
            raise _WriteFailed() from failure
    return outcomes


def _isolated(conn: sqlite3.Connection, work: Write) -> tuple[bool, object]:
    conn.execute("SAVEPOINT one_write")
    try:
        result = work(conn)
    except Exception as failure:
        conn.execute("ROLLBACK TO one_write")
        conn.execute("RELEASE one_write")
        return False, failure
    conn.execute("RELEASE one_write")
    return True, result
