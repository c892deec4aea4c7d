"""The study guide on Slack: `/quiz compare|trap|plan|checklist|read|examdate|examinfo`, the comparison menu and the
plan's "Practise" button."""

from __future__ import annotations

import logging

from slack_bolt.async_app import AsyncApp

from bot.app import App
from bot.services.identity import Member
from bot.slack import blocks, guide_blocks, members, messages
from bot.slack.actions import COMPARE_PICK, PRACTICE_SCOPE
from bot.slack.blocks import Message
from bot.slack.commands import Command

log = logging.getLogger(__name__)


class StudyGuide:
    def __init__(self, services: App) -> None:
        self.services = services

    def register(self, bolt: AsyncApp) -> None:
        bolt.action(COMPARE_PICK)(self.on_compare_pick)
        bolt.action(PRACTICE_SCOPE)(self.on_practice)

    def command(self, command: Command, member: Member) -> Message:
        guide = self.services.guide
        words = " ".join(command.args)
        match command.name:
            case "compare":
                if not words:
                    return guide_blocks.comparison_list(guide.comparison_titles())
                return guide_blocks.comparisons(guide.compare(words))
            case "trap":
                return guide_blocks.trap(guide.trap(command.args[0] if command.args else None))
            case "plan":
                return guide_blocks.plan(guide.plan(member))
            case "checklist":
                return guide_blocks.checklist(guide.checklist(member))
            case "examdate":
                return self.exam_date(words, member)
            case "read":
                return guide_blocks.reading(guide.read(words))
            case _:
                return guide_blocks.exam_info(guide.exam_info())

    def exam_date(self, words: str, member: Member) -> Message:
        """`/quiz examdate` shows the countdown, `examdate YYYY-MM-DD` sets the date, `examdate clear` forgets it."""
        countdown = self.services.guide.countdown
        if words.lower() == "clear":
            return blocks.plain("Exam date cleared." if countdown.clear(member) else "No exam date was set.")
        view = countdown.set(member, words) if words else countdown.show(member)
        return (
            guide_blocks.countdown(view) if view else blocks.plain("No exam date set. " + guide_blocks.EXAM_DATE_HINT)
        )

    async def on_compare_pick(self, ack, body: dict, action: dict, respond) -> None:
        await ack()
        chosen = (action.get("selected_option") or {}).get("value") or ""

        def pick(_member: Member) -> Message:
            found = self.services.guide.compare(chosen)
            exact = [c for c in found if c.id == chosen]
            return guide_blocks.comparisons(exact or found)

        await self.reply(body, respond, pick)

    async def on_practice(self, ack, body: dict, action: dict, respond) -> None:
        await ack()
        scope = action.get("value") or None
        await self.reply(
            body,
            respond,
            lambda member: blocks.practice_question(self.services.practice.practice_question(member, scope)),
        )

    async def reply(self, body: dict, respond, make) -> None:
        try:
            message = make(members.from_action(body))
        except Exception as error:
            message = messages.message_for(error, "a study-guide control")
        await respond(text=message.text, blocks=message.blocks, response_type="ephemeral", replace_original=False)
