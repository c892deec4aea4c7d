"""Where to read: the documentation pages the bank's questions cite most for an objective, section or
domain, and the official free resources (questions/data/resources.yaml)."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from urllib.parse import urlsplit

from questions.models import Question
from questions.syllabus import load_yaml

RESOURCES_PATH = Path(__file__).parent / "data" / "resources.yaml"


@dataclass(frozen=True)
class Resource:
    title: str
    url: str
    what: str


@dataclass(frozen=True)
class CitedPage:
    url: str
    questions: int  # how many questions in the scope cite it


def most_cited(questions: Iterable[Question], limit: int) -> list[CitedPage]:
    """The pages the questions cite, most cited first (a page counts once per question), ties by address.
    Addresses of one page count together (see `page_key`); a page is shown by the address cited most."""
    counts: Counter[str] = Counter()
    addresses: dict[str, Counter[str]] = {}
    for question in questions:
        cited = {url.split("#", 1)[0] for url in question.references}
        for url in cited:
            addresses.setdefault(page_key(url), Counter())[url] += 1
        counts.update({page_key(url) for url in cited})
    shown = {key: min(found.items(), key=lambda kv: (-kv[1], kv[0]))[0] for key, found in addresses.items()}
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1], shown[kv[0]]))
    return [CitedPage(shown[key], n) for key, n in ranked[:limit]]


# docs.databricks.com/<cloud>/<language>/... and learn.microsoft.com/<locale>/... serve one page at many addresses
_SITE_PREFIX = {
    "docs.databricks.com": re.compile(r"^/(?:(?:aws|gcp|azure)/)?(?:[a-z]{2}/)?"),
    "learn.microsoft.com": re.compile(r"^/(?:[a-z]{2}-[a-z]{2}/)?"),
}


def page_key(url: str) -> str:
    """One key for the addresses of one page: no #fragment, no trailing / or .html, and on the Databricks and
    Microsoft docs sites no cloud or language prefix."""
    parts = urlsplit(url)
    path = parts.path.rstrip("/").removesuffix(".html")
    prefix = _SITE_PREFIX.get(parts.netloc)
    if prefix is not None:
        path = prefix.sub("/", path, count=1)
    return f"{parts.netloc}{path}"


@cache
def load_resources(path: Path = RESOURCES_PATH) -> tuple[Resource, ...]:
    entries = load_yaml(path)
    if not isinstance(entries, list):
        raise ValueError(f"{path}: a list of resources is expected")
    resources = []
    for entry in entries:
        resource = Resource(**{key: str(entry[key]).strip() for key in ("title", "url", "what")})
        if not resource.url.startswith("https://"):
            raise ValueError(f"{path}: {resource.title}: the address must be https")
        resources.append(resource)
    return tuple(resources)
