"""A workspace with a few weeks of history, made through the services as people would: practice answers,
daily questions answered and revealed, teams, a mock exam, a report on a question; and a second workspace
whose pages must stay out of reach."""

from __future__ import annotations

import asyncio
import random
from dataclasses import dataclass
from datetime import timedelta

from bot.app import App
from bot.services.context import ChannelTarget
from bot.services.identity import Member
from bot.services.poster import RecordingPoster
from tests.conftest import FakeClock

ADA = Member("slack", "T-ACME", "U-ada", name="Ada Lovelace", workspace_name="Acme ML", is_admin=True)
ALICE = Member("slack", "T-ACME", "U-alice", name="Alice Chen", workspace_name="Acme ML")
BOB = Member("slack", "T-ACME", "U-bob", name="Bob Okafor", workspace_name="Acme ML")
CARLA = Member("slack", "T-ACME", "U-carla", name="Carla Ruiz", workspace_name="Acme ML")
DEV = Member("slack", "T-ACME", "U-dev", name="Dev Patel", workspace_name="Acme ML")
EVE = Member("slack", "T-OTHER", "U-eve", name="Eve Other", workspace_name="Other Co", is_admin=True)
ROOM = ChannelTarget("C-study", "ml-study")
SKILL = {ADA: 0.8, ALICE: 0.74, BOB: 0.6, CARLA: 0.45, DEV: 0.68}
PRACTICE_PER_WEEK = {ADA: 12, ALICE: 25, BOB: 14, CARLA: 3, DEV: 8}


@dataclass
class Seeded:
    app: App
    clock: FakeClock
    exam_id: int
    channel_id: int


def _letters(app: App, question_id: str, right: bool) -> list[str]:
    question = app.context.bank.get(question_id)
    if right:
        return list(question.answer)
    wrong = [letter for letter in question.letters if letter not in question.answer][:1]
    return wrong + list(question.answer)[: question.choose - 1]  # one wrong option: a miss


def seed(app: App, clock: FakeClock, *, weeks: int = 5) -> Seeded:
    rng = random.Random(7)
    app.add_poster("slack", RecordingPoster())
    app.daily_setup.configure(ADA, ROOM, local_time="09:00", timezone="UTC", weekdays="daily")
    app.competition.create_team(ALICE, "Drift Hunters")
    app.competition.join_team(BOB, "Drift Hunters")
    app.competition.create_team(CARLA, "Feature Store Fans")
    app.competition.join_team(DEV, "Feature Store Fans")
    for week in range(weeks):
        for day in range(7):
            stalled = week >= 2  # Carla stops after the second week
            for person, count in PRACTICE_PER_WEEK.items():
                if person is CARLA and stalled:
                    continue
                for _ in range(count // 7 + (1 if day < count % 7 else 0)):
                    view = app.practice.practice_question(person)
                    skill = SKILL[person] + 0.03 * week
                    app.practice.answer_practice(
                        person, view.answers_to, _letters(app, view.question_id, rng.random() < skill)
                    )
            if day in (0, 2, 4):
                post = asyncio.run(app.daily.post_now(ADA, ROOM))
                for person in (ADA, ALICE, BOB, DEV) + (() if week >= 2 else (CARLA,)):
                    right = rng.random() < SKILL[person]
                    app.daily.answer(person, post.id, _letters(app, post.question_id, right))
                clock.advance(hours=2)
                asyncio.run(app.daily.reveal_now(ADA, ROOM))
                clock.advance(hours=22)
            else:
                clock.advance(days=1)
    exam = app.exam.start(ALICE, 15, seed=3)
    for position in range(1, exam.total + 1):
        item = app.exam.item(ALICE, exam.exam_id, position)
        app.exam.answer(ALICE, exam.exam_id, position, _letters(app, item.question.question_id, rng.random() < 0.65))
    app.exam.submit(ALICE, exam.exam_id)
    reported = app.practice.practice_question(BOB)
    app.practice.report_problem(BOB, reported.question_id, "Two options look right to me; the stem is ambiguous.")
    asyncio.run(app.daily.post_now(ADA, ROOM))  # today's question, still open
    app.guide.countdown.set(ALICE, str((clock() + timedelta(days=13)).date()))  # Alice sits the exam in 13 days
    app.practice.practice_question(EVE)  # the other workspace exists and has a person
    channel_id = app.context.channel_of(ADA, ROOM)[0]
    return Seeded(app, clock, exam.exam_id, channel_id)
