import random
from datetime import UTC, datetime, timedelta

import pytest

from bot.services.context import ServiceContext
from bot.services.identity import Member
from bot.services.practice import PracticeService
from storage.db import open_db
from tests.factories import synthetic_bank


class FakeClock:
    """An injectable clock: tests move time explicitly instead of sleeping."""

    def __init__(self, start: datetime | None = None) -> None:
        self.now = start or datetime(2026, 11, 2, 9, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta) -> datetime:
        self.now += timedelta(**delta)
        return self.now


@pytest.fixture
def clock():
    return FakeClock()


@pytest.fixture
def db_path(tmp_path):
    return tmp_path / "quiz.db"


@pytest.fixture
def db(db_path):
    database = open_db(db_path)
    yield database
    database.conn.close()


@pytest.fixture(scope="session")
def bank(tmp_path_factory):
    return synthetic_bank(tmp_path_factory.mktemp("bank"), per_objective=3)


@pytest.fixture
def service(db, bank, clock):
    return PracticeService(ServiceContext(db, bank, clock, random.Random(42)))


@pytest.fixture
def alice():
    return Member(platform="slack", workspace="T1", user="U-alice", name="Alice")


@pytest.fixture
def bob():
    return Member(platform="slack", workspace="T1", user="U-bob", name="Bob")


@pytest.fixture
def admin():
    return Member(platform="slack", workspace="T1", user="U-admin", name="Ada", is_admin=True)


@pytest.fixture
def poster():
    from bot.services.poster import RecordingPoster

    return RecordingPoster()


@pytest.fixture
def daily(service, poster):
    from bot.services.daily import DailyService
    from bot.services.poster import Posters

    return DailyService(service.context, service, Posters(slack=poster), retry_delay=0)


@pytest.fixture
def competition(service):
    from bot.services.competition import CompetitionService

    return CompetitionService(service.context)


def setup_of(daily):
    """The schedule-setup service beside a DailyService (admins configure, show, pause and resume)."""
    from bot.services.daily_setup import DailySetupService

    return DailySetupService(daily.context, daily)
