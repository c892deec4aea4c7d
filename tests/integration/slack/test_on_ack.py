"""Bolt answers Slack the moment a listener acknowledges (bot/slack/on_ack.py): pinned on the real Bolt app
with listeners of the tests' own, signed requests on 127.0.0.1, Web API calls to the fake Slack."""

import asyncio
import json
import logging
import time
from contextlib import asynccontextmanager
from urllib.parse import urlencode

import aiohttp
from aiohttp import web
from slack_sdk.web.async_client import AsyncWebClient

from bot.slack import on_ack
from bot.slack.on_ack import OnAckApp
from tests.integration.slack.conftest import BOT_TOKEN
from tests.integration.slack.harness import SIGNING_SECRET, signed_headers


@asynccontextmanager
async def serving(bolt: OnAckApp):
    runner = web.AppRunner(bolt.web_app(path="/slack/events"))
    await runner.setup()
    await web.TCPSite(runner, "127.0.0.1", 0).start()
    url = f"http://127.0.0.1:{runner.addresses[0][1]}/slack/events"

    async def post(body: str) -> tuple[int, str, float]:
        started = time.monotonic()
        timeout = aiohttp.ClientTimeout(total=5)  # a response held until the listener ends fails, not hangs
        async with (
            aiohttp.ClientSession(timeout=timeout) as session,
            session.post(url, data=body, headers=signed_headers(body)) as response,
        ):
            return response.status, await response.text(), time.monotonic() - started

    try:
        yield post
    finally:
        await runner.cleanup()


def app_on(fake_slack) -> OnAckApp:
    return OnAckApp(signing_secret=SIGNING_SECRET, client=AsyncWebClient(token=BOT_TOKEN, base_url=fake_slack.base_url))


def press(action_id: str) -> str:
    payload = {
        "type": "block_actions",
        "user": {"id": "U-alice", "username": "alice", "team_id": "T1"},
        "team": {"id": "T1", "domain": "one"},
        "api_app_id": "A-QUIZ",
        "token": "legacy-verification-token",
        "container": {"type": "message", "channel_id": "C-general", "message_ts": "1700000000.000001"},
        "trigger_id": "1.2.3",
        "channel": {"id": "C-general", "name": "general"},
        "response_url": "http://127.0.0.1:9/unused",
        "actions": [{"type": "button", "action_id": action_id, "block_id": "b", "action_ts": "1700000000.1"}],
    }
    return urlencode({"payload": json.dumps(payload)})


async def test_slack_gets_its_response_at_the_acknowledgement_while_the_listener_goes_on(fake_slack):
    bolt, released, steps = app_on(fake_slack), asyncio.Event(), []

    async def on_press(ack, body, action):  # Bolt passes what the listener names, through the wrapper
        steps.append(("pressed", action["action_id"], body["user"]["id"]))
        await ack()
        await released.wait()  # the slow part after the acknowledgement: a reply, a Web API call
        steps.append("finished")

    bolt.action("go")(on_press)
    async with serving(bolt) as post:
        status, _, took = await post(press("go"))
        assert status == 200 and took < 1  # not held until the listener ends
        assert steps == [("pressed", "go", "U-alice")] and len(bolt.after_ack) == 1
        released.set()
        for _ in range(100):
            if not bolt.after_ack:
                break
            await asyncio.sleep(0.01)
    assert steps[-1] == "finished" and not bolt.after_ack  # no task left behind


async def test_what_a_listener_acknowledges_with_is_the_response(fake_slack):
    bolt = app_on(fake_slack)

    async def on_press(ack):
        await ack(text="Taken.")

    bolt.action("go")(on_press)
    async with serving(bolt) as post:
        status, text, _ = await post(press("go"))
    assert status == 200 and text == "Taken."  # Bolt sends a text-only acknowledgement as the body


async def test_an_error_before_the_acknowledgement_is_a_500_and_one_after_it_is_logged(fake_slack, caplog):
    bolt = app_on(fake_slack)

    async def fails_first(ack):
        raise RuntimeError("before")

    async def fails_later(ack):
        await ack()
        await asyncio.sleep(0)
        raise RuntimeError("after the acknowledgement")

    bolt.action("first")(fails_first)
    bolt.action("later")(fails_later)
    with caplog.at_level(logging.ERROR):
        async with serving(bolt) as post:
            assert (await post(press("first")))[0] == 500  # as Bolt answers a listener that fails unacknowledged
            assert (await post(press("later")))[0] == 200
            for _ in range(100):
                if not bolt.after_ack:
                    break
                await asyncio.sleep(0.01)
    failures = [r for r in caplog.records if r.name == on_ack.__name__]
    assert [str(r.exc_info[1]) for r in failures if r.exc_info] == ["after the acknowledgement"]


async def test_a_listener_that_never_acknowledges_is_given_up_on_after_the_wait(fake_slack, monkeypatch):
    monkeypatch.setattr(on_ack, "ACK_WAIT_SECONDS", 0.2)
    bolt, stuck = app_on(fake_slack), asyncio.Event()

    async def forgets_to_ack(ack):
        await stuck.wait()

    bolt.action("go")(forgets_to_ack)
    async with serving(bolt) as post:
        status, _, took = await post(press("go"))
        assert status != 200 and 0.2 <= took < 2  # Slack is not kept waiting past the wait
        stuck.set()


async def test_an_event_is_acknowledged_at_once_and_handled_after(fake_slack):
    bolt, released, handled = app_on(fake_slack), asyncio.Event(), []

    async def on_uninstalled(event, context):
        await released.wait()
        handled.append((event["type"], context.team_id))

    bolt.event("app_uninstalled")(on_uninstalled)
    body = json.dumps(
        {
            "type": "event_callback",
            "team_id": "T1",
            "api_app_id": "A-QUIZ",
            "event": {"type": "app_uninstalled"},
            "event_id": "Ev1",
            "event_time": 1700000000,
        }
    )
    async with serving(bolt) as post:
        status, _, took = await post(body)
        assert status == 200 and took < 1 and not handled
        released.set()
        for _ in range(100):
            if handled:
                break
            await asyncio.sleep(0.01)
    assert handled == [("app_uninstalled", "T1")]


async def test_every_listener_of_the_bot_answers_slack_at_its_acknowledgement(slack):
    # OnAckApp wraps what action(), command(), view() and event() register; a listener registered any
    # other way (a shortcut, an options request) would hold Slack's response until it ended
    listeners = slack.bot.bolt._async_listeners  # Bolt's own list: no public way to read it
    assert len(listeners) >= 20
    assert all(listener.ack_function.__code__ is on_ack_code() for listener in listeners)


def on_ack_code():
    async def listener(ack):
        await ack()

    return on_ack.answered_on_ack(listener, set()).__code__
