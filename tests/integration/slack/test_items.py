"""`/quiz bank flagged|stats|keep` and `/quiz reports ...` through the real Bolt app: admins only."""

from bench.itemsim import seed
from bot.services.identity import Member
from bot.slack.commands import parse
from tests.integration.slack.harness import ADA, ALICE, reply_text
from tests.integration.slack.test_report_problem import open_report_modal, practice_feedback, reason


def seeded_defects(slack) -> dict[str, str]:
    """60 simulated members of the workspace answered the bank, defects planted: question id -> defect."""
    slack.fake.admins.add(ADA.user)  # a workspace admin, as users.info tells the app
    items = seed(slack.services.context, Member("slack", ALICE.team, "sim"), 60, seed=7)
    return {qid: item.defect for qid, item in items.items() if item.defect}


async def test_the_flagged_list_is_for_admins_and_names_the_planted_defects(slack):
    defects = seeded_defects(slack)

    refused = await slack.reply_to(slack.slash("bank flagged", ALICE))
    flagged = await slack.reply_to(slack.slash("bank flagged", ADA))

    assert "Only workspace admins" in reply_text(refused)
    text = reply_text(flagged)
    assert "Flagged questions" in text and "miskeyed" in text and "upper group chose" in text
    assert any(f"`{qid}`" in text for qid in defects)
    assert flagged["response_type"] == "ephemeral"


async def test_bank_stats_and_keep_for_one_question(slack):
    defects = seeded_defects(slack)
    target = next(qid for qid, kind in defects.items() if kind == "swapped key")

    shown = reply_text(await slack.reply_to(slack.slash(f"bank stats {target}", ADA)))
    kept = reply_text(await slack.reply_to(slack.slash(f"bank keep {target}", ADA)))
    unknown = reply_text(await slack.reply_to(slack.slash("bank stats no-such-question", ADA)))

    assert "n=60" in shown and "*miskeyed*" in shown
    assert "reviewed and kept on" in kept and "*miskeyed*" not in kept
    assert "There is no question no-such-question in the bank." in unknown


async def test_a_filed_report_is_listed_shown_with_statistics_and_resolved(slack):
    seeded_defects(slack)
    view = await open_report_modal(slack, await practice_feedback(slack))
    await slack.submit_view(view, values=reason("Option B is also right"))

    listed = reply_text(await slack.reply_to(slack.slash("reports", ADA)))
    shown = reply_text(await slack.reply_to(slack.slash("reports show 1", ADA)))
    resolved = reply_text(await slack.reply_to(slack.slash("reports resolve 1 Checked: A only", ADA)))
    again = reply_text(await slack.reply_to(slack.slash("reports resolve 1 twice over", ADA)))
    nothing = reply_text(await slack.reply_to(slack.slash("reports", ADA)))

    assert "Open reports*: 1 open" in listed and "Option B is also right" in listed and "alice" in listed
    assert "n=61" in listed  # the 60 simulated people and alice, who answered it before reporting
    assert "Report #1" in shown and "n=" in shown and "Open:" in shown
    assert "Resolved." in resolved and "Checked: A only" in resolved
    assert "already resolved" in again
    assert "Nothing to triage." in nothing


def test_item_words_parse_into_admin_commands_and_bad_ones_into_usage():
    assert parse("bank").action == "flagged" and parse("bank flagged").needs_admin
    assert parse("bank keep md-scale-001").args == ("md-scale-001",) and parse("bank keep x").needs_admin
    assert parse("reports resolve 3 key fixed to B").args == ("3", "key fixed to B")
    assert parse("reports").needs_admin and parse("reports all").needs_admin
    assert parse("bank stats").name == "usage" and parse("reports resolve 3").name == "usage"


async def test_an_admin_chooses_the_channel_of_the_weekly_digest_and_it_is_posted_there(slack):
    seeded_defects(slack)

    chosen = reply_text(await slack.reply_to(slack.slash("bank digest here", ADA, channel="C-authors")))
    refused = reply_text(await slack.reply_to(slack.slash("bank digest here", ALICE)))
    posted = await slack.services.items.send_digests(slack.services.posters)

    assert "weekly item digest will be posted in #authors" in chosen and "Only workspace admins" in refused
    assert posted == 1
    (message,) = slack.fake.posted("C-authors")
    call = next(c for c in slack.fake.calls_to("chat.postMessage") if c.params["channel"] == "C-authors")
    assert message["text"] == "Weekly item digest" and "Newly flagged" in str(call.params["blocks"])
    stopped = reply_text(await slack.reply_to(slack.slash("bank digest off", ADA, channel="C-authors")))
    assert "stopped" in stopped and await slack.services.items.send_digests(slack.services.posters) == 0
