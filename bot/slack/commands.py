"""Parsing the text after `/quiz` into a command; no Slack objects, so it is easy to test and reuse."""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field

from bot.services.admin import is_admin_only
from bot.services.bounds import DEFAULT_WEEKDAYS, FEEDBACK_MODES, REVIEW_ORDERS
from bot.services.competition import CompetitionService
from bot.services.daily import DailyService
from bot.services.daily_setup import DailySetupService
from bot.services.errors import clipped as echo
from bot.services.itemstats import ItemStatsService
from bot.services.privacy import WorkspaceCleanup

SCOPES = ("channel", "workspace", "team")
PERIODS = ("season", "all")
# each `/quiz daily` word and the service use case it runs; whether it needs an admin is the service's mark
DAILY_USE_CASES = {
    "setup": DailySetupService.configure,
    "show": DailySetupService.show,
    "pause": DailySetupService.set_paused,
    "resume": DailySetupService.set_paused,
    "post-now": DailyService.post_now,
    "reveal-now": DailyService.reveal_now,
}
DAILY_ACTIONS = tuple(DAILY_USE_CASES)
TEAM_ACTIONS = ("join", "leave", "list", "create", "members", "rename", "delete")
TEAM_ADMIN_USE_CASES = {"rename": CompetitionService.rename_team, "delete": CompetitionService.delete_team}
EXAM_ACTIONS = ("start", "resume", "status", "submit", "abandon", "report", "result")
LOOP_WORDS = ("review", "history", "search", "ids")  # the learner's loop: bot/slack/learner.py
GUIDE_NAMES = {"compare": "compare", "trap": "trap", "plan": "plan", "checklist": "checklist"}
GUIDE_NAMES |= {"examinfo": "examinfo", "exam-info": "examinfo", "info": "examinfo"}
GUIDE_NAMES |= {"examdate": "examdate", "exam-date": "examdate", "read": "read"}
COMMAND_WORDS = ("help", "rules", "stats", "exam", "leaderboard", "team", "daily", "practice", "privacy", *GUIDE_NAMES)
COMMAND_WORDS += LOOP_WORDS
# item analysis and report triage (bot/slack/items.py): every word an admin's
ITEM_USE_CASES = {
    ("bank", "flagged"): ItemStatsService.flagged,
    ("bank", "stats"): ItemStatsService.question,
    ("bank", "keep"): ItemStatsService.keep,
    ("bank", "digest"): ItemStatsService.set_digest,
    ("reports", "list"): ItemStatsService.reports,
    ("reports", "all"): ItemStatsService.reports,
    ("reports", "show"): ItemStatsService.report,
    ("reports", "resolve"): ItemStatsService.resolve,
}
COMMAND_WORDS += ("bank", "reports")
COMMAND_WORDS += ("dashboard",)
PRIVACY_ACTIONS = ("export", "delete", "delete-workspace")


@dataclass(frozen=True)
class Command:
    name: str  # practice | help | stats | leaderboard | team | daily | exam | compare | trap | plan | checklist
    # | examinfo | usage
    action: str = ""
    args: tuple[str, ...] = ()
    options: dict[str, str] = field(default_factory=dict)
    problem: str = ""

    @property
    def needs_admin(self) -> bool:
        if self.name == "privacy":
            return self.action == "delete-workspace" and is_admin_only(WorkspaceCleanup.ask_to_delete_now)
        if (self.name, self.action) in ITEM_USE_CASES:
            return is_admin_only(ITEM_USE_CASES[self.name, self.action])
        if self.name == "search":
            return self.action == "all"  # the whole bank, answered or not: admins only
        if self.name == "team":
            return self.action in TEAM_ADMIN_USE_CASES and is_admin_only(TEAM_ADMIN_USE_CASES[self.action])
        use_case = DAILY_USE_CASES.get(self.action) if self.name == "daily" else None
        return use_case is not None and is_admin_only(use_case)


def parse(text: str) -> Command:
    words = text.split()
    if not words:
        return Command("practice")
    head, rest = words[0].lower(), words[1:]
    if head in ("help", "rules"):
        return Command("help")
    if head in ("dashboard", "web"):
        return Command("dashboard")
    if head == "stats":
        return Command("stats", "chart" if rest[:1] == ["chart"] else "")
    if head == "privacy":
        action = rest[0].lower() if rest else ""
        if action not in PRIVACY_ACTIONS:
            return usage(
                "Use `/quiz privacy export` (a copy of your data), `/quiz privacy delete`, or, for admins,"
                " `/quiz privacy delete-workspace`."
            )
        return Command("privacy", action)
    if head == "exam":
        return _exam(rest)
    if head in GUIDE_NAMES:
        return Command(GUIDE_NAMES[head], args=tuple(rest))
    if head in ("leaderboard", "board", "top"):
        return _leaderboard(rest)
    if head == "team":
        return _team(rest)
    if head == "daily":
        return _daily(rest)
    if head == "practice":
        return Command("practice", args=tuple(rest[:1]))
    if head in ("bank", "reports"):
        return _items(head, rest)
    if head in (*LOOP_WORDS, "id") or head.startswith(("id:", "ids:")):
        return _loop(head, rest)
    if len(words) == 1:
        meant = difflib.get_close_matches(head, COMMAND_WORDS, n=1, cutoff=0.75)
        if meant:
            return usage(f"There is no `/quiz {echo(head)}`. Did you mean `/quiz {meant[0]}`?")
        return Command("practice", args=(words[0],))
    return usage(f"I do not know `/quiz {echo(text)}`.")


