"""Classical item analysis of the bank from people's first answers, and the flags an author should look at.

Each person's first answer to a question counts once (a repeat after a miss shows memory of the
explanation, not ability). A person's ability for one question is their accuracy on the rest of their
first answers, that question left out, so an item is never correlated with itself. Answers are scored
against the key the bank has now, so a corrected key re-scores the old answers.

Per question: facility (share correct) with a 90 % Wilson interval; the corrected point-biserial
correlation between the item score and the rest accuracy; the upper-lower index (facility in the top 27 %
by rest accuracy minus facility in the bottom 27 %); option pull (for each letter, the share of people
whose answer includes it, overall and in both groups, so a multiple-select item shows each option's
selection rate). Every figure carries the number of people behind it and is withheld below a minimum.

Pure Python, one pass over the answers plus one sort per question: 1M answers take about a second.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

Z90 = 1.6448536269514722  # the standard normal's 95th percentile: a two-sided 90 % interval
GROUP_SHARE = 0.27  # the upper and lower groups of the upper-lower index
DEFAULT_MIN_PEOPLE = 20

# flag thresholds
TOO_EASY = 0.95
TOO_HARD = 0.20
HARD_MIN_PEOPLE = 30  # "too hard" only with this many answers (and the minimum)
DEAD_SHARE = 0.05  # a distractor chosen by under 5 % of the wrong answers ...
DEAD_MIN_WRONG = 30  # ... once at least this many people got the question wrong
WEAK_DISCRIMINATION = 0.15  # corrected point-biserial below this: the item hardly tells strong from weak
NEGATIVE_DISCRIMINATION = -0.10  # below this, the weak answer it more often right: the key is suspect

MISKEYED = "miskeyed"
TOO_EASY_FLAG = "too easy"
TOO_HARD_FLAG = "too hard"
DEAD_DISTRACTOR = "dead distractor"
WEAK = "weak discrimination"
FLAG_KINDS = (MISKEYED, WEAK, DEAD_DISTRACTOR, TOO_HARD_FLAG, TOO_EASY_FLAG)  # most serious first


@dataclass(frozen=True)
class ItemSpec:
    """What the analysis needs to know of a question: its option letters and its key."""

    question_id: str
    letters: str  # e.g. "ABCD"
    key: str  # sorted key letters, e.g. "B" or "AC"

    @property
    def multiple(self) -> bool:
        return len(self.key) > 1


@dataclass(frozen=True)
class OptionPull:
    letter: str
    is_key: bool
    chosen: int  # people whose answer includes this letter
    share: float | None  # of all people who answered
    upper: float | None  # share in the upper group
    lower: float | None  # share in the lower group
    wrong_share: float | None  # share among the people who got the question wrong (distractors only)


@dataclass(frozen=True)
class ItemStats:
    question_id: str
    people: int  # people with a first answer: behind facility and option shares
    correct: int
    facility: float | None
    facility_low: float | None  # 90 % Wilson interval
    facility_high: float | None
    rest_people: int  # people who also answered something else: behind the discrimination figures
    point_biserial: float | None
    group_size: int  # people in each of the upper and lower groups
    upper_facility: float | None
    lower_facility: float | None
    discrimination_index: float | None  # upper_facility - lower_facility
    wrong: int
    options: tuple[OptionPull, ...]
    min_people: int

    @property
    def enough(self) -> bool:
        return self.facility is not None


@dataclass(frozen=True)
class Flag:
    kind: str
    reason: str


def wilson(successes: int, n: int, z: float = Z90) -> tuple[float, float]:
    """The Wilson score interval of a proportion (90 % with the default z)."""
    if n <= 0:
        return 0.0, 1.0
    p = successes / n
    z2 = z * z
    centre = (p + z2 / (2 * n)) / (1 + z2 / n)
    half = z * math.sqrt(p * (1 - p) / n + z2 / (4 * n * n)) / (1 + z2 / n)
    return max(0.0, centre - half), min(1.0, centre + half)


def first_answers(rows: Iterable[tuple[int, str, str]]) -> list[tuple[int, str, str]]:
    """(person, question id, chosen letters) rows in answer order per person (as storage returns them),
    reduced to each person's first answer to each question."""
    seen: set[tuple[int, str]] = set()
    first = []
    add = seen.add
    for row in rows:
        pair = (row[0], row[1])
        if pair not in seen:
            add(pair)
            first.append(row)
    return first


def analyse(
    answers: Iterable[tuple[int, str, str]], items: Mapping[str, ItemSpec], *, min_people: int = DEFAULT_MIN_PEOPLE
) -> dict[str, ItemStats]:
    """Statistics for every question in `items` from (person, question id, chosen letters) first answers;
    answers to questions not in `items` (retired or removed) are left out of everything."""
    keys = {qid: spec.key for qid, spec in items.items()}
    totals: dict[int, list[int]] = {}  # person -> [correct, answered]
    by_item: dict[str, list[tuple[int, int, str]]] = {qid: [] for qid in items}
    for person, qid, chosen in answers:
        key = keys.get(qid)
        if key is None:
            continue
        score = 1 if chosen == key else 0
        by_item[qid].append((person, score, chosen))
        total = totals.get(person)
        if total is None:
            totals[person] = [score, 1]
        else:
            total[0] += score
            total[1] += 1
    return {qid: _item_stats(items[qid], by_item[qid], totals, min_people) for qid in items}


