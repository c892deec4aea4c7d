"""What the Slack bot says when things go wrong or are refused: the texts in one place, and the one mapping
from an exception raised while serving a request to the Message sent back."""

from __future__ import annotations

import logging

from bot.services.errors import NoExamError, NotAllowedError, PostClosedError, QuizError
from bot.services.exam import ExamOverError, ExamTimeUpError
from bot.slack.blocks import Message, plain, slack_date
from bot.slack.exam_blocks import exam_report

log = logging.getLogger(__name__)
SORRY = "Something went wrong on my side; please try again in a moment."
GONE_CONTROL = "That button is not one of mine any more; ask for a new question."
ADMINS_ONLY = "Only workspace admins and owners (or members of the quiz admins user group) can do that."
OTHER_WORKSPACE = "This quiz bot serves another Slack workspace; it cannot answer here."


def refusal(error: QuizError) -> str:
    """A service refusal as Slack shows it: who may act here, and times in each reader's own zone."""
    if isinstance(error, NotAllowedError):
        return ADMINS_ONLY
    if isinstance(error, NoExamError):
        return "You have no exam in progress; start one with `/quiz exam start`."
    if isinstance(error, PostClosedError) and error.closed_at is not None:
        return f"This question closed {slack_date(error.closed_at)}; answers are no longer taken."
    return str(error)


def message_for(error: Exception, what: str) -> Message:
    """Any exception raised while serving `what`, as the private reply the person gets."""
    if isinstance(error, ExamTimeUpError):
        return exam_report(error.report, f"⏰ {error}")
    if isinstance(error, ExamOverError):
        return exam_report(error.report, str(error))
    if isinstance(error, QuizError):
        log.info("refused %s: %s", what, type(error).__name__)
        return refusal_message(error)
    log.error("%s failed", what, exc_info=error)
    return plain(SORRY)


def refusal_message(error: QuizError) -> Message:
    text = refusal(error)
    if isinstance(error, PostClosedError):
        return Message(text, [{"type": "section", "text": {"type": "mrkdwn", "text": text}}])  # keeps the date
    return plain(text)
