"""Who may run a use case: admins only where the service says so, checked once, before it starts."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, TypeVar, cast

from bot.services.errors import NotAllowedError
from bot.services.identity import Member

F = TypeVar("F", bound=Callable[..., Any])


def require_admin(member: Member) -> None:
    if not member.is_admin:
        raise NotAllowedError()


def admin_only(method: F) -> F:
    """A use case only admins may run: refused before it starts, and marked so that front ends can tell
    (`is_admin_only`) which of their commands need the platform's admin check."""

    @functools.wraps(method)
    def guarded(self, member: Member, *args, **kwargs):
        require_admin(member)
        return method(self, member, *args, **kwargs)

    guarded.admin_only = True  # type: ignore[attr-defined]
    return cast(F, guarded)


def is_admin_only(method: object) -> bool:
    return getattr(method, "admin_only", False)
