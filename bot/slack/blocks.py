"""Block Kit rendering of the service's view models. Pure functions: views in, (text, blocks) out."""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from datetime import datetime

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
    SetStepView,
    StatsView,
    TeamView,
)
from bot.slack.actions import (
    ANSWER_CHOICES,
    ANSWER_SINGLE,
    ANSWER_SUBMIT,
    PRACTICE_SET_NEXT,
    REPORT_PROBLEM,
    AnswerTarget,
    choices_block_id,
)

SECTION_LIMIT = 3000
OPTION_LABEL_LIMIT = 70


@dataclass(frozen=True)
class Message:
    text: str  # the notification fallback
    blocks: list[dict] = field(default_factory=list)


def esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def section(text: str) -> dict:
    return {"type": "section", "text": {"type": "mrkdwn", "text": clip(text, SECTION_LIMIT)}}


def context(text: str) -> dict:
    return {"type": "context", "elements": [{"type": "mrkdwn", "text": clip(text, SECTION_LIMIT)}]}


@functools.lru_cache(maxsize=256)  # every answer to a post shows the post's reveal time
def slack_date(moment: datetime | None) -> str:
    """A time every reader sees in their own zone, with a UTC fallback."""
    if moment is None:
        return "–"
    return f"<!date^{int(moment.timestamp())}^{{date_short_pretty}} {{time}}|{moment:%Y-%m-%d %H:%M} UTC>"


def plain(text: str) -> Message:
    """Text that is not markup: escaped in the fallback too (it notifies), clipped to one section."""
    return Message(clip(esc(text), SECTION_LIMIT), [section(esc(text))])


def packed_sections(chunks: list[str], max_blocks: int) -> tuple[list[dict], int]:
    """Chunks of mrkdwn joined into as few sections as Slack's 3000 characters allow, at most `max_blocks`;
    returns the sections and how many chunks they hold (a chunk longer than a section is clipped)."""
    texts: list[str] = []
    used = 0
    for chunk in chunks:
        chunk = clip(chunk, SECTION_LIMIT)
        if texts and len(texts[-1]) + 1 + len(chunk) <= SECTION_LIMIT:
            texts[-1] += "\n" + chunk
        elif len(texts) < max_blocks:
            texts.append(chunk)
        else:
            break
        used += 1
    return [section(text) for text in texts], used


def report_button(question_id: str) -> dict:
    """Opens the "report a problem" modal; the value is the question's id."""
    element = {
        "type": "button",
        "action_id": REPORT_PROBLEM,
        "text": {"type": "plain_text", "text": "Report a problem"},
        "value": question_id,
    }
    return {"type": "actions", "block_id": f"report:{question_id}", "elements": [element]}


# -- questions ------------------------------------------------------------------
def question_blocks(view: QuestionView, target: AnswerTarget) -> list[dict]:
    blocks = [
        context(f"{esc(view.domain)} › {esc(view.section)} · {view.objective_id} · difficulty {view.difficulty}"),
        section(esc(view.stem)),
    ]
    if view.code:
        blocks.append(section(f"```{esc(view.code.rstrip())}```"))
    blocks.append(section("\n".join(f"*{o.letter})* {esc(o.text)}" for o in view.options)))
    blocks += multiple_controls(view, target) if view.is_multiple else [single_controls(view, target)]
    return blocks


def single_controls(view: QuestionView, target: AnswerTarget) -> dict:
    return {
        "type": "actions",
        "block_id": f"answer:{target.encode()}",
        "elements": [
            {
                "type": "button",
                "action_id": f"{ANSWER_SINGLE}:{o.letter}",
                "text": {"type": "plain_text", "text": o.letter},
                "value": target.encode(o.letter),
            }
            for o in view.options
        ],
    }


