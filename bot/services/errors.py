"""Domain errors the adapters turn into a polite message (str(error) is that message)."""

from __future__ import annotations

from datetime import datetime

ECHO_MAX = 60  # characters of a person's own input shown back to them


def clipped(text: str, limit: int = ECHO_MAX) -> str:
    """A person's own input shown back: on one line, clipped, so a reply never grows with what was sent."""
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def quoted(text: str, limit: int = ECHO_MAX) -> str:
    """A person's own input inside a refusal: in quotation marks, on one line, clipped."""
    return "“" + clipped(text, limit) + "”"


class QuizError(Exception):
    """Base for refusals a person should see."""


class UnknownAskError(QuizError):
    def __init__(self) -> None:
        super().__init__("That question is no longer known; ask for a new one.")


class NotYourQuestionError(QuizError):
    def __init__(self) -> None:
        super().__init__("That question was asked to someone else; ask for your own.")


class InvalidChoiceError(QuizError):
    pass


class UnknownScopeError(QuizError):
    pass


class NotAllowedError(QuizError):
    def __init__(self) -> None:
        super().__init__("Only admins can do that.")  # each front end says who its admins are


class UnknownPostError(QuizError):
    def __init__(self) -> None:
        super().__init__("That daily question is not known here.")


class PostClosedError(QuizError):
    """Answers are no longer taken; each front end shows `closed_at` in its readers' own time."""

    def __init__(self, closed_at: datetime | None) -> None:
        self.closed_at = closed_at
        when = f"at {closed_at:%Y-%m-%d %H:%M} UTC" if closed_at else "already"
        super().__init__(f"This question closed {when}; answers are no longer taken.")


class PostFailedError(QuizError):
    def __init__(self, reason: str) -> None:
        self.reason = reason
        super().__init__(f"The question could not be posted: {reason}.")


class QuestionGoneError(QuizError):
    def __init__(self, question_id: str) -> None:
        super().__init__(f"There is no question {question_id} in the bank (any more), so there is nothing to report.")


class NoExamError(QuizError):
    """Each front end names its own command for starting an exam."""

    def __init__(self) -> None:
        super().__init__("You have no exam in progress; start a new one.")
