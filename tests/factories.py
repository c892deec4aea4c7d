"""Builders for valid bank items and small banks, so each test states only what it changes."""

from __future__ import annotations

import copy
from pathlib import Path

import yaml

from questions.bank import Bank, load_bank
from questions.syllabus import load_syllabus


def raw_item(qid: str = "t-001", objective: str = "MD.SCALE.7", **changes) -> dict:
    item = {
        "id": qid,
        "objective": objective,
        "select": "single",
        "difficulty": 2,
        "tier": 1,
        "verified": "2026-12-02",
        "stem": "A team trains one small model per store on a cluster. What should they do?",
        "options": [
            {"text": "Group by store and use applyInPandas", "why": "each group reaches one call"},
            {"text": "Use mapInPandas over all rows", "why": "partitions do not follow stores"},
            {"text": "Train one global SparkML model", "why": "not one model per store"},
            {"text": "Use a bigger driver and threads", "why": "leaves the workers idle"},
        ],
        "answer": "A",
        "explanation": "Grouped pandas functions run one group per call in parallel on executors.",
        "references": ["https://docs.databricks.com/en/pandas/pandas-function-apis.html"],
    }
    item.update(changes)
    return item


def raw_multi(qid: str = "t-002", objective: str = "OPS.MONITOR.1", **changes) -> dict:
    item = raw_item(qid, objective)
    item.update(
        select="multiple",
        stem="Which TWO columns of the drift metrics table hold a p-value? (Choose 2)",
        options=[
            {"text": "ks_test", "why": "struct with statistic and pvalue"},
            {"text": "js_distance", "why": "a distance, no p-value"},
            {"text": "chi_squared_test", "why": "struct with statistic and pvalue"},
            {"text": "wasserstein_distance", "why": "a distance, no p-value"},
            {"text": "count_delta", "why": "a simple delta"},
        ],
        answer=["A", "C"],
    )
    item.update(changes)
    return item


def write_bank(directory: Path, files: dict[str, list[dict]]) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    for name, items in files.items():
        (directory / name).write_text(yaml.safe_dump({"questions": copy.deepcopy(items)}, sort_keys=False))
    return directory


def synthetic_bank(tmp_path: Path, per_objective: int = 3) -> Bank:
    """A bank with `per_objective` valid single-select items on every objective of the real syllabus."""
    items = [
        raw_item(f"{objective.id.lower().replace('.', '-')}-{n:03d}", objective.id)
        for objective in load_syllabus().objectives
        for n in range(1, per_objective + 1)
    ]
    return load_bank(write_bank(tmp_path / "bank", {"all.yaml": items}))


def raw_comparison(cid: str = "blue-green-vs-canary", objectives=("DEP.STRATEGY.1",), **changes) -> dict:
    item = {
        "id": cid,
        "verified": "2026-12-02",
        "title": "Blue-green vs canary rollout",
        "objectives": list(objectives),
        "sides": [
            {"name": "Blue-green", "use_when": "You need an instant switch back to the old version."},
            {"name": "Canary", "use_when": "You want to expose a small share of traffic first."},
        ],
        "deciding_constraint": "How much traffic may see the new model before it is trusted.",
        "trap": "Calling a 50/50 split a canary.",
        "references": [
            "https://docs.databricks.com/aws/en/machine-learning/model-serving/serve-multiple-models-to-serving-endpoint"
        ],
    }
    item.update(changes)
    return item


def raw_trap(tid: str = "monitor-js", section: str = "OPS.MONITOR", **changes) -> dict:
    item = {
        "id": tid,
        "verified": "2026-12-02",
        "section": section,
        "objectives": ["OPS.MONITOR.1"] if section == "OPS.MONITOR" else [],
        "trap": "Reading js_distance as a divergence with a p-value.",
        "tip": "The drift table reports a Jensen-Shannon distance; only KS and chi-square carry p-values.",
        "references": ["https://docs.databricks.com/lakehouse-monitoring/monitor-output.html"],
    }
    item.update(changes)
    return item


def write_guide(directory: Path, comparisons: list[dict], traps: list[dict]) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    (directory / "comparisons.yaml").write_text(yaml.safe_dump({"comparisons": comparisons}, sort_keys=False))
    (directory / "traps.yaml").write_text(yaml.safe_dump({"traps": traps}, sort_keys=False))
    return directory
