"""The `quizbot` command line."""

from __future__ import annotations

import getpass
import json
import sys
from pathlib import Path

import click

from bot.config import Settings, env_name
from bot.services.bounds import (
    DEFAULT_FEEDBACK,
    DEFAULT_WEEKDAYS,
    FEEDBACK_MODES,
    MAX_OPEN_HOURS,
    MIN_OPEN_HOURS,
    REVIEW_ORDERS,
)
from bot.services.web_access import LINK_MINUTES


def _settings(db: Path | None) -> Settings:
    settings = Settings()
    if db is not None:
        settings.db_path = db
    return settings


def _service(settings: Settings):
    # imported here so `quizbot --help` and `bank` commands stay quick
    from bot.services.context import ServiceContext
    from bot.services.practice import PracticeService
    from questions.bank import load_bank
    from storage.db import open_db

    return PracticeService(
        ServiceContext(
            open_db(settings.db_path), load_bank(), readiness_half_life_days=settings.readiness_half_life_days
        )
    )


def _console_member(user: str | None):
    from bot.services.identity import Member

    name = user or getpass.getuser()
    # on the local console everyone manages their own workspace
    return Member("console", "local", name, name=name, workspace_name="this computer", is_admin=True)


def _show(text: str) -> None:
    """The terminal's output path: fitted to the terminal's width, coloured only on a terminal."""
    from bot.console.screen import show

    show(text)


def _app(settings: Settings):
    """Every service over the settings' database, posting to the terminal."""
    from bot.app import build_app
    from bot.console.poster import ConsolePoster

    app = build_app(settings)
    app.add_poster("console", ConsolePoster())
    return app


