"""The learner's own loop: review the questions they got wrong, practise questions named by id, and search
the questions they have answered. Both kinds of practice are sets served one question after the other."""

from __future__ import annotations

import re
from dataclasses import replace

from bot.services.admin import require_admin
from bot.services.bounds import REVIEW_ORDERS
from bot.services.context import ServiceContext
from bot.services.display import QuestionView, SetStepView
from bot.services.errors import InvalidChoiceError, QuizError, clipped
from bot.services.identity import Member
from bot.services.practice import PracticeService
from bot.services.study_views import SearchHitView, SearchView
from questions.models import Question
from questions.syllabus import UnknownScopeError as SyllabusScopeError
from storage.attempts import AttemptRow
from storage.practice_sets import PracticeSetRow

SET_MAX = 20  # questions in one practice set
SEARCH_SHOWN = 15
STEM_SHOWN = 110


class NothingToReviewError(QuizError):
    def __init__(self) -> None:
        super().__init__("Nothing to review: every question you got wrong you have since got right.")


class StudyService:
    def __init__(self, context: ServiceContext, practice: PracticeService) -> None:
        self.context = context
        self.practice = practice

    # -- practice sets -------------------------------------------------------------
    def review(self, member: Member, order: str = "newest") -> QuestionView:
        """A set of the questions the person got wrong and has not got right since (newest miss first, or
        by objective), asked again as practice: its first question."""
        if order not in REVIEW_ORDERS:
            raise InvalidChoiceError(f"review order is {' or '.join(REVIEW_ORDERS)}")
        user_id = self.context.user_id(member)
        unrevealed = self.unrevealed_daily(member)
        missed = [a for a in self.mistakes(self.practice.attempts.for_user(user_id)) if a.question_id not in unrevealed]
        if order == "objective":
            rank = {o.id: index for index, o in enumerate(self.context.bank.syllabus.objectives)}
            missed.sort(key=lambda attempt: rank.get(attempt.objective_id, len(rank)))
        if not missed:
            raise NothingToReviewError()
        return self._start(user_id, "review", [a.question_id for a in missed[:SET_MAX]])

    def mistakes(self, attempts: list[AttemptRow]) -> list[AttemptRow]:
        """Each question whose latest answer was wrong, by that answer, newest first."""
        latest = {a.question_id: a for a in attempts}
        wrong = [a for a in latest.values() if not a.correct and self.context.bank.has(a.question_id)]
        return sorted(wrong, key=lambda a: (a.answered_at, a.id), reverse=True)

    def practice_ids(self, member: Member, ids: str) -> QuestionView:
        """A set of the questions named by id (comma- or space-separated, as `plan` prints them): its first."""
        wanted = list(dict.fromkeys(part.lower() for part in re.split(r"[,\s]+", ids) if part))
        if not wanted:
            raise InvalidChoiceError("name at least one question id, e.g. md-sparkml-001")
        if len(wanted) > SET_MAX:
            raise InvalidChoiceError(f"a practice set has at most {SET_MAX} questions")
        unknown = [question_id for question_id in wanted if not self.context.bank.has(question_id)]
        if unknown:
            raise InvalidChoiceError(f"there is no question {clipped(', '.join(unknown))} in the bank")
        unrevealed = self.unrevealed_daily(member) & set(wanted)
        if unrevealed:
            raise QuizError(f"{', '.join(sorted(unrevealed))} is a daily question here: practise it after its reveal.")
        return self._start(self.context.user_id(member), "ids", wanted)

    def unrevealed_daily(self, member: Member) -> set[str]:
        """The questions of the member's workspace's daily posts not revealed yet: kept out of practice sets and
        of a person's search, so that neither gives away an answer or a verdict before the reveal."""
        return self.practice.sets.unrevealed_daily_questions(self.context.workspace_of(member).id)

    def set_question(self, member: Member, set_id: int, position: int) -> QuestionView:
        """The question at `position` (from 1) of the person's practice set, served as a new ask."""
        practice_set = self.practice.sets.get(set_id)
        if practice_set is None or practice_set.user_id != self.context.user_id(member):
            raise QuizError("That practice set is not yours or no longer exists; start a new one.")
        if not 1 <= position <= len(practice_set.question_ids):
            raise InvalidChoiceError(f"the set's questions are numbered 1 to {len(practice_set.question_ids)}")
        return self._serve(practice_set, position)

    def _start(self, user_id: int, kind: str, question_ids: list[str]) -> QuestionView:
        return self._serve(self.practice.sets.create(user_id, kind, question_ids, now=self.context.clock()), 1)

    def _serve(self, practice_set: PracticeSetRow, position: int) -> QuestionView:
        question = self.context.bank.get(practice_set.question_ids[position - 1])
        ask = self.practice.attempts.create_ask(
            practice_set.user_id, question.id, "practice", now=self.context.clock(), in_set=(practice_set.id, position)
        )
        correct, answered = self.practice.sets.score(practice_set.id)
        total = len(practice_set.question_ids)
        step = SetStepView(practice_set.id, practice_set.kind, position, total, correct, answered)
        return replace(self.practice.question_view(question, ask.id), in_set=step)

    # -- search ---------------------------------------------------------------------
    def search(self, member: Member, query: str, *, everything: bool = False) -> SearchView:
        """Questions matching an id, an objective, a domain or section, or words (all of them), among those
        the person has answered (daily ones once revealed), so that no one previews a daily question; admins
        may search everything."""
        if everything:
            require_admin(member)
        query = " ".join(query.split())
        if not query:
            raise InvalidChoiceError("search for words, an objective such as OPS.MONITOR.2, or a question id")
        last = {a.question_id: a.correct for a in self.practice.attempts.for_user(self.context.user_id(member))}
        matches = self._matching(query)
        unrevealed = set() if everything else self.unrevealed_daily(member)
        visible = [q for q in matches if everything or (q.id in last and q.id not in unrevealed)]
        syllabus = self.context.bank.syllabus
        hits = tuple(
            SearchHitView(
                q.id, q.objective, syllabus.section_of(q.objective).name, clipped(q.stem, STEM_SHOWN), last.get(q.id)
            )
            for q in visible[:SEARCH_SHOWN]
        )
        return SearchView(clipped(query), hits, len(visible), everything, len(matches) - len(visible))

    def _matching(self, query: str) -> list[Question]:
        bank = self.context.bank
        if bank.has(query.lower()):
            return [bank.get(query.lower())]
        if bank.syllabus.has_objective(query.upper()):
            return [q for q in bank.questions if q.objective == query.upper()]
        try:
            domain_id, section_id = bank.syllabus.resolve_scope(query)
            return bank.filtered(domain_id, section_id)
        except SyllabusScopeError:
            pass
        words = query.casefold().split()

        def text(q: Question) -> str:
            return " ".join([q.id, q.objective, q.stem, q.code or "", q.explanation, *(o.text for o in q.options)])

        return [q for q in bank.questions if all(word in text(q).casefold() for word in words)]
