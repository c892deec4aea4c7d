"""Daily questions per channel: schedules, posting exactly once, answering once, revealing."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable, Iterable
from datetime import datetime, timedelta

from bot.services.admin import admin_only
from bot.services.context import ChannelTarget, ServiceContext
from bot.services.display import DailyAnswerView, DailyPostView, OptionTally, RevealView
from bot.services.errors import (
    InvalidChoiceError,
    PostClosedError,
    PostFailedError,
    QuizError,
    UnknownPostError,
)
from bot.services.identity import Member
from bot.services.poster import ChannelAddress, ChannelUnavailableError, Posters, PostUncertainError, describe_failure
from bot.services.practice import PracticeService
from bot.services.retry import with_backoff
from bot.services.seasons import season_at
from bot.services.timing import (
    daily_trigger,
    local_date,
    next_fire,
)
from questions.grading import InvalidAnswerError, grade
from questions.review import review
from questions.selection import pick_question
from storage.attempts import Recorded
from storage.posts import DailyAnswer, PostForAnswer, PostRow, PostStore, write_answer
from storage.schedules import ScheduleRow, ScheduleStore

log = logging.getLogger(__name__)
POSTS_IN_FLIGHT = 10  # per platform: see DailyService._slot

POINTS_PER_CORRECT = 10
MAX_OPEN = timedelta(hours=24)
REVEAL_NAMES = 10


class DailyService:
    def __init__(
        self, context: ServiceContext, practice: PracticeService, posters: Posters, *, retry_delay: float = 1.0
    ) -> None:
        self.context = context
        self.practice = practice
        self.posters = posters
        self.retry_delay = retry_delay
        self.schedules = ScheduleStore(context.db)
        self.posts = PostStore(context.db)
        self.on_schedule_change: Callable[[int], None] = lambda channel_id: None
        self.on_post_open: Callable[[PostRow], None] = lambda post: None
        self.on_post_failed: Callable[[PostRow], None] = lambda post: None  # the scheduler retries it
        self._channel_locks: dict[int, asyncio.Lock] = {}
        self._posting = 0  # daily posts on their way to a platform
        self._idle = asyncio.Event()
        self._idle.set()
        self._preparing = asyncio.Lock()
        self._in_flight: dict[str, asyncio.Semaphore] = {}  # platform -> posts prepared and not yet done

    @contextlib.asynccontextmanager
    async def _posting_one(self):
        self._posting += 1
        self._idle.clear()
        try:
            yield
        finally:
            self._posting -= 1
            if not self._posting:
                self._idle.set()

    @contextlib.asynccontextmanager
    async def _one_per_turn(self):
        """Preparing a post (the pick, the reserved row, the view) is quick but synchronous. When thousands
        of channels fire in the same minute, every job's preparation ran in one turn of the event loop, which
        read no socket for tens of seconds: with 10,000 channels (bench.fanout) the requests sent first timed
        out and their posts were lost. Posts are prepared one per turn; the loop serves sockets in between."""
        async with self._preparing:
            await asyncio.sleep(0)  # the turn: the others queue on the lock meanwhile
            yield

    async def drain(self, timeout: float) -> bool:
        """Wait, at most `timeout` seconds, until no daily post is being sent: stopping in the middle would
        leave a post 'pending' that the platform already shows, and post it again later. True if idle.
        Answers waiting for their group commit are committed first."""
        self.context.commits.flush()
        try:
            await asyncio.wait_for(self._idle.wait(), timeout)
        except TimeoutError:
            log.warning("stopping while a daily post is still being sent")
            return False
        return True

    @admin_only
    async def post_now(self, member: Member, channel: ChannelTarget) -> PostRow:
        """Post today's question at once (admins): still one post per channel per local date. A post that
        failed, or that the platform never confirmed, is posted now: the admin can see the channel."""
        channel_id, _ = self.context.channel_of(member, channel)
        schedule = self.schedules.get(channel_id)
        if schedule is None:
            raise QuizError("This channel has no daily question yet; set one up first.")
        existing = self.posts.for_date(channel_id, local_date(self.context.clock(), schedule.timezone))
        if existing is not None and existing.status in ("open", "revealed"):
            raise QuizError(f"Today's question was already posted here ({existing.local_date}).")
        post = await self.post_daily(channel_id, self.context.clock(), manual=True)
        if post is None or post.status != "open":
            raise PostFailedError(post.failure if post and post.failure else "the channel has no schedule any more")
        return post

    @admin_only
    async def reveal_now(self, member: Member, channel: ChannelTarget) -> RevealView:
        """Close and reveal the channel's open question at once (admins)."""
        channel_id, _ = self.context.channel_of(member, channel)
        open_posts = [p for p in self.posts.channel_history(channel_id) if p.status == "open"]
        if not open_posts:
            raise QuizError("There is no open daily question in this channel.")
        view = await self.reveal(open_posts[-1].id)
        if view is None:
            raise QuizError("That question has just been revealed.")
        return view

    def open_post(self, member: Member, channel: ChannelTarget) -> PostRow:
        """The channel's newest open question, for adapters that answer by channel rather than by post id."""
        channel_id, _ = self.context.channel_of(member, channel)
        now = self.context.clock()
        open_posts = [p for p in self.posts.channel_history(channel_id) if p.is_open(now)]
        if not open_posts:
            raise QuizError("There is no open daily question in this channel.")
        return open_posts[-1]

    # -- posting (scheduler) ---------------------------------------------
    async def post_daily(
        self, channel_id: int, fire_time: datetime, *, manual: bool = False, resume_pending: bool = False
    ) -> PostRow | None:
        """Post the channel's question for the local date of `fire_time`, exactly once.

        A post reserved but never confirmed ('pending') is left alone by a plain fire, since another run may
        be posting it; the start-up catch-up, a retry (`resume_pending`) and a manual post resume it. A post
        that failed is tried again by a retry or a manual post, but one the platform may have shown without
        confirming it only by a manual post: a blind retry could show the question twice."""
        lock = self._channel_locks.setdefault(channel_id, asyncio.Lock())
        routing = self.schedules.get(channel_id)
        if routing is None:
            return None
        async with self._posting_one(), lock, self._slot(routing.platform):
            async with self._one_per_turn():
                schedule = self.schedules.get(channel_id)
                if schedule is None or (schedule.paused and not manual):
                    return None
                day = local_date(fire_time, schedule.timezone)
                question = pick_question(self.context.bank, self.context.rng, self.posts.served_counts(channel_id))
                post, created = self.posts.reserve(channel_id, day, question.id, fire_time)
                if not may_send(post, created=created, manual=manual, resume=resume_pending):
                    return post  # already posted, or being posted (a restart, a double fire, a raced catch-up)
            return await self._send(post, schedule)

    def _slot(self, platform: str) -> asyncio.Semaphore:
        """At most POSTS_IN_FLIGHT posts of a platform are prepared and not yet sent. The platforms' rate
        limits let a fan-out go out at 10 (Slack, per workspace) or 50 (Discord) posts a second; preparing all
        of them at the trigger took the core from the people answering at that moment (bench.fanout: answers
        during a fan-out of 1,000 channels fell to 63 % of the rate alone). A post is prepared when one of the
        platform's slots frees, so preparation keeps pace with sending. Fewer as answers got cheaper, since the
        posts prepared at the trigger then weigh more against them: with 100 (after group commits) answers
        during the fan-out were 76 % of alone; with 25, 82-86 %, and 78.8 % on average once an answer's write
        had become leaner; with 10, 82.2 % on average, the posts still going out at the limits' pace."""
        return self._in_flight.setdefault(platform, asyncio.Semaphore(POSTS_IN_FLIGHT))

    async def _send(self, post: PostRow, schedule: ScheduleRow) -> PostRow | None:
        channel = ChannelAddress.of(schedule)
        now = self.context.clock()
        closes_at = self.closing_time(schedule, now)
        view = self.post_view(post, closes_at, schedule.feedback)
        try:
            message_ref = await with_backoff(
                lambda: self.posters.for_channel(channel).post_question(channel, view),
                first_delay=self.retry_delay,
                what=f"daily post to {channel.platform} channel {channel.channel}",
            )
        except ChannelUnavailableError as exc:
            log.warning("pausing the daily question of channel %s: %s", channel.channel, exc)
            self.schedules.set_paused(post.channel_id, True, f"cannot post: {exc}", now=now)
            self.posts.mark_failed(post.id, str(exc))
            self.on_schedule_change(post.channel_id)
            return self.posts.get(post.id)
        except PostUncertainError as exc:
            log.warning(
                "daily post to channel %s not confirmed and not retried, since a retry could show it twice: %s",
                channel.channel,
                describe_failure(exc),
            )
            self.posts.mark_failed(post.id, describe_failure(exc), maybe_posted=True)
            return self.posts.get(post.id)
        except Exception as exc:
            log.warning("daily post to channel %s failed: %s", channel.channel, describe_failure(exc), exc_info=True)
            self.posts.mark_failed(post.id, describe_failure(exc))
            failed = self.posts.get(post.id)
            if failed is not None:
                self.on_post_failed(failed)
            return failed
        self.posts.mark_posted(post.id, message_ref, now, closes_at)
        opened = self.posts.get(post.id)
        if opened is not None:
            self.on_post_open(opened)
        return opened

    def closing_time(self, schedule: ScheduleRow, posted_at: datetime) -> datetime:
        if schedule.open_hours:
            return posted_at + timedelta(hours=schedule.open_hours)
        trigger = daily_trigger(schedule.local_time, schedule.timezone, schedule.weekdays)
        following = next_fire(trigger, posted_at)
        latest = posted_at + MAX_OPEN
        return min(following, latest) if following else latest

    # -- answering --------------------------------------------------------
    def answer(
        self, member: Member, post_id: int, chosen: Iterable[str] | str, *, on_message: str | None = None
    ) -> DailyAnswerView:
        """Record the member's answer to the post, once, committed on return (the terminal). `on_message` is
        the platform's reference of the message the answer control was on, where the platform reports it: an
        answer is taken only from the post's own message, whatever post id the control's value names."""
        graded = self._graded(member, post_id, chosen, on_message)
        if isinstance(graded, DailyAnswerView):
            return graded
        answer, immediate = graded
        return self._recorded(
            answer, immediate, self.context.commits.write_now(lambda conn: write_answer(conn, answer))
        )

    async def answer_with_others(
        self, member: Member, post_id: int, chosen: Iterable[str] | str, *, on_message: str | None = None
    ) -> DailyAnswerView:
        """`answer`, committed with the other answers that arrive within a few milliseconds of it (a group
        commit: the chat adapters, where answers to a post come in bursts); returns once that commit is done."""
        graded = self._graded(member, post_id, chosen, on_message)
        if isinstance(graded, DailyAnswerView):
            return graded
        answer, immediate = graded
        return self._recorded(
            answer, immediate, await self.context.commits.write(lambda conn: write_answer(conn, answer))
        )

    def _graded(
        self, member: Member, post_id: int, chosen: Iterable[str] | str, on_message: str | None
    ) -> tuple[DailyAnswer, bool] | DailyAnswerView:
        """The answer ready to be written, or, when there is nothing to write, what the member sees. Reads
        only: a new person's row is written with their answer."""
        target = self._post_for(member, post_id)
        post, workspace, immediate = target.post, target.workspace, target.feedback == "immediate"
        if on_message is not None and on_message != post.message_ref:
            raise UnknownPostError()
        now = self.context.clock()
        if member.workspace_name and member.workspace_name != workspace.name:
            self.context.workspace_of(member)  # the workspace was renamed (rare): its row keeps up on its own
        person = target.person
        question = self.context.bank.get(post.question_id)
        try:
            if not post.is_open(now):
                raise PostClosedError(post.closed_at)
            result = grade(question, chosen)
        except (PostClosedError, InvalidAnswerError) as refusal:
            earlier = self.posts.answer_of(post.id, person.id) if person.id is not None else None
            if earlier is not None:  # an answer given while it was open still shows, whatever is pressed now
                return self._answer_view(post, immediate, tuple(earlier.chosen), already=True)
            if isinstance(refusal, InvalidAnswerError):
                raise InvalidChoiceError(str(refusal)) from refusal
            raise
        # an answer already stored while the post is open is found by the write itself (one read fewer)
        answer = DailyAnswer(
            post=post,
            person=person,
            team_id=target.team_id,
            objective_id=question.objective,
            chosen="".join(result.chosen),
            correct=result.correct,
            points=POINTS_PER_CORRECT if result.correct else 0,
            answered_at=now,
            season_key=season_at(now, workspace.timezone, workspace.season_period).key,
            card=review(target.card, result.correct, now),
        )
        return answer, immediate

    def _recorded(self, answer: DailyAnswer, immediate: bool, recorded: Recorded) -> DailyAnswerView:
        return self._answer_view(answer.post, immediate, tuple(recorded.attempt.chosen), already=not recorded.created)

    def _answer_view(self, post: PostRow, immediate: bool, chosen: tuple[str, ...], *, already: bool):
        """`immediate`: the channel's schedule gives feedback at once, privately, rather than at the reveal."""
        question = self.context.bank.get(post.question_id)
        return DailyAnswerView(
            post_id=post.id,
            chosen=chosen,
            already_answered=already,
            reveals_at=post.revealed_at or post.closes_at,
            revealed=post.status == "revealed",
            feedback=self.practice.feedback_view(question, chosen, already_answered=already) if immediate else None,
        )

    # -- reveal -------------------------------------------------------------
    async def reveal(self, post_id: int) -> RevealView | None:
        """Close the post and reveal it, once: the database claim comes before any platform call, so racing
        reveals (an admin's and the scheduler's, or several admins') post one reveal. None if already done."""
        post = self.posts.get(post_id)
        if post is None or not self.posts.claim_reveal(post_id, self.context.clock()):
            return None
        view = self.reveal_view(post)  # tallied after the claim closed the post to answers
        schedule = self.schedules.get(post.channel_id)
        if schedule is not None:
            channel = ChannelAddress(
                schedule.platform, schedule.workspace_id_on_platform, schedule.channel_id_on_platform
            )
            try:
                await with_backoff(
                    lambda: self.posters.for_channel(channel).post_reveal(channel, post.message_ref, view),
                    first_delay=self.retry_delay,
                    what=f"reveal in channel {channel.channel}",
                )
            except Exception as exc:
                log.warning(
                    "reveal of post %s could not be posted; it stays closed: %s", post.id, describe_failure(exc)
                )
        return view

    def reveal_view(self, post: PostRow) -> RevealView:
        question = self.context.bank.get(post.question_id)
        tally = self.posts.tally(post.id)
        by_choice, correct_users = tally.by_choice, tally.correct_users
        answered = sum(by_choice.values())
        options = []
        for letter, option in zip(question.letters, question.options, strict=True):
            count = sum(n for chosen, n in by_choice.items() if letter in chosen)
            percent = round(100 * count / answered, 1) if answered else 0.0
            options.append(OptionTally(letter, option.text, count, percent, letter in question.answer))
        return RevealView(
            post_id=post.id,
            local_date=post.local_date,
            question_id=question.id,
            stem=question.stem,
            key=tuple(sorted(question.answer)),
            options=tuple(options),
            explanation=question.explanation,
            references=question.references,
            answered=answered,
            correct=tally.correct,
            correct_names=tuple(self.context.directory.display_name(u) for u in correct_users[:REVEAL_NAMES]),
        )

    # -- views and lookups ------------------------------------------------
    def post_view(self, post: PostRow, closes_at: datetime, feedback: str) -> DailyPostView:
        question = self.context.bank.get(post.question_id)
        return DailyPostView(
            post_id=post.id,
            local_date=post.local_date,
            question=self.practice.question_view(question, post.id, kind="daily"),
            closes_at=closes_at,
            feedback=feedback,
        )

    def _post_for(self, member: Member, post_id: int) -> PostForAnswer:
        """The post, only if it belongs to the member's own workspace (ids from a payload are not trusted)."""
        found = self.posts.for_answer(post_id, member.user, member.name)
        if found is None:
            raise UnknownPostError()
        if (found.workspace.platform, found.workspace.external_id) != (member.platform, member.workspace):
            raise UnknownPostError()
        return found


def may_send(post: PostRow, *, created: bool, manual: bool, resume: bool) -> bool:
    if post.status == "pending":
        return created or manual or resume
    if post.status == "failed":
        return manual or (resume and not post.maybe_posted)
    return False
