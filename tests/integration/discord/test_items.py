"""/bank flagged|stats|keep and /reports list|show|resolve through discord.py: admins only, seeded answers."""

from bench.itemsim import seed
from bot.services.identity import Member
from tests.integration.discord.gateway import ADA, ALICE, CHANNEL_ID, GUILD_ID, custom_ids, option

EPHEMERAL = 64


def seeded_defects(bot) -> dict[str, str]:
    """60 simulated members of the test server answered the bank, defects planted: question id -> defect."""
    someone = Member("discord", str(GUILD_ID), "sim", workspace_name="Test server")
    items = seed(bot.app.context, someone, 60, seed=7)
    return {qid: item.defect for qid, item in items.items() if item.defect}


async def test_the_flagged_list_is_for_admins_and_names_the_planted_defects(start_bot, gateway, fake_discord):
    bot = await start_bot()
    defects = seeded_defects(bot)

    refused_payload = gateway.subcommand("bank", "flagged", by=ALICE)
    refused = await gateway.deliver(bot, refused_payload)
    refusal = await fake_discord.followup(refused_payload)
    payload = gateway.subcommand("bank", "flagged", by=ADA)
    deferred = await gateway.deliver(bot, payload)
    flagged = await fake_discord.followup(payload)

    assert refused["type"] == 5 and refused["data"]["flags"] & EPHEMERAL  # deferred, privately
    assert "Manage Server" in refusal["content"] and not refusal.get("embeds")
    assert deferred["type"] == 5
    embed = flagged["embeds"][0]
    assert embed["title"] == "Flagged questions"
    named = {field["name"].split(" · ")[0] for field in embed["fields"]}
    assert named & set(defects)
    parts = [embed["title"], embed["description"], embed.get("footer", {}).get("text", "")]
    assert sum(map(len, parts)) + sum(len(f["name"]) + len(f["value"]) for f in embed["fields"]) <= 6000
    miskeyed = next(f for f in embed["fields"] if "miskeyed" in f["name"])
    assert "facility" in miskeyed["value"] and "upper group chose" in miskeyed["value"]


async def test_bank_stats_and_keep_for_one_question(start_bot, gateway, fake_discord):
    bot = await start_bot()
    defects = seeded_defects(bot)
    target = next(qid for qid, kind in defects.items() if kind == "swapped key")

    stats = gateway.subcommand("bank", "stats", option("question", target), by=ADA)
    await gateway.deliver(bot, stats)
    shown = (await fake_discord.followup(stats))["embeds"][0]
    keep = gateway.subcommand("bank", "keep", option("question", target), by=ADA)
    await gateway.deliver(bot, keep)
    kept = (await fake_discord.followup(keep))["embeds"][0]

    assert shown["title"].startswith(target) and "n=60" in shown["description"] and "miskeyed" in shown["description"]
    assert kept["title"] == f"{target} reviewed and kept" and "reviewed and kept on" in kept["description"]
    assert "**miskeyed**" not in kept["description"]


async def test_a_filed_report_is_listed_shown_with_statistics_and_resolved(start_bot, gateway, fake_discord):
    bot = await start_bot()
    seeded_defects(bot)
    quiz = gateway.command("quiz", option("scope", "MD"), by=ALICE)
    await gateway.deliver(bot, quiz)
    message = fake_discord.responses[int(quiz["id"])]
    report_button = next(c for c in custom_ids(message) if c.startswith("quiz:report:"))
    question_id = report_button.removeprefix("quiz:report:")
    form = await gateway.deliver(bot, gateway.button(message, report_button, by=ALICE))
    await gateway.deliver(bot, gateway.modal_submit(form["data"], {"What is wrong?": "B is right too"}, by=ALICE))

    listing = gateway.subcommand("reports", "list", by=ADA)
    await gateway.deliver(bot, listing)
    listed = (await fake_discord.followup(listing))["embeds"][0]
    show = gateway.subcommand("reports", "show", option("number", 1), by=ADA)
    await gateway.deliver(bot, show)
    shown = (await fake_discord.followup(show))["embeds"][0]
    resolve = gateway.subcommand("reports", "resolve", option("number", 1), option("note", "Checked: A only"), by=ADA)
    await gateway.deliver(bot, resolve)
    resolved = await fake_discord.followup(resolve)
    again = gateway.subcommand("reports", "resolve", option("number", 1), option("note", "twice"), by=ADA)
    await gateway.deliver(bot, again)
    twice = await fake_discord.followup(again)

    assert listed["title"] == "Open reports: 1 open"
    assert listed["fields"][0]["name"].startswith(f"#1 · {question_id}")
    assert "B is right too" in listed["fields"][0]["value"] and "n=60" in listed["fields"][0]["value"]
    assert shown["title"] == f"Report #1 on {question_id}" and "Alice" in shown["description"]
    assert "n=" in shown["fields"][0]["value"] and shown["fields"][1]["name"] == "Status"
    assert resolved["content"] == "Report #1 resolved."
    assert "Checked: A only" in resolved["embeds"][0]["fields"][-1]["value"]
    assert "already resolved" in twice["content"]


async def test_an_admin_chooses_the_channel_of_the_weekly_digest_and_it_is_posted_there(
    start_bot, gateway, fake_discord
):
    bot = await start_bot()
    seeded_defects(bot)

    chosen = await gateway.deliver(bot, gateway.subcommand("bank", "digest", by=ADA))
    refused = await gateway.deliver(bot, gateway.subcommand("bank", "digest", by=ALICE))
    posted = await bot.app.items.send_digests(bot.app.posters)

    assert "weekly item digest will be posted" in chosen["data"]["content"]
    assert "Manage Server" in refused["data"]["content"]
    assert posted == 1
    (message,) = [m for m in fake_discord.messages.values() if m["embeds"] and m["channel_id"] == str(CHANNEL_ID)]
    assert message["embeds"][0]["title"] == "Weekly item digest"
    assert message["embeds"][0]["fields"][0]["name"] == "Newly flagged"
