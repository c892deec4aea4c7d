"""Action ids and values of the mock exam's controls. Every value names the exam and the position, so a
button keeps working after a restart and can never act on someone else's exam (the service checks)."""

from __future__ import annotations

import re
from dataclasses import dataclass

EXAM_PICK = "exam_pick"  # single-select buttons: action_id exam_pick:<letter>, value exam:<id>:<pos>:<letter>
EXAM_CHOICES = "exam_choices"  # checkboxes of a multiple-select question (ticking is not saving)
EXAM_SAVE = "exam_save"  # the "Save answer" button next to the checkboxes
EXAM_GO = "exam_go"  # exam_go:prev | exam_go:next, value: the position to show
EXAM_FLAG = "exam_flag"  # value exam:<id>:<pos>:1 to flag, :0 to unflag (a repeat changes nothing)
EXAM_OVERVIEW = "exam_overview"  # the status with a "jump to" menu
EXAM_JUMP = "exam_jump"  # the static select of the overview; option values exam:<id>:<pos>
EXAM_FINISH = "exam_finish"  # submit the whole exam (with a confirm dialog)
EXAM_ABANDON = "exam_abandon"  # give the exam up (shown after `/quiz exam abandon` asked; a confirm dialog too)
PICK_PATTERN = re.compile(rf"^{EXAM_PICK}:[A-Z]$")
GO_PATTERN = re.compile(rf"^{EXAM_GO}:(prev|next)$")
VALUE = re.compile(r"^exam:(\d+):(\d+)(?::([A-Z]|[01]))?$")


class BadExamValueError(ValueError):
    pass


@dataclass(frozen=True)
class ExamSpot:
    exam_id: int
    position: int

    def encode(self, extra: str | None = None) -> str:
        return f"exam:{self.exam_id}:{self.position}" + (f":{extra}" if extra else "")


def decode(value: str) -> tuple[ExamSpot, str | None]:
    """`exam:4:12:B` -> (ExamSpot(4, 12), 'B'); `exam:4:12` -> (ExamSpot(4, 12), None)."""
    match = VALUE.fullmatch(value or "")
    if match is None:
        raise BadExamValueError(value)
    return ExamSpot(int(match[1]), int(match[2])), match[3]


def choices_block_id(spot: ExamSpot) -> str:
    return f"{EXAM_CHOICES}:{spot.encode()}"


def ticked(state: dict, spot: ExamSpot) -> list[str]:
    """The letters ticked for this question, read from body['state']['values']."""
    block = (state.get("values") or {}).get(choices_block_id(spot)) or {}
    element = block.get(EXAM_CHOICES) or {}
    return [option["value"] for option in element.get("selected_options") or []]
