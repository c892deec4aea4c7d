"""The terminal's text at 80 and 120 columns: no line wider than the terminal, no word cut in two, tables
aligned in terminal cells (an emoji team name included), colour only on a terminal."""

import io
import random
import re
from datetime import timedelta

import pytest
from rich.cells import cell_len

from bot.app import build_app
from bot.config import Settings
from bot.console import render
from bot.console.screen import fitted, show
from bot.services.display import BoardRow, LeaderboardView
from bot.services.identity import Member

WIDE = 10_000  # wide enough that nothing is broken: the words as written

ME = Member("console", "local", "ann", name="ann", workspace_name="this computer", is_admin=True)


@pytest.fixture(autouse=True)
def no_colour_overrides(monkeypatch):
    for name in ("FORCE_COLOR", "NO_COLOR", "TTY_COMPATIBLE", "TTY_INTERACTIVE"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def app(tmp_path):
    return build_app(Settings(db_path=tmp_path / "quiz.db"), rng=random.Random(16))


def _answer(app, view, right: bool):
    question = app.practice.context.bank.get(view.question_id)
    wrong = [*question.answer[:-1], next(x for x in question.letters if x not in question.answer)]
    return app.practice.answer_practice(ME, view.answers_to, list(question.answer) if right else wrong)


def _texts(app) -> dict[str, object]:
    """Each kind of text, as a function of nothing, so it can be rendered again at another width."""
    asked = app.practice.practice_question(ME, None)
    answered = _answer(app, asked, right=False)
    for number in range(6):
        _answer(app, app.practice.practice_question(ME, None), right=number % 2 == 0)
    exam = app.exam.start(ME, 15)
    app.exam.answer(ME, exam.exam_id, 1, "A")
    report = app.exam.submit(ME, exam.exam_id, confirmed=True)
    adaptive = app.practice.practice_question(ME, "OPS.MONITOR")
    second = app.exam.start(ME, 15)
    app.exam.flag(ME, second.exam_id, 1)
    open_item, open_status = app.exam.item(ME, second.exam_id, 1), app.exam.status(ME)
    abandoned = app.exam.abandon(ME, second.exam_id)
    app.guide.countdown.set(ME, (app.context.clock() + timedelta(days=20)).date().isoformat())
    board = LeaderboardView(
        title="Leaderboard of this computer",
        scope="team",
        period="all",
        season_label="2026-W49",
        rows=(
            BoardRow(1, "🚀🔥 Rocket Feature Store Fans", 30, "3 active members"),
            BoardRow(2, "Drift Detectives", 25.5, "2 active members"),
            BoardRow(3, "漢字チーム", 10, "1 active member", is_me=True),
        ),
        me=None,
        rule="Teams rank by points per active member; 10 points per correct daily answer.",
    )
    return {
        "question": lambda: render.question(asked, 1, 10),
        "feedback": lambda: render.feedback(answered),
        "stats": lambda: render.stats(app.practice.stats(ME)),
        "leaderboard": lambda: render.leaderboard(board),
        "exam report": lambda: render.exam_report(report),
        "plan": lambda: render.plan(app.guide.plan(ME)),
        "adaptive question": lambda: render.question(adaptive, 2, 10),
        "exam question": lambda: render.exam_item(open_item),
        "exam status": lambda: render.exam_status(open_status),
        "exam abandoned": lambda: render.exam_abandoned(abandoned),
        "checklist": lambda: render.checklist(app.guide.checklist(ME)),
        "countdown": lambda: render.countdown(app.guide.countdown.show(ME)),
        "reading": lambda: render.reading(app.guide.read("OPS.MONITOR.2")),
    }


def _at(columns: int, monkeypatch, make) -> str:
    monkeypatch.setenv("COLUMNS", str(columns))
    shown = io.StringIO()
    show(make(), shown)  # the CLI's output path, into a pipe
    return shown.getvalue()


def _one_unit(line: str) -> bool:
    """A line that is one word, or one `command` in backticks (with what is glued to it)."""
    return len(line.split()) == 1 or re.fullmatch(r"\s*\S*`[^`]*`\S*", line) is not None


@pytest.mark.parametrize("columns", [80, 120])
def test_every_text_fits_the_terminal_without_cutting_a_word(app, monkeypatch, columns):
    for kind, make in _texts(app).items():
        text = _at(columns, monkeypatch, make)
        for line in text.splitlines():
            # only a single word (a long URL) or a command to type may stand out, whole, on its own line
            assert cell_len(line) <= columns or _one_unit(line), f"{kind}: {line!r}"
        assert text.split() == _at(WIDE, monkeypatch, make).split(), f"{kind}: a word was cut at {columns}"
        assert "\x1b[" not in text  # no colour into a pipe


@pytest.mark.parametrize("columns", [80, 120])
def test_the_leaderboard_lines_up_an_emoji_team_name(app, monkeypatch, columns):
    text = _at(columns, monkeypatch, _texts(app)["leaderboard"])
    rows = [line for line in text.splitlines() if line.startswith("  ") and "active member" in line]
    assert len(rows) == 3
    # the points column ends in the same terminal cell on every row, whatever the name's characters
    points = zip(rows, ["30", "25.5", "10"], strict=True)
    ends = {cell_len(line[: line.index(figure) + len(figure)]) for line, figure in points}
    assert len(ends) == 1


def test_a_plain_string_built_with_wrap_fits_whichever_way_it_is_printed(monkeypatch):
    long = "The InferenceLog profile compares a model's inputs and predictions with a baseline table " * 4
    monkeypatch.setenv("COLUMNS", "80")
    built = render.wrap(long, "  ")
    assert all(len(line) <= 80 for line in built.splitlines())
    assert built.split() == long.split()
    shown = io.StringIO()
    show("Unwrapped: " + long, shown)  # a line no one wrapped is fitted on the way out
    assert all(len(line) <= 80 for line in shown.getvalue().splitlines())
    assert shown.getvalue().split() == ("Unwrapped: " + long).split()


def test_a_broken_list_item_continues_under_its_text_not_under_its_marker():
    item = "       - OPS.MONITOR.1: Use the drift metrics table's statistical tests on numeric and categorical data"
    lines = fitted(item, 60).splitlines()
    assert len(lines) > 1
    assert all(line.startswith(" " * 9) and line[9] != " " for line in lines[1:])
    numbered = fitted("  12. " + "word " * 30, 40).splitlines()
    assert all(line.startswith(" " * 6) and line[6] != " " for line in numbered[1:])


def test_colour_only_on_a_terminal(monkeypatch):
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    monkeypatch.setenv("TERM", "xterm-256color")
    on_terminal, in_pipe = Terminal(), io.StringIO()
    show("✘ Not quite. The answer is B.", on_terminal)
    show("✘ Not quite. The answer is B.", in_pipe)
    assert "\x1b[" in on_terminal.getvalue()
    assert in_pipe.getvalue() == "✘ Not quite. The answer is B.\n"
