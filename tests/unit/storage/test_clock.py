from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from storage.clock import from_db, to_db


def test_a_stored_time_is_utc_text_with_microseconds_that_sorts_as_time_does():
    kathmandu = ZoneInfo("Asia/Kathmandu")
    moments = [
        datetime(2026, 12, 3, 9, 0, tzinfo=UTC),  # whole seconds still carry six digits
        datetime(2026, 12, 3, 14, 45, 0, 7, tzinfo=kathmandu),
        datetime(2026, 3, 29, 1, 59, 59, 999_999, tzinfo=ZoneInfo("Europe/Berlin")),
    ]
    assert [to_db(m) for m in moments] == [
        "2026-12-03T09:00:00.000000Z",
        "2026-12-03T09:00:00.000007Z",
        "2026-03-29T00:59:59.999999Z",
    ]
    steps = [moments[0] + timedelta(microseconds=n * 999_983) for n in range(500)]
    assert sorted(steps, key=to_db) == steps
    assert all(from_db(to_db(m)) == m for m in moments + steps)
