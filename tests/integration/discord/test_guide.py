"""/stats with its chart, and the study guide: /compare, /trap, /plan, /checklist, /examinfo."""

from tests.integration.discord.flows import EPHEMERAL
from tests.integration.discord.gateway import ALICE, custom_ids, option

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def fields(embed: dict) -> dict[str, str]:
    return {f["name"]: f["value"] for f in embed.get("fields", [])}


async def test_stats_attach_the_chart_png_and_the_readiness_advice(start_bot, gateway, fake_discord):
    bot = await start_bot()
    question = gateway.command("quiz", option("scope", "MD"), by=ALICE)
    await gateway.deliver(bot, question)
    message = fake_discord.responses[int(question["id"])]
    await gateway.deliver(bot, gateway.button(message, custom_ids(message)[0], by=ALICE))
    payload = gateway.command("stats", by=ALICE)

    response = await gateway.deliver(bot, payload)

    (request,) = fake_discord.find("POST", rf"/interactions/{payload['id']}/[^/]+/callback")
    (upload,) = request.files
    assert upload.filename == "stats.png" and upload.data.startswith(PNG_SIGNATURE)
    assert response["type"] == 4 and response["data"]["flags"] & EPHEMERAL
    assert response["data"]["attachments"][0]["filename"] == "stats.png"
    stats = response["data"]["embeds"][0]
    assert stats["image"]["url"] == "attachment://stats.png"
    assert fields(stats)["Readiness"].startswith("Too little data to estimate readiness yet")
    assert "\nBased on 1 first answer over 1 day, newest today; recent answers count more" in fields(stats)["Readiness"]


async def test_stats_without_answers_send_no_chart(start_bot, gateway, fake_discord):
    bot = await start_bot()
    payload = gateway.command("stats", by=ALICE)

    response = await gateway.deliver(bot, payload)

    (request,) = fake_discord.find("POST", rf"/interactions/{payload['id']}/[^/]+/callback")
    assert request.files == []
    assert response["data"]["embeds"][0]["description"].startswith("No answers stored yet")


async def test_compare_suggests_matching_comparisons(start_bot, gateway):
    bot = await start_bot()
    typed = gateway.command_autocomplete("compare", option("query", "canary", focused=True), by=ALICE)
    empty = gateway.command_autocomplete("compare", option("query", "", focused=True), by=ALICE)

    response = await gateway.deliver(bot, typed)
    everything = await gateway.deliver(bot, empty)

    assert response["type"] == everything["type"] == 8
    choices = response["data"]["choices"]
    assert choices and all("canary" in f"{c['value']} {c['name']}".casefold() for c in choices)
    titles = bot.app.guide.comparison_titles()
    assert len(everything["data"]["choices"]) == min(25, len(titles))
    assert everything["data"]["choices"][0] == {"name": titles[0][1], "value": titles[0][0]}


async def test_compare_shows_the_chosen_comparison(start_bot, gateway):
    bot = await start_bot()
    comparison_id, title = bot.app.guide.comparison_titles()[0]

    response = await gateway.deliver(bot, gateway.command("compare", option("query", comparison_id), by=ALICE))

    assert response["type"] == 4 and response["data"]["flags"] & EPHEMERAL
    embed = response["data"]["embeds"][0]
    assert embed["title"] == title
    names = [f["name"] for f in embed["fields"]]
    assert names[0].startswith("Use ") and {"Deciding constraint", "⚠️ Trap", "Read more"} <= set(names)


async def test_compare_without_a_match_answers_politely(start_bot, gateway):
    bot = await start_bot()

    response = await gateway.deliver(bot, gateway.command("compare", option("query", "zzz-no-such-thing"), by=ALICE))

    assert response["type"] == 4 and response["data"]["flags"] & EPHEMERAL
    assert response["data"]["content"].startswith("No comparison matches “zzz-no-such-thing”")


async def test_trap_shows_one_from_the_scope_and_another_on_request(start_bot, gateway, fake_discord):
    bot = await start_bot()
    payload = gateway.command("trap", option("scope", "DEP.SERVING"), by=ALICE)

    response = await gateway.deliver(bot, payload)
    message = fake_discord.responses[int(payload["id"])]
    another = await gateway.deliver(bot, gateway.button(message, "quiz:trap:DEP.SERVING", by=ALICE))

    assert response["data"]["embeds"][0]["title"] == "Exam trap · Custom Model Serving"
    assert "Remember" in fields(response["data"]["embeds"][0])
    assert another["type"] == 7 and another["data"]["embeds"][0]["title"] == "Exam trap · Custom Model Serving"


async def test_plan_shows_the_steps_and_a_practice_button_for_the_first(start_bot, gateway, fake_discord):
    bot = await start_bot()
    payload = gateway.command("plan", by=ALICE)

    response = await gateway.deliver(bot, payload)

    assert response["type"] == 4 and response["data"]["flags"] & EPHEMERAL
    embed = response["data"]["embeds"][0]
    assert embed["title"] == "Your study plan"
    assert embed["description"].startswith("No answers yet, so the Tier 1 path comes first.")
    (practice,) = custom_ids(response["data"])
    scope = practice.removeprefix("quiz:next:")
    assert f"`/quiz scope:{scope}`" in "".join(fields(embed).values())
    message = fake_discord.responses[int(payload["id"])]
    question = await gateway.deliver(bot, gateway.button(message, practice, by=ALICE))
    assert question["data"]["embeds"][0]["title"] == "Practice question"


async def test_checklist_lists_what_is_done_and_what_is_not(start_bot, gateway):
    bot = await start_bot()

    response = await gateway.deliver(bot, gateway.command("checklist", by=ALICE))

    assert response["type"] == 4 and response["data"]["flags"] & EPHEMERAL
    embed = response["data"]["embeds"][0]
    assert embed["title"] == "Exam-ready checklist: 0/6 done"
    assert embed["description"].count("⬜") == 6
    assert "**Model Development at 70 % or better**" in embed["description"]


async def test_examinfo_shows_the_exam_facts_and_the_domain_weights(start_bot, gateway):
    bot = await start_bot()

    response = await gateway.deliver(bot, gateway.command("examinfo", by=ALICE))

    embed = response["data"]["embeds"][0]
    assert embed["title"] == "Databricks Certified Machine Learning Professional"
    assert "**59** scored questions" in embed["description"] and "**120 minutes**" in embed["description"]
    assert "Pass mark used here: **70 %**" in embed["description"]
    domains = [name for name in fields(embed) if "%" in name]
    assert domains == [
        "Model Development · 44 % (about 26 questions)",
        "MLOps · 44 % (about 26 questions)",
        "Model Deployment · 12 % (about 7 questions)",
    ]
