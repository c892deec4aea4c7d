"""Where the terminal's text goes. rich measures the terminal (its width, whether it is one at all), colours
the verdicts, links and commands on a terminal only, and prints plain text into a pipe or a file. Lines are
broken at spaces to the terminal's width, never inside a word: a word wider than the screen (a long URL)
keeps a line of its own rather than being cut, as does a `command` to type."""

from __future__ import annotations

import re
import sys
from typing import TextIO

from rich.cells import cell_len
from rich.console import Console
from rich.highlighter import RegexHighlighter
from rich.theme import Theme

NARROWEST = 30  # below this, breaking lines helps no one: text is laid out as if the screen were this wide


class _Highlights(RegexHighlighter):
    base_style = "quiz."
    highlights = [  # noqa: RUF012 (rich reads this class attribute)
        r"(?P<good>✔ Correct\.|\bPASS\b)",
        r"(?P<bad>✘ Not quite\.|\bFAIL\b)",
        r"(?P<link>https?://\S+)",
        r"(?P<command>`[^`\n]+`)",
        r"(?P<heading>^(Question|Q) \d+/\d+\b[^\n]*)",
    ]


_THEME = Theme(
    {
        "quiz.good": "bold green",
        "quiz.bad": "bold red",
        "quiz.link": "underline blue",
        "quiz.command": "cyan",
        "quiz.heading": "bold",
    }
)


def console(stream: TextIO | None = None) -> Console:
    """A rich console over `stream` (stdout by default): colour only when it is a terminal."""
    return Console(
        file=stream or sys.stdout,
        theme=_THEME,
        highlighter=_Highlights(),
        markup=False,
        emoji=False,
        soft_wrap=True,  # lines are already broken by fit(); rich must neither break nor crop them again
    )


def width(stream: TextIO | None = None) -> int:
    """The terminal's width in cells (COLUMNS when set; 80 when there is no terminal to ask)."""
    return max(console(stream).width, NARROWEST)


# A command in backticks is one token, so that what is shown to be typed stays on one line, whole.
_TOKEN = re.compile(r"\S*`[^`\n]*`\S*|\S+|\s+")


def fit(line: str, columns: int, indent: str | None = None) -> list[str]:
    """One line broken at spaces into lines of at most `columns` cells. A line that fits is kept as it is
    (aligned columns stay aligned); the lines a long one breaks into start with `indent` (by default the
    line's own leading spaces, widened for a list item so that its text, not its "- " or "1. ", lines
    up). A single word, or a `command` in backticks, wider than `columns` stays whole on a line of its
    own."""
    if cell_len(line) <= columns:
        return [line]
    lead = _hanging_indent(line) if indent is None else indent
    body = line[len(line) - len(line.lstrip(" ")) :]
    lines: list[str] = []
    current = line[: len(line) - len(body)]
    gap = ""
    for token in re.findall(_TOKEN, body):
        if token.isspace():
            gap = token
            continue
        if current.strip() and cell_len(current + gap + token) > columns:
            lines.append(current)
            current = lead + token
        else:
            current += gap + token
        gap = ""
    lines.append(current)
    return lines


_LIST_ITEM = re.compile(r"( *)((?:[-*•]|\d+[.)]) +)\S")


def _hanging_indent(line: str) -> str:
    item = _LIST_ITEM.match(line)
    if item:
        return " " * (len(item.group(1)) + len(item.group(2)))
    return line[: len(line) - len(line.lstrip(" "))]


def fitted(text: str, columns: int) -> str:
    """Every line of `text` fitted to `columns` cells."""
    return "\n".join(piece for line in text.split("\n") for piece in fit(line.rstrip(), columns))


def show(text: str, stream: TextIO | None = None) -> None:
    """Print a rendered text: fitted to the terminal's width, coloured on a terminal, plain elsewhere."""
    out = console(stream)
    out.print(fitted(text, max(out.width, NARROWEST)), crop=False, overflow="ignore")
