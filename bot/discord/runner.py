"""Running the Discord bot (`quizbot run discord`) and its invite link (`quizbot discord invite-url`)."""

from __future__ import annotations

import asyncio
import logging
import sys
from typing import TextIO

import aiohttp
import discord

from bot.config import Settings, env_name, revealed

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_NOT_CONFIGURED = 2
TOKEN_VARIABLE = env_name("discord", "token")
APPLICATION_VARIABLE = env_name("discord", "application_id")

# Exactly what the bot needs in a channel, nothing more:
PERMISSIONS = {
    "view_channel": "see the channel it posts the daily question in",
    "send_messages": "post the daily question, the reveal and the season results",
    "embed_links": "show questions, reveals and leaderboards as embeds",
    "attach_files": "attach the stats chart image",
    "read_message_history": "reply to its own question message at the reveal",
}
SCOPES = ("bot", "applications.commands")  # the bot user, and its slash commands


def invite_permissions() -> discord.Permissions:
    return discord.Permissions(**dict.fromkeys(PERMISSIONS, True))


def invite_url(application_id: int | str) -> str:
    """The OAuth2 link that adds the bot to a server with its slash commands and the permissions above."""
    return discord.utils.oauth_url(int(application_id), permissions=invite_permissions(), scopes=SCOPES)


def permissions_explained() -> str:
    return "\n".join(f"  {flag.replace('_', ' ').title()}: {why}" for flag, why in PERMISSIONS.items())


def run(settings: Settings, *, err: TextIO | None = None) -> int:
    """Run the bot until stopped; returns the process exit code."""
    err = err or sys.stderr
    if settings.discord.token is None or not settings.discord.token.get_secret_value().strip():
        print(
            f"The Discord bot needs its token: set {TOKEN_VARIABLE} in the environment or in a .env file.\n"
            "Create it in the Discord Developer Portal under your application > Bot > Reset Token.",
            file=err,
        )
        return EXIT_NOT_CONFIGURED
    if not logging.getLogger().handlers:  # leave logging alone when the host (a test, the CLI) set it up
        discord.utils.setup_logging(level=getattr(logging, settings.log_level.upper(), logging.INFO), root=True)
    try:
        return asyncio.run(serve(settings, err=err))
    except KeyboardInterrupt:
        print("Stopped.", file=err)
        return EXIT_OK


async def serve(settings: Settings, *, err: TextIO) -> int:
    """Log in, sync the commands, connect to the gateway; the scheduler starts when the bot is ready."""
    from bot.app import build_app
    from bot.discord.client import create_bot

    bot = create_bot(build_app(settings), settings)
    token = revealed(settings.discord.token).strip()
    try:
        async with bot:
            await bot.start(token)
    except discord.LoginFailure:
        print(
            f"Discord refused the bot token in {TOKEN_VARIABLE} (401 Unauthorized). Copy a fresh one from the "
            "Developer Portal (your application > Bot > Reset Token) and set it again.",
            file=err,
        )
        return EXIT_FAILED
    except discord.PrivilegedIntentsRequired:
        print("Discord refused the gateway intents; this bot needs no privileged intent.", file=err)
        return EXIT_FAILED
    except (aiohttp.ClientConnectionError, OSError) as exc:
        print(f"Could not reach Discord: {exc}", file=err)
        return EXIT_FAILED
    except discord.HTTPException as exc:
        print(f"Discord answered {exc.status} at start-up: {exc.text or exc}", file=err)
        return EXIT_FAILED
    return EXIT_OK
