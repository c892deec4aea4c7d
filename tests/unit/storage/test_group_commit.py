import asyncio
import sqlite3

import pytest

from storage.group_commit import GroupCommit


@pytest.fixture
def notes(db):
    db.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT NOT NULL UNIQUE)")
    db.execute("CREATE TABLE parents (id INTEGER PRIMARY KEY)")
    db.execute(
        "CREATE TABLE children (id INTEGER PRIMARY KEY,"
        " parent INTEGER REFERENCES parents(id) DEFERRABLE INITIALLY DEFERRED)"
    )
    return db


def note(text: str):
    def work(conn: sqlite3.Connection) -> int:
        return conn.execute("INSERT INTO notes (text) VALUES (?) RETURNING id", [text]).fetchone()[0]

    return work


def stored(db) -> list[str]:
    return [text for (text,) in db.execute("SELECT text FROM notes ORDER BY id").fetchall()]


async def test_writes_asked_for_within_the_window_share_one_commit_and_each_gets_its_result(notes):
    commits = GroupCommit(notes, window=0.01)
    ids = await asyncio.gather(*(commits.write(note(f"n{i}")) for i in range(5)))
    assert ids == [1, 2, 3, 4, 5]
    assert (commits.commits, commits.writes) == (1, 5)
    assert stored(notes) == ["n0", "n1", "n2", "n3", "n4"]


async def test_a_write_is_stored_when_its_caller_gets_the_result(notes):
    commits = GroupCommit(notes, window=0.01)
    await commits.write(note("first"))
    other = sqlite3.connect(notes.execute("PRAGMA database_list").fetchone()[2])  # sees only what is committed
    assert [text for (text,) in other.execute("SELECT text FROM notes")] == ["first"]
    other.close()


async def test_a_failing_write_is_undone_alone_and_its_caller_gets_the_error(notes):
    commits = GroupCommit(notes, window=0.01)

    def half_then_fail(conn: sqlite3.Connection) -> None:
        conn.execute("INSERT INTO notes (text) VALUES ('half')")
        conn.execute("INSERT INTO notes (text) VALUES ('kept')")  # a duplicate of the first write's note

    results = await asyncio.gather(
        commits.write(note("kept")), commits.write(half_then_fail), commits.write(note("after")), return_exceptions=True
    )
    assert results[0] == 1 and isinstance(results[1], sqlite3.IntegrityError) and isinstance(results[2], int)
    assert stored(notes) == ["kept", "after"]  # nothing of the failed write, not even its first row


async def test_a_batch_runs_once_as_one_piece_and_again_write_by_write_only_when_a_write_fails(notes):
    commits, runs = GroupCommit(notes, window=0.01), []

    def counted(text: str):
        def work(conn: sqlite3.Connection) -> int:
            runs.append(text)
            return note(text)(conn)

        return work

    await asyncio.gather(commits.write(counted("a")), commits.write(counted("b")))
    assert runs == ["a", "b"]  # no failure: each write ran once

    runs.clear()
    results = await asyncio.gather(
        commits.write(counted("c")), commits.write(counted("a")), commits.write(counted("d")), return_exceptions=True
    )
    assert runs == ["c", "a", "c", "a", "d"]  # the duplicate stopped the piece; then one by one, to the end
    assert isinstance(results[1], sqlite3.IntegrityError) and stored(notes) == ["a", "b", "c", "d"]


async def test_a_commit_that_fails_stores_none_of_the_batch_and_tells_every_caller(notes):
    commits = GroupCommit(notes, window=0.01)

    def orphan(conn: sqlite3.Connection) -> None:
        conn.execute("INSERT INTO children (parent) VALUES (42)")  # checked only at COMMIT

    results = await asyncio.gather(commits.write(note("lost")), commits.write(orphan), return_exceptions=True)
    assert all(isinstance(result, sqlite3.IntegrityError) for result in results)
    assert stored(notes) == [] and commits.commits == 0
    await commits.write(note("next"))  # the connection is usable again, not left inside the failed transaction
    assert stored(notes) == ["next"]


async def test_flush_commits_what_waits_without_waiting_for_the_window(notes):
    commits = GroupCommit(notes, window=60)
    pending = asyncio.ensure_future(commits.write(note("now")))
    await asyncio.sleep(0)  # the write is queued
    commits.flush()
    assert await asyncio.wait_for(pending, 1) == 1
    assert stored(notes) == ["now"]


async def test_a_cancelled_caller_s_write_is_committed_all_the_same(notes):
    commits = GroupCommit(notes, window=0.01)
    abandoned = asyncio.ensure_future(commits.write(note("kept anyway")))
    await asyncio.sleep(0)
    abandoned.cancel()
    await commits.write(note("later"))
    assert stored(notes) == ["kept anyway", "later"]


def test_write_now_commits_on_return_without_an_event_loop(notes):
    assert GroupCommit(notes).write_now(note("alone")) == 1
    assert stored(notes) == ["alone"]
