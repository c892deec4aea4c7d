"""/leaderboard, /stats, /team and /help."""

from tests.integration.discord.flows import EPHEMERAL, post_now, set_up
from tests.integration.discord.gateway import ADA, ALICE, BOB, custom_ids, option


def fields(embed: dict) -> dict[str, str]:
    return {f["name"]: f["value"] for f in embed.get("fields", [])}


async def test_the_leaderboard_ranks_daily_points(start_bot, gateway, fake_discord, single_bank):
    bot = await start_bot(single_bank)
    await set_up(bot, gateway)
    message = await post_now(bot, gateway, fake_discord)
    await gateway.deliver(bot, gateway.button(message, custom_ids(message)[0], by=ALICE))  # A, the key
    await gateway.deliver(bot, gateway.button(message, custom_ids(message)[1], by=BOB))

    response = await gateway.deliver(
        bot, gateway.command("leaderboard", option("scope", "channel"), option("period", "all"), by=BOB)
    )

    assert response["type"] == 4 and response["data"]["flags"] & EPHEMERAL
    board = response["data"]["embeds"][0]
    assert board["title"] == "Channel leaderboard"
    first, second = board["description"].split("\n")
    assert first.startswith("**1.** Alice — **10** · 1/1 correct")
    assert second.startswith("**2.** Bob — **0**") and second.endswith("← you")
    assert board["footer"]["text"].startswith("All time")


async def test_the_team_leaderboard_of_an_empty_server_says_so(start_bot, gateway):
    bot = await start_bot()

    response = await gateway.deliver(bot, gateway.command("leaderboard", option("scope", "team"), by=ALICE))

    assert response["data"]["embeds"][0]["description"] == "No points yet."


async def test_stats_show_the_own_accuracy_by_domain_and_section(start_bot, gateway, fake_discord):
    bot = await start_bot()
    question = gateway.command("quiz", option("scope", "MD"), by=ALICE)
    await gateway.deliver(bot, question)
    message = fake_discord.responses[int(question["id"])]
    await gateway.deliver(bot, gateway.button(message, custom_ids(message)[0], by=ALICE))

    response = await gateway.deliver(bot, gateway.command("stats", by=ALICE))

    assert response["type"] == 4 and response["data"]["flags"] & EPHEMERAL
    stats = response["data"]["embeds"][0]
    assert stats["title"] == "Stats for Alice"
    assert stats["description"].startswith("1/1 correct (**100 %**); pass mark 70 %")
    assert "Model Development: 1/1 (100 %)" in fields(stats)["By domain"]
    assert "MLOps: –" in fields(stats)["By domain"]


async def test_teams_are_created_joined_listed_and_left(start_bot, gateway):
    bot = await start_bot()

    created = await gateway.deliver(bot, gateway.subcommand("team", "create", option("name", "Feature Store"), by=ADA))
    joined = await gateway.deliver(bot, gateway.subcommand("team", "join", option("name", "feature store"), by=ALICE))
    listed = await gateway.deliver(bot, gateway.subcommand("team", "list", by=ALICE))
    left = await gateway.deliver(bot, gateway.subcommand("team", "leave", by=ALICE))
    again = await gateway.deliver(bot, gateway.subcommand("team", "leave", by=ALICE))

    assert "Team **Feature Store** created" in created["data"]["content"]
    assert joined["data"]["content"] == "You are in **Feature Store** now."
    assert listed["data"]["embeds"][0]["description"] == "Feature Store (2 members)  ← yours"  # Ada, who made it
    assert left["data"]["content"] == "You left **Feature Store**."
    assert again["data"]["content"] == "You are not in a team." and again["data"]["flags"] & EPHEMERAL


async def test_help_lists_the_commands_and_the_scoring_rules(start_bot, gateway):
    bot = await start_bot()

    response = await gateway.deliver(bot, gateway.command("help", by=ALICE))

    text = response["data"]["embeds"][0]["description"]
    assert "`/quiz [scope]`" in text and "**Scoring rules**" in text
    assert "10 points" in text