class QuizCommands(click.Group):
    """The terminal's error boundary: a refusal from the services, or a fault of the surroundings (a settings
    value, the database file, a directory, the question bank), becomes one line on stderr and exit 1; an
    error it does not know is a bug and keeps its traceback."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except click.exceptions.Abort:
            # a "no", Ctrl-C or the end of input at a confirmation prompt: every one comes before any change
            click.echo("Nothing was changed.", err=True)
            raise click.exceptions.Exit(1) from None
        except KeyboardInterrupt:
            # Ctrl-C while practising (or serving): each answer was stored when it was given
            click.echo("\nStopped; every answer already given is saved.", err=True)
            raise click.exceptions.Exit(130) from None
        except Exception as exc:
            from bot.console.faults import explain

            message = explain(exc)
            if message is None:
                raise
            raise click.ClickException(message) from exc


def _a_name(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """A local user or channel name: not empty, on one line, and not a path."""
    if value is None:
        return None
    name = value.strip()
    if not name or not name.isprintable() or any(mark in name for mark in "/\\"):
        raise click.ClickException(f"--{param.name} needs a name, without / or \\ (got {value!r})")
    return name


db_option = click.option(
    "--db",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="SQLite file (default: QUIZBOT_DB_PATH).",
)
user_option = click.option(
    "--user", default=None, callback=_a_name, help="Whose attempts these are (default: your login name)."
)
scope_options = [
    click.option("--domain", default=None, help="Only this domain: MD, OPS or DEP (or its name)."),
    click.option("--section", default=None, help="Only this section, e.g. OPS.MONITOR."),
]


def with_scope(func):
    for option in reversed(scope_options):
        func = option(func)
    return func


@click.group(cls=QuizCommands)
def main() -> None:
    """Study bot for the Databricks Certified Machine Learning Professional exam."""


@main.command()
@click.option(
    "-n", "--count", default=10, show_default=True, type=click.IntRange(1, 200), help="Questions in the round."
)
@with_scope
@click.option("--id", "ids", default=None, help="Only these questions, e.g. md-sparkml-001,ops-drift-002.")
@user_option
@db_option
def play(
    count: int, domain: str | None, section: str | None, ids: str | None, user: str | None, db: Path | None
) -> None:
    """Practice in the terminal: answer with letters, get the explanation at once."""
    from bot.console.play import play_round
    from bot.services.errors import QuizError

    settings = _settings(db)
    if ids is not None:
        _play_set(settings, user, lambda app, member: app.study.practice_ids(member, ids))
        click.echo(f"Attempts are kept in {settings.db_path}")
        return
    service = _service(settings)
    try:
        play_round(service, _console_member(user), count, section or domain, sys.stdin, sys.stdout, adaptive=False)
    except QuizError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(f"Attempts are kept in {settings.db_path}")


@main.command()
@click.option(
    "-n", "--count", default=10, show_default=True, type=click.IntRange(1, 200), help="Questions in the round."
)
@with_scope
@user_option
@db_option
def practice(count: int, domain: str | None, section: str | None, user: str | None, db: Path | None) -> None:
    """Adaptive practice: questions due for review first, then your weak objectives, then new ones."""
    from bot.console.play import play_round
    from bot.services.errors import QuizError

    service = _service(_settings(db))
    try:
        play_round(service, _console_member(user), count, section or domain, sys.stdin, sys.stdout, adaptive=True)
    except QuizError as exc:
        raise click.ClickException(str(exc)) from exc


@main.group(invoke_without_command=True)
@click.option(
    "--size", type=click.Choice(["59", "30", "15"]), default="59", show_default=True, help="Full or short exam."
)
@user_option
@db_option
@click.pass_context
def exam(ctx: click.Context, size: str, user: str | None, db: Path | None) -> None:
    """A timed mock exam (or resume the one in progress): 59 questions in 120 minutes, or a short one.
    `quizbot exam abandon` gives up the one in progress."""
    if ctx.invoked_subcommand is not None:
        return
    from bot.console.exam import take_exam
    from bot.services.exam import ExamService

    service = _service(_settings(db))
    size_given = ctx.get_parameter_source("size") is not click.core.ParameterSource.DEFAULT
    exams = ExamService(service.context, service)
    code = take_exam(exams, _console_member(user), int(size), sys.stdin, sys.stdout, size_given=size_given)
    if code:
        ctx.exit(code)


@exam.command("abandon")
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
@user_option
@db_option
def exam_abandon(yes: bool, user: str | None, db: Path | None) -> None:
    """Give up your exam in progress: its answers are not kept and nothing is scored."""
    from bot.console import render

    app, member = _app(_settings(db)), _console_member(user)
    status = app.exam.status(member)
    if not yes and not click.confirm(status.abandon_question, default=False):
        click.echo("Kept: resume it with `quizbot exam`.")
        return
    _show(render.exam_abandoned(app.exam.abandon(member, status.exam_id)))


# -- the learner's loop: review, history, past exam reports, search ---------------------------------------
def _play_set(settings: Settings, user: str | None, start) -> None:
    """Play the practice set that `start(app, member)` opens (its first question)."""
    from bot.console.study import play_set

    app, member = _app(settings), _console_member(user)
    play_set(app.study, app.practice, member, start(app, member), sys.stdin, sys.stdout)


@main.command()
@click.option("--by", "order", type=click.Choice(REVIEW_ORDERS), default=REVIEW_ORDERS[0], show_default=True)
@user_option
@db_option
def review(order: str, user: str | None, db: Path | None) -> None:
    """Your mistakes again: the questions you got wrong and have not got right since, as practice."""
    _play_set(_settings(db), user, lambda app, member: app.study.review(member, order))


@main.command()
@user_option
@db_option
def history(user: str | None, db: Path | None) -> None:
    """Your practice rounds and mock exams with their scores, and your progress week by week."""
    from bot.console import render_study

    _show(render_study.history(_app(_settings(db)).history.history(_console_member(user))))


@exam.command("result")
@click.argument("exam_id", type=int, required=False)
@user_option
@db_option
def exam_result(exam_id: int | None, user: str | None, db: Path | None) -> None:
    """The report of a finished mock exam (your latest without an ID; `quizbot history` lists them)."""
    from bot.console import render

    _show(render.exam_report(_app(_settings(db)).history.exam_result(_console_member(user), exam_id)))


@main.command()
@click.argument("words", nargs=-1, required=True)
@click.option("--all", "everything", is_flag=True, help="Admins: search every question, answered or not.")
@user_option
@db_option
def search(words: tuple[str, ...], everything: bool, user: str | None, db: Path | None) -> None:
    """Search the questions you have answered by words, objective (OPS.MONITOR.2), section or id."""
    from bot.console import render_study

    view = _app(_settings(db)).study.search(_console_member(user), " ".join(words), everything=everything)
    _show(render_study.search(view))


@main.command()
@click.option(
    "--chart",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Where to write the chart, a .png or .jpg file (default: quizbot-stats-USER.png beside the database).",
)
@click.option("--no-chart", is_flag=True, help="Skip the chart.")
@user_option
@db_option
def stats(chart: Path | None, no_chart: bool, user: str | None, db: Path | None) -> None:
    """Accuracy per domain and section, readiness, and a chart, from your stored attempts."""
    from bot.console import render
    from bot.services.charts import IMAGE_FORMATS

    if chart is not None and chart.suffix.lower() not in IMAGE_FORMATS:
        raise click.ClickException(f"--chart writes {', '.join(IMAGE_FORMATS)} files; {chart.name} is none of them")
    settings = _settings(db)
    service = _service(settings)
    member = _console_member(user)
    view = service.stats(member)
    _show(render.stats(view))
    if no_chart:
        return
    if not view.answered:
        click.echo("No chart until there are answers to draw.")
        return
    path = chart or settings.db_path.parent / f"quizbot-stats-{member.user}.png"
    path.write_bytes(service.stats_chart(member, IMAGE_FORMATS[path.suffix.lower()]) or b"")
    click.echo(f"Chart written to {path.resolve()}")


channel_option = click.option(
    "--channel", default="local", show_default=True, callback=_a_name, help="The local channel name."
)


@main.group()
def daily() -> None:
    """The daily question of a local channel: set it up, post, answer, reveal, or run the scheduler."""


@daily.command("setup")
@click.option("--time", "local_time", required=True, help="Local time, 24-hour HH:MM.")
@click.option("--tz", "timezone", required=True, help="IANA time zone, e.g. Europe/Berlin.")
@click.option("--weekdays", default=DEFAULT_WEEKDAYS, show_default=True, help="mon-fri, mon,wed,fri, daily ...")
@click.option(
    "--open-hours", type=click.IntRange(MIN_OPEN_HOURS, MAX_OPEN_HOURS), default=None, help="Hours answers stay open."
)
@click.option("--feedback", type=click.Choice(FEEDBACK_MODES), default=DEFAULT_FEEDBACK, show_default=True)
@channel_option
@user_option
@db_option
def daily_setup(local_time, timezone, weekdays, open_hours, feedback, channel, user, db) -> None:
    """Give the channel a daily question."""
    from bot.console import render
    from bot.services.context import ChannelTarget

    c = _app(_settings(db))
    view = c.daily_setup.configure(
        _console_member(user),
        ChannelTarget(channel, channel),
        local_time=local_time,
        timezone=timezone,
        weekdays=weekdays,
        open_hours=open_hours,
        feedback=feedback,
    )
    _show(render.schedule(view))


@daily.command("show")
@channel_option
@user_option
@db_option
def daily_show(channel, user, db) -> None:
    """Show the channel's schedule."""
    from bot.console import render

    _show(render.schedule(_on_channel(db, user, channel, lambda c, m, t: c.daily_setup.show(m, t))))


