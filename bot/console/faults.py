"""What the terminal says when its surroundings fail (a settings value, the database file, a directory, the
question bank): one line naming the problem and what to do. The CLI's error boundary asks here; an error
not known here is a bug, and keeps its traceback."""

from __future__ import annotations

import re
import sqlite3

from pydantic import ValidationError
from pydantic_settings import SettingsError

from bot.config import env_name
from bot.console.render import refusal
from bot.services.errors import QuizError, clipped
from questions.bank import BankError
from storage.db import RESTORE_ADVICE, BackupError, RestoreError, UnusableDatabaseError

SETTINGS_ADVICE = "in the environment or in the .env file of the working directory, or unset for the default"


def explain(error: BaseException) -> str | None:
    """The one-line message for a known fault, or None for an error this module does not know."""
    if isinstance(error, QuizError):
        return refusal(error)
    if isinstance(error, ValidationError) and error.title == "Settings":
        return _settings(error)
    if isinstance(error, SettingsError):  # a value that is not even readable, e.g. QUIZBOT_DISCORD=notjson
        field = re.search(r'field "(\w+)"', str(error))
        return f"{env_name(field.group(1)) if field else 'a setting'} cannot be read; set it {SETTINGS_ADVICE}"
    if isinstance(error, UnusableDatabaseError | BackupError | RestoreError):
        return str(error)
    if isinstance(error, BankError):
        first = error.problems[0] if error.problems else "?"
        return (
            f"the question bank is broken ({len(error.problems)} problem(s), first: {first}); "
            "`quizbot bank validate` lists them; reinstall the package to get the shipped bank"
        )
    if isinstance(error, sqlite3.DatabaseError):
        return _database(str(error))
    if isinstance(error, OSError):
        where = f"{error.filename}: " if error.filename else ""
        return f"{where}{error.strerror or error}; check the path and its permissions"
    return None


def _settings(error: ValidationError) -> str:
    problems = []
    for problem in error.errors():
        name = env_name(*map(str, problem["loc"]))
        reason = problem["msg"].removeprefix("Value error, ")
        problems.append(f"{name}{_shown_value(name, problem.get('input'))} is not valid ({reason})")
    return "; ".join(problems) + f"; set {'it' if len(problems) == 1 else 'them'} {SETTINGS_ADVICE}"


def _shown_value(name: str, value: object) -> str:
    """The offending value, when it is a plain value and not a secret (a token is never echoed)."""
    if not isinstance(value, str | int | float) or any(word in name for word in ("TOKEN", "SECRET")):
        return ""
    return "=" + repr(clipped(str(value), 40))


def _database(problem: str) -> str:
    if "readonly" in problem:
        return "the database is read-only; make the file and its directory writable, or set QUIZBOT_DB_PATH"
    if "locked" in problem or "busy" in problem:
        return "the database is busy (another process holds a lock); try again in a moment"
    if "full" in problem:
        return "the disk holding the database is full; free some space and try again"
    if "malformed" in problem or "not a database" in problem:
        return f"the database is damaged ({problem}); {RESTORE_ADVICE}"
    return f"the database failed ({problem}); if it keeps failing, {RESTORE_ADVICE}"
