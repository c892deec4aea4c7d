"""INTERACTION_CREATE payloads as Discord's gateway sends them, fed into a real client's connection state."""

from __future__ import annotations

from dataclasses import dataclass

import discord

from tests.integration.discord.fake_api import APPLICATION_ID, FakeDiscord

GUILD_ID = 1200000000000000001
CHANNEL_ID = 1200000000000000010
OTHER_CHANNEL_ID = 1200000000000000011
QUIZ_ADMIN_ROLE_ID = 1200000000000000500
MEMBER_PERMISSIONS = discord.Permissions(
    view_channel=True,
    send_messages=True,
    embed_links=True,
    attach_files=True,
    read_message_history=True,
    add_reactions=True,
    use_application_commands=True,
)


@dataclass(frozen=True)
class Person:
    id: int
    name: str
    permissions: discord.Permissions = MEMBER_PERMISSIONS
    roles: tuple[int, ...] = ()

    def member_payload(self) -> dict:
        return {
            "user": {
                "id": str(self.id),
                "username": self.name.lower(),
                "global_name": self.name,
                "discriminator": "0",
                "avatar": None,
                "public_flags": 0,
            },
            "roles": [str(r) for r in self.roles],
            "permissions": str(self.permissions.value),
            "joined_at": "2026-01-05T10:00:00.000000+00:00",
            "premium_since": None,
            "nick": None,
            "avatar": None,
            "deaf": False,
            "mute": False,
            "pending": False,
            "flags": 0,
            "communication_disabled_until": None,
        }


ALICE = Person(1100000000000000001, "Alice")
BOB = Person(1100000000000000002, "Bob")
ADA = Person(1100000000000000003, "Ada", MEMBER_PERMISSIONS | discord.Permissions(manage_guild=True))
ROLE_HOLDER = Person(1100000000000000004, "Rolf", roles=(QUIZ_ADMIN_ROLE_ID,))


def option(name: str, value, *, focused: bool = False) -> dict:
    kind = 4 if isinstance(value, int) else 3
    return {"name": name, "type": kind, "value": value, **({"focused": True} if focused else {})}


def custom_ids(message: dict) -> list[str]:
    return [c["custom_id"] for row in message["components"] for c in row["components"] if "custom_id" in c]


def component(message: dict, custom_id: str) -> dict:
    return next(c for row in message["components"] for c in row["components"] if c.get("custom_id") == custom_id)


class Gateway:
    """Builds the payloads and registers them with the fake API (which then knows their channel)."""

    def __init__(self, fake: FakeDiscord) -> None:
        self.fake = fake

    def _interaction(self, kind: int, data: dict, by: Person, channel_id: int, message: dict | None = None) -> dict:
        interaction_id = self.fake.snowflake()
        payload = {
            "id": str(interaction_id),
            "application_id": str(APPLICATION_ID),
            "type": kind,
            "data": data,
            "guild_id": str(GUILD_ID),
            "guild": {"id": str(GUILD_ID), "locale": "en-US", "features": []},
            "channel_id": str(channel_id),
            "channel": {
                "id": str(channel_id),
                "type": 0,
                "guild_id": str(GUILD_ID),
                "name": "ml-study" if channel_id == CHANNEL_ID else "general",
                "position": 1,
                "permission_overwrites": [],
                "nsfw": False,
                "parent_id": None,
                "topic": None,
                "last_message_id": None,
                "rate_limit_per_user": 0,
                "flags": 0,
            },
            "member": by.member_payload(),
            "token": f"aW50ZXJhY3Rpb246{interaction_id}",
            "version": 1,
            "app_permissions": str(MEMBER_PERMISSIONS.value),
            "locale": "en-US",
            "guild_locale": "en-US",
            "entitlements": [],
            "authorizing_integration_owners": {"0": str(GUILD_ID)},
            "context": 0,
            "attachment_size_limit": 10485760,
        }
        if message is not None:
            payload["message"] = message
        self.fake.interactions[interaction_id] = payload
        return payload

    async def deliver(self, bot: discord.Client, payload: dict) -> dict:
        """Hand the payload to the client as the gateway would; return the body of its response callback."""
        bot._connection.parse_interaction_create(payload)
        return await self.fake.callback(payload)

    def command(self, name: str, *options: dict, by: Person, channel_id: int = CHANNEL_ID) -> dict:
        data = {"id": str(self.fake.snowflake()), "name": name, "type": 1, "guild_id": str(GUILD_ID)}
        if options:
            data["options"] = list(options)
        return self._interaction(2, data, by, channel_id)

    def subcommand(self, group: str, name: str, *options: dict, by: Person, channel_id: int = CHANNEL_ID) -> dict:
        return self.command(group, {"name": name, "type": 1, "options": list(options)}, by=by, channel_id=channel_id)

    def autocomplete(self, group: str, name: str, *options: dict, by: Person) -> dict:
        data = {
            "id": str(self.fake.snowflake()),
            "name": group,
            "type": 1,
            "guild_id": str(GUILD_ID),
            "options": [{"name": name, "type": 1, "options": list(options)}],
        }
        return self._interaction(4, data, by, CHANNEL_ID)

    def command_autocomplete(self, name: str, *options: dict, by: Person) -> dict:
        """Autocomplete for an option of a top-level command (mark the typed one `focused`)."""
        data = {"id": str(self.fake.snowflake()), "name": name, "type": 1, "guild_id": str(GUILD_ID)}
        data["options"] = list(options)
        return self._interaction(4, data, by, CHANNEL_ID)

    def button(self, message: dict, custom_id: str, *, by: Person) -> dict:
        data = {"custom_id": custom_id, "component_type": 2}
        return self._interaction(3, data, by, int(message["channel_id"]) or CHANNEL_ID, message)

    def select(self, message: dict, custom_id: str, values: list[str], *, by: Person) -> dict:
        data = {"custom_id": custom_id, "component_type": 3, "values": values}
        return self._interaction(3, data, by, int(message["channel_id"]) or CHANNEL_ID, message)

    def modal_submit(self, form: dict, answers: dict[str, str], *, by: Person) -> dict:
        """The submit of a form the bot opened (its type-9 callback data), with text typed per field label."""
        rows = [
            {
                "type": 1,
                "components": [
                    {"type": 4, "custom_id": field["custom_id"], "value": answers[field["label"]]}
                    for field in row["components"]
                ],
            }
            for row in form["components"]
        ]
        return self._interaction(5, {"custom_id": form["custom_id"], "components": rows}, by, CHANNEL_ID)
