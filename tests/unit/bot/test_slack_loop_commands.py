"""The `/quiz` words of the learner's loop, parsed (no Slack needed: the parser is pure)."""

import pytest

from bot.slack.commands import Command, parse


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("review", Command("review", "newest")),
        ("review OBJECTIVE", Command("review", "objective")),
        ("history", Command("history")),
        ("search drift  metrics", Command("search", "", ("drift metrics",))),
        ("search all drift", Command("search", "all", ("drift",))),
        ("id:md-a-001,md-b-002", Command("ids", args=("md-a-001,md-b-002",))),
        ("ids md-a-001 md-b-002", Command("ids", args=("md-a-001 md-b-002",))),
        ("exam result", Command("exam-result")),
        ("exam report 12", Command("exam-result", args=("12",))),
        ("team members", Command("team", "members")),
        ("team rename Blue Owls to Night Hawks", Command("team", "rename", ("Blue Owls", "Night Hawks"))),
        ("team delete Blue Owls", Command("team", "delete", ("Blue Owls",))),
    ],
)
def test_loop_commands_parse(text, expected):
    assert parse(text) == expected


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("review sideways", "/quiz review [newest|objective]"),
        ("search", "/quiz search WORDS"),
        ("search all", "/quiz search WORDS"),
        ("id:", "/quiz id:ID,ID"),
        ("exam result twelve", "/quiz exam result [NUMBER]"),
        ("team rename Blue Owls", "team rename OLD NAME to NEW NAME"),
        ("team delete", "/quiz team delete NAME"),
    ],
)
def test_loop_commands_explain_their_usage(text, problem):
    command = parse(text)
    assert command.name == "usage" and problem in command.problem


def test_admin_only_words_ask_slack_who_is_an_admin():
    assert parse("search all drift").needs_admin and parse("team rename A to B").needs_admin
    assert parse("team delete A").needs_admin
    assert not parse("search drift").needs_admin and not parse("team members").needs_admin
