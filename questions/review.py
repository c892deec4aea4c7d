"""Spaced repetition per person and question, with the FSRS scheduler (the `fsrs` package).
A wrong answer rates the card Again, a right one Good; the card's state round-trips as JSON."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

from fsrs import Card, Rating, Scheduler

_SCHEDULER = Scheduler(enable_fuzzing=False)


def review(card_json: str | None, correct: bool, when: datetime) -> tuple[str, datetime]:
    """The card after this answer, as (JSON state, next due time)."""
    if not card_json:
        return first_review(correct, when)
    updated = review_card(Card.from_dict(json.loads(card_json)), correct, when)
    return json.dumps(updated.to_dict()), updated.due


def review_card(card: Card | None, correct: bool, when: datetime) -> Card:
    """The card (None: a new one) after this answer; the same rule as `review`, without the JSON."""
    # A card is identified by its (person, question) row, so its own id is a constant: left unset,
    # fsrs would stamp the clock and sleep a millisecond to keep ids apart, blocking the event loop.
    rating = Rating.Good if correct else Rating.Again
    updated, _ = _SCHEDULER.review_card(card or Card(card_id=1, due=when), rating, when)
    return updated


_ANCHOR = datetime(2000, 1, 1, tzinfo=UTC)
_TIME = "\0"  # stands for one of the two times in a template; json.dumps writes it as "\u0000"


def _first_review_template(correct: bool) -> tuple[timedelta, list[str]]:
    card = review_card(None, correct, _ANCHOR)
    around_times = json.dumps(card.to_dict() | {"due": _TIME, "last_review": _TIME}).split(json.dumps(_TIME))
    return card.due - _ANCHOR, around_times


# A new card's first review sets the same stability, difficulty and step at any moment; only its due and
# last-review times move with the moment (fuzzing is off). Most daily answers are a person's first sight
# of the question, so `review` fills these templates instead of a scheduler and JSON round trip (2 µs
# instead of 11 on a quiet core); a test pins them to the scheduler's own result.
_FIRST_REVIEWS = {correct: _first_review_template(correct) for correct in (False, True)}


def first_review(correct: bool, when: datetime) -> tuple[str, datetime]:
    """`review(None, correct, when)`: a new card after its first answer, as (JSON state, next due time)."""
    interval, (before_due, before_last_review, after) = _FIRST_REVIEWS[correct]
    due = when + interval
    return f'{before_due}"{due.isoformat()}"{before_last_review}"{when.isoformat()}"{after}', due
