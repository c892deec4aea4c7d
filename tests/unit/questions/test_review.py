import json
from datetime import UTC, datetime, timedelta

from questions.review import review, review_card

NOW = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)


def test_a_wrong_answer_brings_the_question_back_sooner_than_a_right_one():
    _, due_wrong = review(None, False, NOW)
    _, due_right = review(None, True, NOW)
    assert NOW < due_wrong < due_right
    _, due_after_two_rights = review(review(None, True, NOW)[0], True, due_right)
    assert due_after_two_rights - due_right > due_right - NOW  # intervals grow while answers are right


def test_the_card_state_round_trips_as_json():
    card, due = review(None, True, NOW)
    state = json.loads(card)
    assert state["due"].startswith(due.isoformat()[:16])
    again, _ = review(card, False, due)
    assert json.loads(again)["card_id"] == state["card_id"]


def test_a_new_cards_first_review_is_the_schedulers_own_at_any_moment():
    # review() fills a template for a new card; it must write exactly what the scheduler would
    moments = [NOW, NOW.replace(microsecond=0), datetime(2027, 3, 28, 1, 30, 0, 999_999, tzinfo=UTC)]
    moments += [datetime(2026, 1, 1, tzinfo=UTC) + timedelta(seconds=7919 * n, microseconds=n) for n in range(200)]
    for moment in moments:
        for correct in (False, True):
            scheduled = review_card(None, correct, moment)
            assert review(None, correct, moment) == (json.dumps(scheduled.to_dict()), scheduled.due)