def multiple_controls(view: QuestionView, target: AnswerTarget) -> list[dict]:
    checkboxes = {
        "type": "checkboxes",
        "action_id": ANSWER_CHOICES,
        "options": [
            {
                "text": {"type": "mrkdwn", "text": f"*{o.letter}* {esc(clip(o.text, OPTION_LABEL_LIMIT))}"},
                "value": o.letter,
            }
            for o in view.options
        ],
    }
    submit = {
        "type": "button",
        "action_id": ANSWER_SUBMIT,
        "style": "primary",
        "text": {"type": "plain_text", "text": "Submit"},
        "value": target.encode(),
    }
    return [
        context(f"Choose {view.choose}, then Submit."),
        {"type": "actions", "block_id": choices_block_id(target), "elements": [checkboxes]},
        {"type": "actions", "block_id": f"submit:{target.encode()}", "elements": [submit]},
    ]


def practice_question(view: QuestionView) -> Message:
    target = AnswerTarget("practice", view.answers_to)
    place = [context(f"*{view.in_set.label}*")] if view.in_set else []
    why = [context(esc(view.why.text))] if view.why else []
    return Message(f"Practice question: {view.stem[:150]}", place + why + question_blocks(view, target))


def feedback(view: FeedbackView, question: QuestionView | None = None) -> Message:
    key = ", ".join(view.key)
    verdict = "✅ *Correct.*" if view.correct else f"❌ *Not quite.* The answer is *{key}*."
    lines = []
    if view.already_answered:
        lines.append("_You had already answered this one; your first answer stands._")
    lines.append(verdict)
    for r in view.rationales:
        mark = "right" if r.is_key else "wrong"
        lines.append(f"*{r.letter}* ({r.role}, {mark}): {esc(r.text)}\n> {esc(r.why)}")
    blocks = []
    if question is not None:
        blocks.append(section(esc(question.stem)))
    blocks += [section("\n".join(lines)), section(f"*Explanation:* {esc(view.explanation)}")]
    if view.references:
        blocks.append(context(" · ".join(f"<{url}|Read more>" for url in view.references)))
    blocks.append(report_button(view.question_id))
    another = context("Another one? `/quiz` (or `/quiz OPS.MONITOR` for a section).")
    blocks.append(set_next(view.in_set) if view.in_set else another)
    return Message(("Correct. " if view.correct else f"Not quite: the answer is {key}. ") + view.explanation, blocks)


def set_next(step: SetStepView) -> dict:
    """Under an answer from a practice set: a button to the set's next question, or the set's score at its end."""
    if step.next_position is None:
        return context(f"*{step.label}*: {step.summary} Another one? `/quiz`.")
    button = {
        "type": "button",
        "action_id": PRACTICE_SET_NEXT,
        "style": "primary",
        "text": {"type": "plain_text", "text": f"Next ({step.next_position}/{step.total})"},
        "value": f"{step.set_id}:{step.next_position}",
    }
    return {"type": "actions", "block_id": f"set:{step.set_id}:{step.next_position}", "elements": [button]}


# -- daily ------------------------------------------------------------------------
def daily_post(view: DailyPostView) -> Message:
    target = AnswerTarget("daily", view.post_id)
    when = "privately as soon as you answer" if view.feedback == "immediate" else "at the reveal"
    blocks = [
        {"type": "header", "text": {"type": "plain_text", "text": f"Daily question · {view.local_date}"}},
        *question_blocks(view.question, target),
        context(f"One answer each; open until {slack_date(view.closes_at)}. Feedback {when}."),
    ]
    return Message(f"Daily question for {view.local_date}: {view.question.stem[:150]}", blocks)


def daily_answer(view: DailyAnswerView) -> Message:
    letters = ", ".join(view.chosen)
    if view.already_answered:
        head = f"You already answered *{letters}*; your first answer stands."
    else:
        head = f"Answer *{letters}* recorded."
    if view.feedback is not None:
        detail = feedback(view.feedback)
        return Message(head, [section(head), *detail.blocks[:-1]])
    text = f"{head} The answer {'was' if view.revealed else 'is'} revealed {slack_date(view.reveals_at)}."
    return Message(text, [section(text)])