@daily.command("pause")
@channel_option
@user_option
@db_option
def daily_pause(channel, user, db) -> None:
    """Pause the channel's daily question."""
    _set_paused(channel, user, db, True)


@daily.command("resume")
@channel_option
@user_option
@db_option
def daily_resume(channel, user, db) -> None:
    """Resume the channel's daily question."""
    _set_paused(channel, user, db, False)


def _on_channel(db, user, channel, action):
    """Run `action(app, member, channel_target)` for a local channel, awaiting it if async."""
    import asyncio
    import inspect

    from bot.services.context import ChannelTarget

    c = _app(_settings(db))

    def call():
        result = action(c, _console_member(user), ChannelTarget(channel, channel))
        return asyncio.run(result) if inspect.iscoroutine(result) else result

    return call()


def _set_paused(channel, user, db, paused: bool) -> None:
    from bot.console import render

    _show(render.schedule(_on_channel(db, user, channel, lambda c, m, t: c.daily_setup.set_paused(m, t, paused))))


@daily.command("post-now")
@channel_option
@user_option
@db_option
def daily_post_now(channel, user, db) -> None:
    """Post today's question now (once per local date)."""
    _on_channel(db, user, channel, lambda c, m, t: c.daily.post_now(m, t))


@daily.command("answer")
@click.argument("letters")
@channel_option
@user_option
@db_option
def daily_answer(letters, channel, user, db) -> None:
    """Answer the channel's open question, e.g. `quizbot daily answer B` or `A,C`."""
    from bot.console import render

    view = _on_channel(db, user, channel, lambda c, m, t: c.daily.answer(m, c.daily.open_post(m, t).id, letters))
    _show(render.daily_answer(view))


