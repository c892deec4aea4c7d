"""`/quiz bank flagged|stats ID|keep ID` and `/quiz reports [all]|show N|resolve N NOTE` for admins: one
service call each, rendered as blocks."""

from __future__ import annotations

from bot.app import App
from bot.services.context import ChannelTarget
from bot.services.identity import Member
from bot.slack import items_blocks
from bot.slack.blocks import Message, plain
from bot.slack.commands import Command

ITEM_COMMANDS = ("bank", "reports")


class ItemListeners:
    def __init__(self, services: App) -> None:
        self.services = services

    def command(self, command: Command, member: Member, channel: ChannelTarget) -> Message:
        items = self.services.items
        match command.name, command.action:
            case "bank", "stats":
                return items_blocks.item(items.question(member, command.args[0]))
            case "bank", "keep":
                view = items.keep(member, command.args[0])
                return items_blocks.item(view, f"`{view.question_id}` reviewed and kept")
            case "bank", "digest":
                setting = items.set_digest(member, channel, command.args[0] == "here")
                if setting.on:
                    return plain(f"The weekly item digest will be posted in #{setting.channel}, {setting.when}.")
                return plain("The weekly item digest is stopped.")
            case "bank", _:
                return items_blocks.flagged(items.flagged(member))
            case "reports", "show":
                return items_blocks.report(items.report(member, command.args[0]))
            case "reports", "resolve":
                return items_blocks.report(items.resolve(member, *command.args), done="Resolved. ")
            case _:
                return items_blocks.reports(items.reports(member, include_resolved=command.action == "all"))
