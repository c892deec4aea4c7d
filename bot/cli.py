"""The `quizbot` command line."""

from __future__ import annotations

import getpass
import json
import sys
from pathlib import Path

import click

from bot.config import Settings, env_name


def _settings(db: Path | None) -> Settings:
    settings = Settings()
    if db is not None:
        settings.db_path = db
    return settings


def _service(settings: Settings):
    # imported here so `quizbot --help` and `bank` commands stay quick
    from bot.service import QuizService
    from questions.bank import load_bank
    from storage.db import open_db

    return QuizService(open_db(settings.db_path), load_bank())


def _console_member(user: str | None):
    from bot.identity import Member

    name = user or getpass.getuser()
    return Member(platform="console", workspace="local", user=name, name=name, workspace_name="this computer")


db_option = click.option(
    "--db",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="SQLite file (default: QUIZBOT_DB_PATH).",
)
user_option = click.option("--user", default=None, help="Whose attempts these are (default: your login name).")
scope_options = [
    click.option("--domain", default=None, help="Only this domain: MD, OPS or DEP (or its name)."),
    click.option("--section", default=None, help="Only this section, e.g. OPS.MONITOR."),
]


def with_scope(func):
    for option in reversed(scope_options):
        func = option(func)
    return func


@click.group()
def main() -> None:
    """Study bot for the Databricks Certified Machine Learning Professional exam."""


@main.command()
@click.option(
    "-n", "--count", default=10, show_default=True, type=click.IntRange(1, 200), help="Questions in the round."
)
@with_scope
@user_option
@db_option
def play(count: int, domain: str | None, section: str | None, user: str | None, db: Path | None) -> None:
    """Practice in the terminal: answer with letters, get the explanation at once."""
    from bot.console.play import play_round
    from bot.errors import QuizError

    settings = _settings(db)
    service = _service(settings)
    try:
        play_round(service, _console_member(user), count, section or domain, sys.stdin, sys.stdout)
    except QuizError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(f"Attempts are kept in {settings.db_path}")


@main.command()
@user_option
@db_option
def stats(user: str | None, db: Path | None) -> None:
    """Accuracy per domain and section from your stored attempts."""
    from bot.console import render

    service = _service(_settings(db))
    click.echo(render.stats(service.stats(_console_member(user))))


@main.command()
@click.argument("platform", required=False, type=click.Choice(["discord", "slack"]))
def run(platform: str | None) -> None:
    """Run the bot on Discord or Slack (needs that platform's settings)."""
    settings = Settings()
    configured = {
        "discord": settings.discord.token is not None,
        "slack": settings.slack.bot_token is not None and settings.slack.signing_secret is not None,
    }
    wanted = [platform] if platform else [name for name, ok in configured.items() if ok]
    missing = [name for name in wanted if not configured[name]]
    if not wanted or missing:
        raise click.ClickException(
            "No chat platform is configured" + (f" for {', '.join(missing)}" if missing else "") + ".\n"
            f"  Discord needs {env_name('discord', 'token')}.\n"
            f"  Slack needs {env_name('slack', 'bot_token')} and {env_name('slack', 'signing_secret')}"
            f" (and {env_name('slack', 'app_token')} for Socket Mode).\n"
            "Set them in the environment or in a .env file in the working directory.\n"
            "To study without a chat platform, run `quizbot play`."
        )
    raise click.ClickException(
        f"The {', '.join(wanted)} adapter is not part of this version yet; `quizbot play` works today."
    )


@main.group()
def bank() -> None:
    """Check the question bank."""


@bank.command()
def validate() -> None:
    """Validate every question file; exit non-zero on any problem."""
    from questions.bank import BankError, load_bank

    try:
        loaded = load_bank()
    except BankError as exc:
        click.echo(str(exc), err=True)
        sys.exit(1)
    click.echo(f"bank OK: {len(loaded.questions)} active questions ({len(loaded.all_questions)} in all)")


@bank.command()
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
@click.option("--domain", default=None, help="Only this domain: MD, OPS or DEP.")
def report(as_json: bool, domain: str | None) -> None:
    """Balance figures: counts, multiple-select share, key letters, longest keys, near duplicates."""
    from questions.bank import BankError, load_bank
    from questions.report import bank_report, format_report

    try:
        loaded = load_bank()
    except BankError as exc:
        click.echo(str(exc), err=True)
        sys.exit(1)
    figures = bank_report(loaded, domain.upper() if domain else None)
    click.echo(json.dumps(figures, indent=2) if as_json else format_report(figures))


if __name__ == "__main__":
    main()
