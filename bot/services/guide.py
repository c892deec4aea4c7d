"""Study-guide use cases: concept comparisons, exam traps, a personal study plan, the exam-ready
checklist and the exam facts, all from the person's own data and the one syllabus file."""

from __future__ import annotations

from datetime import timedelta

from bot.services.context import ServiceContext
from bot.services.countdown import CountdownService
from bot.services.display import (
    ChecklistView,
    DomainFactView,
    ExamInfoView,
    PlanStepView,
    PlanView,
    ReadingPageView,
    ReadingView,
    ResourceView,
    TrapView,
)
from bot.services.errors import QuizError, UnknownScopeError, quoted
from bot.services.exam import ExamService
from bot.services.identity import Member
from bot.services.practice import PracticeService
from questions.exam import FULL_EXAM
from questions.guide import Comparison, Guide, load_guide
from questions.plan import (
    MOCK_EXAM_DAYS,
    READY_CHANCE,
    RECENT_PER_DOMAIN,
    RECENT_WINDOW,
    ChecklistItem,
    study_plan,
)
from questions.readiness import Readiness
from questions.reading import load_resources, most_cited
from questions.selection import allocate
from questions.syllabus import UnknownScopeError as SyllabusScopeError
from storage.attempts import AttemptRow

PRACTICE_SET = 5
PAGES_SHOWN = 6  # documentation pages listed by `read`
PLAN_PAGES = 3  # and by the plan's first step


