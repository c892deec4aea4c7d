"""Start and memory: time from `quizbot run slack --http` to ready (its /healthz answers) with the full
bank, and the process's peak RSS then. The Slack Web API is a stub on 127.0.0.1, so no platform login
is timed. For scale, the same figures for a bare `python -c pass` are printed too.

`--quick` (CI smoke): one start, figures printed, no target checked.

Run: .venv/bin/python -m bench.startup [--runs 5] [--quick]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from aiohttp import web


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def peak_rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


async def stub_slack_api() -> tuple[web.AppRunner, str]:
    async def ok(request: web.Request) -> web.Response:
        return web.json_response({"ok": True, "user_id": "UBOT", "team_id": "T1", "bot_id": "B1"})

    app = web.Application()
    app.router.add_route("*", "/api/{method}", ok)
    runner = web.AppRunner(app)
    await runner.setup()
    port = free_port()
    await web.TCPSite(runner, "127.0.0.1", port).start()
    return runner, f"http://127.0.0.1:{port}/api/"


def one_start(api_url: str, db: Path) -> tuple[float, float]:
    port = free_port()
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith("QUIZBOT_")},
        "QUIZBOT_DB_PATH": str(db),
        "QUIZBOT_SLACK__BOT_TOKEN": "xoxb-bench",
        "QUIZBOT_SLACK__SIGNING_SECRET": "bench-secret",
        "QUIZBOT_SLACK__API_BASE_URL": api_url,
        "QUIZBOT_SLACK__HTTP_HOST": "127.0.0.1",
        "QUIZBOT_SLACK__HTTP_PORT": str(port),
    }
    started = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "-m", "bot.cli", "run", "slack", "--http"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        deadline = started + 30
        while time.perf_counter() < deadline:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=1) as reply:
                    if reply.status == 200:
                        return time.perf_counter() - started, peak_rss_mb(process.pid)
            except OSError:
                time.sleep(0.01)
        raise RuntimeError("the bot did not become ready: " + process.stderr.read1().decode(errors="replace"))
    finally:
        process.terminate()
        process.wait(timeout=10)


def bare_python() -> tuple[float, float]:
    started = time.perf_counter()
    process = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(0.2)"])
    time.sleep(0.1)
    rss = peak_rss_mb(process.pid)
    process.wait()
    return time.perf_counter() - started - 0.2, rss


async def main_async(runs: int) -> None:
    runner, api_url = await stub_slack_api()
    try:
        db = Path(tempfile.mkdtemp()) / "startup.db"
        starts = [await asyncio.to_thread(one_start, api_url, db) for _ in range(runs)]
    finally:
        await runner.cleanup()
    bare = [bare_python() for _ in range(runs)]
    ready = statistics.median(s for s, _ in starts)
    rss = max(r for _, r in starts)
    print(f"quizbot run slack --http: ready in {ready:.2f} s (median of {runs}), peak RSS {rss:.0f} MB")
    bare_start, bare_rss = statistics.median(b for b, _ in bare), max(r for _, r in bare)
    print(f"bare python:              start {bare_start:.2f} s, RSS {bare_rss:.0f} MB")
    print("targets: under 1 s and under 120 MB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--quick", action="store_true", help="CI smoke: one start")
    args = parser.parse_args()
    asyncio.run(main_async(1 if args.quick else args.runs))


if __name__ == "__main__":
    main()
