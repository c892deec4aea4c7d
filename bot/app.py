"""The composition root: every service over one database and one bank, wired to the platforms' posters."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import timedelta

from bot.config import Settings, env_name, revealed
from bot.services.competition import CompetitionService
from bot.services.context import Clock, ServiceContext, utc_now
from bot.services.daily import DailyService
from bot.services.daily_setup import DailySetupService
from bot.services.dashboard import DashboardService
from bot.services.exam import ExamService
from bot.services.guide import GuideService
from bot.services.history import HistoryService
from bot.services.itemstats import ItemStatsService
from bot.services.poster import Poster, Posters
from bot.services.practice import PracticeService
from bot.services.privacy import PrivacyService, Retention, WorkspaceCleanup
from bot.services.scheduler import DailyScheduler
from bot.services.study import StudyService
from bot.services.web_access import WebAccessService
from questions.bank import Bank, load_bank
from questions.guide import Guide
from storage.db import open_db


@dataclass
class App:
    context: ServiceContext
    practice: PracticeService
    daily: DailyService
    daily_setup: DailySetupService
    competition: CompetitionService
    scheduler: DailyScheduler
    exam: ExamService
    guide: GuideService
    privacy: PrivacyService
    cleanup: WorkspaceCleanup
    study: StudyService
    history: HistoryService
    items: ItemStatsService
    web_access: WebAccessService
    dashboard: DashboardService

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
    context = ServiceContext(
        open_db(settings.db_path),
        bank or load_bank(),
        clock,
        rng or random.Random(),
        readiness_half_life_days=settings.readiness_half_life_days,
    )
    practice = PracticeService(context)
    daily = DailyService(context, practice, Posters(), retry_delay=retry_delay)
    competition = CompetitionService(context)
    retention = Retention(context, settings.retention_days) if settings.retention_days else None
    cleanup = WorkspaceCleanup(context, timedelta(days=settings.removed_workspace_grace_days))
    items = ItemStatsService(
        context, min_people=settings.item_stats.min_people, new_evidence=settings.item_stats.new_evidence
    )
    scheduler = DailyScheduler(
        daily,
        competition,
        grace=settings.catch_up_grace,
        retention=retention,
        cleanup=cleanup,
        digests=lambda: items.send_digests(daily.posters),
    )
    exams = ExamService(context, practice)
    guide_service = GuideService(context, practice, exams, guide)
    setup = DailySetupService(context, daily)
    privacy = PrivacyService(context)
    study = StudyService(context, practice)
    history = HistoryService(context, practice, exams)
    web_access = WebAccessService(
        context, settings.web.base_url, revealed(settings.web.secret), base_url_setting=env_name("web", "base_url")
    )
    return App(
        context,
        practice,
        daily,
        setup,
        competition,
        scheduler,
        exams,
        guide_service,
        privacy,
        cleanup,
        study,
        history,
        items,
        web_access,
        DashboardService(context, practice, guide_service, history, study, competition, daily, items),
    )
