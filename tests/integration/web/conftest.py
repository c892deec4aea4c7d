"""The dashboard served for real on 127.0.0.1 (its own thread and event loop) over a seeded SQLite file, and
Debian's Chromium driven by Playwright."""

from __future__ import annotations

import asyncio
import random
import shutil
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from bot.app import App, build_app
from bot.config import Settings
from bot.web.context import RateLimiter
from bot.web.server import build_web
from tests.conftest import FakeClock
from tests.integration.web.seed import Seeded, seed

CHROMIUM = "/usr/bin/chromium"
SCREENSHOTS = Path(__file__).resolve().parents[3] / "docs" / "screenshots"


@dataclass
class Site:
    url: str
    app: App
    seeded: Seeded
    limiter: RateLimiter

    def link(self, member) -> str:
        return self.app.web_access.link(member)


class ServerThread(threading.Thread):
    def __init__(self, app: App, limiter: RateLimiter) -> None:
        super().__init__(daemon=True)
        self.app, self.limiter = app, limiter
        self.ready = threading.Event()
        self.port = 0

    def run(self) -> None:
        from aiohttp import web

        self.loop = asyncio.new_event_loop()
        asyncio.set_event_loop(self.loop)
        self.runner = web.AppRunner(build_web(self.app, limiter=self.limiter))
        self.loop.run_until_complete(self.runner.setup())
        site = web.TCPSite(self.runner, "127.0.0.1", 0)
        self.loop.run_until_complete(site.start())
        self.port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
        self.ready.set()
        self.loop.run_forever()
        self.loop.run_until_complete(self.runner.cleanup())
        self.loop.close()

    def stop(self) -> None:
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.join(10)


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Iterator[Site]:
    path = tmp_path_factory.mktemp("web") / "quiz.db"
    clock = FakeClock()
    app = build_app(Settings(db_path=path), clock=clock, rng=random.Random(11), retry_delay=0)
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(1) as worker:  # a thread of its own: Playwright's sync API may own this one's loop
        seeded = worker.submit(seed, app, clock).result()
    limiter = RateLimiter(limit=1000)
    server = ServerThread(app, limiter)
    server.start()
    assert server.ready.wait(10)
    url = f"http://127.0.0.1:{server.port}"
    app.web_access.base_url = url
    yield Site(url, app, seeded, limiter)
    server.stop()


@pytest.fixture(scope="module")  # module: Playwright's sync API holds an event loop while it runs
def browser():
    if shutil.which(CHROMIUM) is None and not Path(CHROMIUM).exists():
        pytest.skip(f"no Chromium at {CHROMIUM} (.ci/run installs it: apt-get install -y chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    yield tab
    context.close()


@pytest.fixture
def phone(browser):
    context = browser.new_context(viewport={"width": 390, "height": 844}, device_scale_factor=1, is_mobile=True)
    tab = context.new_page()
    yield tab
    context.close()


def sign_in(page, link: str) -> None:
    page.goto(link)
    page.get_by_role("button", name="Open my dashboard").click()
    page.wait_for_url("**/me")


def screenshot(page, name: str, max_height: int = 2400) -> None:
    """The page as shown, from the top, at most `max_height` pixels long (long pages are cut)."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    size = page.viewport_size or {"width": 1280, "height": 900}
    height = min(max_height, page.evaluate("document.documentElement.scrollHeight"))
    clip = {"x": 0, "y": 0, "width": size["width"], "height": height}
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True, clip=clip)
