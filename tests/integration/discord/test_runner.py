"""Starting the bot: settings checks, login errors, command sync, the scheduler, the invite link."""

import asyncio
import io
from urllib.parse import parse_qs, urlparse

import discord
from pydantic import SecretStr

from bot.config import DiscordSettings, Settings
from bot.discord.runner import invite_url, run
from tests.integration.discord.fake_api import APPLICATION_ID
from tests.integration.discord.gateway import GUILD_ID


def test_without_a_token_run_exits_2_and_names_the_setting(db_path):
    err = io.StringIO()

    code = run(Settings(_env_file=None, db_path=db_path, discord=DiscordSettings()), err=err)

    assert code == 2
    assert "QUIZBOT_DISCORD__TOKEN" in err.getvalue()


async def test_a_refused_token_gives_a_login_error_without_a_traceback(fake_discord, db_path):
    wrong = "not-the-token.at-all"
    settings = Settings(_env_file=None, db_path=db_path, discord=DiscordSettings(token=SecretStr(wrong)))
    err = io.StringIO()

    code = await asyncio.to_thread(run, settings, err=err)

    assert code == 1
    message = err.getvalue()
    assert "Discord refused the bot token in QUIZBOT_DISCORD__TOKEN" in message
    assert "Traceback" not in message and wrong not in message
    (login,) = fake_discord.find("GET", "/users/@me")
    assert login.authorization == f"Bot {wrong}"


COMMANDS = {
    *("quiz", "daily", "team", "leaderboard", "stats", "help", "exam"),
    *("compare", "trap", "plan", "checklist", "examinfo", "privacy"),
    *("review", "history", "search"),
    *("examdate", "read"),
    *("bank", "reports"),
    "dashboard",
}


async def test_the_commands_are_synced_to_the_development_server_at_login(start_bot, fake_discord):
    await start_bot()

    (sync,) = fake_discord.find("PUT", rf"/applications/{APPLICATION_ID}/guilds/{GUILD_ID}/commands")
    commands = {c["name"]: c for c in sync.body}
    assert set(commands) == COMMANDS
    daily = [o["name"] for o in commands["daily"]["options"]]
    assert daily == ["setup", "show", "pause", "resume", "post-now", "reveal-now"]
    assert [o["name"] for o in commands["bank"]["options"]] == ["flagged", "stats", "keep", "digest"]
    assert [o["name"] for o in commands["reports"]["options"]] == ["list", "show", "resolve"]
    exam = [o["name"] for o in commands["exam"]["options"]]
    assert exam == ["start", "resume", "status", "submit", "abandon", "result"]
    sizes = [c["value"] for c in commands["exam"]["options"][0]["options"][0]["choices"]]
    assert sizes == [59, 30, 15]
    scopes = [c["value"] for c in commands["quiz"]["options"][0]["choices"]]
    assert scopes[:2] == ["MD", "MD.SPARKML"] and "OPS.MONITOR" in scopes
    assert fake_discord.find("PUT", rf"/applications/{APPLICATION_ID}/commands") == []


async def test_without_a_development_server_the_commands_are_synced_globally(start_bot, fake_discord, settings):
    settings.discord.dev_guild_id = None

    await start_bot()

    (sync,) = fake_discord.find("PUT", rf"/applications/{APPLICATION_ID}/commands")
    assert {c["name"] for c in sync.body} == COMMANDS


async def test_ready_starts_the_scheduler_once(start_bot):
    bot = await start_bot()

    await bot.on_ready()
    await bot.on_ready()

    assert bot.app.scheduler.scheduler.running
    assert bot.scheduler_started


def test_the_invite_url_asks_for_the_commands_and_exactly_five_permissions():
    url = urlparse(invite_url(APPLICATION_ID))
    query = parse_qs(url.query)

    assert (url.scheme, url.netloc, url.path) == ("https", "discord.com", "/oauth2/authorize")
    assert query["client_id"] == [str(APPLICATION_ID)]
    assert query["scope"] == ["bot applications.commands"]
    granted = discord.Permissions(int(query["permissions"][0]))
    assert granted == discord.Permissions(
        view_channel=True, send_messages=True, embed_links=True, attach_files=True, read_message_history=True
    )
