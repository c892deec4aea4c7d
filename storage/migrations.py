"""Forward-only schema migrations: (version, statements). Never edit a published one; add the next."""

MIGRATIONS: list[tuple[int, list[str]]] = [
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
]
