"""`quizbot web` from a terminal with no chat platform: it prints a one-time link and serves; opening the link
in a browser shows the Me page."""

from __future__ import annotations

import socket

from click.testing import CliRunner

from bot.cli import main
from tests.integration.test_cli import started_quizbot


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_link_only_prints_a_one_time_link_to_this_machine(tmp_path):
    result = CliRunner().invoke(
        main, ["web", "--link-only", "--port", "8123", "--db", str(tmp_path / "q.db"), "--user", "tess"], env={}
    )

    assert result.exit_code == 0, result.output
    link = result.output.strip().splitlines()[-1]
    assert link.startswith("http://127.0.0.1:8123/signin/") and len(link.rsplit("/", 1)[1]) >= 40


def test_quizbot_web_prints_a_link_that_opens_the_me_page(tmp_path, browser):
    port = free_port()
    process = started_quizbot(
        "web", "--port", str(port), "--db", str(tmp_path / "q.db"), "--user", "tess", cwd=tmp_path
    )
    try:
        assert process.stdout is not None
        lines = [process.stdout.readline() for _ in range(3)]
        link = next(line.strip() for line in lines if "/signin/" in line)
        page = browser.new_page()
        for _ in range(50):  # the server may still be starting
            try:
                page.goto(link)
                break
            except Exception:
                page.wait_for_timeout(100)
        page.get_by_role("button", name="Open my dashboard").click()
        page.wait_for_url("**/me")
        assert page.get_by_role("heading", level=1).inner_text() == "tess: where you stand"
        assert "Too little data" in page.locator(".band").inner_text()
        page.close()
    finally:
        process.terminate()
        _, errors = process.communicate(timeout=10)
    assert process.returncode == 0, errors
    assert link.rsplit("/", 1)[1] not in errors  # the access log names no token
