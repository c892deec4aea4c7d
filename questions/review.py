"""Spaced repetition per person and question, with the FSRS scheduler (the `fsrs` package).
A wrong answer rates the card Again, a right one Good; the card's state round-trips as JSON."""

from __future__ import annotations

import json
from datetime import datetime

from fsrs import Card, Rating, Scheduler

_SCHEDULER = Scheduler(enable_fuzzing=False)


def review(card_json: str | None, correct: bool, when: datetime) -> tuple[str, datetime]:
    """The card after this answer, as (JSON state, next due time)."""
    updated = review_card(Card.from_dict(json.loads(card_json)) if card_json else None, correct, when)
    return json.dumps(updated.to_dict()), updated.due


def review_card(card: Card | None, correct: bool, when: datetime) -> Card:
    """The card (None: a new one) after this answer; the same rule as `review`, without the JSON."""
    # A card is identified by its (person, question) row, so its own id is a constant: left unset,
    # fsrs would stamp the clock and sleep a millisecond to keep ids apart, blocking the event loop.
    rating = Rating.Good if correct else Rating.Again
    updated, _ = _SCHEDULER.review_card(card or Card(card_id=1, due=when), rating, when)
    return updated
