"""Backend-neutral identities: the service never sees a platform's own member or payload objects."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Member:
    platform: str  # 'discord' | 'slack' | 'console'
    workspace: str  # guild id / team id / 'local'
    user: str  # the platform's user id
    name: str = ""
    workspace_name: str = ""
    is_admin: bool = False  # the adapter asks the platform (Manage Server, workspace admin)
