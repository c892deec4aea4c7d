"""Discord embeds from the service's view models: the only place that knows Discord's text limits."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from datetime import datetime

import discord

from bot.services.display import (
    DailyAnswerView,
    DailyPostView,
    FailedPostView,
    FeedbackView,
    LeaderboardView,
    QuestionView,
    RevealView,
    ScheduleView,
    SeasonSummaryView,
    StatsView,
    TeamView,
)

BRAND = discord.Colour(0xFF3621)
RIGHT = discord.Colour.green()
WRONG = discord.Colour.red()
NEUTRAL = discord.Colour.blurple()

TITLE_MAX = 256
DESCRIPTION_MAX = 4096
FIELD_NAME_MAX = 256
FIELD_VALUE_MAX = 1024
MESSAGE_EMBEDS_MAX = 6000
_INLINE_CODE = re.compile(r"(`[^`]*`)")
_EMPHASIS = re.compile(r"([*~|])")


def clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def prose(text: str) -> str:
    """Bank text keeps its `inline code`; stray *, ~ and | are escaped so they do not turn into markup."""
    parts = _INLINE_CODE.split(text.strip())
    return "".join(part if part.startswith("`") else _EMPHASIS.sub(r"\\\1", part) for part in parts)


def name(text: str) -> str:
    """A name people typed (display names, team names): shown literally."""
    return discord.utils.escape_mentions(discord.utils.escape_markdown(text))


def when(moment: datetime | None) -> str:
    """A Discord timestamp: every reader sees it in their own time zone."""
    if moment is None:
        return "–"
    return f"{discord.utils.format_dt(moment, 'f')} ({discord.utils.format_dt(moment, 'R')})"


def fits(embeds: Sequence[discord.Embed]) -> bool:
    return sum(len(e) for e in embeds) <= MESSAGE_EMBEDS_MAX


# -- questions ---------------------------------------------------------------
def question_body(view: QuestionView, *, after: str = "") -> str:
    """Stem, code and options, then how to answer (and `after`, e.g. the answer given so far)."""
    parts = [prose(view.stem)]
    if view.code:
        parts.append(f"```python\n{view.code.rstrip()}\n```")
    parts.append("\n".join(f"**{o.letter})** {prose(o.text)}" for o in view.options))
    how = f"**Choose {view.choose}** in the menu below." if view.is_multiple else "Pick one button below."
    parts.append(how + after)
    return clip("\n\n".join(parts), DESCRIPTION_MAX)


def question_embed(view: QuestionView, *, title: str = "Practice question") -> discord.Embed:
    embed = discord.Embed(title=title, description=question_body(view), colour=BRAND)
    embed.add_field(name="Domain", value=view.domain)
    embed.add_field(name="Section", value=view.section)
    if view.why is not None:
        embed.add_field(
            name="Why this question", value=clip(f"{view.why.why}. {view.why.due_text}", 1024), inline=False
        )
    embed.set_footer(text=f"{view.question_id} · objective {view.objective_id} · difficulty {view.difficulty}")
    return embed


def daily_post_embed(view: DailyPostView) -> discord.Embed:
    embed = question_embed(view.question, title=f"Daily question · {view.local_date}")
    embed.add_field(name="Answers close", value=when(view.closes_at), inline=False)
    if view.feedback == "immediate":
        rule = "One answer each; your verdict comes privately at once, the answer is revealed at close."
    else:
        rule = "One answer each (the first stands); the answer and the tally are revealed at close."
    embed.add_field(name="How it works", value=rule, inline=False)
    return embed


# -- answers -------------------------------------------------------------------
def feedback_embed(view: FeedbackView) -> discord.Embed:
    key = ", ".join(view.key)
    title = "✅ Correct" if view.correct else f"❌ Not quite: the answer is {key}"
    embed = discord.Embed(title=title, colour=RIGHT if view.correct else WRONG)
    if view.already_answered:
        embed.description = "You had already answered this one; your first answer stands."
    for r in view.rationales:
        verdict = "right" if r.is_key else "wrong"
        embed.add_field(
            name=clip(f"{r.letter} · {r.role} · {verdict}", FIELD_NAME_MAX),
            value=clip(f"{prose(r.text)}\n*Why:* {prose(r.why)}", FIELD_VALUE_MAX),
            inline=False,
        )
    embed.add_field(name="Explanation", value=clip(prose(view.explanation), FIELD_VALUE_MAX), inline=False)
    if view.references:
        embed.add_field(name="Read more", value=_links(view.references), inline=False)
    if view.in_set is not None and view.in_set.next_position is None:
        embed.add_field(name=view.in_set.label, value=view.in_set.summary, inline=False)
    return embed


def daily_answer_text(view: DailyAnswerView) -> str:
    letters = ", ".join(view.chosen)
    if view.already_answered:
        head = f"You already answered **{letters}**; your first answer stands."
    else:
        head = f"Your answer **{letters}** is recorded."
    if view.feedback is None:
        head += f" The answer {'was' if view.revealed else 'is'} revealed {when(view.reveals_at)}."
    return head


def _links(urls: Iterable[str]) -> str:
    return clip("\n".join(f"<{url}>" for url in urls), FIELD_VALUE_MAX)


# -- reveal --------------------------------------------------------------------
def reveal_embed(view: RevealView) -> discord.Embed:
    key = ", ".join(view.key)
    lines = [prose(view.stem), ""]
    for o in view.options:
        mark = "✅" if o.is_key else "▫️"
        lines.append(f"{mark} **{o.letter})** {prose(o.text)} — **{o.count}** ({o.percent:g} %)")
    embed = discord.Embed(
        title=f"Answer to the daily question of {view.local_date}: {key}",
        description=clip("\n".join(lines), DESCRIPTION_MAX),
        colour=RIGHT,
    )
    embed.add_field(name="Explanation", value=clip(prose(view.explanation), FIELD_VALUE_MAX), inline=False)
    if view.references:
        embed.add_field(name="Read more", value=_links(view.references), inline=False)
    embed.add_field(name="How the channel answered", value=tally_text(view), inline=False)
    embed.set_footer(text=f"{view.question_id} · answers closed")
    return embed


def tally_text(view: RevealView) -> str:
    if not view.answered:
        return "Nobody answered this one."
    text = f"{view.correct} of {view.answered} answered correctly ({view.percent_correct:g} %)."
    if view.correct_names:
        more = view.correct - len(view.correct_names)
        text += "\nFirst correct: " + ", ".join(name(n) for n in view.correct_names)
        if more > 0:
            text += f" and {more} more"
    return clip(text, FIELD_VALUE_MAX)


def reveal_reply_text(view: RevealView) -> str:
    return f"The answer is **{', '.join(view.key)}**. " + tally_text(view).split("\n", 1)[0]


def season_embed(view: SeasonSummaryView) -> discord.Embed:
    embed = discord.Embed(title=f"🏁 Season over: {view.season_label}", colour=BRAND)
    if view.winning_team:
        embed.description = f"Winning team: **{name(view.winning_team)}**"
    if view.people:
        embed.add_field(name="People", value=_board_lines(view.people, unit="points"), inline=False)
    if view.teams:
        embed.add_field(name="Teams", value=_board_lines(view.teams, unit="per active member"), inline=False)
    return embed


# -- schedules, boards, stats, teams, help ---------------------------------------
def schedule_embed(view: ScheduleView | None) -> discord.Embed:
    if view is None:
        return discord.Embed(
            title="No daily question here yet",
            description="Someone who manages the server can start one with `/daily setup`.",
            colour=NEUTRAL,
        )
    open_for = f"{view.open_hours} h" if view.open_hours else "until the next post (at most 24 h)"
    embed = discord.Embed(title=f"Daily question in #{name(view.channel)}", colour=BRAND)
    embed.add_field(name="Time", value=f"{view.local_time} {view.timezone}")
    embed.add_field(name="Days", value=", ".join(view.weekdays))
    embed.add_field(name="Answers open", value=open_for)
    embed.add_field(name="Feedback", value="privately at once" if view.feedback == "immediate" else "at the reveal")
    state = f"paused: {view.paused_reason}" if view.paused else f"next post {when(view.next_post_at)}"
    embed.add_field(name="Status", value=clip(state, FIELD_VALUE_MAX), inline=False)
    if view.failed_post is not None:
        embed.add_field(name="⚠️ Not posted", value=clip(failed_post_text(view.failed_post), FIELD_VALUE_MAX))
    return embed


def failed_post_text(failed: FailedPostView) -> str:
    head = f"The question for {failed.local_date} did not reach this channel: {failed.reason}."
    if failed.maybe_posted:
        return f"{head} Discord may show it anyway; if it is not here, run `/daily post-now`."
    return f"{head} The bot tries again for a while; `/daily post-now` posts it at once."


def _board_lines(rows, *, unit: str) -> str:
    return clip(
        "\n".join(f"**{r.rank}.** {name(r.name)} — {r.points:g} {unit} ({r.detail})" for r in rows),
        FIELD_VALUE_MAX,
    )


def leaderboard_embed(view: LeaderboardView) -> discord.Embed:
    period = f"Season: {view.season_label}" if view.period == "season" else "All time"
    lines = [
        f"**{r.rank}.** {name(r.name)} — **{r.points:g}** · {r.detail}{'  ← you' if r.is_me else ''}" for r in view.rows
    ]
    if view.me is not None:
        lines += ["…", f"**{view.me.rank}.** {name(view.me.name)} — **{view.me.points:g}** · {view.me.detail}  ← you"]
    embed = discord.Embed(
        title=view.title,
        description=clip("\n".join(lines) or "No points yet.", DESCRIPTION_MAX),
        colour=BRAND,
    )
    if view.streak_text:
        embed.add_field(name="Streak", value=view.streak_text, inline=False)
    embed.set_footer(text=clip(f"{period} · {view.rule}", 2048))
    return embed


def _accuracy(rows) -> str:
    lines = [
        f"{row.name}: {row.correct}/{row.answered} ({row.percent:g} %)" if row.answered else f"{row.name}: –"
        for row in rows
    ]
    return clip("\n".join(lines) or "–", FIELD_VALUE_MAX)


def stats_embed(view: StatsView, *, image: str | None = None) -> discord.Embed:
    """`image`: the file name of the attached chart, shown inside the embed."""
    if not view.answered:
        return discord.Embed(
            title=f"Stats for {view.name}",
            description="No answers stored yet. Try `/quiz` for a practice question.",
            colour=NEUTRAL,
        )
    embed = discord.Embed(
        title=f"Stats for {view.name}",
        description=f"{view.correct}/{view.answered} correct (**{view.percent:g} %**); pass mark {view.pass_percent} %",
        colour=RIGHT if (view.percent or 0) >= view.pass_percent else BRAND,
    )
    embed.add_field(name="By domain", value=_accuracy(view.domains), inline=False)
    embed.add_field(name="By section", value=_accuracy(r for r in view.sections if r.answered), inline=False)
    if view.weakest:
        embed.add_field(
            name="Weakest sections", value=", ".join(f"{r.name} ({r.percent:g} %)" for r in view.weakest), inline=False
        )
    if view.readiness is not None:
        readiness = view.readiness.advice() + "\n" + view.readiness.based_on()
        embed.add_field(name="Readiness", value=clip(readiness, FIELD_VALUE_MAX), inline=False)
    if image:
        embed.set_image(url=f"attachment://{image}")
    return embed


def teams_embed(views: Sequence[TeamView]) -> discord.Embed:
    if not views:
        return discord.Embed(title="Teams", description="No teams yet. Start one with `/team create`.", colour=NEUTRAL)
    lines = [
        f"{name(t.name)} ({t.members} member{'s' if t.members != 1 else ''}){'  ← yours' if t.is_mine else ''}"
        for t in views
    ]
    return discord.Embed(title="Teams", description=clip("\n".join(lines), DESCRIPTION_MAX), colour=BRAND)


COMMANDS_HELP = (
    ("/quiz [scope]", "a private practice question, optionally from one domain or section; feedback at once"),
    ("/daily show", "this channel's daily question schedule"),
    (
        "/daily setup|pause|resume|post-now|reveal-now",
        "run the channel's daily question (Manage Server or the quiz admin role)",
    ),
    ("/leaderboard [scope] [period]", "standings for this channel, the server or the teams; this season or all time"),
    ("/team create|join|leave|list|members", "teams of this server; admins also rename and delete them"),
    ("/review [order] · /quiz ids:", "your mistakes again as practice; or the questions named by id"),
    ("/history · /search <query>", "your rounds, exams and weekly progress; search the questions you answered"),
    ("/stats", "your accuracy per domain and section with a chart and your readiness, privately"),
    (
        "/exam start [size]|resume|status|submit|abandon|result [number]",
        "a timed private mock exam (59, 30 or 15 questions)",
    ),
    ("/compare <query>", "look-alike concepts side by side, and when to use which"),
    ("/trap [scope]", "a common exam trap and how to avoid it"),
    ("/plan · /checklist", "your study plan, and whether you are exam-ready"),
    ("/read <scope>", "where to read for an objective, a section or a domain: the docs its questions cite most"),
    ("/examdate [date] [clear]", "the day you sit the exam: the plan and the checklist count down to it"),
    ("/examinfo", "the exam's facts: questions, time, pass mark, domains and weights"),
    (
        "/bank flagged|stats|keep|digest · /reports list|show|resolve",
        "admins: the bank's item statistics, problem reports and a weekly digest",
    ),
    ("/dashboard", "a private one-time link to your web dashboard"),
)


def help_embed(rules: str) -> discord.Embed:
    usage = "\n".join(f"`{usage}` — {what}" for usage, what in COMMANDS_HELP)
    embed = discord.Embed(
        title="Databricks ML Professional quiz",
        description=clip(f"{usage}\n\n**Scoring rules**\n{rules}", DESCRIPTION_MAX),
        colour=BRAND,
    )
    embed.set_footer(text="Every question has a “Report a problem” button.")
    return embed
