"""Item analysis and report triage from the terminal: a real process over a seeded SQLite file."""

from __future__ import annotations

import json

import pytest

from bench.itemsim import simulate
from tests.integration.test_cli import quizbot


@pytest.fixture(scope="module")
def seeded(tmp_path_factory):
    """100 simulated people answered the whole real bank, defects planted (bench/itemsim.py, seed 7)."""
    path = tmp_path_factory.mktemp("seeded") / "quiz.db"
    simulate(100, seed=7, db_path=path)
    return path


def fits_80_columns(text: str) -> bool:
    return all(len(line) <= 80 for line in text.splitlines())


def test_bank_stats_json_gives_every_figure_with_the_people_behind_it(seeded):
    done = quizbot("bank", "stats", "--json", "--db", str(seeded))
    assert done.returncode == 0, done.stderr
    figures = json.loads(done.stdout)
    assert figures["people"] == 100 and figures["questions"] == len(figures["items"]) > 500
    item = next(i for i in figures["items"] if i["question_id"] == "md-scale-001")
    assert item["people"] == 100 and 0 < item["facility"] < 1
    low, high = item["facility_interval_90"]
    assert low < item["facility"] < high
    assert item["group_size"] == 27 and item["point_biserial"] is not None
    assert sum(o["key"] for o in item["options"]) == 1 and all(o["share"] is not None for o in item["options"])
    assert sum(1 for i in figures["items"] if i["flags"]) == figures["flagged"] >= 8


def test_the_flagged_list_names_each_reason_and_keep_quiets_a_question(seeded, tmp_path):
    flagged = quizbot("bank", "stats", "--flagged", "--db", str(seeded))
    assert flagged.returncode == 0, flagged.stderr
    assert "! miskeyed: the upper group chose" in flagged.stdout
    assert "! dead distractor:" in flagged.stdout and fits_80_columns(flagged.stdout)

    copy = tmp_path / "copy.db"
    copy.write_bytes(seeded.read_bytes())
    as_json = json.loads(quizbot("bank", "stats", "--flagged", "--json", "--db", str(copy)).stdout)
    first = as_json["items"][0]["question_id"]
    kept = quizbot("bank", "keep", first, "--db", str(copy), "--user", "author")
    assert kept.returncode == 0 and "reviewed and kept on" in kept.stdout
    after = json.loads(quizbot("bank", "stats", "--flagged", "--json", "--db", str(copy)).stdout)
    assert first not in {i["question_id"] for i in after["items"]} and after["flagged"] == as_json["flagged"] - 1


def test_bank_stats_by_objective_is_a_table_within_80_columns(seeded):
    done = quizbot("bank", "stats", "--objective", "OPS.MONITOR.2", "--db", str(seeded))
    assert done.returncode == 0 and "ops-mon-" in done.stdout and fits_80_columns(done.stdout)
    wrong = quizbot("bank", "stats", "--objective", "NOPE", "--db", str(seeded))
    assert wrong.returncode == 1 and wrong.stderr.count("\n") == 1 and "no objective NOPE" in wrong.stderr


def test_reports_are_listed_shown_beside_the_statistics_and_resolved_once(seeded, tmp_path):
    db = tmp_path / "copy.db"
    db.write_bytes(seeded.read_bytes())
    filed = quizbot("report", "md-scale-001", "Option", "B", "is", "also", "right", "--db", str(db), "--user", "ann")
    assert filed.returncode == 0 and "report #1" in filed.stdout

    listed = quizbot("report", "list", "--db", str(db))
    assert listed.returncode == 0 and "#1 · md-scale-001 · ann" in listed.stdout
    assert "Option B is also right" in listed.stdout and "facility" in listed.stdout and "n=100" in listed.stdout
    shown = quizbot("report", "show", "1", "--db", str(db))
    assert shown.returncode == 0 and "facility" in shown.stdout and "n=100" in shown.stdout and "Open." in shown.stdout
    assert fits_80_columns(shown.stdout)

    resolved = quizbot("report", "resolve", "1", "key", "checked", "it", "stands", "--db", str(db), "--user", "lead")
    assert resolved.returncode == 0 and "Resolved on" in resolved.stdout and "key checked it stands" in resolved.stdout
    again = quizbot("report", "resolve", "1", "another note", "--db", str(db))
    assert again.returncode == 1 and "already resolved" in again.stderr
    assert "Nothing to triage." in quizbot("report", "list", "--db", str(db)).stdout
    assert "resolved" in quizbot("report", "list", "--all", "--db", str(db)).stdout
    missing = quizbot("report", "show", "42", "--db", str(db))
    assert missing.returncode == 1 and "no report #42" in missing.stderr


def test_one_questions_statistics_with_its_option_pull(seeded):
    shown = quizbot("bank", "stats", "md-scale-001", "--db", str(seeded))
    assert shown.returncode == 0 and "n=100" in shown.stdout and "options: A" in shown.stdout
    as_json = json.loads(quizbot("bank", "stats", "md-scale-001", "--json", "--db", str(seeded)).stdout)
    assert as_json["question_id"] == "md-scale-001" and as_json["people"] == 100
    both = quizbot("bank", "stats", "md-scale-001", "--flagged", "--db", str(seeded))
    assert both.returncode == 2 and "not both" in both.stderr
