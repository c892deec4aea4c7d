"""The learner's loop on Slack: `/quiz review|id:|history|search`, `/quiz exam result [N]`, and the Next
button through a practice set."""

from __future__ import annotations

from slack_bolt.async_app import AsyncApp

from bot.app import App
from bot.services.errors import QuizError
from bot.services.identity import Member
from bot.slack import blocks, learner_blocks, members, messages
from bot.slack.actions import PRACTICE_SET_NEXT
from bot.slack.blocks import Message
from bot.slack.commands import Command
from bot.slack.exam_blocks import exam_report

LOOP_COMMANDS = ("review", "ids", "history", "search", "exam-result")


class LearnerListeners:
    def __init__(self, services: App) -> None:
        self.services = services

    def register(self, bolt: AsyncApp) -> None:
        bolt.action(PRACTICE_SET_NEXT)(self.on_next)

    def command(self, command: Command, member: Member) -> Message:
        study = self.services.study
        match command.name:
            case "review":
                return blocks.practice_question(study.review(member, command.action))
            case "ids":
                return blocks.practice_question(study.practice_ids(member, command.args[0]))
            case "history":
                return learner_blocks.history(self.services.history.history(member))
            case "search":
                view = study.search(member, command.args[0], everything=command.action == "all")
                return learner_blocks.search(view)
            case _:
                number = int(command.args[0]) if command.args else None
                return exam_report(self.services.history.exam_result(member, number))

    async def on_next(self, ack, body: dict, action: dict, respond) -> None:
        await ack()
        member = members.from_action(body)
        try:
            set_id, _, position = (action.get("value") or "").partition(":")
            if not (set_id.isascii() and set_id.isdigit() and position.isascii() and position.isdigit()):
                raise QuizError(messages.GONE_CONTROL)
            question = self.services.study.set_question(member, int(set_id), int(position))
            message = blocks.practice_question(question)
        except Exception as error:
            message = messages.message_for(error, "the Next button of a practice set")
        await respond(text=message.text, blocks=message.blocks, response_type="ephemeral", replace_original=False)