@daily.command("reveal-now")
@channel_option
@user_option
@db_option
def daily_reveal_now(channel, user, db) -> None:
    """Close the channel's open question and reveal it."""
    _on_channel(db, user, channel, lambda c, m, t: c.daily.reveal_now(m, t))


@daily.command("run")
@db_option
def daily_run(db) -> None:
    """Run the scheduler in the foreground, printing posts, reveals and season results (Ctrl-C stops)."""
    import asyncio

    c = _app(_settings(db))

    async def forever():
        await c.scheduler.start()
        click.echo(f"Scheduler running with {len(c.daily.schedules.all())} schedule(s); Ctrl-C stops.")
        try:
            await asyncio.Event().wait()
        finally:
            c.scheduler.shutdown()

    try:
        asyncio.run(forever())
    except KeyboardInterrupt:
        click.echo("Stopped.")


@main.command()
@click.option("--scope", type=click.Choice(["channel", "workspace", "team"]), default="workspace", show_default=True)
@click.option("--period", type=click.Choice(["season", "all"]), default="season", show_default=True)
@click.option("--top", type=click.IntRange(1, 100), default=10, show_default=True)
@channel_option
@user_option
@db_option
def leaderboard(scope, period, top, channel, user, db) -> None:
    """Individual or team standings for the season or all time."""
    from bot.console import render

    c = _app(_settings(db))
    view = c.competition.leaderboard(_console_member(user), scope, period, channel_id_on_platform=channel, top=top)
    _show(render.leaderboard(view))


@main.group()
def team() -> None:
    """Teams of the local workspace."""


@team.command("create")
@click.argument("name")
@user_option
@db_option
def team_create(name, user, db) -> None:
    """Create a team; you join it."""
    c = _app(_settings(db))
    created = c.competition.create_team(_console_member(user), name)
    left = f" (you left {created.left})" if created.left else ""
    click.echo(f"Team {created.name!r} created; you are its first member{left}.")


@team.command("join")
@click.argument("name")
@user_option
@db_option
def team_join(name, user, db) -> None:
    """Join a team (moving from your current one)."""
    c = _app(_settings(db))
    joined, left = c.competition.join_team(_console_member(user), name)
    moved = f" (left {left}; the points you earned there stay with it)" if left else ""
    click.echo(f"You are in {joined.name} now{moved}.")


@team.command("leave")
@user_option
@db_option
def team_leave(user, db) -> None:
    """Leave your team."""
    c = _app(_settings(db))
    click.echo(f"You left {c.competition.leave_team(_console_member(user))}.")


@team.command("list")
@user_option
@db_option
def team_list(user, db) -> None:
    """List the teams."""
    from bot.console import render

    c = _app(_settings(db))
    _show(render.teams(c.competition.list_teams(_console_member(user))))


@team.command("members")
@click.argument("name", required=False)
@user_option
@db_option
def team_members(name, user, db) -> None:
    """Who is in a team (yours without NAME)."""
    from bot.console import render_study

    _show(render_study.team_members(_app(_settings(db)).competition.team_members(_console_member(user), name)))


@team.command("rename")
@click.argument("name")
@click.argument("new_name")
@user_option
@db_option
def team_rename(name, new_name, user, db) -> None:
    """Rename a team (admins)."""
    renamed = _app(_settings(db)).competition.rename_team(_console_member(user), name, new_name)
    click.echo(f"Team {name!r} is now {renamed.name!r}.")