def reveal(view: RevealView) -> Message:
    key = ", ".join(view.key)
    options = "\n".join(
        f"{'✅' if o.is_key else '▫️'} *{o.letter})* {esc(o.text)} — {o.count} ({o.percent:g} %)" for o in view.options
    )
    summary = f"{view.correct} of {view.answered} answered correctly ({view.percent_correct:g} %)."
    if view.correct_names:
        more = view.correct - len(view.correct_names)
        summary += (
            "\nCorrect: " + ", ".join(esc(n) for n in view.correct_names) + (f" and {more} more" if more > 0 else "")
        )
    blocks = [
        {
            "type": "header",
            "text": {"type": "plain_text", "text": f"Daily question · {view.local_date} · answer {key}"},
        },
        section(esc(view.stem)),
        section(options),
        section(f"*Explanation:* {esc(view.explanation)}"),
        section(summary),
    ]
    if view.references:
        blocks.append(context(" · ".join(f"<{url}|Read more>" for url in view.references)))
    blocks.append(report_button(view.question_id))
    return Message(f"Answer to the daily question of {view.local_date}: {key}. {summary}", blocks)


def schedule(view: ScheduleView | None) -> Message:
    if view is None:
        return plain(
            "No daily question is set up for this channel. An admin can run `/quiz daily setup 09:00 Europe/Berlin`."
        )
    state = f"paused ({view.paused_reason})" if view.paused else f"next post {slack_date(view.next_post_at)}"
    open_for = f"{view.open_hours} h" if view.open_hours else "until the next post (at most 24 h)"
    when = "at once, privately" if view.feedback == "immediate" else "at the reveal"
    text = (
        f"Daily question in #{esc(view.channel)}: {view.local_time} {view.timezone} on {', '.join(view.weekdays)}; "
        f"answers open {open_for}; feedback {when}; {state}."
    )
    if view.failed_post is not None:
        text += "\n:warning: " + failed_post_text(view.failed_post)
    return Message(text, [section(text)])


def failed_post_text(failed: FailedPostView) -> str:
    head = f"The question for {failed.local_date} did not reach this channel: {esc(failed.reason)}."
    if failed.maybe_posted:
        return f"{head} Slack may show it anyway; if it is not here, run `/quiz daily post-now`."
    return f"{head} The bot tries again for a while; `/quiz daily post-now` posts it at once."


def season_summary(view: SeasonSummaryView) -> Message:
    lines = [f"*Season over:* {esc(view.season_label)}"]
    if view.winning_team:
        lines.append(f"🏆 Winning team: *{esc(view.winning_team)}*")
    lines += [f"{r.rank}. {esc(r.name)} — {r.points:g} points ({esc(r.detail)})" for r in view.people]
    lines += [f"Team {r.rank}. {esc(r.name)} — {r.points:g} per active member" for r in view.teams]
    return Message(f"Season over: {view.season_label}", [section("\n".join(lines))])


# -- competition and stats --------------------------------------------------------
def leaderboard(view: LeaderboardView) -> Message:
    period = f"season {view.season_label}" if view.period == "season" else "all time"
    rows = [*view.rows, *((view.me,) if view.me else ())]
    lines = [
        f"{r.rank:>3}. {esc(r.name)} — {r.points:g} ({esc(r.detail)}){'  ← you' if r.is_me else ''}" for r in rows
    ] or ["No points yet."]
    streak = [context(esc(view.streak_text))] if view.streak_text else []
    return Message(
        f"{view.title} ({period})",
        [section(f"*{esc(view.title)}* ({esc(period)})"), section("\n".join(lines)), *streak, context(esc(view.rule))],
    )


def teams(views: list[TeamView]) -> Message:
    if not views:
        return plain("No teams yet. Create one with `/quiz team create NAME`.")
    lines = [
        f"• {esc(t.name)} ({t.members} member{'s' if t.members != 1 else ''}){'  ← yours' if t.is_mine else ''}"
        for t in views
    ]
    return Message("Teams", [section("*Teams*\n" + "\n".join(lines))])


