"""The mock exam on Slack: private, one question per ephemeral message replaced in place, and controls whose
values carry the exam id and position."""

from tests.integration.slack.conftest import running_slack
from tests.integration.slack.exam_flow import (
    click,
    control,
    exam_status,
    first_position,
    go_to,
    items,
    open_single,
    start_exam,
)
from tests.integration.slack.harness import BOB, elements, reply_text


async def test_exam_start_sends_a_private_first_question_with_the_timer_and_controls(slack):
    reply = await start_exam(slack)

    assert reply["response_type"] == "ephemeral"
    assert "Q 1/15 · 0:31:00 left" in reply_text(reply)
    labels = [b["text"]["text"] for b in elements(reply, "button")]
    assert {"Next ▶", "⚑ Flag", "Overview", "Submit exam"} <= set(labels)
    assert "◀ Previous" not in labels
    assert control(reply, "exam_flag")["value"] == "exam:1:1:1"
    assert control(reply, "exam_finish")["confirm"]["confirm"]["text"] == "Submit"
    assert len(items(slack)) == 15


async def test_a_single_select_question_has_one_button_per_option_carrying_exam_and_position(slack):
    question, position = await open_single(slack)

    assert [b["text"]["text"] for b in elements(question, "button")][:4] == ["A", "B", "C", "D"]
    assert control(question, "exam_pick:A")["value"] == f"exam:1:{position}:A"


async def test_answering_by_button_saves_privately_and_shows_the_next_question_in_place(slack):
    question, position = await open_single(slack)

    reply = await click(slack, control(question, "exam_pick:B"))

    assert reply["replace_original"] is True
    assert f"Q {position + 1}/15" in reply_text(reply) and "answered 1/15" in reply_text(reply)
    assert "Correct" not in reply_text(reply) and "Not quite" not in reply_text(reply)
    assert items(slack)[position - 1][1] == "B"
    assert slack.count("attempts") == 0  # answers are scored at submit, not before


async def test_going_back_shows_the_saved_answer_and_it_can_be_changed(slack):
    question, position = await open_single(slack)
    following = await click(slack, control(question, "exam_pick:B"))

    back = await click(slack, control(following, "exam_go:prev"))
    changed = await click(slack, control(back, "exam_pick:C"))

    assert f"Q {position}/15" in reply_text(back) and "Your answer so far: *B*" in reply_text(back)
    assert control(back, "exam_pick:B")["style"] == "primary"
    assert f"Q {position + 1}/15" in reply_text(changed)
    assert items(slack)[position - 1][1] == "C"


async def test_a_multiple_select_question_is_saved_from_the_ticked_boxes(slack):
    await start_exam(slack)
    position = first_position(slack, multiple=True)
    question = await go_to(slack, position)
    boxes = elements(question, "checkboxes")[0]
    block_id = next(b["block_id"] for b in question["blocks"] if boxes in b.get("elements", []))
    ticked = [o for o in boxes["options"] if o["value"] in ("A", "C")]
    state = {"values": {block_id: {"exam_choices": {"type": "checkboxes", "selected_options": ticked}}}}

    tick = await slack.action({"action_id": "exam_choices", "type": "checkboxes", "selected_options": ticked})
    reply = await click(slack, control(question, "exam_save"), state=state)
    again = await go_to(slack, position)

    assert tick.status == 200
    assert f"Q {position}/15" in reply_text(question)
    assert f"Q {min(position + 1, 15)}/15" in reply_text(reply)
    assert items(slack)[position - 1][1] == "AC"
    assert [o["value"] for o in elements(again, "checkboxes")[0]["initial_options"]] == ["A", "C"]


async def test_saving_too_few_ticks_is_refused_beside_the_question(slack):
    await start_exam(slack)
    position = first_position(slack, multiple=True)
    question = await go_to(slack, position)

    reply = await click(slack, control(question, "exam_save"))

    assert reply["replace_original"] is False
    assert reply["response_type"] == "ephemeral"
    assert items(slack)[position - 1][1] is None


