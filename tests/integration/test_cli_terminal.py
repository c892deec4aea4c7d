"""`quizbot` on a real terminal (a pseudo-terminal of 80 columns): coloured, and fitted to the terminal's own
width; the same command into a pipe is plain text."""

import fcntl
import os
import pty
import re
import struct
import subprocess
import sys
import termios

from tests.integration.test_cli import quizbot

ANSI = re.compile(r"\x1b\[[0-9;]*m")


def on_a_terminal(*args: str, columns: int) -> str:
    primary, secondary = pty.openpty()
    fcntl.ioctl(secondary, termios.TIOCSWINSZ, struct.pack("HHHH", 24, columns, 0, 0))
    env = {k: v for k, v in os.environ.items() if not k.startswith("QUIZBOT_")}
    for name in ("COLUMNS", "FORCE_COLOR", "NO_COLOR", "TTY_COMPATIBLE", "TTY_INTERACTIVE"):
        env.pop(name, None)
    env["TERM"] = "xterm-256color"
    process = subprocess.Popen(
        [sys.executable, "-m", "bot.cli", *args], stdin=subprocess.DEVNULL, stdout=secondary, env=env
    )
    os.close(secondary)
    output = b""
    while True:
        try:
            chunk = os.read(primary, 65536)
        except OSError:  # the terminal closes when the process ends
            break
        if not chunk:
            break
        output += chunk
    os.close(primary)
    assert process.wait(timeout=60) == 0
    return output.decode().replace("\r\n", "\n")


def test_colour_and_the_terminals_own_width_on_a_terminal_plain_text_in_a_pipe():
    shown = on_a_terminal("compare", "blue", "green", columns=80)
    assert ANSI.search(shown)  # the links are coloured
    for line in ANSI.sub("", shown).splitlines():
        assert len(line) <= 80 or len(line.split()) == 1, line
    piped = quizbot("compare", "blue", "green")
    assert piped.returncode == 0 and "\x1b[" not in piped.stdout
    assert ANSI.sub("", shown).split() == piped.stdout.split()
