"""Bolt listeners: parse the slash command or the action, call the service, render the returned view.

Every listener acks first (Slack wants an answer within 3 seconds) and replies through `respond`
(the payload's response_url), ephemerally unless the reply is meant for the channel."""

from __future__ import annotations

import logging
from dataclasses import replace

from slack_bolt.async_app import AsyncApp
from slack_sdk.web.async_client import AsyncWebClient

from bot.app import App
from bot.services.bounds import DEFAULT_WEEKDAYS, MAX_OPEN_HOURS, MIN_OPEN_HOURS
from bot.services.context import ChannelTarget
from bot.services.errors import QuizError
from bot.services.identity import Member
from bot.services.rules import rules_text
from bot.slack import blocks, learner_blocks, members, messages
from bot.slack.actions import (
    ANSWER_CHOICES,
    ANSWER_SUBMIT,
    SINGLE_PATTERN,
    AnswerTarget,
    BadActionValueError,
    selected_letters,
)
from bot.slack.actions import decode as decode_value
from bot.slack.blocks import Message, plain
from bot.slack.commands import Command, echo, parse
from bot.slack.dashboard import DashboardListeners
from bot.slack.exam import ExamListeners
from bot.slack.items import ITEM_COMMANDS, ItemListeners
from bot.slack.learner import LOOP_COMMANDS, LearnerListeners
from bot.slack.members import AdminCheck
from bot.slack.privacy import PrivacyListeners
from bot.slack.problems import ProblemReports
from bot.slack.study import StudyGuide
from bot.slack.uploads import upload_to_dm

log = logging.getLogger(__name__)
COMMAND = "/quiz"
GUIDE_COMMANDS = ("compare", "trap", "plan", "checklist", "examinfo", "examdate", "read")


def register(bolt: AsyncApp, services: App, admin_check: AdminCheck, *, command: str = COMMAND) -> None:
    listeners = Listeners(services, admin_check)
    # the answer listeners first: Bolt tries listeners in order, and answers are the morning burst
    bolt.action(SINGLE_PATTERN)(listeners.on_single_answer)
    bolt.action(ANSWER_SUBMIT)(listeners.on_submit)
    bolt.action(ANSWER_CHOICES)(listeners.on_tick)
    bolt.command(command)(listeners.on_command)
    listeners.exam.register(bolt)
    listeners.study.register(bolt)
    listeners.privacy.register(bolt)
    listeners.learner.register(bolt)
    listeners.dashboard.register(bolt)
    ProblemReports(services.practice).register(bolt)


