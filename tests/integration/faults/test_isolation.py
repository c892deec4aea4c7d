"""Two workspaces on one database: crafted ids in action values, team names, channel ids and
leaderboard scopes never reach another workspace's posts, practice questions, exams, teams or scores."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from slack_sdk.oauth.installation_store import Installation

from tests.integration.discord.flows import EPHEMERAL, post_now, set_up
from tests.integration.discord.gateway import ALICE as DISCORD_ALICE
from tests.integration.discord.gateway import Gateway, option
from tests.integration.faults.client import Client, open_daily_post, reply_text, with_custom_id
from tests.integration.faults.conftest import fault_settings, serving
from tests.integration.faults.payloads import Sender, daily_submit

pytestmark = pytest.mark.filterwarnings("ignore:BasicAuth is deprecated:DeprecationWarning")
TOKENS = {"T1": "xoxb-isolation-T1-3e1f", "T2": "xoxb-isolation-T2-9a7c"}
ALICE = Sender("U-alice", team="T1", domain="one")
CAROL = Sender("U-carol", team="T2", domain="two")
ADMIN_2 = Sender("U-admin-2", team="T2", domain="two")


@dataclass
class Workspaces:
    client: Client
    t1_single: int  # T1's open posts
    t1_multi: int
    t2_single: int  # T2's open post, in a channel with the same id as T1's
    key: str  # the key of the single-select question
    multi_key: list[str]
    alice_ask: int  # Alice's practice question
    alice_exam: int  # Alice's mock exam in progress

    def state_of(self, team: str) -> dict[str, list[tuple]]:
        """Everything stored for one workspace, to compare before and after an attempt from the other."""
        db = self.client.harness.services.context.db
        where = "w.external_id = ?"
        queries = {
            "attempts": f"""SELECT a.id, a.post_id, a.ask_id, a.chosen, a.points FROM attempts a
                JOIN users u ON u.id = a.user_id JOIN workspaces w ON w.id = u.workspace_id WHERE {where}""",
            "scores": f"""SELECT s.channel_id, s.season_key, s.user_id, s.points, s.answered FROM scores s
                JOIN workspaces w ON w.id = s.workspace_id WHERE {where}""",
            "teams": f"""SELECT t.id, t.name, m.user_id FROM teams t LEFT JOIN team_members m ON m.team_id = t.id
                JOIN workspaces w ON w.id = t.workspace_id WHERE {where}""",
            "posts": f"""SELECT p.id, p.status, p.closes_at FROM posts p JOIN channels c ON c.id = p.channel_id
                JOIN workspaces w ON w.id = c.workspace_id WHERE {where}""",
            "schedules": f"""SELECT s.channel_id, s.paused, s.local_time FROM schedules s
                JOIN channels c ON c.id = s.channel_id JOIN workspaces w ON w.id = c.workspace_id WHERE {where}""",
            "exams": f"""SELECT e.id, e.status, i.position, i.chosen, i.flagged FROM exams e
                JOIN exam_items i ON i.exam_id = e.id JOIN users u ON u.id = e.user_id
                JOIN workspaces w ON w.id = u.workspace_id WHERE {where}""",
        }
        return {name: sorted(db.execute(sql, [team]).fetchall()) for name, sql in queries.items()}


def first_value(reply: dict, prefix: str) -> str:
    return next(
        element["value"]
        for block in reply.get("blocks") or []
        for element in block.get("elements") or []
        if str(element.get("value", "")).startswith(prefix)
    )


@pytest.fixture
async def workspaces(db_path, fault_bank, clock, web_api) -> Workspaces:
    web_api.tokens.clear()
    web_api.tokens.update({token: team for team, token in TOKENS.items()})
    web_api.admins.update({"U-admin-1", ADMIN_2.user})
    settings = fault_settings(db_path, client_id="1111.2222", client_secret="isolation-client-secret")
    async with serving(settings, fault_bank, clock, web_api) as harness:
        for team, token in TOKENS.items():
            installation = Installation(
                app_id="A-QUIZ", team_id=team, bot_token=token, bot_id=f"B-{team}", bot_user_id="U-BOT", user_id="U-x"
            )
            await harness.bot.installation_store.async_save(installation)
        single = next(q for q in fault_bank.questions if q.select == "single")
        multi = next(q for q in fault_bank.questions if q.select == "multiple")
        key, multi_key = sorted(single.answer)[0], sorted(multi.answer)
        services = harness.services
        world = Workspaces(
            client=Client(harness),
            t1_single=open_daily_post(services, "T1", "C-general", single.id),
            t1_multi=open_daily_post(services, "T1", "C-multi", multi.id),
            t2_single=open_daily_post(services, "T2", "C-general", single.id),
            key=key,
            multi_key=multi_key,
            alice_ask=0,
            alice_exam=0,
        )
        client = world.client
        for sender, team, post in ((ALICE, "Alpha", world.t1_single), (CAROL, "Bravo", world.t2_single)):
            assert "created" in reply_text(await client.ask(sender, f"team create {team}"))
            assert f"You are in team {team}" in reply_text(await client.ask(sender, f"team join {team}"))
            answer = {"action_id": f"answer_single:{key}", "value": f"daily:{post}:{key}"}
            assert "recorded" in reply_text(await client.reply(await client.click(sender, answer)))
        practice = await client.ask(ALICE, "MD")
        world.alice_ask = int(first_value(practice, "practice:").split(":")[1])
        exam = await client.ask(ALICE, "exam start 15")
        world.alice_exam = int(first_value(exam, "exam:").split(":")[1])
        yield world


async def test_a_daily_post_of_another_workspace_cannot_be_answered(workspaces):
    client, before = workspaces.client, workspaces.state_of("T1")
    crafted = [
        (CAROL, {"action_id": f"answer_single:{workspaces.key}", "value": f"daily:{workspaces.t1_single}:A"}, None),
        (CAROL, *daily_submit(workspaces.t1_multi, workspaces.multi_key)),
        (ALICE, {"action_id": "answer_single:A", "value": f"daily:{workspaces.t2_single}:{workspaces.key}"}, None),
    ]
    t2_before = workspaces.state_of("T2")

    replies = [await client.reply(await client.click(sender, action, state=state)) for sender, action, state in crafted]

    assert all("not known here" in reply_text(reply) for reply in replies)
    assert workspaces.state_of("T1") == before
    assert workspaces.state_of("T2") == t2_before


async def test_a_practice_question_of_another_workspace_cannot_be_answered(workspaces):
    client, before = workspaces.client, workspaces.state_of("T1")
    value = f"practice:{workspaces.alice_ask}:{workspaces.key}"

    reply = await client.reply(
        await client.click(CAROL, {"action_id": f"answer_single:{workspaces.key}", "value": value})
    )

    assert "asked to someone else" in reply_text(reply)
    assert workspaces.state_of("T1") == before


@pytest.mark.parametrize(
    "action",
    [
        {"action_id": "exam_pick:A", "suffix": ":1:A"},
        {"action_id": "exam_flag", "suffix": ":1:1"},
        {"action_id": "exam_go:next", "suffix": ":2"},
        {"action_id": "exam_finish", "suffix": ":1"},
    ],
    ids=["pick", "flag", "go", "finish"],
)
async def test_an_exam_of_another_workspace_cannot_be_read_or_changed(workspaces, action):
    client, before = workspaces.client, workspaces.state_of("T1")
    crafted = {"action_id": action["action_id"], "value": f"exam:{workspaces.alice_exam}{action['suffix']}"}

    reply = await client.reply(await client.click(CAROL, crafted))

    assert reply["replace_original"] is False  # a refusal beside the message, never an exam view
    assert "no exam in progress" in reply_text(reply)
    assert workspaces.state_of("T1") == before


async def test_team_names_resolve_only_within_the_own_workspace(workspaces):
    client, before = workspaces.client, workspaces.state_of("T1")

    joined = await client.ask(CAROL, "team join Alpha")
    created = await client.ask(CAROL, "team create alpha")  # the same name is free in T2
    listed = await client.ask(CAROL, "team list")
    left = await client.ask(ALICE, "team list")

    assert "no team called" in reply_text(joined)
    assert "created" in reply_text(created)
    assert "Alpha" not in reply_text(listed) and "Bravo" in reply_text(listed)
    assert "Bravo" not in reply_text(left) and "alpha (" not in reply_text(left)
    assert workspaces.state_of("T1") == before


@pytest.mark.parametrize("scope", ["workspace", "channel", "team"])
async def test_leaderboards_show_only_the_own_workspace(workspaces, scope):
    client = workspaces.client
    carol = Sender(CAROL.user, team="T2", domain="two", channel="C-general")  # the same channel id as T1's

    board = reply_text(await client.ask(carol, f"leaderboard {scope} all"))
    theirs = reply_text(await client.ask(ALICE, f"leaderboard {scope} all"))

    mine, other = ("Bravo", "Alpha") if scope == "team" else ("U-carol", "U-alice")
    assert mine in board and other not in board
    assert other in theirs and mine not in theirs


async def test_an_admin_of_another_workspace_cannot_pause_or_reveal_a_channel_with_the_same_id(workspaces):
    client, before = workspaces.client, workspaces.state_of("T1")
    admin = Sender(ADMIN_2.user, team="T2", domain="two", channel="C-general")

    paused = await client.ask(admin, "daily pause")
    revealed = await client.ask(admin, "daily reveal-now")

    assert "paused" in reply_text(paused)
    assert "Revealed" in reply_text(revealed)
    assert workspaces.state_of("T1") == before
    t2 = workspaces.state_of("T2")
    assert [status for _, status, _ in t2["posts"]] == ["revealed"]
    assert {paused for _, paused, _ in t2["schedules"]} == {1}


# -- a Slack workspace and a Discord server on one database ------------------------------
async def test_a_discord_member_and_a_slack_member_cannot_reach_each_others_posts(
    slack, discord_bot, fake_discord, fault_bank
):
    gateway, client = Gateway(fake_discord), Client(slack)
    single = next(q for q in fault_bank.questions if q.select == "single")
    key = sorted(single.answer)[0]
    slack_post = open_daily_post(slack.services, "T1", "C-general", single.id)
    await set_up(discord_bot, gateway)
    message = await post_now(discord_bot, gateway, fake_discord)
    discord_post = int(message["components"][0]["components"][0]["custom_id"].split(":")[2])
    crafted_id = f"quiz:daily:{slack_post}:{key}"
    db = slack.services.context.db

    from_discord = await gateway.deliver(
        discord_bot, gateway.button(with_custom_id(message, crafted_id), crafted_id, by=DISCORD_ALICE)
    )
    slack_click = {"action_id": f"answer_single:{key}", "value": f"daily:{discord_post}:{key}"}
    from_slack = await client.reply(await client.click(Sender("U-alice"), slack_click))

    assert from_discord["data"]["flags"] & EPHEMERAL
    assert "not known here" in from_discord["data"]["content"]
    assert "not known here" in reply_text(from_slack)
    assert db.execute("SELECT COUNT(*) FROM attempts").fetchone()[0] == 0


async def test_a_discord_server_does_not_see_slack_teams_or_points(slack, discord_bot, fake_discord, fault_bank):
    gateway, client = Gateway(fake_discord), Client(slack)
    single = next(q for q in fault_bank.questions if q.select == "single")
    key = sorted(single.answer)[0]
    slack_post = open_daily_post(slack.services, "T1", "C-general", single.id)
    await client.reply(
        await client.click(
            Sender("U-alice"), {"action_id": f"answer_single:{key}", "value": f"daily:{slack_post}:{key}"}
        )
    )
    assert "created" in reply_text(await client.ask(Sender("U-alice"), "team create Alpha"))

    joined = await gateway.deliver(
        discord_bot, gateway.subcommand("team", "join", option("name", "Alpha"), by=DISCORD_ALICE)
    )
    board = await gateway.deliver(
        discord_bot,
        gateway.command("leaderboard", option("scope", "server"), option("period", "all"), by=DISCORD_ALICE),
    )

    assert "no team called" in joined["data"]["content"]
    assert board["data"]["embeds"][0]["description"] == "No points yet."
