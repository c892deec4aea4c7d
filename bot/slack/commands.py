"""Parsing the text after `/quiz` into a command; no Slack objects, so it is easy to test and reuse."""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field

from bot.services.admin import is_admin_only
from bot.services.bounds import DEFAULT_WEEKDAYS, FEEDBACK_MODES
from bot.services.daily import DailyService
from bot.services.daily_setup import DailySetupService
from bot.services.errors import clipped as echo
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
TEAM_ACTIONS = ("join", "leave", "list", "create")
EXAM_ACTIONS = ("start", "resume", "status", "submit", "report")
GUIDE_NAMES = {"compare": "compare", "trap": "trap", "plan": "plan", "checklist": "checklist"}
GUIDE_NAMES |= {"examinfo": "examinfo", "exam-info": "examinfo", "info": "examinfo"}
COMMAND_WORDS = ("help", "rules", "stats", "exam", "leaderboard", "team", "daily", "practice", "privacy", *GUIDE_NAMES)
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
        use_case = DAILY_USE_CASES.get(self.action) if self.name == "daily" else None
        return use_case is not None and is_admin_only(use_case)


def parse(text: str) -> Command:
    words = text.split()
    if not words:
        return Command("practice")
    head, rest = words[0].lower(), words[1:]
    if head in ("help", "rules"):
        return Command("help")
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
        return usage(f"`team {echo(action)}` is not known; use team join|leave|list|create NAME.")
    if action in ("join", "create") and not name:
        return usage(f"Give the team's name: `/quiz team {action} NAME`.")
    return Command("team", action, (name,) if name else ())


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