async def test_flag_and_unflag_keep_the_question_in_place(slack):
    first = await start_exam(slack)

    flagged = await click(slack, control(first, "exam_flag"))
    repeated = await click(slack, control(first, "exam_flag"))  # the same button again changes nothing
    unflagged = await click(slack, control(flagged, "exam_flag"))

    assert "Q 1/15" in reply_text(flagged) and "⚑ flagged" in reply_text(flagged)
    assert control(flagged, "exam_flag")["text"]["text"] == "Unflag"
    assert "flagged 1" in reply_text(repeated)
    assert "flagged 0" in reply_text(unflagged)
    assert items(slack)[0][2] == 0


async def test_a_double_click_and_a_slack_retry_change_nothing_extra(slack):
    question, position = await open_single(slack)
    pick = control(question, "exam_pick:A")

    replies = [
        await click(slack, pick),
        await click(slack, pick),
        await click(slack, pick, extra_headers={"X-Slack-Retry-Num": "1", "X-Slack-Retry-Reason": "http_timeout"}),
    ]

    assert all(f"Q {position + 1}/15" in reply_text(r) and "answered 1/15" in reply_text(r) for r in replies)
    assert [row[1] for row in items(slack)].count("A") == 1
    assert slack.count("exams") == 1 and slack.count("attempts") == 0


async def test_status_lists_what_is_left_and_jumps_to_a_question(slack):
    await click(slack, control(await start_exam(slack), "exam_flag"))

    status = await slack.reply_to(slack.slash("exam status"))
    jumped = await go_to(slack, 5)

    assert "answered 0/15; 31 min left" in reply_text(status)
    assert "Flagged for review: 1" in reply_text(status)
    assert len(control(status, "exam_jump")["options"]) == 15
    assert "Q 5/15" in reply_text(jumped)


async def test_a_second_start_is_refused_and_resume_returns_to_the_first_open_question(slack):
    question, position = await open_single(slack)
    await click(slack, control(question, "exam_pick:A"))

    refused = await start_exam(slack, 30)
    resumed = await slack.reply_to(slack.slash("exam resume"))

    assert "exam in progress" in reply_text(refused)
    expected = 2 if position == 1 else 1
    assert "Resuming" in reply_text(resumed) and f"Q {expected}/15" in reply_text(resumed)
    assert slack.count("exams") == 1


async def test_submit_shows_the_report_and_a_second_click_shows_it_again(slack):
    question, _ = await open_single(slack)
    following = await click(slack, control(question, "exam_pick:A"))
    finish = control(following, "exam_finish")

    report = await click(slack, finish)
    again = await click(slack, finish)
    by_command = await slack.reply_to(slack.slash("exam report"))

    text = reply_text(report)
    assert report["replace_original"] is True
    assert "Mock exam result" in text and "pass mark 70 %" in text and "FAIL" in text
    assert "*By domain*" in text and "*By section*" in text and "*Objectives to review*" in text
    assert "already over" in reply_text(again) and "Mock exam result" in reply_text(again)
    assert "Mock exam result" in reply_text(by_command)
    assert exam_status(slack) == "submitted"
    assert slack.count("attempts") == 1  # the one answered question, counted once


async def test_submit_by_command_asks_first_then_reports_and_ends_the_exam(slack):
    await start_exam(slack)

    asking = await slack.reply_to(slack.slash("exam submit"))
    assert exam_status(slack) == "in_progress"
    assert "You have 15 unanswered (Q1, Q2, " in reply_text(asking)
    assert "Submit anyway? Press Submit exam to submit anyway." in reply_text(asking)
    finish = control(asking, "exam_finish")
    assert "15 questions are still unanswered." in finish["confirm"]["text"]["text"]
    report = await click(slack, finish)
    nothing = await slack.reply_to(slack.slash("exam status"))

    assert "0/15 = 0 %" in reply_text(report)
    assert "no exam in progress" in reply_text(nothing)


async def test_the_question_id_shows_and_the_report_names_the_options(slack):
    question, position = await open_single(slack)
    question_id = slack.services.context.db.execute(
        "SELECT question_id FROM exam_items WHERE position = ?", [position]
    ).fetchone()[0]
    assert f"`{question_id}`" in reply_text(question)
    following = await click(slack, control(question, "exam_pick:D"))

    report = await click(slack, control(following, "exam_finish"))

    text = reply_text(report)
    assert f"`{question_id}`" in text or "objectives" in text  # the report may count the rest
    assert "you: D) " in text and "answer: *" in text and "you: no answer" in text


