"""The dashboard on Slack: `/quiz dashboard` (a private one-time link), the App Home tab published on
app_home_opened (signed event in, views.publish out), and the Home tab's link button (a DM)."""

import json
import re

import pytest

from bot.config import WebSettings
from bot.slack.dashboard import LINK_BUTTON
from tests.integration.slack.conftest import ADMIN_GROUP, BOT_TOKEN, slack_settings
from tests.integration.slack.harness import ADA, ALICE, reply_text
from tests.integration.slack.test_oauth import event

BASE = "https://quiz.example.com"


@pytest.fixture
def settings(db_path):
    chosen = slack_settings(db_path, bot_token=BOT_TOKEN, admin_usergroup_id=ADMIN_GROUP)
    chosen.web = WebSettings(base_url=BASE)
    return chosen


def token_in(text: str) -> str:
    found = re.search(rf"{re.escape(BASE)}/signin/([A-Za-z0-9_\-]+)", text)
    assert found is not None, text
    return found.group(1)


async def test_quiz_dashboard_replies_privately_with_a_one_time_link(slack):
    reply = await slack.reply_to(slack.slash("dashboard", ALICE))

    assert reply["response_type"] == "ephemeral"
    viewer = slack.services.web_access.sign_in(token_in(reply_text(reply))).viewer
    assert (viewer.member.platform, viewer.member.workspace, viewer.member.user) == ("slack", "T1", ALICE.user)
    assert not viewer.is_admin


async def test_a_workspace_admins_link_opens_the_team_lead_pages(slack):
    slack.fake.admins.add(ADA.user)

    reply = await slack.reply_to(slack.slash("dashboard", ADA))

    assert slack.services.web_access.sign_in(token_in(reply_text(reply))).viewer.is_admin


async def test_without_a_public_address_the_reply_names_the_setting(slack):
    slack.services.web_access.base_url = None

    reply = await slack.reply_to(slack.slash("dashboard", ALICE))

    assert "QUIZBOT_WEB__BASE_URL" in reply_text(reply) and "/signin/" not in reply_text(reply)


async def test_opening_the_app_home_publishes_readiness_plan_daily_and_team(slack):
    await slack.reply_to(slack.slash("team create Drift Hunters", ALICE))

    response = await slack.post(event("T1", {"type": "app_home_opened", "user": ALICE.user, "tab": "home"}))

    assert response.status == 200
    await slack.fake.wait_until(lambda: slack.fake.calls_to("views.publish"))
    (call,) = slack.fake.calls_to("views.publish")
    assert call.params["user_id"] == ALICE.user and call.token == BOT_TOKEN
    view = json.loads(call.params["view"]) if isinstance(call.params["view"], str) else call.params["view"]
    assert view["type"] == "home"
    text = json.dumps(view["blocks"])
    assert "Your exam readiness" in text and "Too little data" in text
    assert "Based on no answers yet." in text
    assert "*Next step:* Practise" in text
    assert "No daily question has been posted here yet." in text
    assert "Your team Drift Hunters is number 1 of 1" in text
    buttons = [e for b in view["blocks"] if b["type"] == "actions" for e in b["elements"]]
    assert [b["action_id"] for b in buttons] == [LINK_BUTTON]


async def test_the_home_tabs_button_sends_a_link_by_direct_message(slack):
    response = await slack.action({"action_id": LINK_BUTTON, "value": "link"}, ALICE, channel="D-home")

    assert response.status == 200
    await slack.fake.wait_until(lambda: slack.fake.posted(ALICE.user))
    (message,) = slack.fake.posted(ALICE.user)
    (call,) = [c for c in slack.fake.calls_to("chat.postMessage") if c.params["channel"] == ALICE.user]
    blocks = call.params["blocks"]
    text = blocks if isinstance(blocks, str) else json.dumps(blocks)
    assert slack.services.web_access.sign_in(token_in(text)).viewer.member.user == ALICE.user
    assert "one-time" in message["text"]


async def test_without_a_public_address_the_home_tab_names_the_setting_and_has_no_button(slack):
    slack.services.web_access.base_url = None

    await slack.post(event("T1", {"type": "app_home_opened", "user": ALICE.user, "tab": "home"}))

    await slack.fake.wait_until(lambda: slack.fake.calls_to("views.publish"))
    view = slack.fake.calls_to("views.publish")[0].params["view"]
    text = view if isinstance(view, str) else json.dumps(view)
    assert "QUIZBOT_WEB__BASE_URL" in text and LINK_BUTTON not in text
