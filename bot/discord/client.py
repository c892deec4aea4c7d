"""The Discord client: slash commands, persistent buttons and menus, the channel poster, the scheduler."""

from __future__ import annotations

import logging

import discord

from bot.app import App
from bot.config import Settings
from bot.discord.commands import QuizCommandTree, add_commands
from bot.discord.components import DYNAMIC_ITEMS
from bot.discord.exam_components import EXAM_ITEMS
from bot.discord.guide import GUIDE_ITEMS
from bot.discord.identity import PLATFORM
from bot.discord.poster import DiscordPoster
from bot.discord.privacy import PRIVACY_ITEMS

log = logging.getLogger(__name__)


def intents() -> discord.Intents:
    """Guilds only (not privileged): server names, channels and roles in the cache. Slash commands,
    buttons and menus reach the bot as interactions whatever the intents; no message content needed."""
    chosen = discord.Intents.none()
    chosen.guilds = True
    return chosen


DRAIN_SECONDS = 10.0  # how long a stop waits for a daily post already being sent


class QuizBot(discord.Client):
    def __init__(self, app: App, settings: Settings, **options) -> None:
        options.setdefault("intents", intents())
        options.setdefault("allowed_mentions", discord.AllowedMentions.none())
        if settings.discord.application_id is not None:
            options.setdefault("application_id", settings.discord.application_id)
        super().__init__(**options)
        self.app = app
        self.settings = settings
        self.tree = QuizCommandTree(self)
        add_commands(self.tree, app.practice.scopes())
        self.scheduler_started = False

    async def setup_hook(self) -> None:
        self.add_dynamic_items(*DYNAMIC_ITEMS, *EXAM_ITEMS, *GUIDE_ITEMS, *PRIVACY_ITEMS)
        await self.sync_commands()

    async def sync_commands(self) -> list[discord.app_commands.AppCommand]:
        """To the development server when one is set (shows at once), else globally."""
        guild_id = self.settings.discord.dev_guild_id
        if guild_id is None:
            synced = await self.tree.sync()
            log.info("synced %d slash commands globally", len(synced))
            return synced
        guild = discord.Object(id=guild_id)
        self.tree.copy_global_to(guild=guild)
        synced = await self.tree.sync(guild=guild)
        log.info("synced %d slash commands to the development server %s", len(synced), guild_id)
        return synced

    async def on_ready(self) -> None:
        log.info("connected to Discord as %s in %d server(s)", self.user, len(self.guilds))
        if not self.scheduler_started:
            self.scheduler_started = True
            await self.app.scheduler.start()

    async def on_guild_remove(self, guild: discord.Guild) -> None:
        """The bot left or was removed from a server: its data goes after the grace period unless it comes back."""
        log.info("removed from Discord server %s", guild.id)
        self.app.cleanup.removed(PLATFORM, str(guild.id))

    async def on_guild_join(self, guild: discord.Guild) -> None:
        self.app.cleanup.back(PLATFORM, str(guild.id))

    async def close(self) -> None:
        self.app.scheduler.shutdown()  # no new job starts
        await self.app.daily.drain(DRAIN_SECONDS)  # a post being sent is marked open before the REST session goes
        await super().close()


def create_bot(app: App, settings: Settings, **options) -> QuizBot:
    """The client over the app, with the Discord poster registered for the scheduler's posts."""
    bot = QuizBot(app, settings, **options)
    app.add_poster(PLATFORM, DiscordPoster(bot))
    return bot
