"""Malformed and hostile requests to the real Bolt app over HTTP: each is refused (an error status or a
polite private reply), stores nothing, leaves a log line, and the app answers the next valid request."""

from __future__ import annotations

import json
import logging
import string
import unicodedata
from dataclasses import dataclass
from urllib.parse import parse_qs, quote, urlencode

import pytest
from hypothesis import HealthCheck, Phase, example, given, settings
from hypothesis import strategies as st

from bot.services.competition import clean_team_name
from bot.services.errors import InvalidChoiceError
from bot.slack.blocks import SECTION_LIMIT
from bot.slack.commands import parse
from questions.grading import InvalidAnswerError, normalise_choice
from questions.models import Question
from tests.integration.discord.flows import EPHEMERAL, post_now, set_up
from tests.integration.discord.gateway import ALICE as DISCORD_ALICE
from tests.integration.discord.gateway import Gateway
from tests.integration.faults import payloads
from tests.integration.faults.client import (
    Client,
    log_lines,
    open_daily_post,
    reply_text,
    wait_until,
    with_custom_id,
)
from tests.integration.faults.payloads import Sender

MALLORY = Sender("U-mallory")  # a member of workspace T1, where the open posts are
TRENT = Sender("U-trent", team="T2", domain="two")
BOUNDED = settings(
    max_examples=50,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
NOWHERE = "http://127.0.0.1:9/respond/never"  # a reply to a request that should never get that far


@dataclass(frozen=True)
class World:
    single: int  # T1's open single-select post
    multi: int  # T1's open choose-2 post
    foreign: int  # T2's open post (single-select)
    single_q: Question
    multi_q: Question


@pytest.fixture
def world(slack, fault_bank) -> World:
    single_q = next(q for q in fault_bank.questions if q.select == "single")
    multi_q = next(q for q in fault_bank.questions if q.select == "multiple")
    services = slack.services
    return World(
        single=open_daily_post(services, "T1", "C-general", single_q.id),
        multi=open_daily_post(services, "T1", "C-multi", multi_q.id),
        foreign=open_daily_post(services, "T2", "C-elsewhere", single_q.id),
        single_q=single_q,
        multi_q=multi_q,
    )


@pytest.fixture(autouse=True)
def info_logging(caplog):
    """Logging at INFO (the bot's default) before the app is built: Bolt copies the root level then."""
    caplog.set_level(logging.INFO)


@pytest.fixture
def client(slack) -> Client:
    return Client(slack)


async def still_serving(client: Client) -> None:
    reply = await client.ask(MALLORY, "rules")
    assert "10 points" in reply_text(reply)


# -- malformed bodies -------------------------------------------------------------
VALID_BODY = payloads.block_actions(MALLORY, [{"action_id": "answer_single:A", "value": "daily:999999:A"}], NOWHERE)
json_scalars = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20)
json_non_objects = st.recursive(json_scalars, lambda inner: st.lists(inner, max_size=4), max_leaves=8)


def with_field(name: str, value) -> str:
    payload = json.loads(parse_qs(VALID_BODY)["payload"][0])
    payload[name] = value
    return urlencode({"payload": json.dumps(payload)})


malformed_bodies = st.one_of(
    st.text(max_size=200).map(lambda text: "payload=" + quote(text)),  # not JSON (or not an object)
    st.integers(0, len(VALID_BODY) - 1).map(lambda n: VALID_BODY[:n]),  # cut short
    json_non_objects.map(lambda value: urlencode({"payload": json.dumps(value)})),
    st.integers(1_100, 3_000).map(lambda depth: urlencode({"payload": "[" * depth + "]" * depth})),
    st.builds(with_field, st.sampled_from(["user", "team", "actions"]), st.sampled_from([5, "x", [1], True])),
    st.text(max_size=200),  # not even a form
)


