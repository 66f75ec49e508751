"""The coach's settings and the events it stores and exchanges."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, tzinfo
from typing import Annotated, Final

from pydantic import BaseModel, ConfigDict, Field, model_validator

#: every kind of event the coach stores, as plain strings
EVENT_KINDS: Final = frozenset(
    {
        "prompt",
        "done",
        "skipped",
        "postponed",
        "self_break",
        "idle_break",
        "ignored",
        "escalated",
    }
)
#: the kinds that mean the person moved (a break taken)
BREAK_KINDS: Final = frozenset({"done", "self_break", "idle_break"})


class CoachSettings(BaseModel):
    """When and how the coach prompts; the defaults follow a break every 30 minutes."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    micro_every_min: Annotated[int, Field(ge=5, le=240)] = 30
    micro_s: Annotated[int, Field(ge=30, le=90)] = 60
    long_every_min: Annotated[int, Field(ge=10, le=480)] = 120
    long_min: Annotated[int, Field(ge=1, le=30)] = 5
    work_days: frozenset[Annotated[int, Field(ge=0, le=6)]] = frozenset({0, 1, 2, 3, 4})
    work_start: time = time(9, 0)
    work_end: time = time(17, 30)
    postpone_min: Annotated[int, Field(ge=1, le=120)] = 10
    max_postpones_per_day: Annotated[int, Field(ge=0, le=50)] = 3
    escalate_after: Annotated[int, Field(ge=1, le=20)] = 3

    @model_validator(mode="after")
    def _check_hours(self) -> CoachSettings:
        if self.work_start >= self.work_end:
            msg = "work_start must be before work_end"
            raise ValueError(msg)
        return self

    def window(
        self, day: date, tz: tzinfo | None = None
    ) -> tuple[datetime, datetime] | None:
        """Return the working window of `day`, or None on a day off.

        Args:
            day: the calendar day.
            tz: the tzinfo to attach (that of the clock's datetimes).
        """
        if day.weekday() not in self.work_days:
            return None
        start = datetime.combine(day, self.work_start, tzinfo=tz)
        end = datetime.combine(day, self.work_end, tzinfo=tz)
        return start, end

    def break_seconds(self, break_kind: str) -> int:
        """Return how long a break of `break_kind` (micro or long) lasts, in seconds."""
        return self.long_min * 60 if break_kind == "long" else self.micro_s

    def is_working(self, at: datetime) -> bool:
        """Return True when `at` falls inside a working window."""
        window = self.window(at.date(), at.tzinfo)
        return window is not None and window[0] <= at < window[1]


@dataclass(frozen=True)
class CoachEvent:
    """One stored coach event (see `EVENT_KINDS`)."""

    at: datetime
    kind: str
    break_kind: str | None = None
    exercise_id: str | None = None
    reason: str = ""

    def __post_init__(self) -> None:
        if self.kind not in EVENT_KINDS:
            msg = f"unknown coach event kind {self.kind!r}"
            raise ValueError(msg)


ONE_DAY: Final = timedelta(days=1)
_AWAY = re.compile(r"^away (\d+) min$")


def away_reason(seconds: float) -> str:
    """Return the `reason` stored with an idle break: how long the person was away."""
    return f"away {round(seconds / 60)} min"


def away_minutes(event: CoachEvent) -> int:
    """Return how long the person was away before an idle break (0 for other events)."""
    match = _AWAY.match(event.reason) if event.kind == "idle_break" else None
    return int(match.group(1)) if match else 0