def _item_stats(
    spec: ItemSpec, responses: list[tuple[int, int, str]], totals: dict[int, list[int]], min_people: int
) -> ItemStats:
    n = len(responses)
    correct = sum(score for _, score, _ in responses)
    enough = n >= min_people and n > 0
    facility = correct / n if enough else None
    low, high = wilson(correct, n) if enough else (None, None)

    # the rest accuracy of everyone who answered something besides this question
    rest: list[float] = []
    scored: list[tuple[int, str]] = []
    sum_r = sum_rr = sum_xr = 0.0
    sum_x = 0
    for person, score, chosen in responses:
        total = totals[person]
        others = total[1] - 1
        if others <= 0:
            continue
        r = (total[0] - score) / others
        rest.append(r)
        scored.append((score, chosen))
        sum_r += r
        sum_rr += r * r
        sum_xr += score * r
        sum_x += score
    m = len(rest)
    point_biserial = None
    if m >= min_people and m > 1:
        cov = sum_xr / m - (sum_x / m) * (sum_r / m)
        var_x = sum_x / m - (sum_x / m) ** 2
        var_r = sum_rr / m - (sum_r / m) ** 2
        if var_x > 0 and var_r > 1e-12:
            point_biserial = max(-1.0, min(1.0, cov / math.sqrt(var_x * var_r)))

    group = round(GROUP_SHARE * m) if m >= min_people else 0
    upper_idx: list[int] = []
    lower_idx: list[int] = []
    if group > 0:
        order = sorted(range(m), key=rest.__getitem__)
        lower_idx, upper_idx = order[:group], order[m - group :]
    upper_fac = sum(scored[i][0] for i in upper_idx) / group if group else None
    lower_fac = sum(scored[i][0] for i in lower_idx) / group if group else None
    index = upper_fac - lower_fac if upper_fac is not None and lower_fac is not None else None

    options = _option_pull(spec, responses, [scored[i][1] for i in upper_idx], [scored[i][1] for i in lower_idx], n)
    if not enough:
        options = tuple(
            OptionPull(o.letter, o.is_key, o.chosen, None, None, None, None) for o in options
        )  # counts only: too few people for shares
    return ItemStats(
        spec.question_id,
        n,
        correct,
        facility,
        low,
        high,
        m,
        point_biserial,
        group,
        upper_fac,
        lower_fac,
        index,
        n - correct,
        options,
        min_people,
    )


def _letter_counts(chosen: Iterable[str]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for letters in chosen:
        for letter in letters:
            counts[letter] = counts.get(letter, 0) + 1
    return counts


def _option_pull(
    spec: ItemSpec, responses: list[tuple[int, int, str]], upper: list[str], lower: list[str], n: int
) -> tuple[OptionPull, ...]:
    overall = _letter_counts(chosen for _, _, chosen in responses)
    wrong = _letter_counts(chosen for _, score, chosen in responses if not score)
    wrong_n = sum(1 for _, score, _ in responses if not score)
    up, low = _letter_counts(upper), _letter_counts(lower)
    pulls = []
    for letter in spec.letters:
        is_key = letter in spec.key
        pulls.append(
            OptionPull(
                letter,
                is_key,
                overall.get(letter, 0),
                overall.get(letter, 0) / n if n else None,
                up.get(letter, 0) / len(upper) if upper else None,
                low.get(letter, 0) / len(lower) if lower else None,
                None if is_key or not wrong_n else wrong.get(letter, 0) / wrong_n,
            )
        )
    return tuple(pulls)


def flags_for(stats: ItemStats) -> tuple[Flag, ...]:
    """What an author should look at, each with its reason; nothing below the minimum number of people."""
    if not stats.enough or stats.facility is None:
        return ()
    found: list[Flag] = []
    keys = [o for o in stats.options if o.is_key]
    distractors = [o for o in stats.options if not o.is_key]
    r = stats.point_biserial
    if stats.group_size and keys:
        weakest_key = min(keys, key=lambda o: o.upper or 0.0)
        pulling = [o for o in distractors if (o.upper or 0.0) > (weakest_key.upper or 0.0)]
        if pulling:
            top = max(pulling, key=lambda o: o.upper or 0.0)
            found.append(
                Flag(
                    MISKEYED,
                    f"the upper group chose {top.letter} ({_pct(top.upper)}) more often than key "
                    f"{weakest_key.letter} ({_pct(weakest_key.upper)}) (n={stats.group_size} per group)",
                )
            )
    if r is not None and r < NEGATIVE_DISCRIMINATION and not found:
        found.append(Flag(MISKEYED, f"negative discrimination: point-biserial {r:+.2f} (n={stats.rest_people})"))
    if r is not None and r < WEAK_DISCRIMINATION:
        found.append(Flag(WEAK, f"point-biserial {r:+.2f} is under {WEAK_DISCRIMINATION:.2f} (n={stats.rest_people})"))
    if stats.wrong >= DEAD_MIN_WRONG:
        for o in distractors:
            if o.wrong_share is not None and o.wrong_share < DEAD_SHARE:
                found.append(
                    Flag(
                        DEAD_DISTRACTOR,
                        f"{o.letter} drew {_pct(o.wrong_share)} of the {stats.wrong} wrong answers",
                    )
                )
    if stats.facility > TOO_EASY:
        found.append(Flag(TOO_EASY_FLAG, f"facility {_pct(stats.facility)} is above {_pct(TOO_EASY)}"))
    if stats.facility < TOO_HARD and stats.people >= HARD_MIN_PEOPLE:
        found.append(Flag(TOO_HARD_FLAG, f"facility {_pct(stats.facility)} is under {_pct(TOO_HARD)}"))
    return tuple(found)


def _pct(value: float | None) -> str:
    return "-" if value is None else f"{100 * value:.0f} %"
