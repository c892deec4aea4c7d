"""Small helpers around slack_sdk's Web API client shared by the listeners and the poster."""

from __future__ import annotations

from slack_sdk.errors import SlackApiError
from slack_sdk.http_retry.builtin_async_handlers import AsyncRateLimitErrorRetryHandler

RATE_LIMIT_RETRIES = 3
# The poster posts one message at a time per workspace and waits out every 429 (Slack did not
# process those calls), so a fan-out queues up behind the limit rather than giving up.
POSTER_RATE_LIMIT_RETRIES = 120


def rate_limit_retries(count: int = RATE_LIMIT_RETRIES) -> list:
    """Retry HTTP 429 after Slack's Retry-After delay; Slack did not process those calls, so it cannot double-post.

    slack_sdk's default connection-error retry is left out on purpose: a broken connection may come after
    the message was posted."""
    return [AsyncRateLimitErrorRetryHandler(max_retry_count=count)]


def api_error(exc: SlackApiError) -> str:
    """The Web API's error code, also when the answer was not JSON (a proxy's page, a 405)."""
    data = exc.response.data
    if isinstance(data, dict):
        return str(data.get("error") or "")
    return f"http_{exc.response.status_code}"