def stats(view: StatsView, *, chart_follows: bool = False) -> Message:
    if not view.answered:
        return plain(f"No answers stored for {view.name} yet. Try `/quiz` for a practice question.")
    head = f"*Stats for {esc(view.name)}:* {view.correct}/{view.answered} correct ({view.percent:g} %)"
    domains = "\n".join(accuracy_line(row) for row in view.domains)
    sections = "\n".join(accuracy_line(row) for row in view.sections if row.answered)
    blocks = [section(head), section("*By domain*\n" + domains), section("*By section*\n" + sections)]
    if view.weakest:
        weakest = ", ".join(f"{esc(row.name)} ({row.percent:g} %)" for row in view.weakest)
        blocks.append(section(f"*Weakest sections:* {weakest}"))
    if view.readiness is not None:
        blocks.append(section(f"*Readiness:* {esc(view.readiness.advice())}"))
        blocks.append(context(esc(view.readiness.based_on())))
    chart = "The chart is on its way to your DM with me." if chart_follows else "`/quiz stats chart` for a picture."
    blocks.append(context(f"Pass mark: {view.pass_percent} % · {chart}"))
    return Message(f"Stats for {view.name}: {view.correct}/{view.answered} correct", blocks)


def accuracy_line(row) -> str:
    percent = f"{row.percent:g} %" if row.answered else "–"
    return f"{esc(row.name)}: {row.correct}/{row.answered} ({percent})"


def help_message(rules: str) -> Message:
    practice = [
        "`/quiz` — a private practice question; `/quiz OPS` or `/quiz OPS.MONITOR` for a domain or section",
        "`/quiz stats [chart]` — accuracy per domain and section, readiness, weakest sections; a chart by DM",
        "`/quiz exam start [59|30|15]` — a private timed mock exam; `exam resume|status|submit|abandon|report`",
        "`/quiz privacy export|delete` — a copy of everything stored about you, or its deletion",
        "`/quiz review [newest|objective]` — your mistakes again · `/quiz id:ID,ID` — those questions",
        "`/quiz history` — rounds, exams, weekly progress · `/quiz exam result [NUMBER]` — a past report",
        "`/quiz search WORDS` — the questions you have answered (admins: `search all WORDS`)",
        "`/quiz dashboard` — a private one-time link to your web dashboard (also on this app's Home tab)",
    ]
    guide = [
        "`/quiz compare [words]` — which of two look-alike options to choose (no words: the list)",
        "`/quiz trap [OPS|OPS.MONITOR]` — an exam trap and how to avoid it",
        "`/quiz plan` — your study plan · `/quiz checklist` — are you exam-ready? · `/quiz examinfo` — the exam",
        "`/quiz examdate [YYYY-MM-DD|clear]` — your exam date: plan and checklist count down to it",
        "`/quiz read OPS.MONITOR` — where to read for an objective, a section or a domain",
    ]
    together = [
        "`/quiz leaderboard [channel|workspace|team] [season|all]`",
        "`/quiz team list|join NAME|leave|create NAME|members [NAME]`;"
        " admins: `team rename OLD to NEW`, `team delete NAME`",
        "`/quiz daily show` — this channel's daily question",
        "`/quiz daily setup HH:MM Zone/Name [mon-fri] [open=HOURS] [feedback=reveal|immediate]`,"
        " `daily pause|resume|post-now|reveal-now` — admins",
        "`/quiz bank flagged|stats ID|keep ID|digest here|off` · `/quiz reports [all]|show N|resolve N NOTE`"
        " — admins: the bank's item statistics, problem reports and a weekly digest",
    ]
    blocks = [
        section("*How to use /quiz*\n" + "\n".join(practice)),
        section("*Study guide*\n" + "\n".join(guide)),
        section("*Together*\n" + "\n".join(together)),
        section("*Rules*\n" + esc(rules)),
    ]
    return Message("How to use /quiz", blocks)
