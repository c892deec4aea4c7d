"""Settings: one typed object from QUIZBOT_* environment variables and a .env file; secrets as SecretStr."""

from __future__ import annotations

import os
from datetime import timedelta
from pathlib import Path

from pydantic import BaseModel, Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

ENV_PREFIX = "QUIZBOT_"


def default_db_path() -> Path:
    data_home = os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share"
    return Path(data_home) / "quizbot" / "quizbot.db"


class DiscordSettings(BaseModel):
    token: SecretStr | None = None
    application_id: int | None = None
    dev_guild_id: int | None = None  # sync commands to this guild only (instant, for development)
    admin_role_id: int | None = None  # members with this role may administer, besides Manage Server


class SlackSettings(BaseModel):
    bot_token: SecretStr | None = None  # single workspace
    signing_secret: SecretStr | None = None
    app_token: SecretStr | None = None  # Socket Mode
    client_id: str | None = None  # OAuth, many workspaces
    client_secret: SecretStr | None = None
    admin_usergroup_id: str | None = None  # members of this user group may administer, besides admins/owners
    http_host: str = "0.0.0.0"
    http_port: int = 3000
    api_base_url: str = "https://slack.com/api/"  # the Web API's address (a proxy, or a local fake in tests)


class ItemStatsSettings(BaseModel):
    min_people: int = Field(default=20, ge=1)  # no figure is shown behind fewer people than this
    new_evidence: int = Field(default=30, ge=1)  # a kept question's flags speak again after this many more people


class WebSettings(BaseModel):
    """The web dashboard (`quizbot web`): where it listens, the address people open, and a secret mixed into
    the stored hashes of sign-in links and sessions."""

    host: str = "127.0.0.1"
    port: int = Field(default=8080, ge=1, le=65535)
    base_url: str | None = None  # the public address, e.g. https://quiz.example.com; links are made from it
    secret: SecretStr | None = None

    @field_validator("base_url", mode="before")
    @classmethod
    def _an_address(cls, value: object) -> object:
        if isinstance(value, str):
            value = value.strip().rstrip("/")
            if not value:
                return None
            if not value.startswith(("http://", "https://")):
                raise ValueError("it is not an address: start it with https:// (or http:// for a local test)")
        return value


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix=ENV_PREFIX, env_nested_delimiter="__", env_file=".env", extra="ignore")

    db_path: Path = default_db_path()
    log_level: str = "INFO"
    catch_up_grace: timedelta = timedelta(hours=2)  # a missed daily post is caught up within this window
    retention_days: int | None = Field(default=None, ge=1)  # delete answers older than this, daily; None: keep
    removed_workspace_grace_days: int = Field(default=30, ge=0)  # an uninstalled workspace's data is kept so long
    readiness_half_life_days: float = Field(default=30.0, gt=0)  # readiness: an answer this old counts half
    discord: DiscordSettings = DiscordSettings()
    slack: SlackSettings = SlackSettings()
    item_stats: ItemStatsSettings = ItemStatsSettings()
    web: WebSettings = WebSettings()

    @field_validator("db_path", mode="before")
    @classmethod
    def _a_file_is_named(cls, value: object) -> object:
        if isinstance(value, str) and not value.strip():
            raise ValueError("it is empty: name the SQLite file, or remove the setting for the default")
        return value


def revealed(secret: SecretStr | None) -> str:
    """A secret's value for the library that needs it ('' when unset; the runners check required settings
    first and name the missing ones)."""
    return secret.get_secret_value() if secret is not None else ""


def env_name(*path: str) -> str:
    """The environment variable behind a setting, e.g. env_name('discord', 'token') -> QUIZBOT_DISCORD__TOKEN."""
    return ENV_PREFIX + "__".join(part.upper() for part in path)
