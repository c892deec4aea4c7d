"""/dashboard on Discord: a private one-time sign-in link, or the name of the missing setting."""

import re

from bot.config import WebSettings
from tests.integration.discord.flows import EPHEMERAL
from tests.integration.discord.gateway import ALICE, ROLE_HOLDER


async def test_dashboard_replies_privately_with_a_link_that_signs_in_once(start_bot, gateway, settings):
    settings.web = WebSettings(base_url="https://quiz.example.com")
    bot = await start_bot()

    response = await gateway.deliver(bot, gateway.command("dashboard", by=ALICE))

    assert response["type"] == 4 and response["data"]["flags"] & EPHEMERAL
    link = re.search(r"https://quiz\.example\.com/signin/(\S+)", response["data"]["content"])
    assert link is not None
    viewer = bot.app.web_access.sign_in(link.group(1)).viewer
    assert (viewer.member.platform, viewer.member.user, viewer.is_admin) == ("discord", str(ALICE.id), False)


async def test_a_discord_admin_gets_the_team_lead_pages(start_bot, gateway, settings):
    settings.web = WebSettings(base_url="https://quiz.example.com")
    bot = await start_bot()

    response = await gateway.deliver(bot, gateway.command("dashboard", by=ROLE_HOLDER))

    token = re.search(r"/signin/(\S+)", response["data"]["content"]).group(1)
    assert bot.app.web_access.sign_in(token).viewer.is_admin


async def test_without_a_public_address_dashboard_names_the_setting(start_bot, gateway):
    bot = await start_bot()

    response = await gateway.deliver(bot, gateway.command("dashboard", by=ALICE))

    assert response["data"]["flags"] & EPHEMERAL
    assert "QUIZBOT_WEB__BASE_URL" in response["data"]["content"]
    assert "/signin/" not in response["data"]["content"]
