"""Fixtures of the fault tests: the fake Web API, bot processes stopped at teardown, and the real Bolt
app served in-process with distinctive secrets."""

from __future__ import annotations

import random
from contextlib import asynccontextmanager

import aiohttp
import discord
import pytest
from aiohttp import web
from pydantic import SecretStr

from bot.app import build_app
from bot.config import DiscordSettings, Settings, SlackSettings
from bot.discord.client import create_bot
from bot.slack.app import build_slack_bot, web_application
from questions.bank import load_bank
from questions.syllabus import load_syllabus
from tests.factories import raw_item, raw_multi, write_bank
from tests.integration.discord.fake_api import BOT_TOKEN as DISCORD_TOKEN
from tests.integration.discord.fake_api import FakeDiscord
from tests.integration.discord.gateway import GUILD_ID
from tests.integration.faults.fake_web_api import RecordingSlack
from tests.integration.faults.process import BOT_TOKEN, SIGNING_SECRET, TEAM, BotProcess
from tests.integration.slack.harness import Harness

MULTI_SECTION = "OPS.MONITOR"


@pytest.fixture(scope="session")
def fault_bank(tmp_path_factory):
    """Single-select items everywhere, choose-2 items in OPS.MONITOR."""
    items = []
    for objective in load_syllabus().objectives:
        make = raw_multi if objective.id.startswith(MULTI_SECTION + ".") else raw_item
        items.append(make(objective.id.lower().replace(".", "-") + "-001", objective.id))
    return load_bank(write_bank(tmp_path_factory.mktemp("fault-bank") / "bank", {"all.yaml": items}))


@pytest.fixture
async def web_api():
    fake = RecordingSlack(tokens={BOT_TOKEN: TEAM}, retry_after=1)
    await fake.start()
    yield fake
    await fake.stop()


@pytest.fixture
def bot_process(tmp_path, web_api):
    """Make a `quizbot run slack --http` over a database file; every one made is killed at teardown."""
    made: list[BotProcess] = []

    def make(db_path) -> BotProcess:
        process = BotProcess(db_path, tmp_path, web_api.base_url)
        made.append(process)
        return process

    yield make
    for process in made:
        process.stop()


class SignedHarness(Harness):
    """The slack harness, signing with this folder's secret."""

    async def post(self, body: str, **header_options) -> aiohttp.ClientResponse:
        header_options.setdefault("secret", SIGNING_SECRET)
        return await super().post(body, **header_options)


def fault_settings(db_path, **slack) -> Settings:
    slack.setdefault("signing_secret", SIGNING_SECRET)
    return Settings(_env_file=None, db_path=db_path, slack=SlackSettings(**slack))


@asynccontextmanager
async def serving(settings: Settings, bank, clock, fake):
    """The real Bolt app over the real services, on a free loopback port."""
    services = build_app(settings, bank=bank, clock=clock, rng=random.Random(5), retry_delay=0)
    bot = build_slack_bot(settings, services, base_url=fake.base_url)
    services.add_poster("slack", bot.poster)
    runner = web.AppRunner(web_application(bot))
    await runner.setup()
    try:
        await web.TCPSite(runner, "127.0.0.1", 0).start()
        async with aiohttp.ClientSession() as session:
            yield SignedHarness(f"http://127.0.0.1:{runner.addresses[0][1]}", session, fake, services, bot)
    finally:
        await runner.cleanup()
        services.context.db.conn.close()


@pytest.fixture
async def slack(db_path, fault_bank, clock, web_api):
    """One workspace's bot token (Bolt answers every team's requests with it)."""
    async with serving(fault_settings(db_path, bot_token=BOT_TOKEN), fault_bank, clock, web_api) as harness:
        yield harness


@pytest.fixture
async def fake_discord(monkeypatch):
    fake = FakeDiscord()
    monkeypatch.setattr(discord.http.Route, "BASE", await fake.start())
    yield fake
    await fake.stop()


@pytest.fixture
async def discord_bot(db_path, fault_bank, clock, fake_discord):
    """The real discord.py client over the same database file as the `slack` fixture's app."""
    settings = Settings(
        _env_file=None, db_path=db_path, discord=DiscordSettings(token=SecretStr(DISCORD_TOKEN), dev_guild_id=GUILD_ID)
    )
    app = build_app(settings, bank=fault_bank, clock=clock, rng=random.Random(3), retry_delay=0)
    bot = create_bot(app, settings)
    await bot.login(DISCORD_TOKEN)
    yield bot
    await bot.close()
    app.context.db.conn.close()
