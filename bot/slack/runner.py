"""`quizbot run slack --socket|--http`: check the settings, start the scheduler and the Slack connection."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
import sys
from typing import Literal

from aiohttp import web
from slack_sdk.web.async_client import AsyncWebClient

from bot.config import Settings, env_name, revealed
from bot.slack.app import HEALTH_PATH, SlackBot, build_slack_bot, uses_oauth, web_application

log = logging.getLogger(__name__)
Mode = Literal["socket", "http"]
EXIT_MISSING_SETTINGS = 2
DRAIN_SECONDS = 10.0  # how long a stop waits for a daily post already being sent


def missing_settings(settings: Settings, mode: Mode) -> list[str]:
    """The environment variables a mode still needs, by name (never their values)."""
    slack = settings.slack
    missing = []
    if mode == "socket":
        if slack.app_token is None:
            missing.append(env_name("slack", "app_token"))
        if slack.bot_token is None:
            missing.append(env_name("slack", "bot_token"))
        return missing
    if slack.signing_secret is None:
        missing.append(env_name("slack", "signing_secret"))
    if slack.client_id and not slack.client_secret:
        missing.append(env_name("slack", "client_secret") + " (OAuth)")
    elif slack.client_secret and not slack.client_id:
        missing.append(env_name("slack", "client_id") + " (OAuth)")
    elif not uses_oauth(slack) and slack.bot_token is None:
        missing.append(
            f"{env_name('slack', 'bot_token')} (or {env_name('slack', 'client_id')} and "
            f"{env_name('slack', 'client_secret')} to install in many workspaces)"
        )
    return missing


def run(settings: Settings, mode: Mode) -> int:
    missing = missing_settings(settings, mode)
    if missing:
        print(f"Slack {mode} mode is missing settings:", file=sys.stderr)
        for name in missing:
            print(f"  {name}", file=sys.stderr)
        return EXIT_MISSING_SETTINGS
    if not logging.getLogger().handlers:  # leave logging alone when the host (a test, the CLI) set it up
        logging.basicConfig(
            level=getattr(logging, settings.log_level.upper(), logging.INFO),
            format="%(asctime)s %(levelname)s %(name)s: %(message)s",
        )
    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(serve(settings, mode, base_url=settings.slack.api_base_url))
    return 0


async def serve(
    settings: Settings, mode: Mode, *, stop: asyncio.Event | None = None, base_url: str = AsyncWebClient.BASE_URL
) -> None:
    """Run until `stop` is set (by SIGINT/SIGTERM when not given); `base_url` is the Web API's address."""
    from bot.app import build_app

    stop = stop or stop_on_signals()
    services = build_app(settings)
    bot = build_slack_bot(settings, services, base_url=base_url)
    services.add_poster("slack", bot.poster)
    await services.scheduler.start()
    try:
        if mode == "socket":
            await serve_socket(bot, settings, stop)
        else:
            await serve_http(bot, settings, stop)
    finally:
        services.scheduler.shutdown()  # no new job starts
        await services.daily.drain(DRAIN_SECONDS)  # the post being sent is marked open before we exit


async def serve_socket(bot: SlackBot, settings: Settings, stop: asyncio.Event) -> None:
    from slack_bolt.adapter.socket_mode.async_handler import AsyncSocketModeHandler

    handler = AsyncSocketModeHandler(bot.bolt, revealed(settings.slack.app_token))
    await bot.replies.open()
    try:
        await handler.connect_async()
        log.info("connected to Slack in Socket Mode")
        await stop.wait()
    finally:
        await handler.close_async()
        await bot.replies.close()


async def serve_http(bot: SlackBot, settings: Settings, stop: asyncio.Event) -> None:
    runner = web.AppRunner(web_application(bot))
    await runner.setup()
    site = web.TCPSite(runner, settings.slack.http_host, settings.slack.http_port)
    await site.start()
    log.info(
        "listening for Slack on http://%s:%s/slack/events (health: %s)",
        settings.slack.http_host,
        settings.slack.http_port,
        HEALTH_PATH,
    )
    try:
        await stop.wait()
    finally:
        await runner.cleanup()


def stop_on_signals() -> asyncio.Event:
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    return stop
