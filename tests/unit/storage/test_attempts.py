import sqlite3
from datetime import timedelta

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


def answer(store, user, question_id, correct, when):
    ask = store.create_ask(user, question_id, "practice", now=when)
    store.record_for_ask(ask, "MD.SCALE.7", "A" if correct else "B", correct, now=when)


def test_first_answer_tallies_count_each_persons_first_answer_in_the_workspace(db, clock):
    directory, store = DirectoryStore(db), AttemptStore(db)
    here, elsewhere = (directory.workspace("slack", t, now=clock()).id for t in ("T1", "T2"))
    me, ann, ben = (directory.user(here, u, now=clock()) for u in ("U-me", "U-ann", "U-ben"))
    stranger = directory.user(elsewhere, "U-x", now=clock())
    start = clock()
    answer(store, ann, "q-1", False, start)
    answer(store, ann, "q-1", True, start + timedelta(minutes=5))  # a repeat: not counted
    answer(store, ann, "q-2", True, start + timedelta(days=15))  # ann's second fortnight
    answer(store, ben, "q-1", True, start + timedelta(days=3))  # ben's first fortnight
    answer(store, me, "q-1", True, start)
    answer(store, stranger, "q-1", True, start)  # another workspace: left out
    tallies = store.first_answer_tallies(here, 14)
    assert tallies.per_question == {"q-1": (2, 3), "q-2": (1, 1)}
    assert tallies.per_period == {(ann, 0): (0, 1), (ann, 1): (1, 1), (ben, 0): (1, 1), (me, 0): (1, 1)}
    assert store.workspace_of(me) == here and store.workspace_of(stranger) == elsewhere
