"""The coach's scheduler: a pure state machine with the clock injected.

Feed it events (`Tick`, `Activity`, `Idle`, `Locked`, `Unlocked`, `Resumed`, `Answer`)
and it answers with actions (`Prompt`, `Record`, `Refused`). It never reads the clock
itself; `next_wakeup` tells the runner when the next prompt falls due, so the runner can
sleep until then instead of polling.

Rules: sitting is working time (inside the working window of a working day) while the
person is present (not idle, locked or asleep). After `micro_every_min` minutes of sitting
a micro-break is offered; once `long_every_min` minutes have passed without a long
break, the break that falls due is a long one. Firing a prompt (a postponed one offered
again too) restarts the clock of its kind, so an unanswered prompt is offered again one interval
later (and counted `ignored` then). Time away of at least the break's length counts as
that break (`idle_break`) and restarts the clock from the return, so nothing fires right
after the person comes back. Sleep is time away: waking never releases a burst of missed
prompts, at most the one still due. The clocks restart at each day's work start.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Final, Literal

from psoas.coach.model import ONE_DAY, CoachEvent, CoachSettings, away_reason

#: the desk-friendly exercises, rotated when no picker is given
DESK_EXERCISES: Final = (
    "desk_standing_hip_flexor_stretch",
    "seated_pelvic_tilt",
    "sit_to_stand",
    "walking_break",
)
#: offered for the longer movement break
LONG_EXERCISE: Final = "walking_break"

AnswerKind = Literal["done", "skipped", "postponed", "self_break"]
BreakKind = Literal["micro", "long"]


@dataclass(frozen=True)
class Tick:
    """The clock moved on (the runner woke up)."""

    now: datetime


@dataclass(frozen=True)
class Activity:
    """The person is using the computer (again)."""

    now: datetime


@dataclass(frozen=True)
class Idle:
    """The person has not touched the computer since `since`."""

    now: datetime
    since: datetime


@dataclass(frozen=True)
class Locked:
    """The screen was locked."""

    now: datetime


@dataclass(frozen=True)
class Unlocked:
    """The screen was unlocked."""

    now: datetime


@dataclass(frozen=True)
class Resumed:
    """The computer woke up after sleeping since `slept_since`."""

    now: datetime
    slept_since: datetime


@dataclass(frozen=True)
class Answer:
    """The person answered: done, skipped (with a reason), postponed, or self_break."""

    now: datetime
    kind: AnswerKind
    reason: str = ""


Event = Tick | Activity | Idle | Locked | Unlocked | Resumed | Answer


@dataclass(frozen=True)
class Prompt:
    """Offer a break now."""

    at: datetime
    break_kind: BreakKind
    exercise_id: str
    seconds: int
    escalated: bool = False
    repeat: bool = False  # a postponed prompt offered again


@dataclass(frozen=True)
class Record:
    """Store this event."""

    event: CoachEvent


@dataclass(frozen=True)
class Refused:
    """The answer was not accepted; `reason` says why, in plain words."""

    reason: str


Action = Prompt | Record | Refused


@dataclass(frozen=True)
class _Due:
    at: datetime
    break_kind: BreakKind
    repeat: bool


class Coach:
    """The scheduler. Not thread-safe; one per person and runner."""

    def __init__(
        self,
        settings: CoachSettings,
        *,
        start: datetime,
        pick: Callable[[int], str] | None = None,
    ) -> None:
        """Start the coach at `start`, present and sitting.

        Args:
            settings: the rules.
            start: the current time (timezone-aware or naive, but always the same kind).
            pick: returns the exercise id for the n-th micro-break (default: rotate
                through `DESK_EXERCISES`).
        """
        self.settings = settings
        self._pick = pick or (lambda n: DESK_EXERCISES[n % len(DESK_EXERCISES)])
        self._day: date = start.date()
        self._anchor = start  # sitting is accounted up to here
        self._micro_s = 0.0  # sitting seconds since the last micro-break (or prompt)
        self._long_s = 0.0  # sitting seconds since the last long break (or prompt)
        self._away_since: datetime | None = None
        self._pending: Prompt | None = None  # offered, not yet answered
        self._answered_repeat: Prompt | None = None  # postponed, to offer again
        self._repeat_at: datetime | None = None
        self._postpones_today = 0
        self._ignored_in_row = 0
        self._micro_count = 0

    # -- public -------------------------------------------------------------------

    @property
    def away(self) -> bool:
        """True while the person is idle, locked or asleep."""
        return self._away_since is not None

    @property
    def postpones_left(self) -> int:
        """How many more postpones today allows."""
        return max(0, self.settings.max_postpones_per_day - self._postpones_today)

    def handle(self, event: Event) -> list[Action]:
        """Apply one event and return what to do (prompts, records, refusals).

        Args:
            event: what happened; its `now` must not go back in time.

        Returns:
            The actions, in order: records to store and at most one prompt.
        """
        actions: list[Action] = []
        self._advance(event.now)
        match event:
            case Idle(now=now, since=since):
                self._leave(min(since, now))
            case Locked(now=now):
                self._leave(now)
            case Activity(now=now) | Unlocked(now=now):
                actions += self._come_back(now)
            case Resumed(now=now, slept_since=slept_since):
                self._leave(slept_since)
                actions += self._come_back(now)
            case Answer():
                actions += self._answer(event)
            case Tick():
                pass
        actions += self._fire_if_due(event.now)
        return actions

    def next_wakeup(self) -> datetime | None:
        """Return when the next prompt falls due if the person stays, or None while away."""
        due = self._due()
        return None if due is None else due.at

    # -- clocks -------------------------------------------------------------------

    def _advance(self, now: datetime) -> None:
        now = max(now, self._anchor)
        if now.date() != self._day:
            self._new_day(now.date())
        if self._away_since is None:
            window = self.settings.window(self._day, now.tzinfo)
            if window is not None:
                sat = (
                    min(now, window[1]) - max(self._anchor, window[0])
                ).total_seconds()
                if sat > 0:
                    self._micro_s += sat
                    self._long_s += sat
        self._anchor = now

    def _new_day(self, day: date) -> None:
        self._day = day
        self._anchor = datetime.combine(day, datetime.min.time(), self._anchor.tzinfo)
        self._micro_s = self._long_s = 0.0
        self._pending = self._answered_repeat = None
        self._repeat_at = None
        self._postpones_today = 0
        self._ignored_in_row = 0
        if self._away_since is not None:
            self._away_since = self._anchor

    def _leave(self, since: datetime) -> None:
        if self._away_since is None:
            # the runner notices idleness late: give back the sitting counted since then
            late = max(0.0, (self._anchor - since).total_seconds())
            self._micro_s = max(0.0, self._micro_s - late)
            self._long_s = max(0.0, self._long_s - late)
            self._away_since = max(
                since, datetime.combine(self._day, datetime.min.time(), since.tzinfo)
            )

    def _come_back(self, now: datetime) -> list[Action]:
        if self._away_since is None:
            return []
        away_from = self._away_since
        away_s = (now - away_from).total_seconds()
        self._away_since = None
        counted: BreakKind | None = None
        if away_s >= self.settings.break_seconds("long"):
            counted = "long"
            self._micro_s = self._long_s = 0.0
        elif away_s >= self.settings.break_seconds("micro"):
            counted = "micro"
            self._micro_s = 0.0
        window = self.settings.window(self._day, now.tzinfo)
        in_work = window is not None and away_from < window[1] and now > window[0]
        if counted is None or not in_work:
            return []  # an evening away from the desk is no break from sitting
        pending = self._pending or self._answered_repeat
        self._pending = self._answered_repeat = None
        self._repeat_at = None
        self._ignored_in_row = 0
        return [
            Record(
                CoachEvent(
                    at=now,
                    kind="idle_break",
                    break_kind=counted,
                    exercise_id=pending.exercise_id if pending else None,
                    reason=away_reason(away_s),
                )
            )
        ]

    def _due(self) -> _Due | None:
        if self._away_since is not None:
            return None
        s = self.settings
        if self._repeat_at is not None and s.is_working(self._repeat_at):
            repeat = _Due(self._repeat_at, self._repeat_kind(), repeat=True)
        else:
            repeat = None
        micro_left = s.micro_every_min * 60 - self._micro_s
        long_left = s.long_every_min * 60 - self._long_s
        day, start = self._day, self._anchor
        for _ in range(15):
            window = s.window(day, start.tzinfo)
            if window is not None and start < window[1]:
                at = max(start, window[0]) + timedelta(seconds=max(0.0, micro_left))
                if at < window[1]:
                    kind: BreakKind = "long" if long_left <= micro_left else "micro"
                    due = _Due(at, kind, repeat=False)
                    if repeat is not None and repeat.at <= due.at:
                        return repeat
                    return due
            if repeat is not None:
                return repeat
            day += ONE_DAY
            start = datetime.combine(day, datetime.min.time(), start.tzinfo)
            micro_left, long_left = s.micro_every_min * 60.0, s.long_every_min * 60.0
        return repeat

    def _repeat_kind(self) -> BreakKind:
        return self._answered_repeat.break_kind if self._answered_repeat else "micro"

    # -- prompts and answers ------------------------------------------------------

    def _fire_if_due(self, now: datetime) -> list[Action]:
        due = self._due()
        if due is None or due.at > now or not self.settings.is_working(now):
            return []
        actions: list[Action] = []
        if due.repeat and self._answered_repeat is not None:
            old = self._answered_repeat
            self._answered_repeat = None
            self._repeat_at = None
            self._micro_s = 0.0
            if old.break_kind == "long":
                self._long_s = 0.0
            prompt = Prompt(
                at=now,
                break_kind=old.break_kind,
                exercise_id=old.exercise_id,
                seconds=old.seconds,
                escalated=old.escalated,
                repeat=True,
            )
        else:
            self._repeat_at = None
            self._answered_repeat = None
            if self._pending is not None:
                self._ignored_in_row += 1
                actions.append(self._record(now, "ignored", self._pending))
            if due.break_kind == "long":
                exercise_id = LONG_EXERCISE
                self._micro_s = self._long_s = 0.0
            else:
                exercise_id = self._pick(self._micro_count)
                self._micro_count += 1
                self._micro_s = 0.0
            prompt = Prompt(
                at=now,
                break_kind=due.break_kind,
                exercise_id=exercise_id,
                seconds=self.settings.break_seconds(due.break_kind),
                escalated=self._ignored_in_row >= self.settings.escalate_after,
            )
        self._pending = prompt
        actions.append(self._record(now, "prompt", prompt))
        if prompt.escalated and not prompt.repeat:
            actions.append(self._record(now, "escalated", prompt))
        actions.append(prompt)
        return actions

    def _answer(self, answer: Answer) -> list[Action]:
        now = answer.now
        if answer.kind == "self_break":
            pending = self._pending or self._answered_repeat
            self._pending = self._answered_repeat = None
            self._repeat_at = None
            self._ignored_in_row = 0
            self._micro_s = 0.0
            return [
                Record(
                    CoachEvent(
                        at=now,
                        kind="self_break",
                        break_kind=pending.break_kind if pending else None,
                        exercise_id=pending.exercise_id if pending else None,
                        reason=answer.reason,
                    )
                )
            ]
        pending = self._pending
        if pending is None:
            return [Refused("There is no break waiting for an answer.")]
        if answer.kind == "postponed":
            if self._postpones_today >= self.settings.max_postpones_per_day:
                return [
                    Refused(
                        f"You have postponed {self._postpones_today} times today, the "
                        "most allowed; take the break or skip it."
                    )
                ]
            self._postpones_today += 1
            self._answered_repeat = pending
            self._repeat_at = now + timedelta(minutes=self.settings.postpone_min)
        self._pending = None
        self._ignored_in_row = 0
        return [self._record(now, answer.kind, pending, reason=answer.reason)]

    @staticmethod
    def _record(
        now: datetime, kind: str, prompt: Prompt, *, reason: str = ""
    ) -> Record:
        return Record(
            CoachEvent(
                at=now,
                kind=kind,
                break_kind=prompt.break_kind,
                exercise_id=prompt.exercise_id,
                reason=reason,
            )
        )


def rotation(exercise_ids: Sequence[str]) -> Callable[[int], str]:
    """Return a picker that cycles through `exercise_ids` (for `Coach(pick=...)`)."""
    ids = tuple(exercise_ids) or DESK_EXERCISES
    return lambda n: ids[n % len(ids)]
