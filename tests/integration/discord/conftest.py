"""A real discord.py client from bot.discord, logged in against the fake REST API on 127.0.0.1, with
interactions fed into its connection state as the gateway would deliver them."""

from __future__ import annotations

import random

import discord
import pytest
from pydantic import SecretStr

from bot.app import build_app
from bot.config import DiscordSettings, Settings
from bot.discord.client import QuizBot, create_bot
from questions.bank import Bank, load_bank
from questions.syllabus import load_syllabus
from tests.factories import raw_item, raw_multi, write_bank
from tests.integration.discord.fake_api import BOT_TOKEN, FakeDiscord
from tests.integration.discord.gateway import GUILD_ID, QUIZ_ADMIN_ROLE_ID, Gateway


def _bank(directory, multiple_in: tuple[str, ...]) -> Bank:
    """One item per objective: choose-2 items in the listed domains, single-select items elsewhere."""
    items = []
    for objective in load_syllabus().objectives:
        qid = objective.id.lower().replace(".", "-") + "-001"
        multiple = objective.id.split(".")[0] in multiple_in
        items.append(raw_multi(qid, objective.id) if multiple else raw_item(qid, objective.id))
    return load_bank(write_bank(directory, {"all.yaml": items}))


@pytest.fixture(scope="session")
def mixed_bank(tmp_path_factory):
    """Model Development and Deployment single-select, MLOps choose-2."""
    return _bank(tmp_path_factory.mktemp("mixed"), ("OPS",))


@pytest.fixture(scope="session")
def single_bank(tmp_path_factory):
    return _bank(tmp_path_factory.mktemp("single"), ())


@pytest.fixture(scope="session")
def multi_bank(tmp_path_factory):
    return _bank(tmp_path_factory.mktemp("multi"), ("MD", "OPS", "DEP"))


@pytest.fixture
async def fake_discord(monkeypatch):
    fake = FakeDiscord()
    api_base = await fake.start()
    monkeypatch.setattr(discord.http.Route, "BASE", api_base)
    yield fake
    await fake.stop()


@pytest.fixture
def gateway(fake_discord):
    return Gateway(fake_discord)


@pytest.fixture
def settings(db_path):
    return Settings(
        _env_file=None,
        db_path=db_path,
        discord=DiscordSettings(token=SecretStr(BOT_TOKEN), dev_guild_id=GUILD_ID, admin_role_id=QUIZ_ADMIN_ROLE_ID),
    )


@pytest.fixture
async def start_bot(fake_discord, settings, clock, mixed_bank):
    """Start a bot over the settings' database file; call again after `stop` to simulate a restart."""
    started: list[QuizBot] = []

    async def start(bank: Bank = mixed_bank) -> QuizBot:
        app = build_app(settings, bank=bank, clock=clock, rng=random.Random(7), retry_delay=0)
        bot = create_bot(app, settings)
        await bot.login(BOT_TOKEN)
        started.append(bot)
        return bot

    yield start
    for bot in started:
        await stop(bot)


async def stop(bot: QuizBot) -> None:
    if not bot.is_closed():
        await bot.close()
    bot.app.context.db.conn.close()
