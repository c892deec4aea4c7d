"""Signed but unusable Slack requests, and requests that are not ours to serve: each gets a fast refusal and
writes nothing (a click bound to another message, another workspace in single-workspace mode, missing ids,
missing reply address, an empty action list, a body that is not JSON, an echo of a huge input)."""

from __future__ import annotations

import asyncio
import json
import time
from urllib.parse import urlencode

import pytest

from bot.slack.messages import OTHER_WORKSPACE
from tests.integration.faults import payloads
from tests.integration.faults.client import Client, open_daily_post, reply_text
from tests.integration.faults.payloads import Sender

MALLORY = Sender("U-mallory")
OTHER_CHANNEL = Sender("U-mallory", channel="C-other")
TRENT = Sender("U-trent", team="T2", domain="two")
IDENTITY_TABLES = ("workspaces", "users", "channels", "asks")


@pytest.fixture
def client(slack) -> Client:
    return Client(slack)


@pytest.fixture
def question(fault_bank):
    return next(q for q in fault_bank.questions if q.select == "single")


def written(client: Client) -> dict[str, int]:
    db = client.harness.services.context.db
    counts = client.counts()
    counts.update({t: db.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0] for t in IDENTITY_TABLES})
    return counts


def key_click(post_id: int, question) -> dict:
    key = sorted(question.answer)[0]
    return {"action_id": f"answer_single:{key}", "value": f"daily:{post_id}:{key}"}


async def test_an_answer_is_taken_only_from_the_posts_own_channel_and_message(slack, client, question):
    post_id = open_daily_post(slack.services, "T1", "C-general", question.id)
    before = written(client)
    url = slack.fake.response_url("elsewhere")

    from_other_channel = await client.raw(payloads.block_actions(OTHER_CHANNEL, [key_click(post_id, question)], url))
    other_message = payloads.block_actions(MALLORY, [key_click(post_id, question)], url, message_ts="1700000000.999999")
    from_other_message = await client.raw(other_message)

    assert (from_other_channel, from_other_message) == (200, 200)
    await slack.fake.wait_until(lambda: len(slack.fake.replies.get("elsewhere", [])) == 2)
    assert all("not known here" in reply_text(r) for r in slack.fake.replies["elsewhere"])
    assert written(client) == before
    accepted = await client.reply(await client.click(MALLORY, key_click(post_id, question)))
    assert "recorded" in reply_text(accepted)


async def test_another_workspace_is_refused_in_single_workspace_mode_and_nothing_is_written(slack, client, question):
    await client.ask(MALLORY, "stats")  # the served workspace exists; Bolt has run auth.test
    before = written(client)

    command = await slack.post(payloads.slash(TRENT, "daily setup 09:00 UTC", slack.fake.response_url("t2")))
    click = await client.raw(payloads.block_actions(TRENT, [key_click(1, question)], slack.fake.response_url("t2")))

    assert command.status == 200 and click == 200
    assert written(client) == before
    assert [c.method for c in slack.fake.calls if c.method == "users.info"] == []


async def test_the_refusal_to_another_workspace_is_shown_to_its_person(slack, client):
    await client.ask(MALLORY, "stats")
    async with slack.session.post(
        f"{slack.url}/slack/events",
        data=(body := payloads.slash(TRENT, "", slack.fake.response_url("t2"))),
        headers=signed(slack, body),
    ) as response:
        assert response.status == 200
        assert await response.text() == OTHER_WORKSPACE


def signed(slack, body: str) -> dict:
    from tests.integration.faults.conftest import SIGNING_SECRET
    from tests.integration.slack.harness import signed_headers

    return signed_headers(body, secret=SIGNING_SECRET)


def without(body: dict, *path: str) -> dict:
    crafted = json.loads(json.dumps(body))
    target = crafted
    for key in path[:-1]:
        target = target[key]
    del target[path[-1]]
    return crafted


def block_actions_dict(sender: Sender, url: str) -> dict:
    from urllib.parse import parse_qs

    body = payloads.block_actions(sender, [{"action_id": "answer_single:A", "value": "daily:1:A"}], url)
    return json.loads(parse_qs(body)["payload"][0])


@pytest.mark.parametrize(
    "change",
    [
        pytest.param(lambda p: without(p, "team") | {"user": {"id": "U-mallory"}}, id="no-team"),
        pytest.param(lambda p: without(p, "user"), id="no-user"),
        pytest.param(lambda p: p | {"actions": []}, id="no-actions"),
        pytest.param(lambda p: without(p, "response_url"), id="no-response-url"),
    ],
)
async def test_a_signed_action_without_what_it_needs_gets_a_fast_400_and_writes_nothing(slack, client, change):
    before = written(client)
    payload = change(block_actions_dict(MALLORY, slack.fake.response_url("nowhere")))

    started = time.monotonic()
    status = await client.raw(urlencode({"payload": json.dumps(payload)}))

    assert status == 400 and time.monotonic() - started < 1.0
    assert written(client) == before


@pytest.mark.parametrize("missing", ["team_id", "user_id", "response_url"])
async def test_a_signed_command_without_what_it_needs_gets_a_fast_400_and_writes_nothing(slack, client, missing):
    before = written(client)
    fields = dict(pair.split("=", 1) for pair in payloads.slash(MALLORY, "", "http://127.0.0.1:9/x").split("&"))
    del fields[missing]

    started = time.monotonic()
    status = await client.raw("&".join(f"{k}={v}" for k, v in fields.items()))

    assert status == 400 and time.monotonic() - started < 1.0
    assert written(client) == before


async def test_a_signed_body_that_is_not_json_is_a_400_and_an_unsigned_one_a_401(slack, client):
    broken = urlencode({"payload": "{not json"})
    assert await client.raw(broken) == 400
    assert await client.raw(broken, secret="someone-else") == 401


async def test_a_million_character_command_is_never_echoed_back_in_full(slack, client):
    reply = await client.ask(MALLORY, "x" * 1_000_000)
    assert len(json.dumps(reply)) < 2_000
    await asyncio.sleep(0)
