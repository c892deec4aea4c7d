"""Balance figures for the bank: counts, multiple-select share, key letters, longest-option keys, near duplicates.

Near-duplicate stems: Jaccard similarity of the sets of word 3-grams of the two stems (lower-cased,
punctuation dropped); a pair at or above NEAR_DUPLICATE_THRESHOLD is reported.
"""

from __future__ import annotations

import re
from collections import Counter
from datetime import date
from itertools import combinations

from questions.bank import Bank
from questions.models import Question

NEAR_DUPLICATE_THRESHOLD = 0.5
_WORD = re.compile(r"[a-z0-9_]+")


def shingles(text: str, size: int = 3) -> frozenset[tuple[str, ...]]:
    words = _WORD.findall(text.casefold())
    return frozenset(tuple(words[i : i + size]) for i in range(max(1, len(words) - size + 1)))


def jaccard(a: frozenset, b: frozenset) -> float:
    return len(a & b) / len(a | b) if a or b else 0.0


def key_is_longest(question: Question) -> bool:
    lengths = [len(o.text) for o in question.options]
    longest = max(lengths)
    if lengths.count(longest) > 1:
        return False
    return question.letters[lengths.index(longest)] in question.answer


def near_duplicates(questions: list[Question]) -> list[dict]:
    grams = {q.id: shingles(q.stem) for q in questions}
    pairs = []
    for a, b in combinations(questions, 2):
        score = jaccard(grams[a.id], grams[b.id])
        if score >= NEAR_DUPLICATE_THRESHOLD:
            pairs.append({"a": a.id, "b": b.id, "similarity": round(score, 2)})
    return sorted(pairs, key=lambda p: -p["similarity"])


def quarter_of(day: date) -> str:
    return f"{day.year}-Q{(day.month - 1) // 3 + 1}"


def verified_by_quarter(items: list) -> dict[str, int]:
    """How many items were last checked against the docs in each quarter, oldest first."""
    counts = Counter(quarter_of(item.verified) for item in items)
    return dict(sorted(counts.items()))


def _share(part: int, whole: int) -> float:
    return round(100 * part / whole, 1) if whole else 0.0


def bank_report(bank: Bank, domain_id: str | None = None) -> dict:
    syllabus = bank.syllabus
    questions = bank.filtered(domain_id)
    domains = [d for d in syllabus.domains if domain_id in (None, d.id)]
    per_objective = Counter(q.objective for q in questions)
    single = [q for q in questions if not q.is_multiple]
    key_letters = Counter(q.answer[0] for q in single)
    longest = sum(key_is_longest(q) for q in questions)
    return {
        "scope": domain_id or "all",
        "total": len(questions),
        "retired": sum(q.retired for q in bank.all_questions if domain_id in (None, bank.domain_id(q))),
        "domains": {
            d.id: {
                "name": d.name,
                "weight_percent": d.weight,
                "questions": sum(per_objective[o.id] for s in d.sections for o in s.objectives),
                "sections": {
                    s.id: {
                        "name": s.name,
                        "questions": sum(per_objective[o.id] for o in s.objectives),
                        "objectives": {o.id: per_objective[o.id] for o in s.objectives},
                    }
                    for s in d.sections
                },
            }
            for d in domains
        },
        "objectives_without_questions": [
            o.id for d in domains for s in d.sections for o in s.objectives if not per_objective[o.id]
        ],
        "multiple_select": {
            "count": len(questions) - len(single),
            "percent": _share(len(questions) - len(single), len(questions)),
        },
        "difficulty": {str(k): v for k, v in sorted(Counter(q.difficulty for q in questions).items())},
        "difficulty_3_percent": _share(sum(q.difficulty == 3 for q in questions), len(questions)),
        "tier": {str(k): v for k, v in sorted(Counter(q.tier for q in questions).items())},
        "single_select_key_letters": {
            letter: {"count": key_letters[letter], "percent": _share(key_letters[letter], len(single))}
            for letter in "ABCDE"
            if key_letters[letter] or letter != "E"
        },
        "key_is_longest_option": {"count": longest, "percent": _share(longest, len(questions))},
        "with_code": {
            "count": sum(1 for q in questions if q.code),
            "percent": _share(sum(1 for q in questions if q.code), len(questions)),
        },
        "verified_by_quarter": verified_by_quarter(questions),
        "missing_references": [q.id for q in questions if not q.references],
        "near_duplicate_stems": {
            "measure": f"Jaccard similarity of word 3-gram sets, threshold {NEAR_DUPLICATE_THRESHOLD}",
            "pairs": near_duplicates(questions),
        },
    }


def format_report(report: dict) -> str:
    lines = [
        f"Question bank report ({report['scope']}): {report['total']} active questions, {report['retired']} retired"
    ]
    for domain_id, d in report["domains"].items():
        lines.append(f"\n{domain_id} {d['name']} (exam weight {d['weight_percent']} %): {d['questions']}")
        for section_id, s in d["sections"].items():
            lines.append(f"  {section_id:<14} {s['name']}: {s['questions']}")
            counts = "  ".join(f"{o.rsplit('.', 1)[1]}:{n}" for o, n in s["objectives"].items())
            lines.append(f"      objectives  {counts}")
    missing = report["objectives_without_questions"]
    lines.append(f"\nObjectives with no question: {', '.join(missing) if missing else 'none'}")
    ms = report["multiple_select"]
    lines.append(f"Multiple select: {ms['count']} ({ms['percent']} %)")
    lines.append("Difficulty: " + ", ".join(f"{k}: {v}" for k, v in report["difficulty"].items()))
    lines.append("Tier: " + ", ".join(f"{k}: {v}" for k, v in report["tier"].items()))
    letters = report["single_select_key_letters"]
    lines.append(
        "Single-select key letters: " + ", ".join(f"{k} {v['count']} ({v['percent']} %)" for k, v in letters.items())
    )
    kl = report["key_is_longest_option"]
    lines.append(f"Key is the longest option: {kl['count']} ({kl['percent']} %)")
    code = report["with_code"]
    lines.append(f"Items with a code snippet: {code['count']} ({code['percent']} %)")
    quarters = ", ".join(f"{q}: {n}" for q, n in report["verified_by_quarter"].items())
    lines.append(f"Verified against the docs, by quarter (oldest first): {quarters}")
    refs = report["missing_references"]
    lines.append(f"Items missing references: {len(refs)}{' (' + ', '.join(refs) + ')' if refs else ''}")
    dup = report["near_duplicate_stems"]
    lines.append(f"Near-duplicate stems ({dup['measure']}): {len(dup['pairs'])}")
    lines.extend(f"  {p['a']} ~ {p['b']} ({p['similarity']})" for p in dup["pairs"])
    return "\n".join(lines)
