"""Item analysis and report triage, the same on every front end: the bank's statistics per question, its
flags with their reasons (quiet once an author has reviewed and kept the question, until new evidence),
and the problem reports people filed, each shown beside its question's statistics.

Scope: on Discord and Slack an admin sees their own server's or workspace's people and reports; the
terminal, which runs beside the database file, sees every workspace. The analysis is computed once per
state of the answers (their count and largest id) and reused, so a question's flags are a lookup."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from bot.services.admin import admin_only
from bot.services.context import ChannelTarget, ServiceContext
from bot.services.digest_views import DigestFlag, DigestReport, DigestSettingView, DigestView
from bot.services.errors import InvalidChoiceError, QuizError, clipped
from bot.services.identity import Member
from bot.services.poster import ChannelAddress, Posters
from questions.itemstats import (
    DEFAULT_MIN_PEOPLE,
    FLAG_KINDS,
    Flag,
    ItemSpec,
    ItemStats,
    analyse_counted,
    flags_for,
)
from questions.models import LETTERS, Question
from storage.clock import from_db
from storage.itemstats import ItemStatsStore, KeepRow
from storage.reports import ReportRow, ReportStore

log = logging.getLogger(__name__)
DEFAULT_NEW_EVIDENCE = 30  # a kept question's flags speak again once this many more people answered it
MIN_RESOLUTION = 3
MAX_RESOLUTION = 500
REPORT_LIST_LIMIT = 25
DIGEST_WHEN = "Mondays 08:05 UTC"  # the scheduler's weekly trigger (bot/services/scheduler.py)
DIGEST_REPORTS = 50


class UnknownQuestionIdError(QuizError):
    def __init__(self, question_id: str) -> None:
        super().__init__(f"There is no question {clipped(question_id)} in the bank.")


class UnknownReportError(QuizError):
    def __init__(self, number: object) -> None:
        super().__init__(f"There is no report #{clipped(str(number))} here; list them to see their numbers.")


class AlreadyResolvedError(QuizError):
    def __init__(self, report: ReportView) -> None:
        self.report = report
        super().__init__(f"Report #{report.id} was already resolved on {report.resolved_on}: {report.resolution}")


@dataclass(frozen=True)
class KeepView:
    kept_on: str  # YYYY-MM-DD
    people: int
    flags: tuple[str, ...]
    kept_by: str


@dataclass(frozen=True)
class ItemView:
    question_id: str
    objective: str
    select: str  # single | multiple
    stem: str  # the stem's first line, clipped
    stats: ItemStats
    flags: tuple[Flag, ...]  # the flags that speak (none while a keep mark holds)
    quiet: tuple[Flag, ...]  # flags silenced by a keep mark
    kept: KeepView | None
    open_reports: int

    @property
    def flagged(self) -> bool:
        return bool(self.flags)

    @property
    def figures(self) -> str:
        """The figures on one line, e.g. 'facility 62 % (90 %: 55-68) · pb +0.31 · U-L +0.42 · n=230'."""
        s = self.stats
        if s.facility is None or s.facility_low is None or s.facility_high is None:
            return f"n={s.people}: too few people for figures (at least {s.min_people})"
        parts = [f"facility {100 * s.facility:.0f} % (90 %: {100 * s.facility_low:.0f}-{100 * s.facility_high:.0f})"]
        if s.point_biserial is not None:
            parts.append(f"pb {s.point_biserial:+.2f}")
        if s.discrimination_index is not None:
            parts.append(f"U-L {s.discrimination_index:+.2f}")
        parts.append(f"n={s.people}")
        return " · ".join(parts)

    @property
    def brief(self) -> str:
        """The figures and the flags' names on one line, for a list."""
        kinds = ", ".join(f.kind for f in self.flags)
        return f"{self.figures} · flagged: {kinds}" if kinds else self.figures

    @property
    def pull(self) -> str:
        """Option pull on one line, the key starred: 'A* 62 % (U 90/L 30) · B 20 % (U 5/L 40) ...'."""
        parts = []
        for o in self.stats.options:
            if o.share is None:
                continue
            groups = (
                f" (U {100 * o.upper:.0f}/L {100 * o.lower:.0f})" if o.upper is not None and o.lower is not None else ""
            )
            parts.append(f"{o.letter}{'*' if o.is_key else ''} {100 * o.share:.0f} %{groups}")
        return " · ".join(parts)

    @property
    def kept_note(self) -> str:
        if self.kept is None:
            return ""
        quiet = f"; quiet: {', '.join(f.kind for f in self.quiet)}" if self.quiet else ""
        return f"reviewed and kept on {self.kept.kept_on} at n={self.kept.people}{quiet}"

    def detail_lines(self, flag_line: Callable[[Flag], str], reports_hint: str, *, pull: bool = True) -> list[str]:
        """What every front end shows under a question's id, in order: the figures, the option pull, each flag
        (marked up by `flag_line`), the keep mark, and the open reports with where to read them."""
        lines = [self.figures]
        if pull and self.pull:
            lines.append(f"options: {self.pull}")
        lines += [flag_line(flag) for flag in self.flags]
        if self.kept:
            lines.append(self.kept_note)
        if self.open_reports:
            lines.append(f"{self.open_reports} open report(s): {reports_hint}")
        return lines

    def as_json(self) -> dict:
        s = self.stats
        return {
            "question_id": self.question_id,
            "objective": self.objective,
            "select": self.select,
            "people": s.people,
            "min_people": s.min_people,
            "facility": _round(s.facility),
            "facility_interval_90": None
            if s.facility_low is None
            else [_round(s.facility_low), _round(s.facility_high)],
            "rest_people": s.rest_people,
            "point_biserial": _round(s.point_biserial),
            "group_size": s.group_size,
            "upper_facility": _round(s.upper_facility),
            "lower_facility": _round(s.lower_facility),
            "discrimination_index": _round(s.discrimination_index),
            "options": [
                {
                    "letter": o.letter,
                    "key": o.is_key,
                    "chosen": o.chosen,
                    "share": _round(o.share),
                    "upper": _round(o.upper),
                    "lower": _round(o.lower),
                }
                for o in s.options
            ],
            "flags": [{"kind": f.kind, "reason": f.reason} for f in self.flags],
            "kept": None
            if self.kept is None
            else {
                "on": self.kept.kept_on,
                "people": self.kept.people,
                "flags": list(self.kept.flags),
                "quiet": [f.kind for f in self.quiet],
            },
            "open_reports": self.open_reports,
        }


