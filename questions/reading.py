"""Where to read: the documentation pages the bank's questions cite most for an objective, section or
domain, and the official free resources (questions/data/resources.yaml)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

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
    """The pages the questions cite, most cited first (a page counts once per question), ties by address."""
    counts = Counter(url for q in questions for url in dict.fromkeys(q.references))
    return [CitedPage(url, n) for url, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:limit]]


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
