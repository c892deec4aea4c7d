"""Who is acting: a backend-neutral Member from a Slack payload, and the admin check through the Web API."""

from __future__ import annotations

import logging

from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from bot.services.identity import Member
from bot.slack.api import api_error

log = logging.getLogger(__name__)
PLATFORM = "slack"


def from_command(body: dict) -> Member:
    """Not an admin until AdminCheck says so."""
    return Member(
        platform=PLATFORM,
        workspace=body["team_id"],
        user=body["user_id"],
        name=body.get("user_name") or "",
        workspace_name=body.get("team_domain") or "",
    )


def from_action(body: dict) -> Member:
    user = body.get("user") or {}
    team = body.get("team") or {}
    return Member(
        platform=PLATFORM,
        workspace=team.get("id") or user.get("team_id") or "",
        user=user["id"],
        name=user.get("name") or user.get("username") or "",
        workspace_name=team.get("domain") or "",
    )


class AdminCheck:
    """Workspace admins and owners, and members of the configured user group, may administer.

    The payload is never trusted for this: both facts come from the Web API with the workspace's token."""

    def __init__(self, admin_usergroup_id: str | None = None) -> None:
        self.admin_usergroup_id = admin_usergroup_id

    async def __call__(self, client: AsyncWebClient, user_id: str) -> bool:
        try:
            info = await client.users_info(user=user_id)
        except SlackApiError as exc:
            log.warning("users.info failed for an admin check: %s", api_error(exc))
            return False
        user = info.get("user") or {}
        if user.get("is_admin") or user.get("is_owner") or user.get("is_primary_owner"):
            return True
        return await self.in_admin_group(client, user_id)

    async def in_admin_group(self, client: AsyncWebClient, user_id: str) -> bool:
        if not self.admin_usergroup_id:
            return False
        try:
            group = await client.usergroups_users_list(usergroup=self.admin_usergroup_id)
        except SlackApiError as exc:
            log.warning("usergroups.users.list failed for an admin check: %s", api_error(exc))
            return False
        return user_id in (group.get("users") or [])
