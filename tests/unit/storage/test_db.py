import sqlite3

import pytest

from storage.db import open_db, schema_version
from storage.migrations import MIGRATIONS


def test_open_applies_migrations_and_pragmas(db):
    assert schema_version(db) == MIGRATIONS[-1][0]
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert db.execute("PRAGMA busy_timeout").fetchone()[0] >= 1000
    assert {"workspaces", "channels", "users", "asks", "attempts"} <= set(db.table_names())


def test_reopening_does_not_reapply_migrations(db_path):
    open_db(db_path).conn.close()
    again = open_db(db_path)
    assert again.execute("SELECT COUNT(*) FROM schema_version").fetchone()[0] == len(MIGRATIONS)


def test_foreign_keys_are_enforced(db):
    with pytest.raises(sqlite3.IntegrityError):
        db.execute("INSERT INTO users (workspace_id, external_id, created_at) VALUES (999, 'u', 'now')")


def test_a_teams_member_count_reads_the_team_index_not_every_membership(db):
    plan = " ".join(
        str(row[-1])
        for row in db.execute("EXPLAIN QUERY PLAN SELECT COUNT(*) FROM team_members x WHERE x.team_id = ?", [1])
    )
    assert "team_members_by_team" in plan and "SCAN" not in plan