@BOUNDED
@given(body=malformed_bodies, signed=st.booleans())
@example(body="payload=%7Bnot-json", signed=True)
@example(body=urlencode({"payload": "[]"}), signed=False)
@example(body=with_field("team", "x"), signed=True)  # a team that is no object, though user.team_id is there
async def test_malformed_bodies_are_refused_store_nothing_and_leave_a_log_line(
    slack, client, world, caplog, body, signed
):
    before = client.counts()
    caplog.clear()

    status = await client.raw(body) if signed else await client.raw(body, secret="someone-else")

    assert status >= 400
    assert client.counts() == before
    assert log_lines(caplog.records), f"nothing was logged for a {status}"
    await still_serving(client)


def payload_is_no_object(body: str) -> bool:
    """The form carries a payload, and it is not a JSON object (what Bolt's own parsing would find)."""
    payload = parse_qs(body).get("payload")
    if not payload:
        return False
    try:
        return not isinstance(json.loads(payload[0]), dict)
    except (ValueError, RecursionError):
        return True


@settings(BOUNDED, phases=(Phase.explicit, Phase.generate))
@given(body=malformed_bodies, signed=st.booleans())
@example(body="payload=%7Bnot-json", signed=False)
async def test_unsigned_requests_get_401_and_payloads_that_are_no_object_never_a_500(slack, client, body, signed):
    status = await client.raw(body) if signed else await client.raw(body, secret="someone-else")

    if not signed:
        assert status == 401
    elif payload_is_no_object(body):
        assert status < 500


# -- tampered answer values ----------------------------------------------------------
def invalid_for(question: Question, ticks: list) -> bool:
    try:
        normalise_choice(question, ticks)
    except InvalidAnswerError:
        return True
    return False


odd_ids = st.one_of(
    st.integers(max_value=-1).map(str),
    st.integers(min_value=2**63, max_value=10**40).map(str),
    st.just("0"),
    st.sampled_from(["+1", " 1", "1.0", "0x1", "1e3", "²", "³⁴", "Ⅻ", "½", "٣٣٣٣٣٣٣٣٣٣٣٣٣٣٣٣٣٣٣٣٣"]),
    st.text(st.characters(blacklist_categories=("Nd", "Cs")), min_size=1, max_size=12),
)


def tampered_clicks(world: World) -> st.SearchStrategy:
    """(sender, action, state): clicks that no control the bot rendered for that person can send."""
    key = sorted(world.single_q.answer)[0]
    missing_letters = [c for c in string.ascii_uppercase if c not in world.single_q.letters]
    return st.one_of(
        # another workspace's post, answered by its key
        st.just((MALLORY, {"action_id": f"answer_single:{key}", "value": f"daily:{world.foreign}:{key}"}, None)),
        # an option the question does not have
        st.sampled_from(missing_letters).map(
            lambda letter: (
                MALLORY,
                {"action_id": f"answer_single:{letter}", "value": f"daily:{world.single}:{letter}"},
                None,
            )
        ),
        # a choose-2 item with the wrong number of ticks, or ticks that are no option
        st.lists(st.one_of(st.sampled_from(list("ABCDEFZ")), st.text(max_size=3)), max_size=7)
        .filter(lambda ticks: invalid_for(world.multi_q, ticks))
        .map(lambda ticks: (MALLORY, *payloads.daily_submit(world.multi, ticks))),
        # ids that name nothing: negative, zero, beyond 64 bits, not decimal, another kind
        st.tuples(st.sampled_from(["daily", "practice", "exam", "DAILY"]), odd_ids).map(
            lambda kind_id: (
                MALLORY,
                {"action_id": "answer_single:A", "value": f"{kind_id[0]}:{kind_id[1]}:A"},
                None,
            )
        ),
        # a value that is no value at all
        st.one_of(st.text(max_size=64), st.sampled_from([None, 5, [], {}])).map(
            lambda value: (MALLORY, {"action_id": "answer_single:A", "value": value}, None)
        ),
    )


