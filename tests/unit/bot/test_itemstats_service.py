"""Item analysis through the service: planted defects found in simulated answers to the real bank, kept
marks that stay quiet until new evidence, admins only, and report triage within a workspace."""

from __future__ import annotations

import dataclasses
import random
import shutil
from datetime import UTC, datetime, timedelta

import pytest

from bench.itemsim import ADMIN, seed, simulate
from bot.services.context import ChannelTarget, ServiceContext
from bot.services.errors import InvalidChoiceError, NotAllowedError
from bot.services.identity import Member
from bot.services.itemstats import ItemStatsService, UnknownReportError
from bot.services.poster import ChannelAddress, Posters, RecordingPoster
from questions.bank import load_bank
from storage.attempts import AttemptStore
from storage.db import open_db
from storage.reviews import ReviewStore

NOW = datetime(2026, 10, 1, 9, 0, tzinfo=UTC)


@pytest.fixture(scope="module")
def real_bank():
    return load_bank()


@pytest.fixture(scope="module")
def simulated(tmp_path_factory, real_bank):
    """A database where 100 simulated people answered the whole real bank, defects planted (seed 7)."""
    path = tmp_path_factory.mktemp("sim") / "quiz.db"
    simulate(100, seed=7, db_path=path, bank=real_bank)
    return path


def service_on(path, bank, **settings) -> ItemStatsService:
    return ItemStatsService(ServiceContext(open_db(path), bank, clock=lambda: NOW, rng=random.Random(1)), **settings)


def test_every_planted_defect_is_flagged_and_at_most_5_percent_of_clean_items_at_500_people(real_bank):
    outcome = simulate(500, seed=7, bank=real_bank)
    assert outcome.defects == 8 and outcome.found == outcome.defects
    assert outcome.found_as_expected == outcome.defects, outcome.missed  # each with the flag that names it
    assert outcome.false_alarm_rate <= 0.05
    assert outcome.clean > 500  # the whole real bank took part


def test_the_simulation_is_deterministic(real_bank):
    runs = [dataclasses.replace(simulate(100, seed=3, bank=real_bank), seconds=0.0) for _ in range(2)]
    assert runs[0] == runs[1]


def test_a_kept_question_is_quiet_until_enough_new_people_answer_it(simulated, real_bank, tmp_path):
    service = service_on(shutil.copy(simulated, tmp_path / "copy.db"), real_bank, new_evidence=30)
    flagged = service.flagged(ADMIN).items
    assert flagged, "the planted defects are flagged"
    target = flagged[0]
    kept = service.keep(ADMIN, target.question_id)
    assert kept.flags == () and kept.quiet and kept.kept is not None and kept.kept.people == target.stats.people
    assert target.question_id not in {v.question_id for v in service.flagged(ADMIN).items}

    question = real_bank.get(target.question_id)
    wrong = next(letter for letter in "ABCD" if letter not in question.answer)
    context = service.context
    workspace = context.workspace_of(ADMIN)
    rows = []
    for n in range(30):  # 30 new people, each with a first answer to it and to two other questions
        user = context.directory.user(workspace.id, f"new-{n}", now=NOW)
        for qid in (target.question_id, "md-scale-001", "md-scale-002"):
            rows.append((user, qid, question.objective, "practice", wrong, False, NOW + timedelta(minutes=n)))
    AttemptStore(context.db).import_attempts(rows)

    again = service.question(ADMIN, target.question_id)
    assert again.flags and again.stats.people == target.stats.people + 30


def test_only_admins_see_item_statistics_and_reports(simulated, real_bank):
    service = service_on(simulated, real_bank)
    someone = Member("slack", "T1", "U1", name="someone")
    for call in (service.flagged, service.reports):
        with pytest.raises(NotAllowedError):
            call(someone)
    with pytest.raises(NotAllowedError):
        service.keep(someone, "md-scale-001")


def test_the_dashboard_gets_the_figures_of_named_questions(simulated, real_bank):
    service = service_on(simulated, real_bank)
    workspace = service.context.workspace_of(ADMIN).id
    views = service.stats_for(workspace, ["md-scale-001", "no-such-question"])
    assert list(views) == ["md-scale-001"]
    assert views["md-scale-001"].stats.people == 100 and views["md-scale-001"].stats.facility is not None


