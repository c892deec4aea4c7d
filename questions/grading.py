"""Grading as on the exam: single select exact; multiple select all-or-nothing."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from questions.models import Question


class InvalidAnswerError(ValueError):
    """The choice does not fit the question (unknown letter, wrong count)."""


@dataclass(frozen=True)
class Grade:
    question_id: str
    chosen: tuple[str, ...]
    key: tuple[str, ...]

    @property
    def correct(self) -> bool:
        return self.chosen == self.key

    @property
    def missed(self) -> tuple[str, ...]:
        return tuple(letter for letter in self.key if letter not in self.chosen)

    @property
    def wrongly_chosen(self) -> tuple[str, ...]:
        return tuple(letter for letter in self.chosen if letter not in self.key)


def normalise_choice(question: Question, chosen: Iterable[str] | str) -> tuple[str, ...]:
    """Turn 'a, c', 'AC' or ['c', 'a'] into ('A', 'C'), refusing what the question cannot take. Typed text
    is read as letters only when every group of it is option letters, each once: a word ('submitt') is one
    refusal, not a list of its letters."""
    if isinstance(chosen, str):
        chosen = _typed_letters(question, chosen)
    letters = tuple(sorted({str(c).strip().upper() for c in chosen if str(c).strip()}))
    unknown = [letter for letter in letters if len(letter) != 1 or letter not in question.letters]
    if unknown:
        raise InvalidAnswerError(f"{', '.join(unknown)} is not an option; choose from {', '.join(question.letters)}")
    if len(letters) != question.choose:
        need = "one option" if question.choose == 1 else f"exactly {question.choose} options"
        raise InvalidAnswerError(f"choose {need} (you chose {len(letters)})")
    return letters


def _typed_letters(question: Question, text: str) -> list[str]:
    groups = re.findall(r"[^\s,;/+&]+", text.upper())
    for group in groups:
        if len(group) > 1 and (len(set(group)) != len(group) or not set(group) <= set(question.letters)):
            shown = text.strip() if len(text.strip()) <= 40 else text.strip()[:39] + "…"
            raise InvalidAnswerError(
                f"“{shown}” is not an answer; type option letters from {', '.join(question.letters)}, e.g. A or A,C"
            )
    return [letter for group in groups for letter in group]


def grade(question: Question, chosen: Iterable[str] | str) -> Grade:
    return Grade(question.id, normalise_choice(question, chosen), tuple(sorted(question.answer)))