@BOUNDED
@given(data=st.data())
async def test_tampered_answer_values_are_refused_politely_and_store_nothing(slack, client, world, data):
    sender, action, state = data.draw(tampered_clicks(world))
    before = client.counts()

    sent = await client.click(sender, action, state=state)

    assert sent.status == 200
    reply = await client.reply(sent)
    assert reply["response_type"] == "ephemeral" and reply["replace_original"] is False
    assert "recorded" not in reply_text(reply)
    assert client.counts() == before
    await still_serving(client)


def arabic_indic(number: int) -> str:
    return "".join(chr(0x0660 + int(digit)) for digit in str(number))


@pytest.mark.parametrize(
    "make",
    [
        pytest.param(lambda world: ("click", f"daily:{10**20}:A"), id="id-past-64-bits"),
        pytest.param(lambda world: ("click", "daily:²:A"), id="superscript-id"),
        pytest.param(lambda world: ("click", f"daily:{arabic_indic(world.single)}:A"), id="arabic-indic-id"),
        pytest.param(lambda world: ("slash", "exam start " + "9" * 5000), id="exam-size-of-5000-digits"),
    ],
)
async def test_numbers_that_are_not_plain_ascii_ids_are_refused_as_stale_input(slack, client, world, caplog, make):
    kind, text = make(world)
    before = client.counts()

    if kind == "click":
        key = sorted(world.single_q.answer)[0]
        sent = await client.click(
            MALLORY, {"action_id": f"answer_single:{key}", "value": text.replace(":A", f":{key}")}
        )
    else:
        sent = await client.slash(MALLORY, text)
    reply = await client.reply(sent)

    assert "went wrong on my side" not in reply_text(reply)
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert client.counts() == before


@pytest.mark.parametrize("case", ["foreign-post", "missing-letter", "wrong-tick-count"])
async def test_a_crafted_answer_the_service_refuses_leaves_a_log_line(slack, client, world, caplog, case):
    key = sorted(world.single_q.answer)[0]
    clicks = {
        "foreign-post": ({"action_id": f"answer_single:{key}", "value": f"daily:{world.foreign}:{key}"}, None),
        "missing-letter": ({"action_id": "answer_single:Z", "value": f"daily:{world.single}:Z"}, None),
        "wrong-tick-count": payloads.daily_submit(world.multi, ["A"]),
    }
    action, state = clicks[case]

    reply = await client.reply(await client.click(MALLORY, action, state=state))

    assert "recorded" not in reply_text(reply)
    assert [r for r in log_lines(caplog.records) if r.name.startswith("bot.")]


# -- team names ----------------------------------------------------------------------
odd_names = st.one_of(
    st.text(max_size=60),
    st.text(st.characters(categories=("Mn", "Me", "Cf", "Cc", "Zs", "Zl", "Zp", "So", "Lo")), max_size=30),
    st.sampled_from(["<!channel>", "<!everyone> go", "<@U-admin>", "a&b<c>", "\u202eevil", "e\u0301quipe", "  "]),
)


def team_names(client: Client) -> list[str]:
    return [
        name for (name,) in client.harness.services.context.db.execute("SELECT name FROM teams ORDER BY id").fetchall()
    ]


def exists(client: Client, name: str) -> bool:
    query = "SELECT 1 FROM teams WHERE name = ? COLLATE NOCASE"
    return client.harness.services.context.db.execute(query, [name]).fetchone() is not None


def expected_team(text: str) -> str | None:
    command = parse(text)
    if command.name != "team" or command.action != "create":
        return None
    try:
        return clean_team_name(command.args[0])
    except InvalidChoiceError:
        return None


@BOUNDED
@given(name=odd_names)
async def test_team_names_in_odd_unicode_are_stored_clean_or_refused(slack, client, name):
    text = f"team create {name}"
    expected = expected_team(text)
    fresh = expected is not None and not exists(client, expected)
    before = team_names(client)

    reply = await client.ask(MALLORY, text)

    assert reply["response_type"] == "ephemeral" and reply_text(reply).strip()
    after = team_names(client)
    if fresh:
        assert after == [*before, expected]
        stored = after[-1]
        assert 2 <= len(stored) <= 40 and stored == unicodedata.normalize("NFC", stored)
        assert not any(unicodedata.category(ch).startswith("C") for ch in stored)  # no control, format, private
        escaped = stored.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        assert escaped in reply_text(await client.ask(MALLORY, "team list"))  # no mention can be smuggled in
    else:
        assert after == before
    await still_serving(client)


