"""Study-guide content: concept comparisons and exam traps, validated like the bank."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, ValidationInfo, field_validator

from questions.bank import BankError, Problem, problems_from
from questions.models import ID_PATTERN, require_https
from questions.syllabus import Syllabus, load_syllabus, load_yaml

GUIDE_DIR = Path(__file__).parent / "guide"


def _known_objectives(value: tuple[str, ...], info: ValidationInfo) -> tuple[str, ...]:
    syllabus = (info.context or {}).get("syllabus")
    for objective_id in value:
        if syllabus is not None and not syllabus.has_objective(objective_id):
            raise ValueError(f"objective {objective_id!r} is not in the syllabus")
    return value


class Side(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    name: str = Field(min_length=1)
    use_when: str = Field(min_length=10)


class Comparison(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    id: str = Field(pattern=ID_PATTERN)
    verified: date
    title: str = Field(min_length=5)
    objectives: tuple[str, ...] = Field(min_length=1)
    sides: tuple[Side, ...] = Field(min_length=2, max_length=3)
    deciding_constraint: str = Field(min_length=10)
    trap: str = Field(min_length=10)
    references: tuple[str, ...] = Field(min_length=1)

    _objectives_known = field_validator("objectives")(_known_objectives)
    _links = field_validator("references")(require_https)


class Trap(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    id: str = Field(pattern=ID_PATTERN)
    verified: date
    section: str
    objectives: tuple[str, ...] = ()
    trap: str = Field(min_length=10)
    tip: str = Field(min_length=10)
    references: tuple[str, ...] = Field(min_length=1)

    _objectives_known = field_validator("objectives")(_known_objectives)
    _links = field_validator("references")(require_https)

    @field_validator("section")
    @classmethod
    def _known_section(cls, value: str, info: ValidationInfo) -> str:
        syllabus = (info.context or {}).get("syllabus")
        if syllabus is not None and value not in {s.id for s in syllabus.sections}:
            raise ValueError(f"section {value!r} is not in the syllabus")
        return value


class Guide:
    def __init__(self, comparisons: list[Comparison], traps: list[Trap], syllabus: Syllabus) -> None:
        self.comparisons = tuple(comparisons)
        self.traps = tuple(traps)
        self.syllabus = syllabus

    def find(self, query: str) -> list[Comparison]:
        """Comparisons whose id or title contains every word of the query (case-insensitive)."""
        words = query.casefold().replace("-", " ").split()
        return [
            c for c in self.comparisons if all(w in f"{c.id} {c.title}".casefold().replace("-", " ") for w in words)
        ]

    def for_section(self, section_id: str) -> list[Comparison]:
        return [c for c in self.comparisons if any(self.syllabus.section_of(o).id == section_id for o in c.objectives)]

    def traps_for(self, section_id: str | None) -> list[Trap]:
        return [t for t in self.traps if section_id is None or t.section == section_id]


def load_guide(directory: Path = GUIDE_DIR, syllabus: Syllabus | None = None) -> Guide:
    syllabus = syllabus or load_syllabus()
    problems: list[Problem] = []
    loaded: dict[str, list] = {"comparisons": [], "traps": []}
    for key, model in (("comparisons", Comparison), ("traps", Trap)):
        path = directory / f"{key}.yaml"
        try:
            data = load_yaml(path)
        except FileNotFoundError:
            problems.append(Problem(path.name, "-", "-", "file missing"))
            continue
        except yaml.YAMLError as exc:
            problems.append(Problem(path.name, "-", "(YAML syntax)", str(exc).replace("\n", " ")))
            continue
        items = data.get(key) if isinstance(data, dict) else None
        if not isinstance(items, list):
            problems.append(Problem(path.name, "-", key, f"the file must hold a mapping with a '{key}:' list"))
            continue
        seen: set[str] = set()
        for position, raw in enumerate(items, start=1):
            label = str(raw.get("id")) if isinstance(raw, dict) and raw.get("id") else f"#{position} (no id)"
            try:
                item = model.model_validate(raw, context={"syllabus": syllabus})
            except ValidationError as exc:
                problems.extend(problems_from(exc, path.name, label))
                continue
            if item.id in seen:
                problems.append(Problem(path.name, item.id, "id", "duplicate id"))
                continue
            if isinstance(item, Trap) and any(syllabus.section_of(o).id != item.section for o in item.objectives):
                problems.append(Problem(path.name, item.id, "objectives", f"an objective is not in {item.section}"))
                continue
            seen.add(item.id)
            loaded[key].append(item)
    if problems:
        raise BankError(problems)
    return Guide(loaded["comparisons"], loaded["traps"], syllabus)
