"""The bank's item model. Validation rules live here, once; the loader adds file context."""

from __future__ import annotations

import re
from datetime import date
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator, model_validator

LETTERS = "ABCDEF"
ID_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
_CHOOSE = re.compile(r"\(\s*choose\s+(\w+)\s*\)", re.IGNORECASE)
_NUMBER_WORDS = {"two": 2, "three": 3, "four": 4}
_BANNED_OPTIONS = ("all of the above", "none of the above")


def require_https(urls: tuple[str, ...]) -> tuple[str, ...]:
    for url in urls:
        if not url.startswith("https://") or " " in url:
            raise ValueError(f"{url!r} is not an https:// URL")
    return urls


class Option(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    text: str = Field(min_length=1)
    why: str = Field(min_length=1)


class Question(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(pattern=ID_PATTERN)
    objective: str
    select: Literal["single", "multiple"]
    difficulty: int = Field(ge=1, le=3)
    tier: int = Field(ge=1, le=3)
    verified: date  # when the key was last checked against the docs
    stem: str = Field(min_length=20)
    code: str | None = None
    options: tuple[Option, ...]
    answer: tuple[str, ...]
    explanation: str = Field(min_length=20)
    references: tuple[str, ...] = Field(min_length=1)
    retired: bool = False

    @field_validator("objective")
    @classmethod
    def _objective_in_syllabus(cls, value: str, info: ValidationInfo) -> str:
        syllabus = (info.context or {}).get("syllabus")
        if syllabus is not None and not syllabus.has_objective(value):
            raise ValueError(f"objective {value!r} is not in the syllabus")
        return value

    @field_validator("answer", mode="before")
    @classmethod
    def _answer_as_letters(cls, value: object) -> object:
        if isinstance(value, str):
            value = [part.strip() for part in value.split(",")]
        if isinstance(value, list | tuple):
            return tuple(str(v).strip().upper() for v in value)
        return value

    _links = field_validator("references")(require_https)

    @model_validator(mode="after")
    def _options_and_key_agree(self) -> Question:
        n = len(self.options)
        if self.select == "single":
            if not 4 <= n <= 5:
                raise _field_error("options", f"a single-select item has 4 or 5 options, not {n}")
            if len(self.answer) != 1:
                raise _field_error("answer", f"a single-select item has one key letter, not {len(self.answer)}")
        else:
            if not 4 <= n <= 6:
                raise _field_error("options", f"a multiple-select item has 4 to 6 options, not {n}")
            if len(self.answer) < 2:
                raise _field_error("answer", "a multiple-select item has at least two key letters")
            stated = choose_count(self.stem)
            if stated is None:
                raise _field_error("stem", "a multiple-select stem must say '(Choose N)'")
            if stated != len(self.answer):
                raise _field_error(
                    "answer", f"the stem says choose {stated} but the key has {len(self.answer)} letters"
                )
        valid = LETTERS[:n]
        for letter in self.answer:
            if len(letter) != 1 or letter not in valid:
                raise _field_error("answer", f"key letter {letter!r} names no option (options are {', '.join(valid)})")
        if len(set(self.answer)) != len(self.answer):
            raise _field_error("answer", "a key letter is repeated")
        texts = [o.text.strip().casefold() for o in self.options]
        if len(set(texts)) != len(texts):
            raise _field_error("options", "two options have the same text")
        for i, text in enumerate(texts):
            if any(banned in text for banned in _BANNED_OPTIONS):
                raise _field_error(f"options[{i}].text", "'all/none of the above' options are not allowed")
        return self

    @property
    def letters(self) -> str:
        return LETTERS[: len(self.options)]

    @property
    def choose(self) -> int:
        return len(self.answer)

    @property
    def is_multiple(self) -> bool:
        return self.select == "multiple"

    def option(self, letter: str) -> Option:
        return self.options[LETTERS.index(letter)]


def _field_error(field: str, message: str) -> ValueError:
    # pydantic wraps ValueErrors raised in validators; the field name rides in the message prefix
    return ValueError(f"[{field}] {message}")


def choose_count(stem: str) -> int | None:
    match = _CHOOSE.search(stem)
    if not match:
        return None
    word = match.group(1).casefold()
    if word.isdigit():
        return int(word)
    return _NUMBER_WORDS.get(word)