@team.command("delete")
@click.argument("name")
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
@user_option
@db_option
def team_delete(name, yes, user, db) -> None:
    """Delete a team (admins); its members keep their own points."""
    if not yes:
        click.confirm(f"Delete team {name!r}? Its members will be in no team", abort=True)
    deleted = _app(_settings(db)).competition.delete_team(_console_member(user), name)
    click.echo(f"Team {deleted.name!r} deleted; its {deleted.members} member(s) are in no team now.")


@main.command()
@click.argument("words", nargs=-1)
@db_option
def compare(words: tuple[str, ...], db: Path | None) -> None:
    """Concepts the exam keeps contrasting, side by side (e.g. `quizbot compare blue green`); with no words,
    the list."""
    from bot.console import render

    app = _app(_settings(db))
    query = " ".join(words)
    if not query:
        for cid, title in app.guide.comparison_titles():
            click.echo(f"  {cid:<44} {title}")
        return
    for found in app.guide.compare(query):
        _show(render.comparison(found) + "\n")


@main.command()
@click.option("--section", default=None, help="A section id such as OPS.MONITOR, or a domain.")
@db_option
def trap(section: str | None, db: Path | None) -> None:
    """A short exam trap and what to remember instead."""
    from bot.console import render

    app = _app(_settings(db))
    _show(render.trap(app.guide.trap(section)))


@main.command()
@user_option
@db_option
def plan(user: str | None, db: Path | None) -> None:
    """What to study next: sections by tier and by your own weakness."""
    from bot.console import render

    app = _app(_settings(db))
    _show(render.plan(app.guide.plan(_console_member(user))))


@main.command()
@user_option
@db_option
def checklist(user: str | None, db: Path | None) -> None:
    """The exam-ready checklist, computed from your answers and mock exams."""
    from bot.console import render

    app = _app(_settings(db))
    _show(render.checklist(app.guide.checklist(_console_member(user))))


@main.command()
@click.argument("scope")
@db_option
def read(scope: str, db: Path | None) -> None:
    """Where to read for an objective (OPS.MONITOR.2), a section (OPS.MONITOR) or a domain (OPS): the
    documentation its questions cite most, and the official free resources."""
    from bot.console import render

    _show(render.reading(_app(_settings(db)).guide.read(scope)))


@main.command("exam-date")
@click.argument("day", required=False)
@click.option("--clear", is_flag=True, help="Forget the exam date.")
@user_option
@db_option
def exam_date(day: str | None, clear: bool, user: str | None, db: Path | None) -> None:
    """The day you sit the exam (YYYY-MM-DD): `plan` and `checklist` then count down to it, spread what is
    left over the days and schedule the mock exams. Without a date: the countdown; --clear forgets it."""
    from bot.console import render

    if clear and day:
        raise click.UsageError("give a date or --clear, not both")
    countdown, member = _app(_settings(db)).guide.countdown, _console_member(user)
    if clear:
        click.echo("Exam date cleared." if countdown.clear(member) else "No exam date was set.")
        return
    view = countdown.set(member, day) if day else countdown.show(member)
    _show(render.countdown(view) if view else "No exam date set. " + render.EXAM_DATE_HINT)


class ReportCommands(QuizCommands):
    """`quizbot report QUESTION_ID REASON...` files a report as it always did; `list`, `show` and `resolve`
    triage them."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if args and args[0] not in self.commands and args[0] not in ctx.help_option_names:
            args = ["file", *args]
        return super().parse_args(ctx, args)


@main.group("report", cls=ReportCommands)
def report_group() -> None:
    """Report a problem with a question (quizbot report QUESTION_ID REASON...), or triage the reports."""


@report_group.command("file")
@click.argument("question_id")
@click.argument("reason", nargs=-1, required=True)
@user_option
@db_option
def report_problem(question_id: str, reason: tuple[str, ...], user: str | None, db: Path | None) -> None:
    """Report a problem with a question (its id is shown above each question), e.g. a wrong key."""
    service = _service(_settings(db))
    number = service.report_problem(_console_member(user), question_id, " ".join(reason))
    click.echo(f"Thank you: report #{number} on {question_id} is stored.")


@report_group.command("list")
@click.option("--all", "include_resolved", is_flag=True, help="Resolved reports too, not only the open ones.")
@db_option
def report_list(include_resolved: bool, db: Path | None) -> None:
    """The newest reports: number, question, reporter, date and text."""
    from bot.console import render_items

    view = _app(_settings(db)).items.reports(_console_member(None), include_resolved=include_resolved)
    _show(render_items.report_list(view))


@report_group.command("show")
@click.argument("number")
@db_option
def report_show(number: str, db: Path | None) -> None:
    """One report beside its question's statistics and flags."""
    from bot.console import render_items

    _show(render_items.report_detail(_app(_settings(db)).items.report(_console_member(None), number)))