# -- oversized input -----------------------------------------------------------------
def section_texts(reply: dict) -> list[str]:
    return [b["text"]["text"] for b in reply.get("blocks") or [] if isinstance(b.get("text"), dict)]


async def test_a_body_over_the_size_limit_is_refused_before_bolt(slack, client, world):
    before = client.counts()
    huge = payloads.block_actions(
        MALLORY,
        [{"action_id": "answer_single:A", "value": f"daily:{world.single}:A"}],
        NOWHERE,
        state={"x": "y" * 2**21},
    )

    assert await client.raw(huge) == 413
    assert client.counts() == before
    await still_serving(client)


@pytest.mark.parametrize(
    "text",
    [
        "x" * 200_000,
        "team create " + "y" * 100_000,
        "team join " + "z" * 100_000,
        "leaderboard " + "w" * 100_000,
        "daily setup 09:00 " + "u" * 100_000,
        "compare " + "v " * 50_000,
        "exam start 99999999999999999999999",
    ],
    ids=["scope", "team-create", "team-join", "leaderboard", "daily-setup", "compare", "exam-size"],
)
async def test_an_oversized_command_is_answered_privately_within_block_limits_and_stores_nothing(slack, client, text):
    before = client.counts()

    reply = await client.ask(MALLORY, text)

    assert reply["response_type"] == "ephemeral"
    assert all(len(section) <= SECTION_LIMIT for section in section_texts(reply))
    assert client.counts() == before
    await still_serving(client)


@pytest.mark.parametrize(
    "action",
    [
        {"action_id": "answer_single:A", "value": "daily:1:A" + "A" * 300_000},
        {"action_id": "answer_single:A", "value": "9" * 300_000},
        {"action_id": "answer_single:A" * 2_000, "value": "daily:1:A"},
    ],
    ids=["long-value", "long-number", "long-action-id"],
)
async def test_an_oversized_action_is_refused_and_stores_nothing(slack, client, world, action):
    before = client.counts()

    sent = await client.click(MALLORY, action)

    assert sent.status in (200, 404)
    if sent.status == 200:
        assert "not one of mine" in reply_text(await client.reply(sent))
    assert client.counts() == before
    await still_serving(client)


@pytest.mark.parametrize(
    "timestamp",
    ["abc", "9" * 40, "-1", ""],
    ids=["letters", "forty-digits", "negative", "empty"],
)
async def test_an_odd_timestamp_header_is_refused_with_401(slack, client, world, timestamp):
    before = client.counts()

    status = await client.raw(VALID_BODY, extra_headers={"X-Slack-Request-Timestamp": timestamp})

    assert status == 401
    assert client.counts() == before
    await still_serving(client)


# -- the same ids through Discord's buttons ------------------------------------------------
async def test_a_discord_button_with_an_id_past_64_bits_is_refused_politely(discord_bot, fake_discord, caplog):
    gateway = Gateway(fake_discord)
    await set_up(discord_bot, gateway)
    message = await post_now(discord_bot, gateway, fake_discord)
    crafted = f"quiz:daily:{10**19 - 1}:A"
    payload = gateway.button(with_custom_id(message, crafted), crafted, by=DISCORD_ALICE)

    discord_bot._connection.parse_interaction_create(payload)  # as the gateway delivers it
    callback = rf"/interactions/{payload['id']}/[^/]+/callback"

    def failed() -> bool:
        return any(r.levelno >= logging.ERROR for r in caplog.records)

    await wait_until(lambda: failed() or fake_discord.find("POST", callback))

    assert not failed()
    response = await fake_discord.callback(payload)
    assert response["data"]["flags"] & EPHEMERAL and "not known here" in response["data"]["content"]
