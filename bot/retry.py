"""Retrying a platform call with exponential backoff."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from typing import TypeVar

from bot.poster import ChannelUnavailableError

T = TypeVar("T")
log = logging.getLogger(__name__)


async def with_backoff(
    call: Callable[[], Awaitable[T]],
    *,
    attempts: int = 4,
    first_delay: float = 1.0,
    sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    what: str = "platform call",
) -> T:
    """Run `call`, retrying failures (not ChannelUnavailableError) after 1, 2, 4 ... seconds."""
    delay = first_delay
    for attempt in range(1, attempts + 1):
        try:
            return await call()
        except ChannelUnavailableError:
            raise
        except Exception as exc:
            if attempt == attempts:
                raise
            log.warning("%s failed (attempt %d of %d): %s; retrying in %.1fs", what, attempt, attempts, exc, delay)
            await sleep(delay)
            delay *= 2
    raise AssertionError("unreachable")