@report_group.command("resolve")
@click.argument("number")
@click.argument("note", nargs=-1, required=True)
@user_option
@db_option
def report_resolve(number: str, note: tuple[str, ...], user: str | None, db: Path | None) -> None:
    """Resolve a report with a note saying what was done (e.g. "key fixed to B")."""
    from bot.console import render_items

    view = _app(_settings(db)).items.resolve(_console_member(user), number, " ".join(note))
    _show(f"Report #{view.id} resolved.\n\n" + render_items.report_detail(view))


@main.command("exam-info")
def exam_info() -> None:
    """The exam's format, domains and weights, timing, pass mark, cost, validity and registration."""
    from bot.console import render
    from bot.services.guide import GuideService

    _show(render.exam_info(GuideService.exam_info_of(_load_syllabus())))


def _load_syllabus():
    from questions.syllabus import load_syllabus

    return load_syllabus()


@main.command()
def rules() -> None:
    """How points, seasons, teams and streaks work."""
    from bot.services.rules import rules_text

    click.echo("Scoring rules\n" + rules_text())


PLAY_HINT = "To study without a chat platform, run `quizbot play`."


@main.command()
@click.argument("platform", required=False, type=click.Choice(["discord", "slack"]))
@click.option("--socket", "slack_mode", flag_value="socket", default=True, help="Slack: Socket Mode (default).")
@click.option("--http", "slack_mode", flag_value="http", help="Slack: HTTP mode (/slack/events, /healthz).")
def run(platform: str | None, slack_mode: str) -> None:
    """Run the bot on Discord or Slack (needs that platform's settings)."""
    settings = Settings()
    if platform is None:
        configured = [
            name
            for name, ok in {
                "discord": settings.discord.token is not None,
                "slack": settings.slack.bot_token is not None or settings.slack.client_id is not None,
            }.items()
            if ok
        ]
        if not configured:
            raise click.ClickException(
                "No chat platform is configured.\n"
                f"  Discord needs {env_name('discord', 'token')}.\n"
                f"  Slack needs {env_name('slack', 'bot_token')} and {env_name('slack', 'signing_secret')}"
                f" (HTTP mode) or {env_name('slack', 'app_token')} (Socket Mode).\n"
                "Set them in the environment or in a .env file in the working directory.\n" + PLAY_HINT
            )
        if len(configured) > 1:
            raise click.ClickException(
                "Both Discord and Slack are configured: run `quizbot run discord` and `quizbot run slack` "
                "as two processes over the same database (compose.yaml does)."
            )
        platform = configured[0]
    if platform == "discord":
        from bot.discord.runner import run as run_discord

        code = run_discord(settings)
    else:
        from bot.slack.runner import run as run_slack

        code = run_slack(settings, "http" if slack_mode == "http" else "socket")
    if code == 2:
        click.echo(PLAY_HINT, err=True)
    sys.exit(code)