@dataclass(frozen=True)
class BankStatsView:
    scope: str  # "every workspace" or the workspace's name
    items: tuple[ItemView, ...]
    questions: int  # in the bank (or the objective) before the --flagged filter
    with_figures: int  # questions with enough people for figures
    flagged: int
    people: int  # distinct people behind the figures
    min_people: int
    objective: str | None

    def as_json(self) -> dict:
        return {
            "scope": self.scope,
            "objective": self.objective,
            "questions": self.questions,
            "with_figures": self.with_figures,
            "flagged": self.flagged,
            "people": self.people,
            "min_people": self.min_people,
            "items": [item.as_json() for item in self.items],
        }


@dataclass(frozen=True)
class ReportView:
    id: int
    question_id: str
    reporter: str
    platform: str
    reason: str
    filed_on: str  # YYYY-MM-DD HH:MM UTC
    resolved_on: str | None
    resolution: str | None
    resolved_by: str | None
    item: ItemView | None  # None when the question left the bank

    @property
    def is_open(self) -> bool:
        return self.resolved_on is None


@dataclass(frozen=True)
class ReportListView:
    scope: str
    reports: tuple[ReportView, ...]
    open_count: int
    include_resolved: bool


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 3)


def _when(text: str, with_time: bool = True) -> str:
    moment = from_db(text)
    return f"{moment:%Y-%m-%d %H:%M} UTC" if with_time else f"{moment:%Y-%m-%d}"


def item_spec(question: Question) -> ItemSpec:
    return ItemSpec(question.id, LETTERS[: len(question.options)], "".join(sorted(question.answer)))


def first_line(text: str, limit: int = 70) -> str:
    return clipped(text.strip().splitlines()[0] if text.strip() else "", limit)


