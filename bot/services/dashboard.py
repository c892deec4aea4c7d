"""The web dashboard's pages (and Slack's App Home) as view models, built from the services every front end
uses: readiness and stats, the study plan and checklist, history, the questions to review, leaderboards, the
daily history and the question reports. Every page starts from the viewer's workspace scope: a page asked for
another workspace is not found."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from bot.services.admin import require_admin
from bot.services.competition import CompetitionService
from bot.services.context import ServiceContext
from bot.services.daily import DailyService
from bot.services.dashboard_views import (
    BankObjectiveView,
    BankPage,
    BankQuestionView,
    BankSectionView,
    ChannelPage,
    ChannelSummaryView,
    DailyEntryView,
    DayView,
    HomeView,
    ItemFigures,
    MemberStateView,
    MePage,
    ReadinessView,
    ReportView,
    ReviewItemView,
    TeamPage,
)
from bot.services.display import ExamReportView
from bot.services.errors import QuizError, clipped
from bot.services.guide import GuideService
from bot.services.history import HistoryService
from bot.services.identity import Member
from bot.services.itemstats import ItemStatsService
from bot.services.practice import PracticeService
from bot.services.study import StudyService
from bot.services.web_access import Viewer
from questions.readiness import Readiness
from storage.attempts import AttemptRow
from storage.clock import from_db
from storage.dashboard import WorkspaceScope
from storage.posts import PostStore

MEMBERS_PER_PAGE = 20
PARTICIPATION_DAYS = 14
STALLED_AFTER = timedelta(days=14)
FIGURES_MAX_AGE = timedelta(minutes=1)  # workspace-wide counts may be this old
REVIEW_SHOWN = 20
CHANNEL_POSTS_SHOWN = 30
REPORTS_SHOWN = 20
STEM_SHOWN = 140


class PageNotFoundError(QuizError):
    def __init__(self) -> None:
        super().__init__("There is no such page here.")


def readiness_view(readiness: Readiness) -> ReadinessView:
    return ReadinessView(
        readiness.verdict,
        readiness.estimate,
        readiness.low,
        readiness.high,
        readiness.pass_chance,
        readiness.advice(),
        readiness.answered,
        readiness.based_on(),
    )


class DashboardService:
    def __init__(
        self,
        context: ServiceContext,
        practice: PracticeService,
        guide: GuideService,
        history: HistoryService,
        study: StudyService,
        competition: CompetitionService,
        daily: DailyService,
        items: ItemStatsService,
    ) -> None:
        self.context = context
        self.practice = practice
        self.guide = guide
        self.history = history
        self.study = study
        self.competition = competition
        self.daily = daily
        self.items = items
        self.posts = PostStore(context.db)
        self._participation: dict[tuple[int, date], tuple[datetime, list[tuple[str, int, int]]]] = {}

    # -- the one place a page meets its workspace -----------------------------------
    def scope(self, viewer: Viewer, workspace_id: int) -> WorkspaceScope:
        """The viewer's workspace, only if it is the one asked for: anything else is not found."""
        if workspace_id != viewer.workspace_id:
            raise PageNotFoundError()
        return WorkspaceScope(self.context.db, viewer.workspace_id)

    # -- Me -------------------------------------------------------------------------
    def me(self, viewer: Viewer, workspace_id: int) -> MePage:
        self.scope(viewer, workspace_id)
        member = viewer.member
        attempts = self.practice.attempts.for_user(viewer.user_id)
        stats = self.practice.stats_view(
            member.name or member.user, attempts, self.practice.calibration(viewer.user_id, attempts)
        )
        assert stats.readiness is not None
        history = self.history.history(member)
        review = self.review_items(member, attempts)
        return MePage(
            name=stats.name,
            readiness=readiness_view(stats.readiness),
            stats=stats,
            weeks=history.weeks,
            plan=self.guide.plan_of(viewer.user_id, attempts),
            checklist=self.guide.checklist_of(viewer.user_id, attempts, stats.readiness),
            exams=history.exams,
            review=tuple(review[:REVIEW_SHOWN]),
            review_total=len(review),
        )

    def review_items(self, member: Member, attempts: list[AttemptRow]) -> list[ReviewItemView]:
        unrevealed = self.study.unrevealed_daily(member)
        bank, syllabus = self.context.bank, self.context.bank.syllabus
        return [
            ReviewItemView(
                a.question_id,
                a.objective_id,
                syllabus.section_of(a.objective_id).name,
                clipped(bank.get(a.question_id).stem, STEM_SHOWN),
                from_db(a.answered_at),
            )
            for a in self.study.mistakes(attempts)
            if a.question_id not in unrevealed and syllabus.has_objective(a.objective_id)
        ]

    def exam_report(self, viewer: Viewer, workspace_id: int, exam_id: int) -> ExamReportView:
        self.scope(viewer, workspace_id)
        try:
            return self.history.exam_result(viewer.member, exam_id)
        except QuizError as exc:
            raise PageNotFoundError() from exc

    # -- Team lead --------------------------------------------------------------------
    def team(self, viewer: Viewer, workspace_id: int, page: int = 1) -> TeamPage:
        scope = self.scope(viewer, workspace_id)
        require_admin(viewer.member)
        total = scope.member_count()
        pages = max(1, -(-total // MEMBERS_PER_PAGE))
        page = min(max(1, page), pages)
        rows = scope.members(MEMBERS_PER_PAGE, (page - 1) * MEMBERS_PER_PAGE)
        answers = scope.attempts_of([row.user_id for row in rows])
        now = self.context.clock()
        members = []
        for row in rows:
            attempts = answers[row.user_id]
            estimate = self.practice.readiness_from(attempts, self.practice.calibration(row.user_id, attempts))
            readiness = readiness_view(estimate)
            checklist = self.guide.checklist_of(row.user_id, attempts, estimate)
            last_at = from_db(attempts[-1].answered_at) if attempts else None
            if not attempts:
                state = "not started"
            elif checklist.ready:
                state = "ready"
            elif last_at is not None and now - last_at > STALLED_AFTER:
                state = "stalled"
            elif readiness.band in ("likely to pass", "borderline") or checklist.done >= len(checklist.items) - 1:
                state = "close"
            else:
                state = "studying"
            members.append(
                MemberStateView(
                    row.name,
                    len(attempts),
                    readiness,
                    checklist.done,
                    len(checklist.items),
                    state,
                    last_at.date() if last_at else None,
                )
            )
        states = ("ready", "close", "studying", "stalled", "not started")
        counts = tuple((state, sum(m.state == state for m in members)) for state in states)
        member = viewer.member
        board = self.competition.leaderboard
        return TeamPage(
            members=tuple(members),
            page=page,
            pages=pages,
            member_total=total,
            state_counts=counts,
            participation=self.participation(scope, now.date()),
            people_season=board(member, "workspace", "season"),
            people_all=board(member, "workspace", "all"),
            teams_season=board(member, "team", "season"),
            teams_all=board(member, "team", "all"),
            channels=tuple(ChannelSummaryView(c.id, c.name, c.posts, c.last_date) for c in scope.channels()),
            reports=tuple(  # the triage queue: open reports, as `/reports list` shows them
                ReportView(r.id, r.question_id, r.reason, r.reporter, from_db(r.created_at))
                for r in self.items.reports_store.recent(scope.workspace_id, limit=REPORTS_SHOWN)
            ),
            report_total=self.items.reports_store.count_open(scope.workspace_id),
        )

    def participation(self, scope: WorkspaceScope, today: date) -> tuple[DayView, ...]:
        """People who answered the daily question per day; counted again at most once a minute per workspace
        (a count over every answer of two weeks: the page need not pay for it on each view)."""
        first = today - timedelta(days=PARTICIPATION_DAYS - 1)
        key = (scope.workspace_id, first)
        now = self.context.clock()
        cached = self._participation.get(key)
        if cached is None or now - cached[0] >= FIGURES_MAX_AGE:
            cached = (now, scope.participation(str(first)))
            others = {k: v for k, v in self._participation.items() if k[1] == first and k != key}
            self._participation = {key: cached, **others}
        found = {date.fromisoformat(day): (people, answers) for day, people, answers in cached[1]}
        days = (first + timedelta(days=n) for n in range(PARTICIPATION_DAYS))
        return tuple(DayView(day, *found.get(day, (0, 0))) for day in days)

    def channel(self, viewer: Viewer, workspace_id: int, channel_id: int) -> ChannelPage:
        scope = self.scope(viewer, workspace_id)
        require_admin(viewer.member)
        channel = scope.channel(channel_id)
        if channel is None:
            raise PageNotFoundError()
        posts = list(reversed(self.posts.channel_history(channel.id)))
        entries = tuple(
            DailyEntryView(
                post.local_date,
                post.question_id,
                post.status,
                self.daily.reveal_view(post)
                if post.status == "revealed" and self.context.bank.has(post.question_id)
                else None,
            )
            for post in posts[:CHANNEL_POSTS_SHOWN]
        )
        return ChannelPage(channel.id, channel.name, entries, len(posts))

    # -- Bank -------------------------------------------------------------------------
    def bank(
        self, viewer: Viewer, workspace_id: int, section_id: str | None = None, objective_id: str | None = None
    ) -> BankPage:
        """A section's objectives, and one objective's questions (the first without one) with their answers here."""
        scope = self.scope(viewer, workspace_id)
        require_admin(viewer.member)
        bank, syllabus = self.context.bank, self.context.bank.syllabus
        if objective_id is not None:
            if not syllabus.has_objective(objective_id):
                raise PageNotFoundError()
            section_id = syllabus.section_of(objective_id).id
        chosen = next((s for s in syllabus.sections if s.id == (section_id or syllabus.sections[0].id)), None)
        if chosen is None:
            raise PageNotFoundError()
        sections = tuple(BankSectionView(s.id, s.name, len(bank.filtered(section_id=s.id))) for s in syllabus.sections)
        in_section = bank.filtered(section_id=chosen.id)
        objectives = tuple(
            BankObjectiveView(o.id, o.text, o.tier, sum(q.objective == o.id for q in in_section))
            for o in syllabus.objectives
            if syllabus.section_of(o.id).id == chosen.id
        )
        objective = next((o for o in objectives if o.objective_id == objective_id), objectives[0])
        questions = [q for q in in_section if q.objective == objective.objective_id]
        figures = self.item_figures(scope, [q.id for q in questions])
        # the project's one rule for open daily questions (practice and search keep them out too): no key
        # before the reveal, even for someone who answered it or saw it revealed in another channel
        unrevealed = self.practice.sets.unrevealed_daily_questions(scope.workspace_id)
        shown = (scope.revealed_questions() | scope.answered_by(viewer.user_id)) - unrevealed
        items = tuple(
            BankQuestionView(
                q.id,
                clipped(q.stem, STEM_SHOWN),
                q.difficulty,
                figures.get(q.id, ItemFigures(0, 0)),
                tuple(sorted(q.answer)) if q.id in shown else None,
                q.explanation if q.id in shown else None,
            )
            for q in questions
        )
        return BankPage(sections, chosen.id, chosen.name, objectives, objective, items, len(bank.questions))

    def item_figures(self, scope: WorkspaceScope, question_ids: list[str]) -> dict[str, ItemFigures]:
        """Each question's answers here, and the item analysis's figures and flag kinds (first answers only)."""
        counts = scope.answer_counts(question_ids)
        analysed = self.items.stats_for(scope.workspace_id, question_ids)
        figures = {}
        for qid in question_ids:
            answered, correct = counts.get(qid, (0, 0))
            item = analysed.get(qid)
            figures[qid] = ItemFigures(
                answered,
                correct,
                item.figures if item is not None else "",
                tuple(flag.kind for flag in item.flags) if item is not None else (),
            )
        return figures

    # -- Slack's App Home ---------------------------------------------------------------
    def home(self, member: Member) -> HomeView:
        user_id = self.context.user_id(member)
        attempts = self.practice.attempts.for_user(user_id)
        readiness = readiness_view(self.practice.readiness_from(attempts, self.practice.calibration(user_id, attempts)))
        plan = self.guide.plan_of(user_id, attempts)
        top = plan.steps[0]
        step = (
            f"Practise {top.section} (Tier {top.tier})"
            + (f": {top.percent:.0f} % over {top.answered} answers" if top.percent is not None else ": not started")
            + (f"; focus on {', '.join(o for o, _ in top.focus[:3])}" if top.focus else "")
        )
        return HomeView(
            member.name or member.user,
            readiness,
            step,
            plan.practice_scope,
            self.daily_state(member),
            self.team_standing(member),
        )

    def daily_state(self, member: Member) -> str:
        workspace, user_id = self.context.member_rows(member)
        latest = WorkspaceScope(self.context.db, workspace.id).latest_post_ids(1)
        post = self.posts.get(latest[0]) if latest else None
        if post is None:
            return "No daily question has been posted here yet."
        answer = self.posts.answer_of(post.id, user_id)
        now = self.context.clock()
        if post.is_open(now):
            assert post.closes_at is not None
            when = post.closes_at.strftime("%d %b %H:%M UTC")
            if answer is None:
                return f"Today's daily question ({post.local_date}) is open until {when}: you have not answered yet."
            return f"Today's daily question ({post.local_date}) is open until {when}: you have answered."
        if post.status == "revealed":
            verdict = "you did not answer" if answer is None else "you got it right" if answer.correct else "you missed"
            return f"The latest daily question ({post.local_date}) has been revealed: {verdict}."
        return f"The latest daily question ({post.local_date}) is not open."

    def team_standing(self, member: Member) -> str:
        board = self.competition.leaderboard(member, "team", "season", top=1000)
        mine = next((row for row in board.rows if row.is_me), None)
        if mine is None:
            return "You are not in a team yet."
        return (
            f"Your team {mine.name} is number {mine.rank} of {len(board.rows)} this season ({board.season_label}): "
            f"{mine.points:g} points per active member."
        )
