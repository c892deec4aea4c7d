"""Bolt verifies every request's signature and age before any listener runs."""

from tests.integration.slack.harness import elements

SIX_MINUTES = 360


async def test_a_request_with_a_bad_signature_is_refused(slack):
    response = await slack.slash("", secret="not-the-signing-secret")

    assert response.status == 401
    assert slack.count("users") == 0
    assert slack.fake.responses == []


async def test_a_request_older_than_five_minutes_is_refused(slack):
    response = await slack.slash("", age=SIX_MINUTES)

    assert response.status == 401
    assert slack.count("users") == 0


async def test_a_replayed_old_action_stores_no_answer(slack):
    question = await slack.reply_to(slack.slash(""))
    button = elements(question, "button")[0]

    response = await slack.action({"action_id": button["action_id"], "value": button["value"]}, age=SIX_MINUTES)

    assert response.status == 401
    assert slack.count("attempts") == 0


async def test_health_endpoint_answers_without_a_signature(slack):
    async with slack.session.get(f"{slack.url}/healthz") as response:
        assert response.status == 200
        assert await response.json() == {"ok": True}