class GuideService:
    def __init__(
        self, context: ServiceContext, practice: PracticeService, exams: ExamService, guide: Guide | None = None
    ) -> None:
        self.context = context
        self.practice = practice
        self.exams = exams
        self._guide = guide
        self.countdown = CountdownService(context, practice)

    @property
    def guide(self) -> Guide:
        """Loaded on first use, so the commands that do not need it start quicker."""
        if self._guide is None:
            self._guide = load_guide(syllabus=self.context.bank.syllabus)
        return self._guide

    @property
    def syllabus(self):
        return self.context.bank.syllabus

    def compare(self, query: str) -> list[Comparison]:
        found = self.guide.find(query)
        if not found:
            raise QuizError(f"No comparison matches {quoted(query)}; try a word such as canary, drift or parallelism.")
        return found

    def comparison_titles(self) -> list[tuple[str, str]]:
        """(id, title) of every comparison, for listings and autocomplete."""
        return [(c.id, c.title) for c in self.guide.comparisons]

    def trap(self, scope: str | None = None) -> TrapView:
        domain_id, section_id = self.practice.resolve_scope(scope)
        traps = self.guide.traps_for(section_id)
        if domain_id and not section_id:
            sections = {s.id for s in self.syllabus.domain(domain_id).sections}
            traps = [t for t in traps if t.section in sections]
        if not traps:
            raise QuizError("No exam traps are written for that yet.")
        chosen = self.context.rng.choice(traps)
        section_name = self.syllabus.section(chosen.section).name
        return TrapView(
            chosen.id, chosen.section, section_name, chosen.objectives, chosen.trap, chosen.tip, chosen.references
        )

    def plan(self, member: Member) -> PlanView:
        user_id = self.context.user_id(member)
        return self.plan_of(user_id, self.practice.attempts.for_user(user_id))

    def plan_of(self, user_id: int, attempts: list[AttemptRow]) -> PlanView:
        """The plan from a person's answers already read (all of them, oldest first)."""
        steps = study_plan(self.syllabus, self.practice.objective_accuracy(attempts))
        top = steps[0]
        served = self.practice.attempts.served_counts(user_id)
        answered_ids = {a.question_id for a in attempts}
        candidates = sorted(
            self.context.bank.filtered(section_id=top.section.id),
            key=lambda q: (q.id in answered_ids, served.get(q.id, 0), q.objective not in top.focus, q.id),
        )
        return PlanView(
            new_person=not attempts,
            steps=tuple(
                PlanStepView(
                    s.section.id,
                    s.section.name,
                    s.tier,
                    s.answered,
                    s.percent,
                    tuple((o, self.syllabus.objective(o).text) for o in s.focus),
                )
                for s in steps
            ),
            comparisons=tuple(self.guide.for_section(top.section.id)),
            practice_scope=top.section.id,
            practice_question_ids=tuple(q.id for q in candidates[:PRACTICE_SET]),
            countdown=self.countdown.for_user(user_id, attempts),
            read_first=tuple(
                p.url for p in most_cited(self.context.bank.filtered(section_id=top.section.id), PLAN_PAGES)
            ),
        )

    def reading_scopes(self, typed: str = "") -> list[tuple[str, str]]:
        """(id, name) of the domains, sections and objectives `read` takes, in syllabus order; with `typed`,
        those whose id or name holds it."""
        scopes = []
        for domain in self.syllabus.domains:
            scopes.append((domain.id, domain.name))
            for section in domain.sections:
                scopes.append((section.id, section.name))
                scopes += [(o.id, o.text) for o in section.objectives]
        wanted = " ".join(typed.split()).casefold()
        return [(i, name) for i, name in scopes if wanted in i.casefold() or wanted in name.casefold()]

    def read(self, scope: str) -> ReadingView:
        """Where to read for an objective (OPS.MONITOR.2), a section (OPS.MONITOR) or a domain (OPS): the
        pages its questions cite most, then the official free resources."""
        wanted = " ".join(scope.split())
        domains = ", ".join(d.id for d in self.syllabus.domains)
        if not wanted:
            raise UnknownScopeError(
                f"Name an objective such as OPS.MONITOR.2, a section such as OPS.MONITOR, or a domain: {domains}."
            )
        objective = next((o for o in self.syllabus.objectives if o.id.casefold() == wanted.casefold()), None)
        if objective is not None:
            questions = [q for q in self.context.bank.filtered() if q.objective == objective.id]
            scope_id, kind, name = objective.id, "objective", objective.text
        else:
            try:
                domain_id, section_id = self.context.bank.syllabus.resolve_scope(wanted)
            except SyllabusScopeError:
                domain_id = section_id = None
            if domain_id is None:
                raise UnknownScopeError(
                    f"There is no objective, section or domain called {quoted(wanted)}; name an objective "
                    f"such as OPS.MONITOR.2, a section such as OPS.MONITOR, or a domain: {domains}."
                )
            questions = self.context.bank.filtered(domain_id, section_id)
            if section_id:
                scope_id, kind, name = section_id, "section", self.syllabus.section(section_id).name
            else:
                scope_id, kind, name = domain_id, "domain", self.syllabus.domain(domain_id).name
        return ReadingView(
            scope_id,
            kind,
            name,
            len(questions),
            tuple(ReadingPageView(p.url, p.questions) for p in most_cited(questions, PAGES_SHOWN)),
            tuple(ResourceView(r.title, r.url, r.what) for r in load_resources()),
        )

    def checklist(self, member: Member) -> ChecklistView:
        user_id = self.context.user_id(member)
        return self.checklist_of(user_id, self.practice.attempts.for_user(user_id))

    def checklist_of(
        self, user_id: int, attempts: list[AttemptRow], readiness: Readiness | None = None
    ) -> ChecklistView:
        """The checklist from a person's answers already read (all of them, oldest first), and their
        readiness when it is already estimated from them."""
        pass_percent = self.syllabus.exam.pass_percent
        items = []
        syllabus = self.syllabus
        placement = self.context.bank.placement  # objective -> (domain, section), built once per bank
        for domain in syllabus.domains:
            recent = [a for a in attempts if placement.get(a.objective_id, ("",))[0] == domain.id][-RECENT_WINDOW:]
            right = sum(a.correct for a in recent)
            percent = round(100 * right / len(recent)) if recent else 0
            done = len(recent) >= RECENT_PER_DOMAIN and percent >= pass_percent
            detail = (
                f"{percent} % over your last {len(recent)} answers"
                if len(recent) >= RECENT_PER_DOMAIN
                else f"{len(recent)} answers so far; {RECENT_PER_DOMAIN - len(recent)} more needed to judge"
            )
            items.append(ChecklistItem(f"{domain.name} at {pass_percent} % or better", done, detail))
        seen = {a.objective_id for a in attempts}
        tier1 = [o.id for o in self.syllabus.objectives if o.tier == 1]
        unseen = [o for o in tier1 if o not in seen]
        items.append(
            ChecklistItem(
                "Every Tier 1 objective practised",
                not unseen,
                f"{len(tier1) - len(unseen)}/{len(tier1)} seen"
                + (f"; next: {', '.join(unseen[:4])}" if unseen else ""),
            )
        )
        since = self.context.clock() - timedelta(days=MOCK_EXAM_DAYS)
        recent_exams = [
            e
            for e in self.exams.exams.finished(user_id)
            if e.size == FULL_EXAM and e.finished_at is not None and e.finished_at >= since
        ]
        best = max((self.exams.report(e).percent for e in recent_exams), default=None)
        items.append(
            ChecklistItem(
                f"A full mock exam passed in the last {MOCK_EXAM_DAYS} days",
                best is not None and best >= pass_percent,
                f"best {best} %" if best is not None else "none taken; run the full 59-question mock exam",
            )
        )
        if readiness is None:
            readiness = self.practice.readiness_from(attempts, self.practice.calibration(user_id, attempts))
        items.append(
            ChecklistItem(
                f"Readiness above {pass_percent} % with at least {READY_CHANCE * 100:.0f} % confidence",
                readiness.enough_data
                and (readiness.estimate or 0) >= pass_percent
                and (readiness.pass_chance or 0) >= READY_CHANCE,
                " ".join(part for part in (readiness.advice(), readiness.based_on()) if part),
            )
        )
        return ChecklistView(tuple(items), self.countdown.for_user(user_id, attempts))

    def exam_info(self) -> ExamInfoView:
        return self.exam_info_of(self.syllabus)

    @staticmethod
    def exam_info_of(syllabus) -> ExamInfoView:
        counts = allocate(syllabus.exam.questions, {d.id: d.weight for d in syllabus.domains})
        return ExamInfoView(
            facts=syllabus.exam,
            domains=tuple(
                DomainFactView(d.name, d.weight, counts[d.id], tuple(s.name for s in d.sections))
                for d in syllabus.domains
            ),
            objectives=len(syllabus.objectives),
        )
