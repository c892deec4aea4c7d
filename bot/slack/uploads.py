"""Sending a file to a person: open the DM with them (im:write) and upload with files_upload_v2
(files.getUploadURLExternal + files.completeUploadExternal; files:write)."""

from __future__ import annotations

from slack_sdk.web.async_client import AsyncWebClient


async def upload_to_dm(client: AsyncWebClient, user_id: str, data: bytes, *, filename: str, title: str) -> str:
    """Upload the file into the person's DM with the bot; returns the DM channel id."""
    conversation = await client.conversations_open(users=user_id)
    channel_id = conversation["channel"]["id"]
    await client.files_upload_v2(channel=channel_id, content=data, filename=filename, title=title)
    return channel_id
