"""The use cases every platform shares. Adapters call these with a Member and render the returned views."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from functools import cached_property

from bot.services.bounds import MAX_REPORT_REASON, MIN_REPORT_REASON
from bot.services.context import ServiceContext
from bot.services.display import (
    AccuracyRow,
    FeedbackView,
    OptionView,
    PickReasonView,
    QuestionView,
    RationaleView,
    ScopeView,
    SetStepView,
    StatsView,
)
from bot.services.errors import (
    InvalidChoiceError,
    NotYourQuestionError,
    QuestionGoneError,
    UnknownAskError,
    UnknownScopeError,
)
from bot.services.identity import Member
from questions.adaptive import Pick, adaptive_pick
from questions.calibration import TREND_PERIOD_DAYS, Calibration, calibrate, trend_from, trend_terms_by_person
from questions.grading import InvalidAnswerError, grade
from questions.models import Question
from questions.readiness import Answer, ExamBlueprint, Readiness, estimate_readiness, exam_blueprint
from questions.review import review
from questions.selection import EmptyPoolError, pick_question
from questions.syllabus import UnknownScopeError as SyllabusScopeError
from storage.attempts import AskRow, AttemptRow, AttemptStore, FirstAnswerTallies
from storage.clock import from_db, to_db
from storage.practice_sets import PracticeSetStore
from storage.reviews import ReviewStore

WEAKEST_MIN_ANSWERS = 3
CALIBRATION_TTL = timedelta(minutes=10)  # how long a workspace's first-answer tallies are reused


@dataclass(frozen=True)
class _WorkspaceTallies:
    at: datetime
    tallies: FirstAnswerTallies
    trend_terms: dict[int, tuple[float, float]]  # person -> their part of the pooled learning trend
    trend_sums: tuple[float, float]


class PracticeService:
    """Practice questions and their feedback, the review schedule, reports on questions, and a person's
    stats and readiness: what a learner does alone."""

    def __init__(self, context: ServiceContext) -> None:
        self.context = context
        self.attempts = AttemptStore(context.db)
        self.reviews = ReviewStore(context.db)
        self.sets = PracticeSetStore(context.db)
        self._tallies: dict[int, _WorkspaceTallies] = {}

    # -- practice ---------------------------------------------------------
    def practice_question(self, member: Member, scope: str | None = None, *, adaptive: bool = True) -> QuestionView:
        """A practice question: by default the adaptive pick (due reviews, weak objectives, then new
        questions at the blueprint weights); with adaptive=False a plain blueprint pick."""
        domain_id, section_id = self.resolve_scope(scope)
        user_id = self.context.user_id(member)
        served = self.attempts.served_counts(user_id)
        why = None
        try:
            if adaptive:
                due = {
                    q: when
                    for q, when in self.reviews.due(user_id, self.context.clock()).items()
                    if self.context.bank.has(q)
                }
                accuracy = self.objective_accuracy(self.attempts.for_user(user_id))
                pick = adaptive_pick(
                    self.context.bank,
                    self.context.rng,
                    due=due,
                    accuracy=accuracy,
                    served=served,
                    domain_id=domain_id,
                    section_id=section_id,
                )
                question = pick.question
                why = self._why(pick, due, accuracy, served, domain_id, section_id)
            else:
                question = pick_question(
                    self.context.bank, self.context.rng, served, domain_id=domain_id, section_id=section_id
                )
        except EmptyPoolError as exc:
            raise UnknownScopeError(f"There are no questions for {scope} yet.") from exc
        ask = self.attempts.create_ask(
            user_id, question.id, "adaptive" if adaptive else "practice", now=self.context.clock()
        )
        return replace(self.question_view(question, ask.id), why=why)

    def _why(
        self,
        pick: Pick,
        due: dict[str, datetime],
        accuracy: dict[str, tuple[int, int]],
        served: dict[str, int],
        domain_id: str | None,
        section_id: str | None,
    ) -> PickReasonView:
        """Why the adaptive pick chose this question, with the reviews due (overall and in the scope)."""
        question = pick.question
        reason = {"due for review": "due", "weak objective": "weak"}.get(pick.reason)
        if reason is None:
            reason = "seen" if served.get(question.id, 0) else "new"
        correct, answered = accuracy.get(question.objective, (0, 0))
        scope_id = section_id or domain_id
        in_scope = {q.id for q in self.context.bank.filtered(domain_id, section_id)} if scope_id else set()
        return PickReasonView(
            reason,
            len(due),
            question.objective,
            correct,
            answered,
            scope=scope_id,
            scope_due=sum(q in in_scope for q in due) if scope_id else None,
        )

    def answer_practice(self, member: Member, ask_id: int, chosen: Iterable[str] | str) -> FeedbackView:
        ask = self.attempts.get_ask(ask_id)
        if ask is None:
            raise UnknownAskError()
        if ask.user_id != self.context.user_id(member):
            raise NotYourQuestionError()
        question = self.context.bank.get(ask.question_id)
        try:
            result = grade(question, chosen)
        except InvalidAnswerError as exc:
            raise InvalidChoiceError(str(exc)) from exc
        recorded = self.attempts.record_for_ask(
            ask,
            question.objective,
            "".join(result.chosen),
            result.correct,
            now=self.context.clock(),
            card=self.next_card(ask.user_id, question.id, result.correct),
        )
        stored_choice = tuple(recorded.attempt.chosen)
        feedback = self.feedback_view(question, stored_choice, already_answered=not recorded.created)
        return replace(feedback, in_set=self.set_step(ask))

    def set_step(self, ask: AskRow) -> SetStepView | None:
        """Where an answered ask stands in its practice set, with the set's score so far."""
        practice_set = self.sets.get(ask.set_id) if ask.set_id is not None else None
        if practice_set is None or ask.set_position is None:
            return None
        correct, answered = self.sets.score(practice_set.id)
        total = len(practice_set.question_ids)
        return SetStepView(practice_set.id, practice_set.kind, ask.set_position, total, correct, answered)

    def next_card(self, user_id: int, question_id: str, correct: bool) -> tuple[str, datetime]:
        """The person's FSRS card for this question after this answer: a miss comes back sooner than a hit."""
        return review(self.reviews.card(user_id, question_id), correct, self.context.clock())

    def record_review(self, user_id: int, question_id: str, correct: bool) -> None:
        self.reviews.save(user_id, question_id, *self.next_card(user_id, question_id, correct))

    def report_problem(self, member: Member, question_id: str, reason: str) -> int:
        """Store a person's report that a question is wrong or unclear."""
        if not self.context.bank.has(question_id):
            raise QuestionGoneError(question_id)
        reason = " ".join(reason.split())
        if len(reason) > MAX_REPORT_REASON:
            raise InvalidChoiceError(
                f"a report's reason is at most {MAX_REPORT_REASON} characters (yours has {len(reason)}); shorten it"
            )
        if len(reason) < MIN_REPORT_REASON:
            raise InvalidChoiceError("say in a few words what is wrong with the question")
        return self.reviews.add_report(self.context.user_id(member), question_id, reason, now=self.context.clock())

    # -- stats ------------------------------------------------------------
    def stats(self, member: Member) -> StatsView:
        user_id = self.context.user_id(member)
        attempts = self.attempts.for_user(user_id)
        return self.stats_view(member.name or member.user, attempts, self.calibration(user_id, attempts))

    def readiness(self, member: Member) -> Readiness:
        user_id = self.context.user_id(member)
        attempts = self.attempts.for_user(user_id)
        return self.readiness_from(attempts, self.calibration(user_id, attempts))

    def readiness_history(self, member: Member) -> list[tuple[date, Readiness]]:
        """The readiness estimate at the end of each day the person answered something, as it read then."""
        user_id = self.context.user_id(member)
        attempts = self.attempts.for_user(user_id)
        return self._readiness_history(attempts, self.calibration(user_id, attempts))

    def _readiness_history(self, attempts: list[AttemptRow], calibration: Calibration) -> list[tuple[date, Readiness]]:
        answers = self.answers(attempts)
        history = []
        for index, answer in enumerate(answers):
            day = answer.answered_at.date()
            if index + 1 == len(answers) or answers[index + 1].answered_at.date() != day:
                history.append((day, self.estimate(answers[: index + 1], calibration, answer.answered_at)))
        return history

    def stats_chart(self, member: Member, image_format: str = "png") -> bytes | None:
        """The stats chart as a PNG (or a JPEG), or None while the person has answered nothing (no chart)."""
        from bot.services.charts import stats_chart

        user_id = self.context.user_id(member)
        attempts = self.attempts.for_user(user_id)  # read once for the figures and the readiness line
        calibration = self.calibration(user_id, attempts)
        stats = self.stats_view(member.name or member.user, attempts, calibration)
        if not stats.answered:
            return None
        return stats_chart(stats, self._readiness_history(attempts, calibration), image_format)

    def calibration(self, user_id: int, attempts: list[AttemptRow] | None = None) -> Calibration:
        """Question difficulties and the learning trend, from the first answers of everyone else in the
        person's workspace. The workspace's tallies are kept for CALIBRATION_TTL (they move slowly); the
        person's own first answers (`attempts`, read when not given) are taken out of them fresh."""
        workspace_id = self.attempts.workspace_of(user_id)
        now = self.context.clock()
        cached = self._tallies.get(workspace_id)
        if cached is None or not now - CALIBRATION_TTL <= cached.at <= now:
            tallies = self.attempts.first_answer_tallies(workspace_id, TREND_PERIOD_DAYS)
            terms = trend_terms_by_person(tallies.per_period)
            cached = _WorkspaceTallies(
                now, tallies, terms, (sum(c for c, _ in terms.values()), sum(s for _, s in terms.values()))
            )
            self._tallies[workspace_id] = cached
        mine: dict[str, tuple[int, int]] = {}
        until = to_db(cached.at)
        for attempt in self.attempts.for_user(user_id) if attempts is None else attempts:
            if attempt.answered_at <= until and attempt.question_id not in mine:
                mine[attempt.question_id] = (int(attempt.correct), 1)
        others = {
            q: (right - mine.get(q, (0, 0))[0], n - mine.get(q, (0, 0))[1])
            for q, (right, n) in cached.tallies.per_question.items()
        }
        own_covariation, own_spread = cached.trend_terms.get(user_id, (0.0, 0.0))
        trend = trend_from(cached.trend_sums[0] - own_covariation, cached.trend_sums[1] - own_spread)
        return calibrate(others, trend=trend)

    def readiness_from(
        self, attempts: list[AttemptRow], calibration: Calibration | None = None, *, now: datetime | None = None
    ) -> Readiness:
        """Readiness from a person's attempts (in time order): their first answer to each question, recent
        ones weighted more, adjusted for difficulty where `calibration` knows the questions."""
        return self.estimate(self.answers(attempts), calibration, now or self.context.clock())

    def answers(self, attempts: list[AttemptRow]) -> list[Answer]:
        syllabus = self.context.bank.syllabus
        return [
            Answer(a.question_id, syllabus.domain_of(a.objective_id).id, a.correct, from_db(a.answered_at))
            for a in attempts
            if syllabus.has_objective(a.objective_id)
        ]

    def estimate(self, answers: list[Answer], calibration: Calibration | None, now: datetime) -> Readiness:
        return estimate_readiness(
            answers,
            self.blueprint,
            now=now,
            half_life_days=self.context.readiness_half_life_days,
            calibration=calibration,
        )

    @cached_property
    def blueprint(self) -> ExamBlueprint:
        return exam_blueprint(self.context.bank)

    def objective_accuracy(self, attempts: list[AttemptRow]) -> dict[str, tuple[int, int]]:
        tally: dict[str, list[int]] = {}
        for attempt in attempts:
            counts = tally.setdefault(attempt.objective_id, [0, 0])
            counts[0] += attempt.correct
            counts[1] += 1
        return {objective_id: (c, n) for objective_id, (c, n) in tally.items()}

    def stats_view(self, name: str, attempts: list[AttemptRow], calibration: Calibration | None = None) -> StatsView:
        syllabus = self.context.bank.syllabus
        by_section: dict[str, list[int]] = {s.id: [0, 0] for s in syllabus.sections}
        for attempt in attempts:
            if not syllabus.has_objective(attempt.objective_id):
                continue
            tally = by_section[syllabus.section_of(attempt.objective_id).id]
            tally[0] += 1
            tally[1] += attempt.correct
        sections = tuple(AccuracyRow(s.id, s.name, *by_section[s.id]) for s in syllabus.sections)
        domains = tuple(
            AccuracyRow(
                d.id,
                d.name,
                sum(by_section[s.id][0] for s in d.sections),
                sum(by_section[s.id][1] for s in d.sections),
            )
            for d in syllabus.domains
        )
        answered = [row for row in sections if row.answered >= WEAKEST_MIN_ANSWERS]
        weakest = tuple(sorted(answered, key=lambda row: (row.percent, -row.answered))[:3])
        return StatsView(
            name=name,
            answered=sum(d.answered for d in domains),
            correct=sum(d.correct for d in domains),
            domains=domains,
            sections=sections,
            pass_percent=syllabus.exam.pass_percent,
            weakest=weakest,
            readiness=self.readiness_from(attempts, calibration),
        )

    # -- shared helpers ---------------------------------------------------
    def resolve_scope(self, scope: str | None) -> tuple[str | None, str | None]:
        try:
            return self.context.bank.syllabus.resolve_scope(scope)
        except SyllabusScopeError as exc:
            raise UnknownScopeError(str(exc)) from exc

    def question_view(self, question: Question, answers_to: int, kind: str = "practice") -> QuestionView:
        syllabus = self.context.bank.syllabus
        return QuestionView(
            kind=kind,
            answers_to=answers_to,
            question_id=question.id,
            domain=syllabus.domain_of(question.objective).name,
            section=syllabus.section_of(question.objective).name,
            objective_id=question.objective,
            stem=question.stem,
            code=question.code,
            options=tuple(
                OptionView(letter, o.text) for letter, o in zip(question.letters, question.options, strict=True)
            ),
            choose=question.choose,
            difficulty=question.difficulty,
        )

    def feedback_view(
        self, question: Question, chosen: tuple[str, ...], *, already_answered: bool = False
    ) -> FeedbackView:
        key = tuple(sorted(question.answer))
        shown = list(chosen) + [letter for letter in key if letter not in chosen]
        if chosen != key:  # on a miss, the why of every option
            shown += [letter for letter in question.letters if letter not in shown]
        return FeedbackView(
            question_id=question.id,
            correct=chosen == key,
            chosen=chosen,
            key=key,
            rationales=tuple(
                RationaleView(
                    letter, question.option(letter).text, question.option(letter).why, letter in key, letter in chosen
                )
                for letter in shown
            ),
            explanation=question.explanation,
            references=question.references,
            already_answered=already_answered,
            letters=question.letters,
        )

    def scopes(self) -> tuple[ScopeView, ...]:
        """Every domain, each followed by its sections: what practice can be narrowed to."""
        scopes: list[ScopeView] = []
        for domain in self.context.bank.syllabus.domains:
            scopes.append(ScopeView(domain.id, domain.name, domain.name))
            scopes += [ScopeView(s.id, s.name, domain.name) for s in domain.sections]
        return tuple(scopes)
