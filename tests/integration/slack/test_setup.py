"""Setting the bot up: the manifest, missing settings, and the HTTP runner with its health endpoint."""

import asyncio
import socket
from importlib import resources
from pathlib import Path

import aiohttp
import yaml

from bot.slack.app import BOT_SCOPES
from bot.slack.commands import parse
from bot.slack.runner import EXIT_MISSING_SETTINGS, missing_settings, run, serve
from tests.integration.slack.conftest import BOT_TOKEN, slack_settings
from tests.integration.slack.harness import SIGNING_SECRET


def manifest() -> dict:
    return yaml.safe_load(resources.files("bot.slack").joinpath("manifest.yaml").read_text())


def readme_scope_table() -> list[str]:
    """The scopes README's table lists, in its order (the rows under the "| Scope | Used for |" header)."""
    lines = (Path(__file__).resolve().parents[3] / "README.md").read_text().splitlines()
    start = lines.index("| Scope | Used for |") + 2
    rows = []
    for line in lines[start:]:
        if not line.startswith("| `"):
            break
        rows.append(line.split("`")[1])
    return rows


def test_the_manifest_the_oauth_scopes_and_readme_list_the_same_scopes():
    assert manifest()["oauth_config"]["scopes"]["bot"] == list(BOT_SCOPES) == readme_scope_table()


def test_the_manifest_declares_the_quiz_command_and_interactivity():
    data = manifest()
    assert [c["command"] for c in data["features"]["slash_commands"]] == ["/quiz"]
    assert data["settings"]["interactivity"]["is_enabled"] is True


def test_missing_settings_exit_with_2_and_name_each_variable(db_path, capsys):
    settings = slack_settings(db_path)
    settings.slack.signing_secret = None

    assert run(settings, "socket") == EXIT_MISSING_SETTINGS
    socket_error = capsys.readouterr().err
    assert run(settings, "http") == EXIT_MISSING_SETTINGS
    http_error = capsys.readouterr().err

    assert "QUIZBOT_SLACK__APP_TOKEN" in socket_error and "QUIZBOT_SLACK__BOT_TOKEN" in socket_error
    assert "QUIZBOT_SLACK__SIGNING_SECRET" in http_error and "QUIZBOT_SLACK__BOT_TOKEN" in http_error


def test_oauth_needs_both_client_id_and_secret_but_no_bot_token(db_path):
    half = slack_settings(db_path, client_id="1111.2222")
    full = slack_settings(db_path, client_id="1111.2222", client_secret="test-client-secret-not-real")

    assert missing_settings(half, "http") == ["QUIZBOT_SLACK__CLIENT_SECRET (OAuth)"]
    assert missing_settings(full, "http") == []


def test_secret_values_are_never_printed(db_path, capsys):
    settings = slack_settings(db_path, bot_token="xoxb-secret-value")

    run(settings, "socket")

    printed = capsys.readouterr()
    assert SIGNING_SECRET not in printed.err + printed.out
    assert "xoxb-secret-value" not in printed.err + printed.out


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


async def test_http_mode_serves_health_until_stopped(db_path):
    settings = slack_settings(db_path, bot_token="xoxb-test-T1")
    settings.slack.http_host, settings.slack.http_port = "127.0.0.1", free_port()
    stop = asyncio.Event()
    server = asyncio.create_task(serve(settings, "http", stop=stop))
    url = f"http://127.0.0.1:{settings.slack.http_port}/healthz"
    try:
        async with aiohttp.ClientSession() as session:
            for _ in range(200):
                if server.done():
                    server.result()  # surfaces why the runner stopped early
                try:
                    async with session.get(url) as response:
                        assert response.status == 200
                        break
                except aiohttp.ClientConnectionError:
                    await asyncio.sleep(0.05)
            else:
                raise AssertionError("the HTTP runner did not start")
    finally:
        stop.set()
        await asyncio.wait_for(server, 10)


def test_quiz_text_is_parsed_into_commands():
    assert parse("").name == "practice"
    assert parse("OPS.MONITOR").args == ("OPS.MONITOR",)
    assert parse("leaderboard all team").action == "team"
    assert parse("team create Feature Store Fans").args == ("Feature Store Fans",)
    setup = parse("daily setup 07:30 Europe/Paris mon,wed open=6 feedback=immediate")
    assert setup.args == ("07:30", "Europe/Paris", "mon,wed")
    assert setup.options == {"open": "6", "feedback": "immediate"}
    assert setup.needs_admin and not parse("daily show").needs_admin
    assert parse("daily setup 07:30").name == "usage"


async def test_socket_mode_connects_and_answers_a_slash_command(db_path, fake_slack):
    fake_slack.tokens["xapp-test-app-token"] = "T1"
    settings = slack_settings(db_path, bot_token=BOT_TOKEN, app_token="xapp-test-app-token")
    stop = asyncio.Event()
    bot = asyncio.create_task(serve(settings, "socket", stop=stop, base_url=fake_slack.base_url))
    try:
        await fake_slack.wait_until(lambda: fake_slack.sockets or bot.done(), timeout=15)
        assert not bot.done(), bot.exception()
        slash = {"team_id": "T1", "team_domain": "one", "channel_id": "C-general", "channel_name": "general"}
        slash |= {"user_id": "U-alice", "user_name": "alice", "command": "/quiz", "text": "help"}
        slash |= {"api_app_id": "A-QUIZ", "response_url": fake_slack.response_url("socket"), "trigger_id": "1.2"}
        envelope = {"envelope_id": "env-1", "type": "slash_commands", "accepts_response_payload": True}
        await fake_slack.sockets[0].send_json(envelope | {"payload": slash})

        [reply] = await fake_slack.wait_for_responses(1)
        await fake_slack.wait_until(lambda: fake_slack.socket_replies)
    finally:
        stop.set()
        await asyncio.wait_for(bot, 10)

    assert "/quiz leaderboard" in reply["text"] or "/quiz leaderboard" in str(reply["blocks"])
    assert fake_slack.socket_replies[0]["envelope_id"] == "env-1"
    assert [c.token for c in fake_slack.calls_to("apps.connections.open")] == ["xapp-test-app-token"]
