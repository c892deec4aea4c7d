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

Pure Python, one pass over the answers plus one sort per question: 1M attempts, read from SQLite and
analysed, take about 1.5 s of CPU (bench/itemstats.py).
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from itertools import chain, compress
from operator import mul, sub

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
    """(person, question id, chosen letters) rows grouped by person, each person's in answer order (as
    storage returns them), reduced to each person's first answer to each question."""
    first: list[tuple[int, str, str]] = []
    add = first.append
    person: object = None
    seen: set[str] = set()
    for row in rows:
        if row[0] != person:
            person, seen = row[0], set()
        if row[1] not in seen:
            seen.add(row[1])
            add(row)
    return first


def analyse(
    answers: Iterable[tuple[int, str, str]], items: Mapping[str, ItemSpec], *, min_people: int = DEFAULT_MIN_PEOPLE
) -> dict[str, ItemStats]:
    """Statistics for every question in `items` from (person, question id, chosen letters) first answers;
    answers to questions not in `items` (retired or removed) are left out of everything."""
    return analyse_counted(answers, items, min_people=min_people)[0]


def analyse_counted(
    answers: Iterable[tuple[int, str, str]],
    items: Mapping[str, ItemSpec],
    *,
    min_people: int = DEFAULT_MIN_PEOPLE,
    first_only: bool = False,
) -> tuple[dict[str, ItemStats], int]:
    """analyse(), and the number of people behind the figures. With `first_only`, `answers` are all the
    answers grouped by person, each person's in answer order (as storage reads them), and only each person's
    first answer to a question counts: the reduction happens in the same pass."""
    people: dict[str, list[int]] = {qid: [] for qid in items}
    chosen: dict[str, list[str]] = {qid: [] for qid in items}
    adders = {qid: (people[qid].append, chosen[qid].append) for qid in items}  # one lookup per answer
    if first_only:
        current: object = None
        seen: set[str] = set()
        for person, qid, letters in answers:
            if person != current:
                current, seen = person, set()
            if qid in seen:
                continue
            seen.add(qid)
            add = adders.get(qid)
            if add is not None:
                add[0](person)
                add[1](letters)
    else:
        for person, qid, letters in answers:
            add = adders.get(qid)
            if add is not None:
                add[0](person)
                add[1](letters)
    answered = Counter(chain.from_iterable(people.values()))
    right = Counter(
        chain.from_iterable(compress(people[qid], map(items[qid].key.__eq__, chosen[qid])) for qid in items)
    )
    # a person's rest accuracy on a question is if_wrong[p] - x * step[p] (x: 1 if they got it right)
    if_wrong = {p: right[p] / (n - 1) for p, n in answered.items() if n > 1}
    step = {p: 1 / (n - 1) for p, n in answered.items() if n > 1}
    alone = {p for p, n in answered.items() if n == 1}  # answered nothing else: no rest accuracy
    rest_of = (if_wrong, step, alone)
    stats = {qid: _item_stats(items[qid], people[qid], chosen[qid], rest_of, min_people) for qid in items}
    return stats, len(answered)


def _item_stats(
    spec: ItemSpec,
    persons: list[int],
    chosen: list[str],
    rest_of: tuple[dict[int, float], dict[int, float], set[int]],
    min_people: int,
) -> ItemStats:
    key = spec.key
    n = len(persons)
    counts = Counter(chosen)
    correct = counts.get(key, 0)
    enough = n >= min_people and n > 0
    facility = correct / n if enough else None
    low, high = wilson(correct, n) if enough else (None, None)

    # the rest accuracy of everyone who answered something besides this question (maps run at C speed)
    if_wrong, step, alone = rest_of
    if not alone.isdisjoint(persons):
        kept = [i for i, p in enumerate(persons) if p not in alone]
        persons, chosen = [persons[i] for i in kept], [chosen[i] for i in kept]
    xs = list(map(key.__eq__, chosen))
    rest = list(map(sub, map(if_wrong.__getitem__, persons), map(mul, xs, map(step.__getitem__, persons))))
    m = len(rest)
    point_biserial = None
    if m >= min_people and m > 1:
        sum_x = sum(xs)
        sum_r = sum(rest)
        sum_rr = sum(map(mul, rest, rest))
        sum_xr = sum(compress(rest, xs))
        cov = sum_xr / m - (sum_x / m) * (sum_r / m)
        var_x = sum_x / m - (sum_x / m) ** 2
        var_r = sum_rr / m - (sum_r / m) ** 2
        if var_x > 0 and var_r > 1e-12:
            point_biserial = max(-1.0, min(1.0, cov / math.sqrt(var_x * var_r)))

    group = round(GROUP_SHARE * m) if m >= min_people else 0
    upper: list[str] = []
    lower: list[str] = []
    if group > 0:
        order = sorted(range(m), key=rest.__getitem__)
        lower = [chosen[i] for i in order[:group]]
        upper = [chosen[i] for i in order[m - group :]]
    upper_fac = upper.count(key) / group if group else None
    lower_fac = lower.count(key) / group if group else None
    index = upper_fac - lower_fac if upper_fac is not None and lower_fac is not None else None

    options = _option_pull(spec, counts, Counter(upper), Counter(lower), n, group, enough)
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


def _letters(counts: Counter[str]) -> dict[str, int]:
    """How many answers include each letter, from the counts of whole answers ("A", "AC", ...)."""
    by_letter: dict[str, int] = {}
    for letters, count in counts.items():
        for letter in letters:
            by_letter[letter] = by_letter.get(letter, 0) + count
    return by_letter


def _option_pull(
    spec: ItemSpec, counts: Counter[str], upper: Counter[str], lower: Counter[str], n: int, group: int, enough: bool
) -> tuple[OptionPull, ...]:
    overall = _letters(counts)
    wrong_counts = counts.copy()
    wrong_counts.pop(spec.key, None)
    wrong = _letters(wrong_counts)
    wrong_n = n - counts.get(spec.key, 0)
    up, low = _letters(upper), _letters(lower)
    pulls = []
    for letter in spec.letters:
        is_key = letter in spec.key
        if not enough:  # counts only: too few people for shares
            pulls.append(OptionPull(letter, is_key, overall.get(letter, 0), None, None, None, None))
            continue
        pulls.append(
            OptionPull(
                letter,
                is_key,
                overall.get(letter, 0),
                overall.get(letter, 0) / n,
                up.get(letter, 0) / group if group else None,
                low.get(letter, 0) / group if group else None,
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
