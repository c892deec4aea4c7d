"""The study guide under /quiz: compare, trap, plan, checklist, examinfo."""

from tests.integration.slack.exam_flow import choose, control
from tests.integration.slack.harness import elements, reply_text


async def test_compare_without_words_lists_the_titles_and_offers_a_menu(slack):
    reply = await slack.reply_to(slack.slash("compare"))

    titles = slack.services.guide.comparison_titles()
    assert f"*Comparisons* ({len(titles)})" in reply_text(reply)
    assert titles[0][1] in reply_text(reply)
    menu = control(reply, "compare_pick")
    assert len(menu["options"]) == len(titles)
    assert all(len(o["text"]["text"]) <= 75 for o in menu["options"])


async def test_picking_a_comparison_from_the_menu_shows_it(slack):
    menu = control(await slack.reply_to(slack.slash("compare")), "compare_pick")
    comparison_id, title = slack.services.guide.comparison_titles()[0]

    reply = await choose(slack, menu, comparison_id)

    assert title in reply_text(reply) and "Deciding constraint" in reply_text(reply)


async def test_compare_with_words_shows_the_matching_comparison(slack):
    reply = await slack.reply_to(slack.slash("compare canary"))

    text = reply_text(reply)
    assert reply["response_type"] == "ephemeral"
    assert "canary" in text.lower() and "*Deciding constraint:*" in text and "*Trap:*" in text
    assert "Read more" in text


async def test_compare_with_no_match_says_so(slack):
    reply = await slack.reply_to(slack.slash("compare zebra unicorn"))

    assert "No comparison matches" in reply_text(reply)


async def test_trap_shows_a_trap_and_a_tip_in_the_asked_section(slack):
    anywhere = await slack.reply_to(slack.slash("trap"))
    monitoring = await slack.reply_to(slack.slash("trap OPS.MONITOR"))
    unknown = await slack.reply_to(slack.slash("trap NOPE.NOTHING"))

    assert "*Exam trap*" in reply_text(anywhere) and "*Remember:*" in reply_text(anywhere)
    assert "*Exam trap* (Drift Detection and Lakehouse Monitoring)" in reply_text(monitoring)
    assert "There is no domain or section called" in reply_text(unknown)


async def test_plan_lists_the_steps_and_its_button_asks_a_practice_question(slack):
    plan = await slack.reply_to(slack.slash("plan"))
    button = control(plan, "practice_scope")

    question = await slack.reply_to(slack.action({"action_id": button["action_id"], "value": button["value"]}))

    assert "*Your study plan* (no answers yet" in reply_text(plan)
    assert f"`/quiz {button['value']}`" in reply_text(plan)
    assert all(b["value"].startswith("practice:") for b in elements(question, "button"))
    assert slack.count("asks") == 1


async def test_checklist_shows_what_is_done(slack):
    reply = await slack.reply_to(slack.slash("checklist"))

    assert "*Exam-ready checklist:* 0/" in reply_text(reply)
    assert "⬜" in reply_text(reply) and "full mock exam" in reply_text(reply)


async def test_examinfo_gives_the_exam_facts(slack):
    reply = await slack.reply_to(slack.slash("examinfo"))

    text = reply_text(reply)
    assert "59 scored questions" in text and "120 minutes" in text and "70 %" in text
    assert "Model Development" in text and "Register for the exam" in text


async def test_examdate_sets_shows_and_clears_the_date_and_plan_and_checklist_count_down(slack):
    before = await slack.reply_to(slack.slash("plan"))
    assert "`/quiz examdate YYYY-MM-DD`" in reply_text(before)

    bad = await slack.reply_to(slack.slash("examdate tomorrow"))
    assert "write the exam date as YYYY-MM-DD" in reply_text(bad)
    assert slack.count("exam_dates") == 0
    reply = await slack.reply_to(slack.slash("examdate 2026-12-01"))

    assert reply["response_type"] == "ephemeral"
    assert "*Your exam: Tue 01 Dec 2026, in 29 days.*" in reply_text(reply)
    assert "Take full mock exams (59 questions, timed) on Tue 17 Nov and Sat 28 Nov." in reply_text(reply)
    assert "Your exam: Tue 01 Dec 2026" in reply_text(await slack.reply_to(slack.slash("plan")))
    assert "Your exam: Tue 01 Dec 2026" in reply_text(await slack.reply_to(slack.slash("checklist")))
    assert "Your exam: Tue 01 Dec 2026" in reply_text(await slack.reply_to(slack.slash("examdate")))

    cleared = await slack.reply_to(slack.slash("examdate clear"))
    again = await slack.reply_to(slack.slash("examdate clear"))

    assert "Exam date cleared." in reply_text(cleared)
    assert "No exam date was set." in reply_text(again)
    assert slack.count("exam_dates") == 0


async def test_read_shows_the_most_cited_pages_and_the_official_resources(slack):
    reply = await slack.reply_to(slack.slash("read OPS.MONITOR"))
    nothing = await slack.reply_to(slack.slash("read"))
    plan = await slack.reply_to(slack.slash("plan"))

    text = reply_text(reply)
    assert reply["response_type"] == "ephemeral"
    assert "*Where to read for OPS.MONITOR (Drift Detection and Lakehouse Monitoring)*" in text
    assert "1. <https://" in text and " · cited by " in text
    assert "<https://www.databricks.com/learn/training|Databricks Academy>" in text
    assert "Then practise it: `/quiz OPS.MONITOR`" in text
    assert "Name an objective such as OPS.MONITOR.2" in reply_text(nothing)
    assert "Read first: <https://" in reply_text(plan) and "`/quiz read " in reply_text(plan)