def usage(problem: str) -> Command:
    return Command("usage", problem=f"{problem} Try `/quiz help`." if "/quiz help" not in problem else problem)


def _exam(rest: list[str]) -> Command:
    """`exam` alone resumes (or says how to start); `exam start [59|30|15]`."""
    action = rest[0].lower() if rest else "resume"
    if action not in EXAM_ACTIONS:
        return usage(f"`exam {echo(action)}` is not known; use exam {'|'.join(EXAM_ACTIONS)}.")
    if action in ("report", "result"):
        number = rest[1] if len(rest) > 1 else ""
        if number and not (number.isascii() and number.isdigit() and len(number) <= 18):
            return usage("Use `/quiz exam result [NUMBER]`: the exam's number, as `/quiz history` lists it.")
        return Command("exam-result", args=(number,) if number else ())
    if action != "start":
        return Command("exam", action)
    size = rest[1] if len(rest) > 1 else "59"
    if not (size.isascii() and size.isdigit() and len(size) <= 3):
        return usage("Use `/quiz exam start [59|30|15]`: the number of questions.")
    return Command("exam", "start", (size,))


def _leaderboard(rest: list[str]) -> Command:
    scope, period = "channel", "season"
    for word in (w.lower() for w in rest):
        if word in SCOPES:
            scope = word
        elif word in PERIODS:
            period = word
        else:
            return usage(
                f"`{echo(word)}` is not a leaderboard scope ({', '.join(SCOPES)}) or period ({', '.join(PERIODS)})."
            )
    return Command("leaderboard", scope, (period,))


def _team(rest: list[str]) -> Command:
    action = rest[0].lower() if rest else "list"
    name = " ".join(rest[1:]).strip()
    if action not in TEAM_ACTIONS:
        return usage(f"`team {echo(action)}` is not known; use team join|leave|list|members|create NAME.")
    if action in ("join", "create", "delete") and not name:
        return usage(f"Give the team's name: `/quiz team {action} NAME`.")
    if action == "rename":
        old, to, new = name.partition(" to ")
        if not (to and old.strip() and new.strip()):
            return usage("Use `/quiz team rename OLD NAME to NEW NAME`.")
        return Command("team", action, (old.strip(), new.strip()))
    return Command("team", action, (name,) if name else ())


def _loop(head: str, rest: list[str]) -> Command:
    """`review [newest|objective]`, `history`, `search [all] WORDS`, `id:ID,ID` (or `ids ID ID`)."""
    if head == "review":
        order = rest[0].lower() if rest else REVIEW_ORDERS[0]
        if order not in REVIEW_ORDERS or len(rest) > 1:
            return usage(f"Use `/quiz review [{'|'.join(REVIEW_ORDERS)}]`.")
        return Command("review", order)
    if head == "history":
        return Command("history")
    if head == "search":
        everything = rest[:1] == ["all"]
        words = " ".join(rest[1:] if everything else rest)
        if not words:
            return usage("Use `/quiz search WORDS` (or an objective such as OPS.MONITOR.2, or a question id).")
        return Command("search", "all" if everything else "", (words,))
    ids = " ".join([head.partition(":")[2], *rest]).strip()
    if not ids:
        return usage("Use `/quiz id:ID,ID,...`, e.g. `/quiz id:md-sparkml-001,ops-mon-a-002`.")
    return Command("ids", args=(ids,))


def _items(head: str, rest: list[str]) -> Command:
    """`bank [flagged]`, `bank stats ID`, `bank keep ID`; `reports [list|all]`, `reports show N`,
    `reports resolve N NOTE`."""
    action = rest[0].lower() if rest else ("flagged" if head == "bank" else "list")
    args = tuple(rest[1:])
    if head == "bank":
        if action == "flagged" and not args:
            return Command("bank", action)
        if action in ("stats", "keep") and len(args) == 1:
            return Command("bank", action, args)
        if action == "digest" and [a.lower() for a in args] in (["here"], ["off"]):
            return Command("bank", action, (args[0].lower(),))
        return usage(
            "Use `/quiz bank flagged`, `/quiz bank stats QUESTION_ID`, `/quiz bank keep QUESTION_ID`"
            " or `/quiz bank digest here|off`."
        )
    if action in ("list", "all") and not args:
        return Command("reports", action)
    if action == "show" and len(args) == 1:
        return Command("reports", action, args)
    if action == "resolve" and len(args) >= 2:
        return Command("reports", action, (args[0], " ".join(args[1:])))
    return usage("Use `/quiz reports [all]`, `/quiz reports show N` or `/quiz reports resolve N NOTE`.")


def _daily(rest: list[str]) -> Command:
    action = rest[0].lower() if rest else "show"
    if action not in DAILY_ACTIONS:
        return usage(f"`daily {echo(action)}` is not known; use daily {'|'.join(DAILY_ACTIONS)}.")
    if action != "setup":
        return Command("daily", action)
    positional = [w for w in rest[1:] if "=" not in w]
    options = dict(w.split("=", 1) for w in rest[1:] if "=" in w)
    if len(positional) < 2:
        modes = "|".join(FEEDBACK_MODES)
        return usage(f"Use `/quiz daily setup HH:MM Zone/Name [{DEFAULT_WEEKDAYS}] [open=HOURS] [feedback={modes}]`.")
    unknown = set(options) - {"open", "feedback"}
    if unknown:
        modes = "|".join(FEEDBACK_MODES)
        return usage(f"Unknown option {echo(', '.join(sorted(unknown)))}; use open=HOURS or feedback={modes}.")
    return Command("daily", "setup", tuple(positional[:3]), {k.lower(): v for k, v in options.items()})
