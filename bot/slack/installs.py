"""Slack telling the bot it was removed: `app_uninstalled` and `tokens_revoked`. The stored tokens go at once
(OAuth mode); the workspace is marked removed, and its data goes after the grace period unless it comes back."""

from __future__ import annotations

import logging

from slack_bolt.async_app import AsyncApp
from slack_sdk.oauth.installation_store.async_installation_store import AsyncInstallationStore

from bot.services.privacy import WorkspaceCleanup
from bot.slack.members import PLATFORM

log = logging.getLogger(__name__)


def register_removals(bolt: AsyncApp, cleanup: WorkspaceCleanup, store: AsyncInstallationStore | None) -> None:
    async def on_uninstalled(ack, body: dict, context) -> None:
        await ack()
        team = context.team_id or body.get("team_id") or ""
        if store is not None:
            await store.async_delete_all(enterprise_id=context.enterprise_id, team_id=team)
        cleanup.removed(PLATFORM, team)
        log.info("the app was uninstalled from Slack workspace %s; its tokens are deleted", team)

    async def on_tokens_revoked(ack, body: dict, event: dict, context) -> None:
        await ack()
        team = context.team_id or body.get("team_id") or ""
        tokens = event.get("tokens") or {}
        if store is not None:
            for user_id in tokens.get("oauth") or []:
                await store.async_delete_installation(
                    enterprise_id=context.enterprise_id, team_id=team, user_id=user_id
                )
            if tokens.get("bot"):
                await store.async_delete_bot(enterprise_id=context.enterprise_id, team_id=team)
        if tokens.get("bot"):
            cleanup.removed(PLATFORM, team)
            log.info("the bot token of Slack workspace %s was revoked; it is deleted", team)

    bolt.event("app_uninstalled")(on_uninstalled)
    bolt.event("tokens_revoked")(on_tokens_revoked)