async def test_all_answered_says_how_to_submit_and_flags_show_in_the_dialog(slack):
    question, position = await open_single(slack)
    slack.services.context.db.execute("UPDATE exam_items SET chosen = 'AB' WHERE position != ?", [position])

    following = await click(slack, control(question, "exam_pick:A"))
    flagged = await click(slack, control(following, "exam_flag"))

    assert "All 15 questions answered: press *Submit exam* to finish." in reply_text(following)
    finish = control(flagged, "exam_finish")
    assert finish["confirm"]["text"]["text"].endswith("1 is flagged for review.")


async def test_abandon_asks_then_deletes_the_exam(slack):
    first = await start_exam(slack)
    exam_id = slack.services.context.db.execute("SELECT MAX(id) FROM exams").fetchone()[0]

    asking = await slack.reply_to(slack.slash("exam abandon"))
    assert reply_text(asking).startswith("Abandon your exam in progress (0/15 answered, ")
    abandon = control(asking, "exam_abandon")
    assert abandon["confirm"]["title"]["text"] == "Abandon the exam?"
    assert control(asking, "exam_go:next")["value"] == f"exam:{exam_id}:1"
    gone = await click(slack, abandon)
    twice = await click(slack, abandon)
    stale = await click(slack, control(first, "exam_flag"))

    assert gone["replace_original"] is True
    assert reply_text(gone).startswith("Exam abandoned: its 0 answers of 15 questions are not kept")
    assert "That exam was abandoned" in reply_text(twice) and "That exam was abandoned" in reply_text(stale)
    assert slack.count("exams") == 0 and slack.count("exam_items") == 0 and slack.count("attempts") == 0
    await start_exam(slack)
    assert slack.services.context.db.execute("SELECT MAX(id) FROM exams").fetchone()[0] > exam_id


async def test_time_up_shows_the_report_scored_as_it_stood(slack, clock):
    question, _ = await open_single(slack)
    following = await click(slack, control(question, "exam_pick:A"))
    clock.advance(minutes=32)

    reply = await click(slack, control(following, "exam_flag"))

    assert reply["replace_original"] is True
    assert "Time is up" in reply_text(reply)
    assert "time ran out; scored as it stood" in reply_text(reply)
    assert exam_status(slack) == "expired"
    assert slack.count("attempts") == 1


async def test_someone_else_cannot_use_my_exam_buttons(slack):
    question, _ = await open_single(slack)

    reply = await click(slack, control(question, "exam_pick:A"), BOB)

    assert reply["replace_original"] is False
    assert "no exam in progress" in reply_text(reply)
    assert all(chosen is None for _, chosen, _ in items(slack))


async def test_a_button_still_works_after_a_restart(settings, slack_bank, clock, fake_slack):
    async with running_slack(settings, slack_bank, clock, fake_slack) as before:
        question, position = await open_single(before)
    async with running_slack(settings, slack_bank, clock, fake_slack) as after:
        reply = await click(after, control(question, "exam_pick:D"))

        assert f"Q {position + 1}/15" in reply_text(reply)
        assert items(after)[position - 1][1] == "D"


async def test_a_full_exam_report_stays_within_block_kit_limits(slack):
    await start_exam(slack, 59)

    report = await click(slack, control(await slack.reply_to(slack.slash("exam submit")), "exam_finish"))

    assert "0/59" in reply_text(report)
    assert len(report["blocks"]) <= 50
    texts = [b["text"]["text"] for b in report["blocks"] if b.get("text")]
    texts += [e["text"] for b in report["blocks"] if b["type"] == "context" for e in b["elements"]]
    assert max(len(t) for t in texts) <= 3000


async def test_an_exam_size_other_than_59_30_or_15_is_refused(slack):
    odd = await slack.reply_to(slack.slash("exam start 42"))
    words = await slack.reply_to(slack.slash("exam start many"))

    assert "An exam has 59, 30 or 15 questions" in reply_text(odd)
    assert "/quiz exam start [59|30|15]" in reply_text(words)
    assert slack.count("exams") == 0