def test_an_unknown_objective_is_refused_in_one_line(simulated, real_bank):
    with pytest.raises(InvalidChoiceError, match="no objective"):
        service_on(simulated, real_bank).bank_stats(ADMIN, objective="XX.NOPE")
    view = service_on(simulated, real_bank).bank_stats(ADMIN, objective="ops.monitor.2")
    assert view.items and {v.objective for v in view.items} == {"OPS.MONITOR.2"}


def test_a_server_admin_triages_only_their_own_servers_reports(tmp_path, real_bank):
    service = service_on(tmp_path / "quiz.db", real_bank)
    context = service.context
    ann = Member("discord", "G1", "1", name="ann", is_admin=True)
    zoe = Member("discord", "G2", "9", name="zoe", is_admin=True)
    reviews = ReviewStore(context.db)
    mine = reviews.add_report(context.user_id(ann), "md-scale-001", "B is also right", now=NOW)
    theirs = reviews.add_report(context.user_id(zoe), "md-scale-002", "typo", now=NOW)

    assert [r.id for r in service.reports(ann).reports] == [mine]
    with pytest.raises(UnknownReportError):
        service.report(ann, theirs)
    resolved = service.resolve(ann, f"#{mine}", "key checked against the docs; it stands")
    assert not resolved.is_open and resolved.resolved_by == "ann" and resolved.item is not None
    assert service.reports(ann).open_count == 0
    with pytest.raises(InvalidChoiceError):
        service.resolve(zoe, theirs, " ")


async def test_the_weekly_digest_posts_what_is_new_once_to_the_chosen_channel(simulated, real_bank, tmp_path):
    moments = [NOW]
    db = open_db(shutil.copy(simulated, tmp_path / "digest.db"))
    service = ItemStatsService(ServiceContext(db, real_bank, clock=lambda: moments[0]))
    reviews, poster = ReviewStore(db), RecordingPoster()
    posters = Posters(console=poster)
    setting = service.set_digest(ADMIN, ChannelTarget("C-authors", "authors"), True)
    reviews.add_report(service.context.user_id(ADMIN), "md-scale-001", "B is right too", now=NOW)

    assert setting.on and setting.channel == "authors"
    assert await service.send_digests(posters) == 1
    channel, first = poster.digests[0]
    assert channel == ChannelAddress("console", "local", "C-authors")
    assert [r.question_id for r in first.new_reports] == ["md-scale-001"] and first.since is None
    assert len(first.new_flags) == first.flagged >= 8 and first.new_flags[0].reason

    moments[0] = NOW + timedelta(days=7)
    assert await service.send_digests(posters) == 0  # nothing new: no post
    moments[0] = NOW + timedelta(days=8)
    reviews.add_report(service.context.user_id(ADMIN), "md-scale-002", "typo in C", now=moments[0])
    moments[0] = NOW + timedelta(days=14)
    assert await service.send_digests(posters) == 1
    second = poster.digests[1][1]
    assert [r.question_id for r in second.new_reports] == ["md-scale-002"] and second.new_flags == ()
    assert second.open_reports == 2 and second.since == (NOW + timedelta(days=7)).strftime("%Y-%m-%d")

    service.set_digest(ADMIN, ChannelTarget("C-authors"), False)
    reviews.add_report(service.context.user_id(ADMIN), "md-scale-003", "unclear stem", now=moments[0])
    moments[0] = NOW + timedelta(days=21)
    assert await service.send_digests(posters) == 0 and len(poster.digests) == 2


def test_a_server_admins_keep_quiets_their_own_server_only(tmp_path, real_bank):
    service = service_on(tmp_path / "quiz.db", real_bank)
    ann = Member("discord", "G1", "1", name="ann", is_admin=True)
    zoe = Member("discord", "G2", "9", name="zoe", is_admin=True)
    for admin in (ann, zoe):
        seed(service.context, admin, 40, seed=7)
    target = service.flagged(ann).items[0].question_id

    service.keep(ann, target)

    assert target not in {v.question_id for v in service.flagged(ann).items}
    assert target in {v.question_id for v in service.flagged(zoe).items}
    service.keep(ADMIN, target)  # the terminal's mark holds everywhere
    assert target not in {v.question_id for v in service.flagged(zoe).items}
