"""Slack gets its HTTP response the moment a listener acknowledges, and the listener goes on after it.

That is what Bolt does by default too, but by polling: it starts the listener as a task and looks every
10 ms whether `ack()` has been called. Each look wakes the whole request's chain of coroutines, and the
quiz bot acknowledges an answer only once the answer is committed, a few milliseconds in: during a
morning burst the polling was a twentieth of the bot's work, and it rounds every response up to the
next 10 ms. `OnAckApp` runs Bolt in its process-before-response mode (Bolt awaits the listener itself)
and registers every listener wrapped in `answered_on_ack`, which hands Bolt back control as soon as the
listener acknowledges (or ends, or ACK_WAIT_SECONDS pass, as Bolt's own wait), leaving the rest of the
listener running: the reply, the slow work after the acknowledgement."""

from __future__ import annotations

import asyncio
import functools
import logging
from collections.abc import Callable, Coroutine
from typing import Any

from slack_bolt.async_app import AsyncApp

ACK_WAIT_SECONDS = 3  # Bolt's ack_timeout: Slack gives up on a response after three seconds
log = logging.getLogger(__name__)
Listener = Callable[..., Coroutine[Any, Any, Any]]


class OnAckApp(AsyncApp):
    """Bolt's AsyncApp whose action, command, view and event listeners answer Slack on acknowledgement."""

    def __init__(self, **options: Any) -> None:
        super().__init__(process_before_response=True, **options)
        self.after_ack: set[asyncio.Task] = set()  # listeners still running after their acknowledgement

    def action(self, constraints, matchers=None, middleware=None):  # type: ignore[override]
        return self._wrapping(super().action(constraints, matchers, middleware))

    def command(self, command, matchers=None, middleware=None):  # type: ignore[override]
        return self._wrapping(super().command(command, matchers, middleware))

    def view(self, constraints, matchers=None, middleware=None):  # type: ignore[override]
        return self._wrapping(super().view(constraints, matchers, middleware))

    def event(self, event, matchers=None, middleware=None):  # type: ignore[override]
        return self._wrapping(super().event(event, matchers, middleware))

    def _wrapping(self, register: Callable[..., Any]) -> Callable[[Listener], Any]:
        return lambda listener: register(answered_on_ack(listener, self.after_ack))


def answered_on_ack(listener: Listener, after_ack: set[asyncio.Task]) -> Listener:
    """The listener, returning to Bolt once it has acknowledged; what it does afterwards runs on in a task
    kept in `after_ack` until it ends. Bolt passes arguments by the names the listener declares (it reads
    them through functools.wraps), so the wrapper takes whatever the listener takes."""

    @functools.wraps(listener)
    async def until_acknowledged(**arguments: Any) -> Any:
        loop = asyncio.get_running_loop()
        ack = arguments.get("ack")
        if ack is None:  # an event listener: Bolt acknowledges it itself once this returns
            _run_on(loop.create_task(listener(**arguments)), after_ack)
            return None
        acknowledged: asyncio.Future[None] = loop.create_future()

        def release(*_: object) -> None:
            if not acknowledged.done():
                acknowledged.set_result(None)

        async def ack_and_release(*args: Any, **kwargs: Any) -> Any:
            try:
                return await ack(*args, **kwargs)
            finally:
                release()

        arguments["ack"] = ack_and_release  # Bolt builds these keyword arguments afresh for each call
        work: asyncio.Task = loop.create_task(listener(**arguments))
        work.add_done_callback(release)
        give_up = loop.call_later(ACK_WAIT_SECONDS, release)
        try:
            await acknowledged
        finally:
            give_up.cancel()
        if work.done():
            return work.result()  # an error before the acknowledgement is Bolt's to answer (HTTP 500)
        _run_on(work, after_ack)
        return None

    return until_acknowledged


def _run_on(task: asyncio.Task, after_ack: set[asyncio.Task]) -> None:
    after_ack.add(task)  # the loop keeps only a weak reference to a task

    def finished(_: asyncio.Task) -> None:
        after_ack.discard(task)
        if not task.cancelled() and task.exception() is not None:
            log.error("a Slack listener failed after acknowledging", exc_info=task.exception())

    task.add_done_callback(finished)
