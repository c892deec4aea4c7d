"""Teams, seasons, leaderboards and streaks; the rules users see are in bot.rules."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Sequence
from typing import TypeVar

from bot.services.admin import admin_only
from bot.services.context import ServiceContext
from bot.services.display import BoardRow, LeaderboardView, SeasonSummaryView, TeamView
from bot.services.errors import InvalidChoiceError, QuizError, quoted
from bot.services.identity import Member
from bot.services.seasons import Season, season_at
from bot.services.study_views import TeamMembersView
from storage.leaderboards import LeaderboardStore
from storage.posts import PostStore
from storage.scores import ALL_TIME
from storage.teams import TeamExistsError, TeamRow, TeamStore

TEAM_RULE = "Teams rank by points per active member (members who answered a daily question for the team)."
PEOPLE_RULE = "10 points per correct daily answer; practice and mock exams do not score."
TEAM_NAME_MAX = 40
T = TypeVar("T")


class CompetitionService:
    def __init__(self, context: ServiceContext) -> None:
        self.context = context
        self.teams = TeamStore(context.db)
        self.boards = LeaderboardStore(context.db)
        self.posts = PostStore(context.db)

    # -- teams ---------------------------------------------------------------
    def create_team(self, member: Member, name: str) -> TeamView:
        """A new team with its creator as its first member (leaving their team, if any: `left` names it)."""
        clean = clean_team_name(name)
        workspace_id = self.context.workspace_of(member).id
        user_id = self.context.user_id(member)
        previous = self.teams.team_of(user_id)
        try:
            team = self.teams.create(workspace_id, clean, now=self.context.clock(), creator=user_id)
        except TeamExistsError:
            raise QuizError(f"A team called {quoted(clean)} already exists here; join it instead.") from None
        return TeamView(team.name, team.members, is_mine=True, left=previous.name if previous else None)

    @admin_only
    def rename_team(self, member: Member, name: str, new_name: str) -> TeamView:
        team = self._team_named(member, name)
        clean = clean_team_name(new_name)
        try:
            self.teams.rename(team.id, clean)
        except TeamExistsError:
            raise QuizError(f"A team called {quoted(clean)} already exists here.") from None
        return TeamView(clean, team.members)

    @admin_only
    def delete_team(self, member: Member, name: str) -> TeamView:
        """Delete a team: its members are in no team any more; the points they earned stay their own."""
        team = self._team_named(member, name)
        self.teams.delete(team.id)
        return TeamView(team.name, team.members)

    def team_members(self, member: Member, name: str | None = None) -> TeamMembersView:
        """Who is in a team (the person's own without a name)."""
        mine = self.teams.team_of(self.context.user_id(member))
        team = self._team_named(member, name) if name else mine
        if team is None:
            raise QuizError("You are not in a team; name the team whose members you want to see.")
        is_mine = mine is not None and mine.id == team.id
        return TeamMembersView(team.name, tuple(self.teams.member_names(team.id)), is_mine)

    def _team_named(self, member: Member, name: str) -> TeamRow:
        team = self.teams.find(self.context.workspace_of(member).id, " ".join(name.split()))
        if team is None:
            raise QuizError(f"There is no team called {quoted(name)} here.")
        return team

    def join_team(self, member: Member, name: str) -> tuple[TeamView, str | None]:
        """Join (or move to) a team; returns the team and the name of the team left, if any."""
        workspace_id = self.context.workspace_of(member).id
        team = self.teams.find(workspace_id, clean_team_name(name))
        if team is None:
            raise QuizError(f"There is no team called {quoted(name)} here; create it first.")
        user_id = self.context.user_id(member)
        previous = self.teams.team_of(user_id)
        if previous is not None and previous.id == team.id:
            return TeamView(team.name, team.members, is_mine=True), None
        self.teams.join(user_id, team.id, now=self.context.clock())
        joined = self.teams.find(workspace_id, team.name) or team
        return TeamView(joined.name, joined.members, is_mine=True), previous.name if previous else None

    def leave_team(self, member: Member) -> str:
        user_id = self.context.user_id(member)
        team = self.teams.team_of(user_id)
        if team is None:
            raise QuizError("You are not in a team.")
        self.teams.leave(user_id)
        return team.name

    def list_teams(self, member: Member) -> list[TeamView]:
        mine = self.teams.team_of(self.context.user_id(member))
        return [
            TeamView(t.name, t.members, is_mine=mine is not None and mine.id == t.id)
            for t in self.teams.list(self.context.workspace_of(member).id)
        ]

    # -- leaderboards --------------------------------------------------------
    def leaderboard(
        self,
        member: Member,
        scope: str = "workspace",
        period: str = "season",
        channel_id_on_platform: str | None = None,
        top: int = 10,
    ) -> LeaderboardView:
        if scope not in ("channel", "workspace", "team") or period not in ("season", "all"):
            raise InvalidChoiceError("scope is channel, workspace or team; period is season or all")
        workspace = self.context.workspace_of(member)
        season = self.current_season(member)
        key = season.key if period == "season" else ALL_TIME
        user_id = self.context.user_id(member)
        if scope == "team":
            rows = self._team_rows(workspace.id, key, self.teams.team_id_of(user_id))
            shown, me = tuple(rows[:top]), next((r for r in rows[top:] if r.is_me), None)
            return LeaderboardView("Team leaderboard", scope, period, season.label, shown, me, TEAM_RULE)
        channel_id = None
        if scope == "channel":
            if channel_id_on_platform is None:
                raise InvalidChoiceError("the channel leaderboard needs a channel")
            channel_id = self.context.directory.channel(workspace.id, channel_id_on_platform, now=self.context.clock())
        shown = self._people_rows(workspace.id, channel_id, key, top, user_id)
        me = None
        if not any(row.is_me for row in shown):
            person = self.boards.person(workspace.id, channel_id, key, user_id)
            if person is not None:
                rank = self.boards.rank_of(workspace.id, channel_id, key, person.points)
                me = BoardRow(rank, person.name, person.points, _person_detail(person), is_me=True)
        title = "Channel leaderboard" if channel_id else "Leaderboard"
        streak = self.streak(member, channel_id_on_platform) if channel_id and channel_id_on_platform else None
        return LeaderboardView(title, scope, period, season.label, shown, me, PEOPLE_RULE, streak)

    def _people_rows(self, workspace_id: int, channel_id: int | None, key: str, top: int, user_id: int | None):
        """The top rows with competition ranks: a row's rank is one more than the rows with more points,
        all of which are above it in the list."""
        rows: list[BoardRow] = []
        for position, score in enumerate(self.boards.top_people(workspace_id, channel_id, key, top), start=1):
            rank = rows[-1].rank if rows and rows[-1].points == score.points else position
            rows.append(BoardRow(rank, score.name, score.points, _person_detail(score), score.user_id == user_id))
        return tuple(rows)

    def _team_rows(self, workspace_id: int, key: str, my_team_id: int | None) -> list[BoardRow]:
        return ranked(
            self.boards.teams(workspace_id, key),
            key=lambda s: round(s.points / s.active_members, 1) if s.active_members else 0.0,
            name=lambda s: s.name,
            detail=lambda s: f"{s.points} pts, {s.active_members} active",
            is_me=lambda s: s.team_id == my_team_id,
        )

    def current_season(self, member: Member) -> Season:
        workspace = self.context.workspace_of(member)
        return season_at(self.context.clock(), workspace.timezone, workspace.season_period)

    def season_summary(self, workspace_id: int, season: Season, top: int = 3) -> SeasonSummaryView:
        workspace = self.context.directory.get_workspace(workspace_id)
        people = self._people_rows(workspace_id, None, season.key, top, None)
        teams = self._team_rows(workspace_id, season.key, None)
        return SeasonSummaryView(workspace.name or workspace.external_id, season.label, people, tuple(teams[:top]))

    # -- streaks -------------------------------------------------------------
    def streak(self, member: Member, channel_id_on_platform: str) -> int:
        workspace = self.context.workspace_of(member)
        channel_id = self.context.directory.channel(workspace.id, channel_id_on_platform, now=self.context.clock())
        user_id = self.context.user_id(member)
        correct = self.posts.correct_post_ids(user_id, channel_id)
        count = 0
        now = self.context.clock()
        for post in reversed(self.posts.channel_history(channel_id)):
            if post.status in ("pending", "failed"):
                continue
            if post.id in correct:
                count += 1
            elif post.is_open(now):
                continue  # today's question, not answered yet: the streak is still alive
            else:
                break
        return count


def _person_detail(score) -> str:
    return f"{score.correct}/{score.answered} correct"


def ranked(
    items: Sequence[T],
    *,
    key: Callable[[T], float],
    name: Callable[[T], str],
    detail: Callable[[T], str],
    is_me: Callable[[T], bool] = lambda item: False,
) -> list[BoardRow]:
    """Standard competition ranking (1, 2, 2, 4): equal scores share a rank, listed by name."""
    ordered = sorted(items, key=lambda item: (-key(item), name(item).casefold()))
    rows: list[BoardRow] = []
    for position, item in enumerate(ordered, start=1):
        score = key(item)
        rank = rows[-1].rank if rows and rows[-1].points == score else position
        rows.append(BoardRow(rank, name(item), score, detail(item), is_me(item)))
    return rows


def clean_team_name(name: str) -> str:
    clean = " ".join(unicodedata.normalize("NFC", name).split())
    if any(unicodedata.category(ch).startswith("C") for ch in clean):
        raise InvalidChoiceError("a team name cannot contain control or invisible format characters")
    if not 2 <= len(clean) <= TEAM_NAME_MAX:
        raise InvalidChoiceError(f"a team name has 2 to {TEAM_NAME_MAX} characters")
    return clean
