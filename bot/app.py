"""The composition root: every service over one database and one bank, wired to the platforms' posters."""

from __future__ import annotations

import random
from dataclasses import dataclass

from bot.config import Settings
from bot.services.competition import CompetitionService
from bot.services.daily import DailyService
from bot.services.exam import ExamService
from bot.services.guide import GuideService
from bot.services.poster import Poster, Posters
from bot.services.practice import Clock, QuizService, utc_now
from bot.services.scheduler import DailyScheduler
from questions.bank import Bank, load_bank
from questions.guide import Guide
from storage.db import open_db


@dataclass
class App:
    quiz: QuizService
    daily: DailyService
    competition: CompetitionService
    scheduler: DailyScheduler
    exam: ExamService
    guide: GuideService

    @property
    def posters(self) -> Posters:
        return self.daily.posters

    def add_poster(self, platform: str, poster: Poster) -> None:
        self.daily.posters.by_platform[platform] = poster


def build_app(
    settings: Settings,
    *,
    bank: Bank | None = None,
    clock: Clock = utc_now,
    rng: random.Random | None = None,
    retry_delay: float = 1.0,
    guide: Guide | None = None,
) -> App:
    quiz = QuizService(open_db(settings.db_path), bank or load_bank(), clock=clock, rng=rng)
    daily = DailyService(quiz, Posters(), retry_delay=retry_delay)
    competition = CompetitionService(quiz)
    scheduler = DailyScheduler(daily, competition, grace=settings.catch_up_grace)
    exams = ExamService(quiz)
    return App(quiz, daily, competition, scheduler, exams, GuideService(quiz, exams, guide))
