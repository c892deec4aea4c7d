"""The poster port for the terminal: posts are printed instead of sent to a chat platform."""

from __future__ import annotations

import sys
from typing import TextIO

from bot.console import render
from bot.console.screen import show
from bot.services.poster import ChannelAddress


class ConsolePoster:
    def __init__(self, stream: TextIO | None = None) -> None:
        self.stream = stream or sys.stdout
        self.posted = 0

    async def post_question(self, channel: ChannelAddress, view) -> str:
        self.posted += 1
        show(f"\n[#{channel.channel}] " + render.daily_post(view), self.stream)
        return f"console-{view.post_id}"

    async def post_reveal(self, channel: ChannelAddress, message_ref: str | None, view) -> None:
        show(f"\n[#{channel.channel}] " + render.reveal(view), self.stream)

    async def post_season_summary(self, channel: ChannelAddress, view) -> None:
        show(f"\n[#{channel.channel}] " + render.season_summary(view), self.stream)

    async def post_digest(self, channel: ChannelAddress, view) -> None:
        from bot.console.render_items import digest

        show(f"\n[#{channel.channel}] " + digest(view), self.stream)

    async def still_installed(self, workspace: str) -> bool:
        return True  # the terminal is never uninstalled
