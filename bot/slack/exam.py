"""The mock exam on Slack: `/quiz exam ...` and the exam message's controls.

The exam lives in one ephemeral message: each control's response_url replaces it with the next view
(replace_original), so the person always sees one current question. Refusals (too few ticks, an exam
that is not theirs) come as a separate ephemeral note and leave the question in place."""

from __future__ import annotations

import logging

from slack_bolt.async_app import AsyncApp

from bot.services.exam import ALREADY_OVER, ConfirmSubmitError, ExamOverError, ExamService, ExamTimeUpError
from bot.services.identity import Member
from bot.slack import members, messages
from bot.slack.blocks import Message, plain
from bot.slack.commands import Command
from bot.slack.exam_actions import (
    EXAM_ABANDON,
    EXAM_CHOICES,
    EXAM_FINISH,
    EXAM_FLAG,
    EXAM_JUMP,
    EXAM_OVERVIEW,
    EXAM_SAVE,
    GO_PATTERN,
    PICK_PATTERN,
    BadExamValueError,
    ExamSpot,
    decode,
    ticked,
)
from bot.slack.exam_blocks import abandon_prompt, exam_abandoned, exam_item, exam_report, exam_status

log = logging.getLogger(__name__)
STALE = "That control is not one of mine any more; `/quiz exam resume` shows your exam."


class ExamListeners:
    def __init__(self, exams: ExamService) -> None:
        self.exams = exams

    def register(self, bolt: AsyncApp) -> None:
        bolt.action(PICK_PATTERN)(self.on_pick)
        bolt.action(EXAM_CHOICES)(self.on_tick)
        bolt.action(EXAM_SAVE)(self.on_save)
        bolt.action(GO_PATTERN)(self.on_go)
        bolt.action(EXAM_FLAG)(self.on_flag)
        bolt.action(EXAM_OVERVIEW)(self.on_overview)
        bolt.action(EXAM_JUMP)(self.on_jump)
        bolt.action(EXAM_FINISH)(self.on_finish)
        bolt.action(EXAM_ABANDON)(self.on_abandon)

    # -- /quiz exam ... ------------------------------------------------------------------
    def command(self, command: Command, member: Member) -> Message:
        """Refusals and the time-up report are answered by the caller's one mapping (messages.message_for)."""
        match command.action:
            case "start":
                view = self.exams.start(member, int(command.args[0]))
                minutes = self.exams.minutes_for(view.total)
                note = f"Mock exam: {view.total} questions, {minutes} minutes; the clock runs on the server."
                return exam_item(view, note)
            case "status":
                return exam_status(self.exams.status(member))
            case "submit":
                try:
                    return exam_report(self.exams.submit(member))
                except ConfirmSubmitError as unsure:
                    return exam_status(unsure.status, f"{unsure} Press Submit exam to submit anyway.")
            case "abandon":
                return abandon_prompt(self.exams.status(member))
            case _:
                return exam_item(self.exams.resume(member), "Resuming your exam; the clock kept running.")

    # -- the controls ------------------------------------------------------------------
    async def on_pick(self, ack, body: dict, action: dict, respond) -> None:
        await ack()

        def pick(member: Member, spot: ExamSpot, letter: str | None) -> Message:
            chosen = [letter] if letter else []
            return exam_item(self.exams.answer(member, spot.exam_id, spot.position, chosen))

        await self.act(body, action.get("value"), respond, pick)

    async def on_tick(self, ack) -> None:
        await ack()  # ticking is not saving; the Save answer button is

    async def on_save(self, ack, body: dict, action: dict, respond) -> None:
        await ack()
        state = body.get("state") or {}

        def save(member: Member, spot: ExamSpot, _extra: str | None) -> Message:
            return exam_item(self.exams.answer(member, spot.exam_id, spot.position, ticked(state, spot)))

        await self.act(body, action.get("value"), respond, save)

    async def on_go(self, ack, body: dict, action: dict, respond) -> None:
        await ack()
        await self.act(body, action.get("value"), respond, self.show)

    async def on_jump(self, ack, body: dict, action: dict, respond) -> None:
        await ack()
        value = (action.get("selected_option") or {}).get("value")
        await self.act(body, value, respond, self.show)

    async def on_flag(self, ack, body: dict, action: dict, respond) -> None:
        await ack()

        def flag(member: Member, spot: ExamSpot, to: str | None) -> Message:
            return exam_item(self.exams.flag(member, spot.exam_id, spot.position, to == "1"))

        await self.act(body, action.get("value"), respond, flag)

    async def on_overview(self, ack, body: dict, action: dict, respond) -> None:
        await ack()

        def overview(member: Member, spot: ExamSpot, _extra: str | None) -> Message:
            return exam_status(self.exams.status(member, spot.exam_id))

        await self.act(body, action.get("value"), respond, overview)

    async def on_finish(self, ack, body: dict, action: dict, respond) -> None:
        await ack()

        def finish(member: Member, spot: ExamSpot, _extra: str | None) -> Message:
            report = self.exams.submit(member, spot.exam_id, confirmed=True)  # Slack's dialog asked
            return exam_report(report, ALREADY_OVER if report.already_over else None)

        await self.act(body, action.get("value"), respond, finish)

    async def on_abandon(self, ack, body: dict, action: dict, respond) -> None:
        await ack()

        def abandon(member: Member, spot: ExamSpot, _extra: str | None) -> Message:
            return exam_abandoned(self.exams.abandon(member, spot.exam_id))

        await self.act(body, action.get("value"), respond, abandon)

    def show(self, member: Member, spot: ExamSpot, _extra: str | None) -> Message:
        return exam_item(self.exams.item(member, spot.exam_id, spot.position))

    async def act(self, body: dict, value: str | None, respond, call) -> None:
        """Decode the value, call the service, and replace the exam message with the view it returns."""
        member = members.from_action(body)
        replace = True
        try:
            spot, extra = decode(value or "")
        except BadExamValueError:
            log.warning("ignoring an exam control with an unknown value")
            await send(respond, plain(STALE), replace=False)
            return
        try:
            message = call(member, spot, extra)
        except (ExamTimeUpError, ExamOverError) as finished:
            message = messages.message_for(finished, "an exam control")  # the exam's report, in place
        except Exception as error:
            message, replace = messages.message_for(error, "an exam control"), False  # a note beside it
        await send(respond, message, replace=replace)


async def send(respond, message: Message, *, replace: bool) -> None:
    if replace:
        await respond(text=message.text, blocks=message.blocks, replace_original=True)
    else:
        await respond(text=message.text, blocks=message.blocks, response_type="ephemeral", replace_original=False)
