"""Which bot token speaks for a workspace: one fixed token, or the installation stored by the OAuth flow."""

from __future__ import annotations

from typing import Protocol

from slack_sdk.oauth.installation_store.async_installation_store import AsyncInstallationStore

from bot.services.poster import ChannelUnavailableError


class TokenSource(Protocol):
    async def __call__(self, workspace: str) -> str: ...


class FixedToken:
    def __init__(self, token: str) -> None:
        self._token = token

    def __repr__(self) -> str:
        return "FixedToken(***)"

    async def __call__(self, workspace: str) -> str:
        return self._token


class InstalledTokens:
    def __init__(self, store: AsyncInstallationStore) -> None:
        self.store = store

    async def __call__(self, workspace: str) -> str:
        bot = await self.store.async_find_bot(enterprise_id=None, team_id=workspace)
        if bot is None or not bot.bot_token:
            raise ChannelUnavailableError(f"the app is not installed in workspace {workspace}")
        return bot.bot_token
