"""Picking questions at the blueprint weights, with no repeat inside a scope until its pool is used up.

A scope (a channel, a person) is described by how often each question was already served to it.
Only the least-served questions are eligible, so nothing repeats until every question has been
served once; among the eligible ones the pick goes domain first (blueprint weight), then section
(in proportion to its number of objectives), then objective, then question, all uniformly seeded.
"""

from __future__ import annotations

import random
from collections import defaultdict
from collections.abc import Mapping, Sequence

from questions.bank import Bank
from questions.models import Question


class EmptyPoolError(LookupError):
    """The filter leaves no question to serve."""


def allocate(total: int, weights: Mapping[str, float]) -> dict[str, int]:
    """Split `total` over the keys in proportion to `weights` (largest remainder, ties by key order)."""
    weight_sum = sum(weights.values())
    exact = {k: total * w / weight_sum for k, w in weights.items()}
    counts = {k: int(v) for k, v in exact.items()}
    leftovers = sorted(exact, key=lambda k: exact[k] - counts[k], reverse=True)
    for k in leftovers[: total - sum(counts.values())]:
        counts[k] += 1
    return counts


def least_served(candidates: Sequence[Question], served: Mapping[str, int]) -> list[Question]:
    if not candidates:
        return []
    fewest = min(served.get(q.id, 0) for q in candidates)
    return [q for q in candidates if served.get(q.id, 0) == fewest]


def weighted_pick(
    bank: Bank,
    candidates: Sequence[Question],
    rng: random.Random,
) -> Question:
    """Domain by blueprint weight, then section by objective count, then objective, then question."""
    if not candidates:
        raise EmptyPoolError("no question matches")
    syllabus = bank.syllabus
    tree: dict[str, dict[str, dict[str, list[Question]]]] = defaultdict(lambda: defaultdict(lambda: defaultdict(list)))
    placement = bank.placement  # objective -> (domain, section), read once: this loop runs for every pick
    for q in candidates:
        domain, section = placement[q.objective]
        tree[domain][section][q.objective].append(q)
    domain_ids = sorted(tree)
    domain_id = rng.choices(domain_ids, weights=[syllabus.domain(d).weight for d in domain_ids])[0]
    section_ids = sorted(tree[domain_id])
    section_weights = [len(syllabus.section(s).objectives) for s in section_ids]
    section_id = rng.choices(section_ids, weights=section_weights)[0]
    objective_id = rng.choice(sorted(tree[domain_id][section_id]))
    return rng.choice(sorted(tree[domain_id][section_id][objective_id], key=lambda q: q.id))


def pick_question(
    bank: Bank,
    rng: random.Random,
    served: Mapping[str, int] | None = None,
    domain_id: str | None = None,
    section_id: str | None = None,
) -> Question:
    candidates = bank.filtered(domain_id, section_id)
    if not candidates:
        raise EmptyPoolError(f"no question in {section_id or domain_id or 'the bank'}")
    return weighted_pick(bank, least_served(candidates, served or {}), rng)
