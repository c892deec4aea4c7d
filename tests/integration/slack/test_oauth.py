"""Installing in many workspaces: the OAuth callback stores each installation in our SQLite file,
each workspace's requests and posts use its own token, and its data stays apart."""

import json
import re

import pytest

from tests.integration.slack.conftest import running_slack, slack_settings
from tests.integration.slack.fake_slack import Install
from tests.integration.slack.harness import ALICE, Person, elements, reply_text

pytestmark = pytest.mark.filterwarnings("ignore:BasicAuth is deprecated:DeprecationWarning")
CAROL = Person("U-carol", "carol", team="T2", domain="two")
TOKENS = {"T1": "xoxb-installed-T1", "T2": "xoxb-installed-T2"}


@pytest.fixture
async def multi(db_path, slack_bank, clock, fake_slack):
    fake_slack.tokens.clear()
    settings = slack_settings(db_path, client_id="1111.2222", client_secret="test-client-secret-not-real")
    async with running_slack(settings, slack_bank, clock, fake_slack) as harness:
        yield harness


async def install(slack, team: str) -> int:
    slack.fake.installs[f"code-{team}"] = Install(team, f"Team {team}", TOKENS[team])
    async with slack.session.get(f"{slack.url}/slack/install") as page:
        assert page.status == 200
        state = re.search(r"slack-app-oauth-state=([^;]+)", page.headers["Set-Cookie"]).group(1)
    callback = f"{slack.url}/slack/oauth_redirect?code=code-{team}&state={state}"
    async with slack.session.get(callback, headers={"Cookie": f"slack-app-oauth-state={state}"}) as done:
        await done.read()
        return done.status


async def test_the_oauth_callback_stores_an_installation_in_the_project_database(multi):
    assert await install(multi, "T2") == 200

    rows = multi.services.context.db.execute("SELECT team_id, bot_token FROM slack_bots").fetchall()
    assert rows == [("T2", TOKENS["T2"])]


async def test_a_callback_with_a_forged_state_installs_nothing(multi):
    multi.fake.installs["code-T2"] = Install("T2", "Team T2", TOKENS["T2"])
    forged = f"{multi.url}/slack/oauth_redirect?code=code-T2&state=forged"
    async with multi.session.get(forged, headers={"Cookie": "slack-app-oauth-state=forged"}) as response:
        assert response.status in (400, 401)
    assert multi.fake.calls_to("oauth.v2.access") == []


async def test_each_workspace_uses_its_own_token_and_keeps_its_own_data(multi):
    await install(multi, "T1")
    await install(multi, "T2")

    await multi.reply_to(multi.slash("team create Alpha", ALICE))
    carol_teams = await multi.reply_to(multi.slash("team list", CAROL))
    question = await multi.reply_to(multi.slash("", CAROL))

    assert "No teams yet" in reply_text(carol_teams)
    assert elements(question, "button")
    tokens_used = {c.token for c in multi.fake.calls_to("auth.test")}
    assert tokens_used == {TOKENS["T1"], TOKENS["T2"]}
    workspaces = multi.services.context.db.execute("SELECT external_id FROM workspaces ORDER BY external_id").fetchall()
    assert workspaces == [("T1",), ("T2",)]


async def test_a_daily_post_goes_out_with_its_workspace_token_and_only_its_people_answer_it(multi):
    await install(multi, "T1")
    await install(multi, "T2")
    multi.fake.admins.add(ALICE.user)
    await multi.reply_to(multi.slash("daily setup 09:00 UTC", ALICE))
    schedule = multi.services.daily.schedules.all()[0]

    post = await multi.services.daily.post_daily(schedule.channel_id, multi.services.context.clock())

    [posted] = multi.fake.calls_to("chat.postMessage")
    assert posted.token == TOKENS["T1"]
    refused = await multi.reply_to(multi.action({"action_id": "answer_single:A", "value": f"daily:{post.id}:A"}, CAROL))
    assert "not known here" in reply_text(refused)
    assert multi.count("attempts") == 0


def event(team: str, payload: dict) -> str:
    return json.dumps(
        {
            "token": "legacy-verification-token",
            "team_id": team,
            "api_app_id": "A-QUIZ",
            "event": {"event_ts": "1700000000.000100", **payload},
            "type": "event_callback",
            "event_id": f"Ev-{team}-{payload['type']}",
            "event_time": 1700000000,
        }
    )


def installed_teams(slack) -> set[str]:
    return {team for (team,) in slack.services.context.db.execute("SELECT team_id FROM slack_bots").fetchall()}


async def test_an_uninstall_deletes_that_workspaces_tokens_at_once(multi):
    await install(multi, "T1")
    await install(multi, "T2")

    response = await multi.post(event("T2", {"type": "app_uninstalled"}))

    assert response.status == 200
    assert installed_teams(multi) == {"T1"}


async def test_a_revoked_bot_token_is_deleted_at_once(multi):
    await install(multi, "T1")
    await install(multi, "T2")

    response = await multi.post(event("T1", {"type": "tokens_revoked", "tokens": {"bot": ["U-BOT"]}}))

    assert response.status == 200
    assert installed_teams(multi) == {"T2"}


def test_the_manifest_subscribes_to_uninstall_and_token_revocation():
    from tests.integration.slack.test_setup import manifest

    events = manifest()["settings"]["event_subscriptions"]["bot_events"]
    assert events == ["app_uninstalled", "tokens_revoked", "app_home_opened"]  # the last: the Home tab


async def test_an_uninstall_marks_the_workspace_removed_so_its_data_goes_after_the_grace_period(multi):
    await install(multi, "T2")
    await multi.reply_to(multi.slash("team create Omega", CAROL))

    await multi.post(event("T2", {"type": "app_uninstalled"}))

    [(removed_at,)] = multi.services.context.db.execute(
        "SELECT removed_at FROM workspaces WHERE external_id = 'T2'"
    ).fetchall()
    assert removed_at is not None
    assert not await multi.bot.poster.still_installed("T2")  # what the daily clean-up asks before deleting
