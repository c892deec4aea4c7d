"""The exam syllabus (domains, sections, objectives, blueprint) read from data/syllabus.yaml."""

from __future__ import annotations

from functools import cache, cached_property
from pathlib import Path

import yaml
from pydantic import BaseModel, Field, model_validator

SYLLABUS_PATH = Path(__file__).parent / "data" / "syllabus.yaml"
# libyaml's loader parses the bank about fifteen times faster than the pure-Python one
SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_yaml(path: Path):
    return yaml.load(path.read_text(encoding="utf-8"), Loader=SafeLoader)


class Objective(BaseModel):
    id: str
    tier: int = Field(ge=1, le=3)
    text: str


class Section(BaseModel):
    id: str
    name: str
    objectives: list[Objective]


class Domain(BaseModel):
    id: str
    name: str
    weight: int = Field(gt=0, le=100)
    sections: list[Section]


class ExamFacts(BaseModel):
    name: str
    guide_date: str
    questions: int
    minutes: int
    pass_percent: int
    question_types: list[str]
    penalty_for_wrong: bool
    cost_usd: int
    validity_years: int
    code_language: str
    registration_url: str
    notes: str = ""


class Syllabus(BaseModel):
    exam: ExamFacts
    domains: list[Domain]

    @model_validator(mode="after")
    def _weights_and_ids(self) -> Syllabus:
        total = sum(d.weight for d in self.domains)
        if total != 100:
            raise ValueError(f"domain weights add up to {total}, not 100")
        ids = [o.id for d in self.domains for s in d.sections for o in s.objectives]
        if len(ids) != len(set(ids)):
            raise ValueError("objective ids are not unique")
        return self

    @property
    def sections(self) -> list[Section]:
        return [s for d in self.domains for s in d.sections]

    @property
    def objectives(self) -> list[Objective]:
        return [o for s in self.sections for o in s.objectives]

    def domain(self, domain_id: str) -> Domain:
        for d in self.domains:
            if d.id == domain_id:
                return d
        raise KeyError(domain_id)

    def section(self, section_id: str) -> Section:
        for s in self.sections:
            if s.id == section_id:
                return s
        raise KeyError(section_id)

    def objective(self, objective_id: str) -> Objective:
        return self._objective_index[objective_id]

    def has_objective(self, objective_id: str) -> bool:
        return objective_id in self._objective_index

    def section_of(self, objective_id: str) -> Section:
        return self._section_index[objective_id]

    def domain_of(self, objective_id: str) -> Domain:
        return self._domain_index[objective_id]

    def weights(self) -> dict[str, float]:
        """Domain id -> share of the exam (0..1)."""
        return {d.id: d.weight / 100 for d in self.domains}

    @cached_property
    def _objective_index(self) -> dict[str, Objective]:
        return {o.id: o for o in self.objectives}

    @cached_property
    def _domain_index(self) -> dict[str, Domain]:
        """Objective id -> its domain (readiness and stats ask once per answer)."""
        return {o.id: d for d in self.domains for s in d.sections for o in s.objectives}

    @cached_property
    def _section_index(self) -> dict[str, Section]:
        return {o.id: s for s in self.sections for o in s.objectives}

    def resolve_scope(self, scope: str | None) -> tuple[str | None, str | None]:
        """Map a user's filter ('MD', 'md.scale', 'Model Development') to (domain_id, section_id)."""
        if not scope:
            return None, None
        wanted = scope.strip().casefold()
        for d in self.domains:
            if wanted in (d.id.casefold(), d.name.casefold()):
                return d.id, None
            for s in d.sections:
                if wanted in (s.id.casefold(), s.name.casefold()):
                    return d.id, s.id
        raise UnknownScopeError(scope, self)


class UnknownScopeError(ValueError):
    def __init__(self, scope: str, syllabus: Syllabus) -> None:
        domains = "; ".join(f"{d.name} ({d.id})" for d in syllabus.domains)
        sections = ", ".join(f"{s.name} ({s.id})" for s in syllabus.sections)
        shown = scope if len(scope) <= 40 else scope[:39] + "…"
        super().__init__(f"There is no domain or section called “{shown}”. Domains: {domains}. Sections: {sections}.")


@cache
def load_syllabus(path: Path = SYLLABUS_PATH) -> Syllabus:
    return Syllabus.model_validate(load_yaml(path))
