import random

import aiohttp
import pytest
from aiohttp import web

from bot.app import build_app
from bot.config import Settings, SlackSettings
from bot.slack.app import build_slack_bot, web_application
from questions.bank import load_bank
from questions.syllabus import load_syllabus
from tests.factories import raw_item, raw_multi, write_bank
from tests.integration.slack.fake_slack import FakeSlack
from tests.integration.slack.harness import SIGNING_SECRET, Harness

BOT_TOKEN = "xoxb-test-T1"
ADMIN_GROUP = "S-quiz-admins"
MULTI_SECTION = "OPS.MONITOR"


@pytest.fixture(scope="session")
def slack_bank(tmp_path_factory):
    """Single-select items everywhere, except multiple-select ones in OPS.MONITOR."""
    items = []
    for objective in load_syllabus().objectives:
        make = raw_multi if objective.id.startswith(MULTI_SECTION + ".") else raw_item
        items += [make(f"{objective.id.lower().replace('.', '-')}-{n:03d}", objective.id) for n in (1, 2)]
    return load_bank(write_bank(tmp_path_factory.mktemp("slack-bank") / "bank", {"all.yaml": items}))


@pytest.fixture
async def fake_slack():
    fake = FakeSlack(tokens={BOT_TOKEN: "T1"}, retry_after=1)
    await fake.start()
    yield fake
    await fake.stop()


def slack_settings(db_path, **slack) -> Settings:
    return Settings(_env_file=None, db_path=db_path, slack=SlackSettings(signing_secret=SIGNING_SECRET, **slack))


@pytest.fixture
def settings(db_path):
    return slack_settings(db_path, bot_token=BOT_TOKEN, admin_usergroup_id=ADMIN_GROUP)


@pytest.fixture
async def slack(settings, slack_bank, clock, fake_slack):
    async with running_slack(settings, slack_bank, clock, fake_slack) as harness:
        yield harness


class running_slack:
    """The real Bolt app over our services, served by aiohttp on a free loopback port."""

    def __init__(self, settings, bank, clock, fake) -> None:
        self.settings, self.bank, self.clock, self.fake = settings, bank, clock, fake

    async def __aenter__(self) -> Harness:
        self.services = build_app(self.settings, bank=self.bank, clock=self.clock, rng=random.Random(7), retry_delay=0)
        bot = build_slack_bot(self.settings, self.services, base_url=self.fake.base_url)
        self.services.add_poster("slack", bot.poster)
        self.runner = web.AppRunner(web_application(bot))
        await self.runner.setup()
        await web.TCPSite(self.runner, "127.0.0.1", 0).start()
        self.session = aiohttp.ClientSession()
        url = f"http://127.0.0.1:{self.runner.addresses[0][1]}"
        return Harness(url, self.session, self.fake, self.services, bot)

    async def __aexit__(self, *exc_info) -> None:
        await self.session.close()
        await self.runner.cleanup()
        self.services.context.db.conn.close()