@main.command("web")
@click.option("--host", default=None, help="Listen on this address (default: QUIZBOT_WEB__HOST, 127.0.0.1).")
@click.option("--port", default=None, type=click.IntRange(1, 65535), help="Port (default: QUIZBOT_WEB__PORT, 8080).")
@click.option("--link-only", is_flag=True, help="Print the sign-in link and exit (the dashboard runs elsewhere).")
@click.option("--no-link", is_flag=True, help="Serve without printing a link (a server's process, e.g. compose).")
@user_option
@db_option
def web_command(
    host: str | None, port: int | None, link_only: bool, no_link: bool, user: str | None, db: Path | None
) -> None:
    """The web dashboard: print a one-time sign-in link for you, then serve the dashboard."""
    import logging

    settings = _settings(db)
    host = host or settings.web.host
    port = port or settings.web.port
    if settings.web.base_url is None:  # a local dashboard: the link points at this process
        shown = "127.0.0.1" if host in ("0.0.0.0", "::", "") else host
        settings.web.base_url = f"http://{shown}:{port}"
    app = _app(settings)
    if not no_link:
        link = app.web_access.link(_console_member(user))
        click.echo(f"Your dashboard (a one-time link, valid {LINK_MINUTES} minutes):")
        click.echo(link)
    if link_only:
        return
    from bot.web.server import run_forever

    logging.basicConfig(level=settings.log_level.upper(), format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    click.echo(f"Serving on http://{host}:{port} (Ctrl+C stops).")
    run_forever(app, host, port, secure=settings.web.base_url.startswith("https://"))


@main.group("discord")
def discord_group() -> None:
    """Discord helpers."""


@discord_group.command("invite-url")
@click.option("--application-id", type=int, default=None, help="Default: QUIZBOT_DISCORD__APPLICATION_ID.")
def discord_invite_url(application_id: int | None) -> None:
    """The link that adds the bot to a server, with exactly the permissions it needs."""
    from bot.discord.runner import APPLICATION_VARIABLE, invite_url, permissions_explained

    app_id = application_id or Settings().discord.application_id
    if app_id is None:
        raise click.ClickException(f"Set {APPLICATION_VARIABLE} or pass --application-id.")
    click.echo(invite_url(app_id))
    click.echo("Permissions asked for:\n" + permissions_explained())


@main.group("me")
def me_group() -> None:
    """Your data: a copy of everything stored about you, or its deletion."""


@me_group.command("export")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), default=None, help="The zip to write.")
@user_option
@db_option
def me_export(out: Path | None, user: str | None, db: Path | None) -> None:
    """Write everything stored about you (answers, exams, review cards, reports, team) as JSON and CSV in a zip."""
    data = _app(_settings(db)).privacy.export(_console_member(user))
    path = out or Path(f"quizbot-data-{_console_member(user).user}.zip")
    path.write_bytes(data.archive())
    click.echo(f"Your data is in {path.resolve()} ({data.summary}).")


@me_group.command("delete")
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
@user_option
@db_option
def me_delete(yes: bool, user: str | None, db: Path | None) -> None:
    """Delete everything stored about you; your daily answers stay in past tallies as unnamed counts."""
    member = _console_member(user)
    if not yes:
        click.confirm(
            f"Delete every answer, exam, review card and report of {member.user}? This cannot be undone", abort=True
        )
    deleted = _app(_settings(db)).privacy.delete(member)
    click.echo(f"Deleted your data ({deleted.answers} answers); if you answer again, you start afresh.")


@main.group("db")
def db_group() -> None:
    """The SQLite database: online backup."""


