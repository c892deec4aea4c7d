"""/stats with its chart, and the study guide: /compare, /trap, /plan, /checklist, /examinfo."""

import sqlite3

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


async def test_examdate_sets_shows_and_clears_the_date_and_plan_and_checklist_count_down(start_bot, gateway, db_path):
    bot = await start_bot()
    before = await gateway.deliver(bot, gateway.command("plan", by=ALICE))
    assert fields(before["data"]["embeds"][0])["Countdown"].startswith("Set your exam date for a countdown")

    bad = await gateway.deliver(bot, gateway.command("examdate", option("date", "15/01/2027"), by=ALICE))
    assert bad["data"]["flags"] & EPHEMERAL
    assert bad["data"]["content"].startswith("write the exam date as YYYY-MM-DD")
    response = await gateway.deliver(bot, gateway.command("examdate", option("date", "2026-12-01"), by=ALICE))

    embed = response["data"]["embeds"][0]
    assert response["data"]["flags"] & EPHEMERAL and embed["title"] == "Your exam date"
    assert embed["description"].startswith("**Your exam: Tue 01 Dec 2026, in 29 days.**")
    assert (
        "Today: " in embed["description"]
        and "Take full mock exams (59 questions, timed) on Tue 17 Nov and Sat 28 Nov." in embed["description"]
    )
    with sqlite3.connect(db_path) as conn:
        assert conn.execute("SELECT exam_date FROM exam_dates").fetchall() == [("2026-12-01",)]
    plan = await gateway.deliver(bot, gateway.command("plan", by=ALICE))
    checklist = await gateway.deliver(bot, gateway.command("checklist", by=ALICE))
    assert fields(plan["data"]["embeds"][0])["Countdown"].startswith("**Your exam: Tue 01 Dec 2026, in 29 days.**")
    assert fields(checklist["data"]["embeds"][0])["Countdown"].startswith("**Your exam: Tue 01 Dec 2026")

    clear = {"name": "clear", "type": 5, "value": True}
    cleared = await gateway.deliver(bot, gateway.command("examdate", clear, by=ALICE))
    again = await gateway.deliver(bot, gateway.command("examdate", clear, by=ALICE))
    shown = await gateway.deliver(bot, gateway.command("examdate", by=ALICE))

    assert cleared["data"]["content"] == "Exam date cleared."
    assert again["data"]["content"] == "No exam date was set."
    assert shown["data"]["content"].startswith("No exam date set. Set your exam date for a countdown")


async def test_read_shows_the_most_cited_pages_and_the_official_resources(start_bot, gateway):
    bot = await start_bot()

    response = await gateway.deliver(bot, gateway.command("read", option("scope", "ops.monitor"), by=ALICE))
    unknown = await gateway.deliver(bot, gateway.command("read", option("scope", "nowhere"), by=ALICE))
    plan = await gateway.deliver(bot, gateway.command("plan", by=ALICE))

    assert response["type"] == 4 and response["data"]["flags"] & EPHEMERAL
    embed = response["data"]["embeds"][0]
    assert embed["title"] == "Where to read for OPS.MONITOR (Drift Detection and Lakehouse Monitoring)"
    cited = next(f for f in embed["fields"] if f["name"].startswith("The documentation its "))
    assert cited["value"].startswith("1. <https://") and " · cited by " in cited["value"]
    assert (
        "[The exam's page](https://www.databricks.com/learn/certification/machine-learning-professional)"
        in (fields(embed)["Official free resources"])
    )
    assert embed["footer"]["text"] == "Then practise it: /quiz scope:OPS.MONITOR"
    assert unknown["data"]["content"].startswith("There is no objective, section or domain called “nowhere”")
    assert "More: `/read scope:" in fields(plan["data"]["embeds"][0])["Read first"]


async def test_read_suggests_domains_sections_and_objectives_as_you_type(start_bot, gateway):
    bot = await start_bot()

    typed = await gateway.deliver(
        bot, gateway.command_autocomplete("read", option("scope", "drift", focused=True), by=ALICE)
    )
    empty = await gateway.deliver(
        bot, gateway.command_autocomplete("read", option("scope", "", focused=True), by=ALICE)
    )

    assert typed["type"] == empty["type"] == 8
    choices = typed["data"]["choices"]
    assert {"name": "OPS.MONITOR · Drift Detection and Lakehouse Monitoring", "value": "OPS.MONITOR"} in choices
    assert all("drift" in c["name"].casefold() for c in choices) and all(len(c["name"]) <= 100 for c in choices)
    assert len(empty["data"]["choices"]) == 25 and empty["data"]["choices"][0]["value"] == "MD"
