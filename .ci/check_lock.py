"""Reproducible images: requirements.lock pins every dependency pyproject.toml names, at a version its range
allows; the Dockerfile installs from the lock, on the Python minor version CI tests with. Exit 1 with the
reason otherwise. Run by .ci/run (regenerate the lock with the command in its first lines)."""

from __future__ import annotations

import re
import sys
import tomllib
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parent.parent


def pins(lock: str) -> dict[str, str]:
    found = {}
    for line in lock.splitlines():
        match = re.match(r"^([A-Za-z0-9_.\-\[\]]+)==([^\s;]+)", line)
        if match:
            found[canonicalize_name(match.group(1).split("[")[0])] = match.group(2)
    return found


def problems() -> list[str]:
    wanted = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["dependencies"]
    pinned = pins((ROOT / "requirements.lock").read_text())
    found = []
    for text in wanted:
        requirement = Requirement(text)
        version = pinned.get(canonicalize_name(requirement.name))
        if version is None:
            found.append(f"{requirement.name} is in pyproject.toml but not pinned in requirements.lock")
        elif not requirement.specifier.contains(version, prereleases=True):
            found.append(f"requirements.lock pins {requirement.name}=={version}, outside {requirement.specifier}")
    dockerfile = (ROOT / "Dockerfile").read_text()
    image = re.search(r"^FROM python:(\d+\.\d+)", dockerfile, re.MULTILINE)
    tested = f"{sys.version_info.major}.{sys.version_info.minor}"
    if image is None or image.group(1) != tested:
        found.append(f"the Dockerfile's Python ({image.group(1) if image else '?'}) is not the one CI tests ({tested})")
    if "requirements.lock" not in dockerfile:
        found.append("the Dockerfile does not install from requirements.lock")
    return found


if __name__ == "__main__":
    trouble = problems()
    for line in trouble:
        print(f"lock check: {line}", file=sys.stderr)
    sys.exit(1 if trouble else 0)
