"""The Discord client's memory with many servers in its cache: the project's real client
(bot.discord.client.create_bot, its intents: guilds only, no members, no presences, no message content)
is fed a READY with `--guilds` unavailable servers and then one GUILD_CREATE per server, as the gateway
sends them at connect, through `client._connection.parse_ready` / `parse_guild_create` (what discord.py
does with those events). Each server is mid-sized: 20 text channels, 5 voice channels, 3 categories,
12 roles, 10 emojis, 500 members of whom only the bot is sent (no member intent, no member list).

Figures: the process's resident memory (VmRSS) before the READY and after every server is in the
cache (garbage collected), the growth per server, and the time the events took to parse. Nothing is
sent anywhere: the client is not logged in.

Run: .venv/bin/python -m bench.discord_guilds [--guilds 5000] [--quick]
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import random
import tempfile
import time
from pathlib import Path

from bench.burstkit import discord_bot_user, machine
from bench.soak import resident_mb

APPLICATION_ID = 1390000000000000001
FIRST_GUILD = 1300000000000000000
BOT_USER = discord_bot_user(APPLICATION_ID)


def snowflake(guild: int, kind: int, number: int) -> str:
    return str(FIRST_GUILD + guild * 1000 + kind * 100 + number + 1_000_000_000)


def guild_payload(guild: int) -> dict:
    guild_id = str(FIRST_GUILD + guild)
    roles = [
        {
            "id": guild_id if n == 0 else snowflake(guild, 1, n),
            "name": "@everyone" if n == 0 else f"role {n}",
            "color": 0,
            "hoist": False,
            "position": n,
            "permissions": "1071698660929",
            "managed": False,
            "mentionable": False,
            "flags": 0,
        }
        for n in range(12)
    ]
    categories = [
        {"id": snowflake(guild, 2, n), "type": 4, "name": f"category {n}", "position": n, "permission_overwrites": []}
        for n in range(3)
    ]
    text = [
        {
            "id": snowflake(guild, 3, n),
            "type": 0,
            "name": f"channel-{n}",
            "position": n,
            "parent_id": categories[n % 3]["id"],
            "topic": "study the ML Professional exam together" if n % 4 == 0 else None,
            "nsfw": False,
            "last_message_id": None,
            "rate_limit_per_user": 0,
            "permission_overwrites": [
                {"id": roles[1]["id"], "type": 0, "allow": "1024", "deny": "0"},
            ],
            "flags": 0,
        }
        for n in range(20)
    ]
    voice = [
        {
            "id": snowflake(guild, 4, n),
            "type": 2,
            "name": f"voice {n}",
            "position": n,
            "parent_id": categories[0]["id"],
            "bitrate": 64000,
            "user_limit": 0,
            "rtc_region": None,
            "permission_overwrites": [],
            "flags": 0,
        }
        for n in range(5)
    ]
    emojis = [
        {
            "id": snowflake(guild, 5, n),
            "name": f"emoji{n}",
            "roles": [],
            "require_colons": True,
            "managed": False,
            "animated": False,
            "available": True,
        }
        for n in range(10)
    ]
    return {
        "id": guild_id,
        "name": f"Study server {guild}",
        "icon": None,
        "splash": None,
        "discovery_splash": None,
        "owner_id": snowflake(guild, 6, 0),
        "afk_channel_id": None,
        "afk_timeout": 300,
        "verification_level": 1,
        "default_message_notifications": 1,
        "explicit_content_filter": 2,
        "roles": roles,
        "emojis": emojis,
        "features": ["COMMUNITY"],
        "mfa_level": 0,
        "application_id": None,
        "system_channel_id": text[0]["id"],
        "system_channel_flags": 0,
        "rules_channel_id": None,
        "max_members": 500000,
        "vanity_url_code": None,
        "description": None,
        "banner": None,
        "premium_tier": 0,
        "premium_subscription_count": 0,
        "preferred_locale": "en-US",
        "public_updates_channel_id": None,
        "nsfw_level": 0,
        "premium_progress_bar_enabled": False,
        "stickers": [],
        "joined_at": "2026-01-05T10:00:00.000000+00:00",
        "large": False,
        "unavailable": False,
        "member_count": 500,
        "voice_states": [],
        "members": [
            {
                "user": BOT_USER,
                "roles": [roles[1]["id"]],
                "joined_at": "2026-01-05T10:00:00.000000+00:00",
                "deaf": False,
                "mute": False,
                "flags": 0,
            }
        ],
        "channels": categories + text + voice,
        "threads": [],
        "presences": [],
        "stage_instances": [],
        "guild_scheduled_events": [],
        "soundboard_sounds": [],
    }


async def main_async(count: int) -> None:
    from pydantic import SecretStr

    from bot.app import build_app
    from bot.config import DiscordSettings, Settings
    from bot.discord.client import create_bot

    with tempfile.TemporaryDirectory(prefix="discord-guilds-") as tmp:
        settings = Settings(
            _env_file=None, db_path=Path(tmp) / "quiz.db", discord=DiscordSettings(token=SecretStr("unused.token"))
        )
        services = build_app(settings, rng=random.Random(1))
        client = create_bot(services, settings)
        state = client._connection
        gc.collect()
        before = resident_mb()
        started = time.perf_counter()
        state.parse_ready(
            {
                "v": 10,
                "user": BOT_USER,
                "guilds": [{"id": str(FIRST_GUILD + g), "unavailable": True} for g in range(count)],
                "session_id": "bench-session",
                "resume_gateway_url": "wss://127.0.0.1",
                "application": {"id": str(APPLICATION_ID), "flags": 0},
            }
        )
        for guild in range(count):
            state.parse_guild_create(guild_payload(guild))
        parsed = time.perf_counter() - started
        gc.collect()
        after = resident_mb()
        cached = len(client.guilds)
        channels = sum(len(g.channels) for g in client.guilds)
        roles = sum(len(g.roles) for g in client.guilds)
        services.context.db.conn.close()
    print("Discord client memory with servers in its cache")
    print(f"machine: {machine()}")
    print(
        f"{cached:,} servers cached ({channels:,} channels, {roles:,} roles); intents: guilds only (no members, "
        f"no presences, no message content)"
    )
    print(
        f"RSS before the READY {before:.0f} MB, after {after:.0f} MB: +{after - before:.0f} MB, "
        f"{1024 * (after - before) / max(1, count):.1f} KB per server; READY and GUILD_CREATEs parsed in {parsed:.1f} s"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--guilds", type=int, default=5000)
    parser.add_argument("--quick", action="store_true", help="CI smoke: 100 servers")
    args = parser.parse_args()
    asyncio.run(main_async(100 if args.quick else args.guilds))


if __name__ == "__main__":
    main()
