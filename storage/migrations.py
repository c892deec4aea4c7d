"""Forward-only schema migrations: (version, statements). Never edit a published one; add the next.
A statement is SQL text or a callable taking the connection (for data steps such as backfills)."""

import sqlite3
from collections.abc import Callable

from storage.scores import backfill_scores

MIGRATIONS: list[tuple[int, list[str | Callable[[sqlite3.Connection], None]]]] = [
    (
        1,
        [
            """CREATE TABLE schema_version (
                version INTEGER PRIMARY KEY,
                applied_at TEXT NOT NULL
            )""",
            """CREATE TABLE workspaces (
                id INTEGER PRIMARY KEY,
                platform TEXT NOT NULL CHECK (platform IN ('discord', 'slack', 'console')),
                external_id TEXT NOT NULL,
                name TEXT NOT NULL DEFAULT '',
                timezone TEXT NOT NULL DEFAULT 'UTC',
                season_period TEXT NOT NULL DEFAULT 'week' CHECK (season_period IN ('week', 'month')),
                created_at TEXT NOT NULL,
                UNIQUE (platform, external_id)
            )""",
            """CREATE TABLE channels (
                id INTEGER PRIMARY KEY,
                workspace_id INTEGER NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
                external_id TEXT NOT NULL,
                name TEXT NOT NULL DEFAULT '',
                created_at TEXT NOT NULL,
                UNIQUE (workspace_id, external_id)
            )""",
            """CREATE TABLE users (
                id INTEGER PRIMARY KEY,
                workspace_id INTEGER NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
                external_id TEXT NOT NULL,
                display_name TEXT NOT NULL DEFAULT '',
                created_at TEXT NOT NULL,
                UNIQUE (workspace_id, external_id)
            )""",
            # A question served to one person for practice; answering it is keyed on the ask,
            # so a double click or a platform retry cannot record a second attempt.
            """CREATE TABLE asks (
                id INTEGER PRIMARY KEY,
                user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
                question_id TEXT NOT NULL,
                mode TEXT NOT NULL CHECK (mode IN ('practice', 'adaptive')),
                asked_at TEXT NOT NULL
            )""",
            "CREATE INDEX asks_user ON asks(user_id, question_id)",
            """CREATE TABLE attempts (
                id INTEGER PRIMARY KEY,
                user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
                question_id TEXT NOT NULL,
                objective_id TEXT NOT NULL,
                mode TEXT NOT NULL CHECK (mode IN ('practice', 'adaptive', 'daily', 'exam')),
                ask_id INTEGER UNIQUE REFERENCES asks(id) ON DELETE CASCADE,
                chosen TEXT NOT NULL,
                correct INTEGER NOT NULL CHECK (correct IN (0, 1)),
                answered_at TEXT NOT NULL
            )""",
            "CREATE INDEX attempts_user ON attempts(user_id, answered_at)",
        ],
    ),
    (
        2,
        [
            """CREATE TABLE schedules (
                channel_id INTEGER PRIMARY KEY REFERENCES channels(id) ON DELETE CASCADE,
                local_time TEXT NOT NULL,
                timezone TEXT NOT NULL,
                weekdays TEXT NOT NULL,
                open_hours INTEGER CHECK (open_hours IS NULL OR open_hours BETWEEN 1 AND 24),
                feedback TEXT NOT NULL DEFAULT 'reveal' CHECK (feedback IN ('reveal', 'immediate')),
                paused INTEGER NOT NULL DEFAULT 0,
                paused_reason TEXT NOT NULL DEFAULT '',
                updated_at TEXT NOT NULL
            )""",
            # One daily post per channel per local date, whatever retries or restarts happen.
            """CREATE TABLE posts (
                id INTEGER PRIMARY KEY,
                channel_id INTEGER NOT NULL REFERENCES channels(id) ON DELETE CASCADE,
                local_date TEXT NOT NULL,
                question_id TEXT NOT NULL,
                scheduled_for TEXT NOT NULL,
                status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'open', 'revealed', 'failed')),
                posted_at TEXT,
                closes_at TEXT,
                revealed_at TEXT,
                message_ref TEXT,
                UNIQUE (channel_id, local_date)
            )""",
            "CREATE INDEX posts_status ON posts(status, closes_at)",
            """CREATE TABLE teams (
                id INTEGER PRIMARY KEY,
                workspace_id INTEGER NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
                name TEXT NOT NULL COLLATE NOCASE,
                created_at TEXT NOT NULL,
                UNIQUE (workspace_id, name)
            )""",
            # One team per person per workspace.
            """CREATE TABLE team_members (
                user_id INTEGER PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
                team_id INTEGER NOT NULL REFERENCES teams(id) ON DELETE CASCADE,
                joined_at TEXT NOT NULL
            )""",
            "ALTER TABLE attempts ADD COLUMN post_id INTEGER REFERENCES posts(id) ON DELETE CASCADE",
            # The team the person was in when answering: points stay with that team after a move.
            "ALTER TABLE attempts ADD COLUMN team_id INTEGER REFERENCES teams(id) ON DELETE SET NULL",
            "ALTER TABLE attempts ADD COLUMN points INTEGER NOT NULL DEFAULT 0",
            "CREATE UNIQUE INDEX attempts_one_per_post ON attempts(post_id, user_id) WHERE post_id IS NOT NULL",
            "CREATE INDEX attempts_daily ON attempts(mode, answered_at) WHERE mode = 'daily'",
            """CREATE TABLE season_closes (
                workspace_id INTEGER NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
                season_key TEXT NOT NULL,
                closed_at TEXT NOT NULL,
                PRIMARY KEY (workspace_id, season_key)
            )""",
        ],
    ),
    (
        3,
        [
            """CREATE TABLE exams (
                id INTEGER PRIMARY KEY,
                user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
                size INTEGER NOT NULL,
                started_at TEXT NOT NULL,
                deadline TEXT NOT NULL,
                finished_at TEXT,
                status TEXT NOT NULL DEFAULT 'in_progress'
                    CHECK (status IN ('in_progress', 'submitted', 'expired'))
            )""",
            # One exam in progress per person, whatever device or restart.
            "CREATE UNIQUE INDEX exams_one_in_progress ON exams(user_id) WHERE status = 'in_progress'",
            """CREATE TABLE exam_items (
                exam_id INTEGER NOT NULL REFERENCES exams(id) ON DELETE CASCADE,
                position INTEGER NOT NULL,
                question_id TEXT NOT NULL,
                chosen TEXT,
                flagged INTEGER NOT NULL DEFAULT 0,
                answered_at TEXT,
                PRIMARY KEY (exam_id, position)
            )""",
            """CREATE TABLE review_cards (
                user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
                question_id TEXT NOT NULL,
                card TEXT NOT NULL,
                due TEXT NOT NULL,
                PRIMARY KEY (user_id, question_id)
            )""",
            "CREATE INDEX review_cards_due ON review_cards(user_id, due)",
            """CREATE TABLE question_reports (
                id INTEGER PRIMARY KEY,
                user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
                question_id TEXT NOT NULL,
                reason TEXT NOT NULL,
                created_at TEXT NOT NULL
            )""",
        ],
    ),
    (
        4,
        [
            # Leaderboard totals kept up to date in the same transaction as each daily answer, per
            # season and all time ('all'), per channel and for the whole workspace (channel_id 0).
            """CREATE TABLE scores (
                workspace_id INTEGER NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
                channel_id INTEGER NOT NULL,
                season_key TEXT NOT NULL,
                user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
                points INTEGER NOT NULL DEFAULT 0,
                correct INTEGER NOT NULL DEFAULT 0,
                answered INTEGER NOT NULL DEFAULT 0,
                PRIMARY KEY (workspace_id, channel_id, season_key, user_id)
            )""",
            "CREATE INDEX scores_rank ON scores(workspace_id, channel_id, season_key, points DESC, user_id)",
            """CREATE TABLE team_scores (
                team_id INTEGER NOT NULL REFERENCES teams(id) ON DELETE CASCADE,
                season_key TEXT NOT NULL,
                points INTEGER NOT NULL DEFAULT 0,
                correct INTEGER NOT NULL DEFAULT 0,
                active_members INTEGER NOT NULL DEFAULT 0,
                PRIMARY KEY (team_id, season_key)
            )""",
            """CREATE TABLE team_active (
                team_id INTEGER NOT NULL REFERENCES teams(id) ON DELETE CASCADE,
                season_key TEXT NOT NULL,
                user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
                PRIMARY KEY (team_id, season_key, user_id)
            )""",
            backfill_scores,
        ],
    ),
    (
        5,
        [
            # Why a daily post failed, in words an admin can act on; whether the platform may have shown it
            # anyway (a timed-out reply: retrying could post it twice); how many times it was tried again.
            "ALTER TABLE posts ADD COLUMN failure TEXT",
            "ALTER TABLE posts ADD COLUMN maybe_posted INTEGER NOT NULL DEFAULT 0",
            "ALTER TABLE posts ADD COLUMN retries INTEGER NOT NULL DEFAULT 0",
        ],
    ),
    (
        6,
        [
            # The answers of people who had their data deleted, without who gave them: a revealed post's
            # tally (how many chose what, how many were right) stays as it was shown.
            """CREATE TABLE anonymous_answers (
                post_id INTEGER NOT NULL REFERENCES posts(id) ON DELETE CASCADE,
                chosen TEXT NOT NULL,
                correct INTEGER NOT NULL CHECK (correct IN (0, 1))
            )""",
            "CREATE INDEX anonymous_answers_post ON anonymous_answers(post_id)",
        ],
    ),
    (
        7,
        [
            # When the app was removed from the workspace (uninstalled, token revoked, bot left the server);
            # its data is deleted once a grace period has passed, unless it came back.
            "ALTER TABLE workspaces ADD COLUMN removed_at TEXT",
        ],
    ),
    (
        8,
        [
            # A practice set: a fixed list of questions asked one after the other (the person's mistakes to
            # review, or questions named by id); each ask served from it says which set and which position.
            """CREATE TABLE practice_sets (
                id INTEGER PRIMARY KEY,
                user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
                kind TEXT NOT NULL CHECK (kind IN ('review', 'ids')),
                question_ids TEXT NOT NULL,
                created_at TEXT NOT NULL
            )""",
            "ALTER TABLE asks ADD COLUMN set_id INTEGER REFERENCES practice_sets(id) ON DELETE CASCADE",
            "ALTER TABLE asks ADD COLUMN set_position INTEGER",
        ],
    ),
    (
        9,
        [
            # The day a person sits the real exam (their own date, no time zone): the plan and the checklist
            # count down to it, spread what is left over the days and schedule the mock exams.
            """CREATE TABLE exam_dates (
                user_id INTEGER PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
                exam_date TEXT NOT NULL,
                set_at TEXT NOT NULL
            )""",
            # Mock exams given up before submitting: the exam and its answers are deleted, and its id stays
            # here so that no later exam gets it (an old button of the abandoned exam must not act on a new one).
            """CREATE TABLE abandoned_exams (
                id INTEGER PRIMARY KEY,
                user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
                size INTEGER NOT NULL,
                answered INTEGER NOT NULL,
                abandoned_at TEXT NOT NULL
            )""",
        ],
    ),
    (
        10,
        [
            # A "reviewed and kept" mark on a flagged question: its flags stay quiet until new evidence (more
            # people than at the mark by a set amount, or a flag that was not there when it was kept). A workspace
            # admin's mark holds in their workspace; the terminal's (workspace_id NULL) everywhere.
            """CREATE TABLE item_keeps (
                workspace_id INTEGER REFERENCES workspaces(id) ON DELETE CASCADE,
                question_id TEXT NOT NULL,
                kept_at TEXT NOT NULL,
                people INTEGER NOT NULL,
                flags TEXT NOT NULL,
                kept_by INTEGER REFERENCES users(id) ON DELETE SET NULL
            )""",
            "CREATE UNIQUE INDEX item_keeps_one ON item_keeps(COALESCE(workspace_id, 0), question_id)",
            # A report's triage: when and how an admin resolved it, and who (a user row: an admin who deletes
            # their data leaves the resolution without a name).
            "ALTER TABLE question_reports ADD COLUMN resolved_at TEXT",
            "ALTER TABLE question_reports ADD COLUMN resolution TEXT",
            "ALTER TABLE question_reports ADD COLUMN resolved_by INTEGER REFERENCES users(id) ON DELETE SET NULL",
            "CREATE INDEX question_reports_open ON question_reports(resolved_at, created_at)",
            # The channel an admin chose for the weekly digest of new reports and new flags, when the last one
            # went out and which questions were flagged then (so the next says what is new).
            """CREATE TABLE item_digests (
                workspace_id INTEGER PRIMARY KEY REFERENCES workspaces(id) ON DELETE CASCADE,
                channel_id INTEGER NOT NULL REFERENCES channels(id) ON DELETE CASCADE,
                set_at TEXT NOT NULL,
                sent_at TEXT,
                flagged TEXT NOT NULL DEFAULT ''
            )""",
        ],
    ),
    (
        11,
        [
            # The web dashboard's sign-in: a one-time link's token (only its SHA-256 is kept) for one person,
            # valid a few minutes and used once; and the server-side sessions it starts (the id's hash only).
            # Both name the workspace, so that every dashboard query can be scoped by it.
            """CREATE TABLE web_links (
                token_hash TEXT PRIMARY KEY,
                workspace_id INTEGER NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
                user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
                is_admin INTEGER NOT NULL DEFAULT 0 CHECK (is_admin IN (0, 1)),
                created_at TEXT NOT NULL,
                expires_at TEXT NOT NULL,
                used_at TEXT
            )""",
            """CREATE TABLE web_sessions (
                session_hash TEXT PRIMARY KEY,
                workspace_id INTEGER NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
                user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
                is_admin INTEGER NOT NULL DEFAULT 0 CHECK (is_admin IN (0, 1)),
                csrf TEXT NOT NULL,
                created_at TEXT NOT NULL,
                expires_at TEXT NOT NULL
            )""",
            "CREATE INDEX web_sessions_expiry ON web_sessions(expires_at)",
            "CREATE INDEX web_links_expiry ON web_links(expires_at)",
            # The bank page's answer counts per question, read without touching the attempts rows.
            "CREATE INDEX attempts_question ON attempts(question_id, user_id, correct)",
            # The team page lists a workspace's people by name, a page at a time.
            "CREATE INDEX users_by_name ON users(workspace_id, display_name COLLATE NOCASE, id)",
        ],
    ),
    (
        12,
        [
            # A team's members by team: the member counts of the team boards and team pages read them without
            # scanning every membership (30 ms to 1.8 ms a team board with 100,000 people in teams).
            "CREATE INDEX team_members_by_team ON team_members(team_id)",
        ],
    ),
]
