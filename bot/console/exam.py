"""`quizbot exam`: a timed mock exam in the terminal, resumable, with flags and changeable answers."""

from __future__ import annotations

from typing import TextIO

from bot.console import render
from bot.console.screen import show
from bot.services.errors import QuizError
from bot.services.exam import ConfirmSubmitError, ExamService, ExamTimeUpError
from bot.services.identity import Member

HELP = (
    "Type letters to answer (A or A,C) · f flag/unflag · n next · p previous · g N go to question N · "
    "s status · submit · q save and quit (resume later with `quizbot exam`; give it up with "
    "`quizbot exam abandon`)"
)
SAVED = "Saved. Resume with `quizbot exam`; the clock keeps running."
INTERRUPTED = (
    "Interrupted: your exam is saved with every answer given so far. Resume with `quizbot exam` "
    "(the clock keeps running) or give it up with `quizbot exam abandon`."
)
EXIT_INTERRUPTED = 130  # as a shell reports a program stopped by Ctrl-C (128 + SIGINT)


def take_exam(
    exams: ExamService, member: Member, size: int, stdin: TextIO, stdout: TextIO, *, size_given: bool = False
) -> int:
    """Start (or resume) and take the exam; returns the exit code: 0, or 130 after Ctrl-C (nothing is lost:
    every answer was saved when it was typed)."""

    def say(text: str = "") -> None:
        show(text, stdout)

    try:
        _take(exams, member, size, size_given, stdin, stdout, say)
    except KeyboardInterrupt:
        say("\n" + INTERRUPTED)
        return EXIT_INTERRUPTED
    return 0


def _take(exams: ExamService, member: Member, size: int, size_given: bool, stdin: TextIO, stdout: TextIO, say) -> None:
    try:
        view = exams.resume(member)
        note = f"Resuming your exam in progress ({view.total} questions)."
        if size_given and size != view.total:
            note += f" --size {size} is for a new exam; this one is still open."
        say(note + " To give it up and start again: `quizbot exam abandon`.")
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
            line = _ask(stdin, stdout)
            if not line or line.strip().casefold() in ("q", "quit"):
                say("\n" + SAVED)
                return
            try:
                view = _apply(exams, member, view, line.strip(), stdin, stdout, say)
            except ExamTimeUpError:
                raise
            except QuizError as exc:
                say(render.refusal(exc))
            if view is None:
                return
    except ExamTimeUpError as up:
        say(str(up) + "\n" + render.exam_report(up.report))


def _ask(stdin: TextIO, stdout: TextIO) -> str:
    print("> ", end="", file=stdout, flush=True)
    return stdin.readline()


def _apply(exams: ExamService, member: Member, view, command: str, stdin: TextIO, stdout: TextIO, say):
    lowered = command.casefold()
    if lowered == "submit":
        try:
            report = exams.submit(member, view.exam_id)
        except ConfirmSubmitError as unsure:
            say(f"{unsure} Type y to submit now, anything else to go back to the exam.")
            if _ask(stdin, stdout).strip().casefold() not in ("y", "yes"):
                say("Not submitted; the exam goes on.")
                return view
            report = exams.submit(member, view.exam_id, confirmed=True)
        say(render.exam_report(report))
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