class ItemStatsService:
    def __init__(
        self,
        context: ServiceContext,
        *,
        min_people: int = DEFAULT_MIN_PEOPLE,
        new_evidence: int = DEFAULT_NEW_EVIDENCE,
    ) -> None:
        self.context = context
        self.min_people = min_people
        self.new_evidence = new_evidence
        self.store = ItemStatsStore(context.db)
        self.reports_store = ReportStore(context.db)
        self._specs = {q.id: item_spec(q) for q in context.bank.questions}
        self._cache: dict[int | None, tuple[tuple[int, ...], dict[str, ItemStats], int]] = {}

    # -- the analysis ----------------------------------------------------------------------------------
    def scope_of(self, member: Member) -> int | None:
        """The workspace whose people count (None: every workspace, for the terminal)."""
        return None if member.platform == "console" else self.context.workspace_of(member).id

    def _scope_name(self, member: Member) -> str:
        return "every workspace" if member.platform == "console" else (member.workspace_name or "this workspace")

    def analysis(self, workspace_id: int | None) -> tuple[dict[str, ItemStats], int]:
        """Every question's statistics and the number of people behind them, for one workspace or all;
        recomputed only when the answers changed."""
        version = self.store.answers_version()
        cached = self._cache.get(workspace_id)
        if cached is not None and cached[0] == version:
            return cached[1], cached[2]
        rows = self.store.answer_rows(workspace_id)
        stats, people = analyse_counted(rows, self._specs, min_people=self.min_people, first_only=True)
        self._cache[workspace_id] = (version, stats, people)
        return stats, people

    def _views(self, workspace_id: int | None, question_ids: Iterable[str]) -> list[ItemView]:
        stats, _ = self.analysis(workspace_id)
        keeps = self.store.keeps(workspace_id)
        open_reports = self.reports_store.open_by_question(workspace_id)
        return [self._view(stats[qid], keeps.get(qid), open_reports.get(qid, 0)) for qid in question_ids]

    def _view(self, stats: ItemStats, keep: KeepRow | None, open_reports: int) -> ItemView:
        question = self.context.bank.get(stats.question_id)
        flags = flags_for(stats)
        kept_view = None
        quiet: tuple[Flag, ...] = ()
        if keep is not None:
            kept_view = KeepView(_when(keep.kept_at, with_time=False), keep.people, keep.flags, keep.kept_by)
            kinds = {f.kind for f in flags}
            if kinds <= set(keep.flags) and stats.people < keep.people + self.new_evidence:
                flags, quiet = (), flags
        return ItemView(
            question.id,
            question.objective,
            question.select,
            first_line(question.stem),
            stats,
            flags,
            quiet,
            kept_view,
            open_reports,
        )

    def stats_for(self, workspace_id: int | None, question_ids: Iterable[str]) -> dict[str, ItemView]:
        """The figures and flags of the named questions (unknown ids left out): for the web dashboard."""
        known = [qid for qid in question_ids if qid in self._specs]
        return {view.question_id: view for view in self._views(workspace_id, known)}

    # -- bank stats ----------------------------------------------------------------------------------
    @admin_only
    def bank_stats(self, member: Member, *, flagged_only: bool = False, objective: str | None = None) -> BankStatsView:
        questions = list(self.context.bank.questions)
        if objective:
            objective = objective.strip().upper()
            if not self.context.bank.syllabus.has_objective(objective):
                raise InvalidChoiceError(
                    f"There is no objective {clipped(objective)} in the syllabus; use an ID such as OPS.MONITOR.2."
                )
            questions = [q for q in questions if q.objective == objective]
        workspace_id = self.scope_of(member)
        views = self._views(workspace_id, [q.id for q in questions])
        _, people = self.analysis(workspace_id)
        flagged = [v for v in views if v.flagged]
        shown = sorted(flagged, key=_severity) if flagged_only else views
        return BankStatsView(
            self._scope_name(member),
            tuple(shown),
            len(views),
            sum(1 for v in views if v.stats.enough),
            len(flagged),
            people,
            self.min_people,
            objective,
        )

    @admin_only
    def flagged(self, member: Member) -> BankStatsView:
        return self.bank_stats(member, flagged_only=True)

    @admin_only
    def question(self, member: Member, question_id: str) -> ItemView:
        question_id = question_id.strip().lower()
        if question_id not in self._specs:
            raise UnknownQuestionIdError(question_id)
        return self._views(self.scope_of(member), [question_id])[0]

    @admin_only
    def keep(self, member: Member, question_id: str) -> ItemView:
        """Mark a question reviewed and kept: its present flags stay quiet until new evidence."""
        view = self.question(member, question_id)
        current = view.flags or view.quiet
        self.store.keep(
            self.scope_of(member),
            view.question_id,
            view.stats.people,
            tuple(f.kind for f in current),
            self.context.user_id(member),
            now=self.context.clock(),
        )
        return self.question(member, question_id)

    # -- reports ----------------------------------------------------------------------------------
    @admin_only
    def reports(self, member: Member, *, include_resolved: bool = False) -> ReportListView:
        workspace_id = self.scope_of(member)
        rows = self.reports_store.recent(workspace_id, include_resolved=include_resolved, limit=REPORT_LIST_LIMIT)
        asked = {row.question_id for row in rows if row.question_id in self._specs}
        items = dict(zip(asked, self._views(workspace_id, asked), strict=True))  # one pass for the whole list
        return ReportListView(
            self._scope_name(member),
            tuple(self._report_view(row, items.get(row.question_id)) for row in rows),
            self.reports_store.count_open(workspace_id),
            include_resolved,
        )

    @admin_only
    def report(self, member: Member, number: int | str) -> ReportView:
        row = self._report_row(member, number)
        return self._report_view(row, self._item_of(self.scope_of(member), row.question_id))

    @admin_only
    def resolve(self, member: Member, number: int | str, note: str) -> ReportView:
        row = self._report_row(member, number)
        note = " ".join(note.split())
        if len(note) < MIN_RESOLUTION:
            raise InvalidChoiceError("Say in a few words how the report was resolved (the note is kept with it).")
        if len(note) > MAX_RESOLUTION:
            raise InvalidChoiceError(
                f"A resolution note is at most {MAX_RESOLUTION} characters (yours has {len(note)})."
            )
        if not self.reports_store.resolve(row.id, note, self.context.user_id(member), now=self.context.clock()):
            raise AlreadyResolvedError(self._report_view(self._report_row(member, row.id), None))
        resolved = self._report_row(member, row.id)
        return self._report_view(resolved, self._item_of(self.scope_of(member), resolved.question_id))

    def _report_row(self, member: Member, number: int | str) -> ReportRow:
        text = str(number).strip().lstrip("#")
        if not (text.isascii() and text.isdigit() and len(text) <= 18):
            raise UnknownReportError(number)
        row = self.reports_store.get(int(text))
        workspace_id = self.scope_of(member)
        if row is None or (workspace_id is not None and row.workspace_id != workspace_id):
            raise UnknownReportError(number)
        return row

    def _item_of(self, workspace_id: int | None, question_id: str) -> ItemView | None:
        """The question's statistics beside a report (None for a question no longer in the bank)."""
        return self._views(workspace_id, [question_id])[0] if question_id in self._specs else None

    def _report_view(self, row: ReportRow, item: ItemView | None) -> ReportView:
        return ReportView(
            row.id,
            row.question_id,
            row.reporter,
            row.platform,
            row.reason,
            _when(row.created_at),
            _when(row.resolved_at) if row.resolved_at else None,
            row.resolution,
            row.resolved_by,
            item,
        )

    # -- the weekly digest ---------------------------------------------------------------------------
    @admin_only
    def set_digest(self, member: Member, channel: ChannelTarget, on: bool) -> DigestSettingView:
        """Post the weekly digest of new reports and newly flagged questions in this channel, or stop it."""
        channel_id, workspace_id = self.context.channel_of(member, channel)
        if on:
            self.store.set_digest(workspace_id, channel_id, now=self.context.clock())
        else:
            self.store.clear_digest(workspace_id)
        return DigestSettingView(channel.name or channel.external_id, on, DIGEST_WHEN)

    def digest(
        self, workspace_id: int, scope: str, sent_at: str | None, flagged_before: tuple[str, ...]
    ) -> tuple[DigestView, tuple[str, ...]]:
        """What is new in a workspace since the last digest (everything, for the first), and the questions
        flagged now (the next digest's baseline)."""
        rows = self.reports_store.recent(workspace_id, include_resolved=True, limit=DIGEST_REPORTS)
        reports = tuple(
            DigestReport(r.id, r.question_id, r.reporter, r.reason, _when(r.created_at))
            for r in rows
            if sent_at is None or r.created_at > sent_at
        )
        flagged = sorted(
            (v for v in self._views(workspace_id, [q.id for q in self.context.bank.questions]) if v.flags),
            key=_severity,
        )
        new = tuple(
            DigestFlag(v.question_id, v.objective, tuple(f.kind for f in v.flags), min(v.flags, key=_worst).reason)
            for v in flagged
            if v.question_id not in flagged_before
        )
        since = _when(sent_at, with_time=False) if sent_at else None
        view = DigestView(scope, since, reports, new, self.reports_store.count_open(workspace_id), len(flagged))
        return view, tuple(sorted(v.question_id for v in flagged))

    async def send_digests(self, posters: Posters) -> int:
        """Post each chosen channel's digest (none when nothing is new) through the platforms this process
        posts to; returns how many were posted. A channel that fails is logged and tried next week."""
        posted = 0
        for row in self.store.digests():
            if row.platform not in posters.by_platform:
                continue
            scope = row.channel_name or row.workspace_on_platform
            view, flagged_now = self.digest(row.workspace_id, scope, row.sent_at, row.flagged)
            if not view.empty:
                channel = ChannelAddress(row.platform, row.workspace_on_platform, row.channel_on_platform)
                try:
                    await posters.for_channel(channel).post_digest(channel, view)
                except Exception:
                    log.exception("the item digest for channel %s could not be posted", row.channel_on_platform)
                    continue
                posted += 1
            self.store.digest_sent(row.workspace_id, flagged_now, now=self.context.clock())
        return posted


def _worst(flag: Flag) -> int:
    return FLAG_KINDS.index(flag.kind)


def _severity(view: ItemView) -> tuple[int, str]:
    worst = min((FLAG_KINDS.index(f.kind) for f in view.flags), default=len(FLAG_KINDS))
    return worst, view.question_id
