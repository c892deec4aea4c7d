"""SQLite persistence through sqlite-utils: schema, migrations and one small store per aggregate."""