@db_group.command("backup")
@click.argument("target", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--db", "db_path", type=click.Path(dir_okay=False, path_type=Path), default=None)
def db_backup(target: Path, db_path: Path | None) -> None:
    """Copy the database to TARGET while the bot keeps running (SQLite online backup)."""
    from storage.db import backup, open_db

    settings = _settings(db_path)
    if not settings.db_path.is_file():
        raise click.ClickException(f"there is no database at {settings.db_path} to back up")
    backup(open_db(settings.db_path), target)
    click.echo(f"Backed up {settings.db_path} to {target}")


@db_group.command("restore")
@click.argument("source", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--db", "db_path", type=click.Path(dir_okay=False, path_type=Path), default=None)
def db_restore(source: Path, db_path: Path | None) -> None:
    """Replace the database with the backup SOURCE (stop the bot first). The backup is checked (integrity, a
    quiz database, not a newer schema); the current file is kept aside; migrations then run on the copy."""
    from datetime import UTC, datetime

    from storage.db import RestoreError, restore

    settings = _settings(db_path)
    try:
        kept = restore(source, settings.db_path, now=datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ"))
    except RestoreError as exc:
        raise click.ClickException(f"not restored: {exc}") from exc
    click.echo(f"Restored {settings.db_path} from {source}")
    if kept is not None:
        click.echo(f"The database it replaced is kept as {kept}")


@main.command()
@click.option("--url", default=None, help="Also require this URL to answer 200 (e.g. Slack's /healthz).")
def health(url: str | None) -> None:
    """Exit 0 when the database is sound (and URL answers): for container health checks."""
    import urllib.request

    from storage.db import health as db_health

    settings = Settings()
    if url and not _is_http_url(url):
        raise click.ClickException(f"--url {url!r} is not an http(s) address, e.g. http://127.0.0.1:3000/healthz")
    try:
        verdict = db_health(settings.db_path)
        if verdict != "ok":
            raise click.ClickException(f"database check: {verdict}")
        if url:
            with urllib.request.urlopen(url, timeout=5) as reply:
                if reply.status != 200:
                    raise click.ClickException(f"{url} answered {reply.status}")
    except OSError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo("healthy")


def _is_http_url(url: str) -> bool:
    import urllib.parse

    try:
        parts = urllib.parse.urlsplit(url)
        parts.port  # noqa: B018 (reading it checks it: a port out of range raises)
    except ValueError:
        return False
    return parts.scheme in ("http", "https") and bool(parts.hostname)


@main.group()
def bank() -> None:
    """Check the question bank, and see its item statistics from the answers."""


@bank.command()
def validate() -> None:
    """Validate every question file; exit non-zero on any problem."""
    from questions.bank import BankError, load_bank
    from questions.guide import load_guide

    try:
        loaded = load_bank()
        guide = load_guide(syllabus=loaded.syllabus)
    except BankError as exc:
        click.echo(str(exc), err=True)
        sys.exit(1)
    click.echo(
        f"bank OK: {len(loaded.questions)} active questions ({len(loaded.all_questions)} in all); "
        f"guide OK: {len(guide.comparisons)} comparisons, {len(guide.traps)} traps"
    )


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
    if domain:
        from questions.syllabus import UnknownScopeError

        try:
            domain, section = loaded.syllabus.resolve_scope(domain)
        except UnknownScopeError as exc:
            raise click.ClickException(str(exc)) from exc
        if section is not None:
            raise click.ClickException("the bank report is by domain: MD, OPS or DEP (or its name), not a section")
    figures = bank_report(loaded, domain)
    click.echo(json.dumps(figures, indent=2) if as_json else format_report(figures))


@bank.command("stats")
@click.argument("question_id", required=False)
@click.option("--flagged", is_flag=True, help="Only the flagged questions, most serious first, with the reasons.")
@click.option("--objective", default=None, help="Only this objective's questions, e.g. OPS.MONITOR.2.")
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
@db_option
def bank_stats(question_id: str | None, flagged: bool, objective: str | None, as_json: bool, db: Path | None) -> None:
    """Item statistics from everyone's first answers: facility, discrimination, option pull, flags (of the
    whole bank, or of one question with its id)."""
    from bot.console import render_items

    items = _app(_settings(db)).items
    if question_id:
        if flagged or objective:
            raise click.UsageError("give a question id, or --flagged / --objective, not both")
        item = items.question(_console_member(None), question_id)
        if as_json:
            click.echo(json.dumps(item.as_json(), indent=2))
        else:
            _show(render_items.item_detail(item))
        return
    view = items.bank_stats(_console_member(None), flagged_only=flagged, objective=objective)
    if as_json:
        click.echo(json.dumps(view.as_json(), indent=2))
    else:
        _show(render_items.bank_stats(view, flagged))


@bank.command("keep")
@click.argument("question_id")
@user_option
@db_option
def bank_keep(question_id: str, user: str | None, db: Path | None) -> None:
    """Mark a flagged question reviewed and kept: its flags stay quiet until new evidence."""
    from bot.console import render_items

    view = _app(_settings(db)).items.keep(_console_member(user), question_id)
    _show(f"{view.question_id} is marked reviewed and kept.\n\n" + render_items.item_detail(view))


if __name__ == "__main__":
    main()