class Listeners:
    def __init__(self, services: App, admin_check: AdminCheck) -> None:
        self.services = services
        self.admin_check = admin_check
        self.exam = ExamListeners(services.exam)
        self.study = StudyGuide(services)
        self.privacy = PrivacyListeners(services, admin_check)
        self.learner = LearnerListeners(services)
        self.items = ItemListeners(services)
        self.dashboard = DashboardListeners(services, admin_check)

    # -- /quiz ------------------------------------------------------------------------
    async def on_command(self, ack, body: dict, respond, client: AsyncWebClient) -> None:
        await ack()
        command = parse(body.get("text") or "")
        member = members.from_command(body)
        try:
            if command.needs_admin:
                member = replace(member, is_admin=await self.admin_check(client, member.user))
            channel = ChannelTarget(body["channel_id"], body.get("channel_name") or "")
            message = await self.run(command, member, channel, client)
        except Exception as error:
            message = messages.message_for(error, f"/quiz {command.name}")
        await reply(respond, message)
        if command.name == "stats" and command.action == "chart":
            await self.send_chart(client, respond, member)

    async def send_chart(self, client: AsyncWebClient, respond, member: Member) -> None:
        try:
            png = self.services.practice.stats_chart(member)
            if png is None:
                return  # nothing answered yet: the stats reply says so, and there is no chart
            await upload_to_dm(client, member.user, png, filename="quiz-stats.png", title="Your quiz stats")
        except QuizError as error:
            await reply(respond, messages.refusal_message(error))
        except Exception:
            log.exception("the stats chart could not be sent")
            await reply(respond, plain("The chart could not be sent this time; the numbers above are complete."))

    async def run(self, command: Command, member: Member, channel: ChannelTarget, client: AsyncWebClient) -> Message:
        practice, competition = self.services.practice, self.services.competition
        match command.name:
            case "practice":
                scope = command.args[0] if command.args else None
                return blocks.practice_question(practice.practice_question(member, scope))
            case "stats":
                return blocks.stats(practice.stats(member), chart_follows=command.action == "chart")
            case "leaderboard":
                scope, (period,) = command.action, command.args
                return blocks.leaderboard(
                    competition.leaderboard(member, scope, period, channel_id_on_platform=channel.external_id)
                )
            case "team":
                return self.team(command, member)
            case "daily":
                return await self.daily(command, member, channel)
            case "exam":
                return self.exam.command(command, member)
            case name if name in GUIDE_COMMANDS:
                return self.study.command(command, member)
            case "privacy":
                return await self.privacy.command(command, member, client)
            case name if name in LOOP_COMMANDS:
                return self.learner.command(command, member)
            case name if name in ITEM_COMMANDS:
                return self.items.command(command, member, channel)
            case "dashboard":
                return await self.dashboard.link_for(member, client)
            case "help":
                return blocks.help_message(rules_text())
            case _:
                return plain(command.problem)

    def team(self, command: Command, member: Member) -> Message:
        competition = self.services.competition
        match command.action:
            case "create":
                team = competition.create_team(member, command.args[0])
                moved = f" (you left {team.left})" if team.left else ""
                return plain(f"Team {team.name} created; you are in it{moved}.")
            case "join":
                team, left = competition.join_team(member, command.args[0])
                moved = f" (you left {left})" if left else ""
                return plain(f"You are in team {team.name} now{moved}; it has {team.members} member(s).")
            case "leave":
                return plain(f"You left team {competition.leave_team(member)}.")
            case "members":
                return learner_blocks.team_members(competition.team_members(member, *command.args))
            case "rename":
                return plain(f"The team is now called {competition.rename_team(member, *command.args).name}.")
            case "delete":
                deleted = competition.delete_team(member, command.args[0])
                return plain(f"Team {deleted.name} deleted; its members are in no team now.")
            case _:
                return blocks.teams(competition.list_teams(member))

    async def daily(self, command: Command, member: Member, channel: ChannelTarget) -> Message:
        daily, setup = self.services.daily, self.services.daily_setup
        match command.action:
            case "setup":
                return blocks.schedule(setup.configure(member, channel, **setup_arguments(command)))
            case "pause" | "resume":
                return blocks.schedule(setup.set_paused(member, channel, command.action == "pause"))
            case "post-now":
                post = await daily.post_now(member, channel)
                return plain(f"Posted the daily question for {post.local_date} here.")
            case "reveal-now":
                view = await daily.reveal_now(member, channel)
                return plain(f"Revealed the daily question of {view.local_date}.")
            case _:
                return blocks.schedule(setup.show(member, channel))

    # -- answers --------------------------------------------------------------------
    async def on_single_answer(self, ack, body: dict, action: dict, respond) -> None:
        await self.answer(ack, body, action, respond, lambda target, letter: [letter] if letter else [])

    async def on_submit(self, ack, body: dict, action: dict, respond) -> None:
        state = body.get("state") or {}
        await self.answer(ack, body, action, respond, lambda target, _letter: selected_letters(state, target))

    async def on_tick(self, ack) -> None:
        await ack()  # ticking a checkbox is not an answer yet; the Submit button is

    async def answer(self, ack, body: dict, action: dict, respond, letters_of) -> None:
        try:
            message = await self.answered(body, action, letters_of)
        finally:
            # only now, so that Slack's 200 means the answer is stored: Bolt returns it as soon as it sees the
            # acknowledgement, and an answer waits a few milliseconds for its group commit
            await ack()
        await reply(respond, message)

    async def answered(self, body: dict, action: dict, letters_of) -> Message:
        member = members.from_action(body)
        try:
            target, letter = decode_value(action.get("value") or "")
            return await self.record(member, target, letters_of(target, letter), on_message=message_of(body))
        except BadActionValueError:
            log.warning("ignoring an answer control with an unknown value")
            return plain(messages.GONE_CONTROL)
        except Exception as error:
            value = echo(str(action.get("value")))
            return messages.message_for(error, f"an answer of {member.user} in {member.workspace} to {value!r}")

    async def record(self, member: Member, target: AnswerTarget, letters: list[str], *, on_message: str) -> Message:
        if target.kind == "practice":
            return blocks.feedback(self.services.practice.answer_practice(member, target.id, letters))
        daily = self.services.daily
        return blocks.daily_answer(await daily.answer_with_others(member, target.id, letters, on_message=on_message))


def setup_arguments(command: Command) -> dict:
    local_time, timezone, *weekdays = command.args
    arguments: dict[str, str | int] = {
        "local_time": local_time,
        "timezone": timezone,
        "weekdays": weekdays[0] if weekdays else DEFAULT_WEEKDAYS,
    }
    if "open" in command.options:
        if not command.options["open"].isdigit():
            raise QuizError(f"open=HOURS takes a whole number of hours, {MIN_OPEN_HOURS} to {MAX_OPEN_HOURS}.")
        arguments["open_hours"] = int(command.options["open"])
    if "feedback" in command.options:
        arguments["feedback"] = command.options["feedback"]
    return arguments


def message_of(body: dict) -> str:
    """The message the pressed control is on, as the poster recorded it ('channel:ts'): Slack's own container
    of the action, never a value from the payload's controls."""
    container = body.get("container") or {}
    return f"{container.get('channel_id') or ''}:{container.get('message_ts') or ''}"


async def reply(respond, message: Message) -> None:
    """A private reply next to what the person did; the original message stays as it was."""
    await respond(text=message.text, blocks=message.blocks, response_type="ephemeral", replace_original=False)
