"""Action ids and values of the answer controls. A value carries all that is needed after a restart."""

from __future__ import annotations

import re
from dataclasses import dataclass

ANSWER_SINGLE = "answer_single"  # buttons: action_id answer_single:<letter> (unique within the block)
ANSWER_CHOICES = "answer_choices"  # checkboxes of a multiple-select question
ANSWER_SUBMIT = "answer_submit"  # the Submit button next to the checkboxes
REPORT_PROBLEM = "report_problem"  # the "Report a problem" button; value: the question's id
PRACTICE_SCOPE = "practice_scope"  # "Practise <section>" button; value: the domain or section id
COMPARE_PICK = "compare_pick"  # the comparison menu; option value: the comparison's id
PRACTICE_SET_NEXT = "practice_set_next"  # "Next" through a practice set; value: <set id>:<position>
SINGLE_PATTERN = re.compile(rf"^{ANSWER_SINGLE}(:[A-Z])?$")
KINDS = ("practice", "daily")
ID = re.compile(r"[0-9]{1,18}")  # ASCII digits only, within SQLite's 64-bit INTEGER


class BadActionValueError(ValueError):
    pass


@dataclass(frozen=True)
class AnswerTarget:
    kind: str  # 'practice' (id = ask id) | 'daily' (id = post id)
    id: int

    def encode(self, letter: str | None = None) -> str:
        return f"{self.kind}:{self.id}" + (f":{letter}" if letter else "")


def decode(value: str) -> tuple[AnswerTarget, str | None]:
    """`practice:12:B` -> (AnswerTarget('practice', 12), 'B'); `daily:7` -> (AnswerTarget('daily', 7), None)."""
    parts = value.split(":")
    if len(parts) not in (2, 3) or parts[0] not in KINDS or not ID.fullmatch(parts[1]):
        raise BadActionValueError(value)
    letter = parts[2] if len(parts) == 3 else None
    if letter is not None and not re.fullmatch(r"[A-Z]", letter):
        raise BadActionValueError(value)
    return AnswerTarget(parts[0], int(parts[1])), letter


def choices_block_id(target: AnswerTarget) -> str:
    return f"choices:{target.encode()}"


def selected_letters(state: dict, target: AnswerTarget) -> list[str]:
    """The letters ticked in the checkboxes of this question, read from body['state']['values']."""
    block = (state.get("values") or {}).get(choices_block_id(target)) or {}
    element = block.get(ANSWER_CHOICES) or {}
    return [option["value"] for option in element.get("selected_options") or []]
