"""Spaced repetition per person and question, with the FSRS scheduler (the `fsrs` package).
A wrong answer rates the card Again, a right one Good; the card's state round-trips as JSON."""

from __future__ import annotations

import json
from datetime import datetime

from fsrs import Card, Rating, Scheduler

_SCHEDULER = Scheduler(enable_fuzzing=False)


def review(card_json: str | None, correct: bool, when: datetime) -> tuple[str, datetime]:
    """The card after this answer, as (JSON state, next due time)."""
    card = Card.from_dict(json.loads(card_json)) if card_json else Card()
    updated, _ = _SCHEDULER.review_card(card, Rating.Good if correct else Rating.Again, when)
    return json.dumps(updated.to_dict()), updated.due
