"""Building the Bolt AsyncApp over our services: one workspace (bot token) or many (OAuth install)."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field

from aiohttp import web
from slack_bolt.async_app import AsyncApp
from slack_bolt.oauth.async_oauth_settings import AsyncOAuthSettings
from slack_sdk.oauth.installation_store.sqlite3 import SQLite3InstallationStore
from slack_sdk.oauth.state_store.sqlite3 import SQLite3OAuthStateStore
from slack_sdk.signature import SignatureVerifier
from slack_sdk.web.async_client import AsyncWebClient

from bot.app import App
from bot.config import Settings, SlackSettings, revealed
from bot.slack.api import rate_limit_retries
from bot.slack.guard import RefuseMalformed, RefuseOtherWorkspaces
from bot.slack.handlers import register
from bot.slack.installs import register_removals
from bot.slack.members import AdminCheck
from bot.slack.on_ack import OnAckApp
from bot.slack.poster import SlackPoster
from bot.slack.replies import ReplySession
from bot.slack.tokens import FixedToken, InstalledTokens

# Keep in step with manifest.yaml (a test checks it).
BOT_SCOPES = (
    "commands",  # the /quiz slash command
    "chat:write",  # daily posts, reveals (chat.update)
    "channels:join",  # join a public channel before its first daily post
    "users:read",  # users.info: is the person a workspace admin or owner?
    "usergroups:read",  # usergroups.users.list: is the person in the admin user group?
    "files:write",  # the stats chart upload
    "im:write",  # open a DM to send the chart to
)
EVENTS_PATH = "/slack/events"
HEALTH_PATH = "/healthz"
OAUTH_STATE_SECONDS = 600
TIMESTAMP = re.compile(r"-?[0-9]{1,12}")
UNREADABLE = (ValueError, TypeError, AttributeError, KeyError, IndexError, RecursionError)
log = logging.getLogger(__name__)


@dataclass
class SlackBot:
    bolt: AsyncApp
    poster: SlackPoster
    installation_store: SQLite3InstallationStore | None = None
    signing_secret: str = field(default="", repr=False)
    replies: ReplySession = field(default_factory=ReplySession)


def uses_oauth(slack: SlackSettings) -> bool:
    return bool(slack.client_id and slack.client_secret)


def build_slack_bot(settings: Settings, services: App, *, base_url: str = AsyncWebClient.BASE_URL) -> SlackBot:
    """The Bolt app with the /quiz listeners, and the poster the scheduler posts through.

    `base_url` is the Web API's address (tests point it at a fake on 127.0.0.1)."""
    slack = settings.slack
    signing_secret = slack.signing_secret.get_secret_value() if slack.signing_secret else ""
    if uses_oauth(slack):
        store = SQLite3InstallationStore(database=str(settings.db_path), client_id=slack.client_id or "")
        client = AsyncWebClient(base_url=base_url, retry_handlers=rate_limit_retries())
        bolt = OnAckApp(
            signing_secret=signing_secret,
            client=client,
            oauth_settings=oauth_settings(settings, store),
            before_authorize=RefuseMalformed(),
        )
        poster = SlackPoster(InstalledTokens(store), base_url=base_url)
    else:
        store = None
        token = slack.bot_token.get_secret_value() if slack.bot_token else None
        client = AsyncWebClient(token=token, base_url=base_url, retry_handlers=rate_limit_retries())
        bolt = OnAckApp(signing_secret=signing_secret, client=client, before_authorize=RefuseMalformed())
        poster = SlackPoster(FixedToken(token or ""), base_url=base_url)
    replies = ReplySession()
    bolt.use(RefuseOtherWorkspaces())
    bolt.use(replies.middleware())
    # Bolt tries listeners in the order they were registered, running each one's matcher: the answers
    # (the morning burst) come first, the two uninstall events after everything else
    register(bolt, services, AdminCheck(slack.admin_usergroup_id))
    register_removals(bolt, services.cleanup, store)
    return SlackBot(bolt, poster, store, signing_secret, replies)


def oauth_settings(settings: Settings, store: SQLite3InstallationStore) -> AsyncOAuthSettings:
    """Installations and OAuth states live in the project's SQLite file, in slack_sdk's own tables."""
    slack = settings.slack
    return AsyncOAuthSettings(
        client_id=slack.client_id,
        client_secret=revealed(slack.client_secret),
        scopes=list(BOT_SCOPES),
        installation_store=store,
        state_store=SQLite3OAuthStateStore(database=str(settings.db_path), expiration_seconds=OAUTH_STATE_SECONDS),
    )


def web_application(bot: SlackBot) -> web.Application:
    """Bolt's aiohttp app (events and interactivity on /slack/events, OAuth pages if enabled) plus /healthz.

    The replies' HTTP session opens when the server starts and closes when it is cleaned up."""
    application = bot.bolt.web_app(path=EVENTS_PATH)
    application.on_startup.append(bot.replies.on_startup)
    application.on_cleanup.append(bot.replies.on_cleanup)
    application.middlewares.append(unreadable_refusal(SignatureVerifier(bot.signing_secret)))
    application.router.add_get(HEALTH_PATH, healthz)
    return application


def unreadable_refusal(verifier: SignatureVerifier):
    """Bolt reads the timestamp header and parses the body (the JSON payload) before it has checked the
    signature, outside its own error handling: a request it cannot read is answered 400 when it is signed
    (a broken client of ours), 401 when it is not, never 500."""

    @web.middleware
    async def refuse_unreadable(request: web.Request, handler):
        if request.method != "POST" or request.path != EVENTS_PATH:
            return await handler(request)
        if not TIMESTAMP.fullmatch(request.headers.get("X-Slack-Request-Timestamp", "0")):
            return refused(request, "a timestamp that is not a number", 401)
        try:
            return await handler(request)
        except UNREADABLE as exc:
            signed = verifier.is_valid_request(await request.read(), dict(request.headers))
            return refused(request, f"a body that cannot be parsed ({type(exc).__name__})", 400 if signed else 401)

    return refuse_unreadable


def refused(request: web.Request, what: str, status: int) -> web.Response:
    log.warning("refused a request to %s with %s", request.path, what)
    return web.json_response({"error": "invalid request"}, status=status)


async def healthz(_request: web.Request) -> web.Response:
    return web.json_response({"ok": True})
