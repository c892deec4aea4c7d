import sqlite3

import pytest

from storage.attempts import AttemptStore
from storage.directory import DirectoryStore


@pytest.fixture
def user_id(db, clock):
    directory = DirectoryStore(db)
    return directory.user(directory.workspace("slack", "T1", now=clock()).id, "U1", now=clock())


def test_an_ask_is_answered_once(db, clock, user_id):
    store = AttemptStore(db)
    ask = store.create_ask(user_id, "q-1", "practice", now=clock())
    first = store.record_for_ask(ask, "MD.SCALE.7", "A", True, now=clock())
    second = store.record_for_ask(ask, "MD.SCALE.7", "B", False, now=clock())
    assert first.created and not second.created
    assert second.attempt == first.attempt
    assert db.execute("SELECT COUNT(*) FROM attempts").fetchone()[0] == 1


def test_database_refuses_a_second_attempt_for_an_ask(db, clock, user_id):
    store = AttemptStore(db)
    ask = store.create_ask(user_id, "q-1", "practice", now=clock())
    store.record_for_ask(ask, "MD.SCALE.7", "A", True, now=clock())
    with pytest.raises(sqlite3.IntegrityError):
        db.execute(
            "INSERT INTO attempts (user_id, question_id, objective_id, mode, ask_id, chosen, correct, answered_at)"
            " VALUES (?, 'q-1', 'MD.SCALE.7', 'practice', ?, 'B', 0, 'x')",
            [user_id, ask.id],
        )


def test_served_counts_per_user(db, clock, user_id):
    store = AttemptStore(db)
    for qid in ["q-1", "q-2", "q-1"]:
        store.create_ask(user_id, qid, "practice", now=clock())
    assert store.served_counts(user_id) == {"q-1": 2, "q-2": 1}
