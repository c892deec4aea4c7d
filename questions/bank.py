"""Loading and validating the question bank: every problem names the file, the question id and the field."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import yaml
from pydantic import ValidationError

from questions.models import Question
from questions.syllabus import Syllabus, load_syllabus, load_yaml

BANK_DIR = Path(__file__).parent / "bank"
_FIELD_PREFIX = re.compile(r"^(?:Value error, )?\[(\S+?)\] ")


@dataclass(frozen=True)
class Problem:
    file: str
    question_id: str
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}: question {self.question_id}: field {self.field}: {self.message}"


class BankError(ValueError):
    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        lines = "\n".join(f"  {p}" for p in problems)
        super().__init__(f"the question bank has {len(problems)} problem(s):\n{lines}")


class Bank:
    """The validated, active questions plus the syllabus they hang off."""

    def __init__(self, questions: Iterable[Question], syllabus: Syllabus) -> None:
        self.syllabus = syllabus
        self.all_questions = tuple(questions)
        self.questions = tuple(q for q in self.all_questions if not q.retired)

    @cached_property
    def by_id(self) -> dict[str, Question]:
        return {q.id: q for q in self.all_questions}

    def has(self, question_id: str) -> bool:
        return question_id in self.by_id

    def get(self, question_id: str) -> Question:
        try:
            return self.by_id[question_id]
        except KeyError:
            raise UnknownQuestionError(question_id) from None

    @cached_property
    def placement(self) -> dict[str, tuple[str, str]]:
        """Objective id -> (domain id, section id)."""
        return {o.id: (d.id, s.id) for d in self.syllabus.domains for s in d.sections for o in s.objectives}

    def domain_id(self, question: Question) -> str:
        return self.placement[question.objective][0]

    def section_id(self, question: Question) -> str:
        return self.placement[question.objective][1]

    def filtered(self, domain_id: str | None = None, section_id: str | None = None) -> list[Question]:
        if domain_id is None and section_id is None:
            return list(self.questions)  # the daily pick's case, once per post
        return [
            q
            for q in self.questions
            if (domain_id is None or self.domain_id(q) == domain_id)
            and (section_id is None or self.section_id(q) == section_id)
        ]


class UnknownQuestionError(KeyError):
    def __init__(self, question_id: str) -> None:
        super().__init__(question_id)
        self.question_id = question_id

    def __str__(self) -> str:
        return f"no question with id {self.question_id!r} in the bank"


def load_bank(directory: Path = BANK_DIR, syllabus: Syllabus | None = None) -> Bank:
    """Load every *.yaml file under `directory`; raise BankError listing every problem found."""
    syllabus = syllabus or load_syllabus()
    problems: list[Problem] = []
    questions: list[Question] = []
    first_seen: dict[str, str] = {}
    files = sorted(directory.glob("*.yaml"))
    if not files:
        raise BankError([Problem(str(directory), "-", "-", "no *.yaml question files found")])
    for path in files:
        for question_id, raw, problem in _raw_items(path):
            if problem:
                problems.append(problem)
                continue
            try:
                question = Question.model_validate(raw, context={"syllabus": syllabus})
            except ValidationError as exc:
                problems.extend(problems_from(exc, path.name, question_id))
                continue
            if question.id in first_seen:
                problems.append(
                    Problem(path.name, question.id, "id", f"duplicate id, first used in {first_seen[question.id]}")
                )
                continue
            first_seen[question.id] = path.name
            questions.append(question)
    if problems:
        raise BankError(problems)
    return Bank(questions, syllabus)


def _raw_items(path: Path):
    """Yield (question id or position label, raw mapping, problem) for each item of a file."""
    try:
        data = load_yaml(path)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}, column {mark.column + 1}" if mark else "unknown position"
        reason = getattr(exc, "problem", None) or str(exc)
        yield "-", None, Problem(path.name, "-", "(YAML syntax)", f"{reason} at {where}")
        return
    items = data.get("questions") if isinstance(data, dict) else None
    if not isinstance(items, list):
        yield "-", None, Problem(path.name, "-", "questions", "the file must hold a mapping with a 'questions:' list")
        return
    for position, raw in enumerate(items, start=1):
        label = raw.get("id") if isinstance(raw, dict) and raw.get("id") else f"#{position} (no id)"
        if not isinstance(raw, dict):
            yield str(label), None, Problem(path.name, str(label), "-", "an item must be a mapping")
            continue
        yield str(label), raw, None


def problems_from(exc: ValidationError, file: str, question_id: str) -> list[Problem]:
    found = []
    for error in exc.errors():
        field = ".".join(str(part) if isinstance(part, str) else f"[{part}]" for part in error["loc"])
        field = field.replace(".[", "[") or "-"
        message = error["msg"]
        prefixed = _FIELD_PREFIX.match(message)
        if prefixed:
            field, message = prefixed.group(1), message[prefixed.end() :]
        elif message.startswith("Value error, "):
            message = message[len("Value error, ") :]
        found.append(Problem(file, question_id, field, message))
    return found
