"""What the database-building benchmarks share: one Slack workspace (row 1, 'T-bench') with its channels and
people, inserted in bulk inside the caller's transaction."""

from __future__ import annotations

import sqlite3


def seed_workspace(
    conn: sqlite3.Connection,
    created: str,
    *,
    people: int,
    channels: int = 0,
    season_period: str = "week",
    person_name: str = "person {}",
) -> None:
    """Workspace 1 with channels 1..`channels` ('C1', 'chan-1', ...) and users 1..`people` ('U1', named by
    `person_name`, e.g. 'person {:05d}')."""
    conn.execute(
        "INSERT INTO workspaces (id, platform, external_id, name, timezone, season_period, created_at)"
        " VALUES (1, 'slack', 'T-bench', 'Bench', 'UTC', ?, ?)",
        [season_period, created],
    )
    conn.executemany(
        "INSERT INTO channels (id, workspace_id, external_id, name, created_at) VALUES (?, 1, ?, ?, ?)",
        ((c, f"C{c}", f"chan-{c}", created) for c in range(1, channels + 1)),
    )
    conn.executemany(
        "INSERT INTO users (id, workspace_id, external_id, display_name, created_at) VALUES (?, 1, ?, ?, ?)",
        ((u, f"U{u}", person_name.format(u), created) for u in range(1, people + 1)),
    )
