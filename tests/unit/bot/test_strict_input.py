"""What people type is taken as meant or refused with one clear message, the same on every front end: the
rules live in the services (weekdays, time zones, report reasons) and the engine (typed answers)."""

import pytest

from bot.services.bounds import MAX_REPORT_REASON
from bot.services.errors import InvalidChoiceError
from questions.bank import load_bank
from questions.grading import InvalidAnswerError, normalise_choice
from tests.conftest import setup_of
from tests.unit.bot.test_daily import ROOM


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("mon-fri", "mon,tue,wed,thu,fri"),
        ("Monday-Friday", "mon,tue,wed,thu,fri"),
        ("wednesday, FRI sun", "wed,fri,sun"),
        ("weekends", "sat,sun"),
    ],
)
def test_day_names_abbreviations_and_ranges_are_taken(daily, admin, typed, stored):
    view = setup_of(daily).configure(admin, ROOM, local_time="09:00", timezone="UTC", weekdays=typed)
    assert ",".join(view.weekdays) == stored


@pytest.mark.parametrize(("typed", "named"), [("monkey", "monkey"), ("wedding,thursty", "wedding"), ("mo", "mo")])
def test_a_word_that_only_starts_like_a_day_is_refused(daily, admin, typed, named):
    with pytest.raises(InvalidChoiceError, match=f"“{named}” is not a weekday"):
        setup_of(daily).configure(admin, ROOM, local_time="09:00", timezone="UTC", weekdays=typed)
    assert setup_of(daily).show(admin, ROOM) is None  # nothing stored


@pytest.mark.parametrize(("typed", "meant"), [("europe/berlin", "Europe/Berlin"), ("Europe/Berln", "Europe/Berlin")])
def test_a_mistyped_time_zone_gets_a_suggestion(daily, admin, typed, meant):
    with pytest.raises(InvalidChoiceError, match=f"did you mean {meant}\\?"):
        setup_of(daily).configure(admin, ROOM, local_time="09:00", timezone=typed)


def test_a_time_zone_far_from_any_name_gets_an_example(daily, admin):
    with pytest.raises(InvalidChoiceError, match="use a name like Europe/Berlin"):
        setup_of(daily).configure(admin, ROOM, local_time="09:00", timezone="Mars/Olympus")


def test_an_overlong_report_reason_is_refused_not_cut(service, alice, db):
    question_id = service.context.bank.questions[0].id
    with pytest.raises(InvalidChoiceError, match=f"at most {MAX_REPORT_REASON} characters \\(yours has 1001\\)"):
        service.report_problem(alice, question_id, "x" * (MAX_REPORT_REASON + 1))
    assert db.execute("SELECT COUNT(*) FROM question_reports").fetchone() == (0,)
    service.report_problem(alice, question_id, "y" * MAX_REPORT_REASON)
    assert db.execute("SELECT LENGTH(reason) FROM question_reports").fetchone() == (MAX_REPORT_REASON,)


def test_a_typed_word_is_one_refusal_not_a_list_of_its_letters(bank):
    single = next(q for q in bank.questions if not q.is_multiple)
    with pytest.raises(InvalidAnswerError) as refused:
        normalise_choice(single, "submitt")
    assert str(refused.value).startswith("“submitt” is not an answer; type option letters from A, B")
    assert normalise_choice(single, " b ") == ("B",)


def test_letters_written_together_or_apart_still_count():
    multiple = next(q for q in load_bank().questions if q.choose == 2)
    for typed in ("A,C", "a c", "AC", "c;a", ["C", "A"]):
        assert normalise_choice(multiple, typed) == ("A", "C")
    with pytest.raises(InvalidAnswerError, match="is not an answer"):
        normalise_choice(multiple, "AA")  # a letter twice in one group is a typo, not a choice
