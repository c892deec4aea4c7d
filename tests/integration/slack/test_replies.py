"""Replies to response_url go through one HTTP session that lives exactly as long as the app."""

from tests.integration.slack.conftest import running_slack
from tests.integration.slack.harness import ALICE, BOB, reply_text


async def test_replies_share_one_connection_while_the_app_runs(slack):
    assert slack.bot.replies.is_open  # opened when the server started, before any request

    first = await slack.reply_to(slack.slash("help", ALICE))
    second = await slack.reply_to(slack.slash("help", BOB))
    third = await slack.reply_to(slack.slash("stats", ALICE))

    assert all(reply_text(reply) for reply in (first, second, third))
    assert slack.bot.replies.opened == 1
    assert len(set(slack.fake.response_peers)) == 1  # one kept-alive connection, not one per reply


async def test_the_reply_session_closes_at_shutdown_and_each_start_opens_its_own(
    settings, slack_bank, clock, fake_slack
):
    bots = []
    for _ in range(2):
        async with running_slack(settings, slack_bank, clock, fake_slack) as harness:
            await harness.reply_to(harness.slash("help"))
            bots.append(harness.bot)
            assert harness.bot.replies.is_open
        assert not harness.bot.replies.is_open  # closed by the server's cleanup, nothing left open

    assert bots[0].replies is not bots[1].replies
    assert [bot.replies.opened for bot in bots] == [1, 1]
    assert len(fake_slack.responses) == 2


async def test_a_reply_on_a_connection_closed_while_idle_is_sent_again_on_a_new_one():
    """The other end closed the kept-alive connection without answering: the reply goes out once more."""
    from aiohttp import web

    from bot.slack.replies import ReplySession, Respond

    seen: list[dict] = []

    async def response_url(request: web.Request) -> web.Response:
        body = await request.json()
        if not seen and request.transport is not None:
            seen.append({"dropped": body})
            request.transport.close()  # as a server dropping an idle connection: no answer at all
            return web.Response()
        seen.append(body)
        return web.Response(text="ok")

    application = web.Application()
    application.router.add_post("/respond", response_url)
    runner = web.AppRunner(application)
    await runner.setup()
    await web.TCPSite(runner, "127.0.0.1", 0).start()
    session = ReplySession()
    try:
        url = f"http://127.0.0.1:{runner.addresses[0][1]}/respond"
        status = await Respond(session, url)(text="Answer recorded.", response_type="ephemeral")
    finally:
        await session.close()
        await runner.cleanup()

    assert status == 200
    assert seen[-1] == {"text": "Answer recorded.", "response_type": "ephemeral"}
    assert len(seen) == 2
