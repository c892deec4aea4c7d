"""Mock exam assembly and scoring, as the real exam: blueprint-weighted, all-or-nothing multiple select."""

from __future__ import annotations

import random
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from questions.bank import Bank
from questions.grading import grade
from questions.models import Question
from questions.selection import allocate

FULL_EXAM = 59
SHORT_EXAMS = (15, 30)


class ExamAssemblyError(ValueError):
    pass


def assemble_exam(bank: Bank, size: int, rng: random.Random) -> list[Question]:
    """`size` distinct questions: domains at the blueprint weights, each domain's share spread over its
    sections in proportion to their objectives, and within a section round-robin over its objectives."""
    syllabus = bank.syllabus
    if size > len(bank.questions):
        raise ExamAssemblyError(f"the bank has {len(bank.questions)} questions, fewer than {size}")
    chosen: list[Question] = []
    domain_counts = allocate(size, {d.id: d.weight for d in syllabus.domains})
    for domain in syllabus.domains:
        pools = {s.id: _shuffled_by_objective(bank, s.id, rng) for s in domain.sections}
        wanted = allocate(domain_counts[domain.id], {s.id: len(s.objectives) for s in domain.sections})
        shortfall = 0
        for section_id, count in wanted.items():
            taken = pools[section_id][:count]
            shortfall += count - len(taken)
            pools[section_id] = pools[section_id][count:]
            chosen.extend(taken)
        leftovers = [q for pool in pools.values() for q in pool]
        rng.shuffle(leftovers)
        if shortfall > len(leftovers):
            raise ExamAssemblyError(f"the bank has too few {domain.name} questions for a {size}-question exam")
        chosen.extend(leftovers[:shortfall])
    rng.shuffle(chosen)
    return chosen


def _shuffled_by_objective(bank: Bank, section_id: str, rng: random.Random) -> list[Question]:
    by_objective: dict[str, list[Question]] = defaultdict(list)
    for q in bank.filtered(section_id=section_id):
        by_objective[q.objective].append(q)
    queues = []
    for objective_id in sorted(by_objective):
        queue = sorted(by_objective[objective_id], key=lambda q: q.id)
        rng.shuffle(queue)
        queues.append(queue)
    rng.shuffle(queues)
    interleaved = []
    while any(queues):
        for queue in queues:
            if queue:
                interleaved.append(queue.pop())
    return interleaved


def exam_percent(correct: int, total: int) -> float:
    """A score as the exam reports it: the percent rounded to 0.1 (0 for nothing asked); it passes when it
    reaches the pass mark, so 41 of 59 (69.5 %) fails at 70 %."""
    return round(100 * correct / total, 1) if total else 0.0


@dataclass(frozen=True)
class Tally:
    id: str
    name: str
    correct: int
    total: int

    @property
    def percent(self) -> float:
        return exam_percent(self.correct, self.total)


@dataclass(frozen=True)
class ExamScore:
    correct: int
    total: int
    pass_percent: int
    domains: tuple[Tally, ...]
    sections: tuple[Tally, ...]
    missed: tuple[str, ...]  # question ids answered wrongly or not at all, in exam order

    @property
    def percent(self) -> float:
        return exam_percent(self.correct, self.total)

    @property
    def passed(self) -> bool:
        return self.percent >= self.pass_percent


def score_exam(bank: Bank, items: Sequence[tuple[str, str | None]]) -> ExamScore:
    """Score (question id, chosen letters or None) pairs; an unanswered item counts as wrong."""
    syllabus = bank.syllabus
    per_section: Mapping[str, list[int]] = defaultdict(lambda: [0, 0])
    missed = []
    correct = 0
    for question_id, chosen in items:
        question = bank.get(question_id)
        right = chosen is not None and bool(chosen) and grade(question, chosen).correct
        tally = per_section[bank.section_id(question)]
        tally[0] += right
        tally[1] += 1
        correct += right
        if not right:
            missed.append(question_id)
    sections = tuple(
        Tally(s.id, s.name, *per_section[s.id]) for s in syllabus.sections if per_section.get(s.id, [0, 0])[1]
    )
    domains = tuple(
        Tally(
            d.id,
            d.name,
            sum(per_section[s.id][0] for s in d.sections if s.id in per_section),
            sum(per_section[s.id][1] for s in d.sections if s.id in per_section),
        )
        for d in syllabus.domains
    )
    return ExamScore(correct, len(items), syllabus.exam.pass_percent, domains, sections, tuple(missed))
