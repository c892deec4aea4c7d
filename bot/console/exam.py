"""`quizbot exam`: a timed mock exam in the terminal, resumable, with flags and changeable answers."""

from __future__ import annotations

from typing import TextIO

from bot.console import render
from bot.console.screen import show
from bot.services.errors import QuizError
from bot.services.exam import ExamService, ExamTimeUpError
from bot.services.identity import Member

HELP = (
    "Type letters to answer (A or A,C) · f flag/unflag · n next · p previous · g N go to question N · "
    "s status · submit · q save and quit (resume later with `quizbot exam`)"
)


def take_exam(exams: ExamService, member: Member, size: int, stdin: TextIO, stdout: TextIO) -> None:
    def say(text: str = "") -> None:
        show(text, stdout)

    try:
        view = exams.resume(member)
        say(f"Resuming your exam in progress ({view.total} questions).")
    except ExamTimeUpError as up:
        say(str(up) + "\n" + render.exam_report(up.report))
        return
    except QuizError:
        view = exams.start(member, size)
        say(
            f"Mock exam: {view.total} questions, {exams.minutes_for(view.total)} minutes. The clock runs on the server."
        )
    say(HELP)
    try:
        while True:
            say("\n" + render.exam_item(view))
            print("> ", end="", file=stdout, flush=True)
            line = stdin.readline()
            if not line or line.strip().casefold() in ("q", "quit"):
                say("\nSaved. Resume with `quizbot exam`; the clock keeps running.")
                return
            command = line.strip()
            try:
                view = _apply(exams, member, view, command, say)
            except ExamTimeUpError:
                raise
            except QuizError as exc:
                say(render.refusal(exc))
            if view is None:
                return
    except ExamTimeUpError as up:
        say(str(up) + "\n" + render.exam_report(up.report))


def _apply(exams: ExamService, member: Member, view, command: str, say):
    lowered = command.casefold()
    if lowered == "submit":
        say(render.exam_report(exams.submit(member, view.exam_id)))
        return None
    if lowered in ("n", "next"):
        return exams.item(member, view.exam_id, min(view.position + 1, view.total))
    if lowered in ("p", "prev", "previous"):
        return exams.item(member, view.exam_id, max(view.position - 1, 1))
    if lowered.startswith("g"):
        number = lowered[1:].strip()
        if not number.isdigit():
            raise QuizError("write g and a question number, e.g. g 12")
        return exams.item(member, view.exam_id, int(number))
    if lowered in ("f", "flag"):
        return exams.flag(member, view.exam_id, view.position, not view.flagged)
    if lowered in ("s", "status"):
        say(render.exam_status(exams.status(member)))
        return view
    if lowered in ("h", "help", "?"):
        say(HELP)
        return view
    return exams.answer(member, view.exam_id, view.position, command)
