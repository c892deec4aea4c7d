"""Spaced repetition per person and question, with the FSRS scheduler (the `fsrs` package).
A wrong answer rates the card Again, a right one Good; the card's state round-trips as JSON."""

from __future__ import annotations

import json
from datetime import datetime

from fsrs import Card, Rating, Scheduler

_SCHEDULER = Scheduler(enable_fuzzing=False)


def review(card_json: str | None, correct: bool, when: datetime) -> tuple[str, datetime]:
    """The card after this answer, as (JSON state, next due time)."""
    # A card is identified by its (person, question) row, so its own id is a constant: left unset,
    # fsrs would stamp the clock and sleep a millisecond to keep ids apart, blocking the event loop.
    card = Card.from_dict(json.loads(card_json)) if card_json else Card(card_id=1, due=when)
    updated, _ = _SCHEDULER.review_card(card, Rating.Good if correct else Rating.Again, when)
    return json.dumps(updated.to_dict()), updated.due
