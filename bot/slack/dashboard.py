"""The web dashboard on Slack: `/quiz dashboard` answers privately with a one-time sign-in link, and the App Home
tab (published on app_home_opened) shows where the person stands, with a button that sends them a link by DM."""

from __future__ import annotations

import logging
from dataclasses import replace

from slack_bolt.async_app import AsyncApp
from slack_sdk.web.async_client import AsyncWebClient

from bot.app import App
from bot.services.dashboard_views import HomeView
from bot.services.identity import Member
from bot.services.web_access import LINK_MINUTES
from bot.slack import members, messages
from bot.slack.blocks import Message, context, esc, section
from bot.slack.members import AdminCheck

log = logging.getLogger(__name__)
LINK_BUTTON = "quiz:dashboard-link"


def link_message(link: str) -> Message:
    text = (
        f"Your dashboard: <{link}|open it here>."
        f" A one-time link for you alone: it works once, within {LINK_MINUTES} minutes."
    )
    return Message(
        f"Your dashboard link (one-time, {LINK_MINUTES} minutes)", [section(text), context("Do not share this link.")]
    )


def home_view(view: HomeView, *, missing_setting: str | None = None) -> dict:
    """The Home tab; `missing_setting` names the setting to set when the dashboard has no public address."""
    readiness = view.readiness
    score = (
        f"*{esc(readiness.band.capitalize())}* · estimated {readiness.estimate:.0f} %"
        f" (90 % band {readiness.low:.0f}–{readiness.high:.0f} %) · pass chance {readiness.pass_percent_chance} %"
        if readiness.estimate is not None and readiness.low is not None and readiness.high is not None
        else f"*{esc(readiness.band.capitalize())}* · {esc(readiness.advice)}"
    )
    blocks = [
        {"type": "header", "text": {"type": "plain_text", "text": "Your exam readiness"}},
        section(score),
        *([context(esc(readiness.based_on))] if readiness.based_on else []),
        section(f"*Next step:* {esc(view.next_step)}\n`/quiz {view.practice_scope}` for a practice question there."),
        section(f"*Daily question:* {esc(view.daily)}"),
        section(f"*Your team:* {esc(view.team)}"),
    ]
    if missing_setting is None:
        blocks.append(
            {
                "type": "actions",
                "elements": [
                    {
                        "type": "button",
                        "action_id": LINK_BUTTON,
                        "style": "primary",
                        "text": {"type": "plain_text", "text": "Send me a dashboard link"},
                        "value": "link",
                    }
                ],
            }
        )
    else:
        blocks.append(context(f"The web dashboard is not set up here yet: an admin sets {missing_setting}."))
    blocks.append(context("`/quiz help` lists every command."))
    return {"type": "home", "blocks": blocks}


class DashboardListeners:
    def __init__(self, services: App, admin_check: AdminCheck) -> None:
        self.services = services
        self.admin_check = admin_check

    def register(self, bolt: AsyncApp) -> None:
        bolt.event("app_home_opened")(self.on_home_opened)
        bolt.action(LINK_BUTTON)(self.on_link_button)

    async def link_for(self, member: Member, client: AsyncWebClient) -> Message:
        """A link for this person, with the admin standing Slack reports now (admins also see the team pages)."""
        member = replace(member, is_admin=await self.admin_check(client, member.user))
        return link_message(self.services.web_access.link(member))

    async def on_home_opened(self, ack, body: dict, event: dict, client: AsyncWebClient) -> None:
        await ack()
        if event.get("tab", "home") != "home":
            return
        member = Member(members.PLATFORM, body.get("team_id") or "", event["user"])
        try:
            view = self.services.dashboard.home(member)
            access = self.services.web_access
            home = home_view(view, missing_setting=None if access.configured else access.base_url_setting)
            await client.views_publish(user_id=member.user, view=home)
        except Exception:
            log.exception("the App Home could not be published")

    async def on_link_button(self, ack, body: dict, client: AsyncWebClient) -> None:
        await ack()
        member = members.from_action(body)
        try:
            message = await self.link_for(member, client)
        except Exception as error:
            message = messages.message_for(error, "the dashboard link")
        try:
            await client.chat_postMessage(channel=member.user, text=message.text, blocks=message.blocks)
        except Exception:
            log.exception("the dashboard link could not be sent by DM")
