"""Retrying a platform call with exponential backoff."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from typing import TypeVar

from bot.services.poster import ChannelUnavailableError, PostUncertainError, describe_failure

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
    """Run `call`, retrying failures after 1, 2, 4 ... seconds; not a refusal (ChannelUnavailableError) and
    not a call that may have landed (PostUncertainError), which a retry could show twice."""
    delay = first_delay
    for attempt in range(1, attempts + 1):
        try:
            return await call()
        except (ChannelUnavailableError, PostUncertainError):
            raise
        except Exception as exc:
            if attempt == attempts:
                raise
            log.warning(
                "%s failed (attempt %d of %d): %s; retrying in %.1fs",
                what,
                attempt,
                attempts,
                describe_failure(exc),
                delay,
            )
            await sleep(delay)
            delay *= 2
    raise AssertionError("unreachable")
