"""Per-day statistics of the coach's events, and the exposure profile they feed."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from psoas.coach.model import BREAK_KINDS, CoachEvent, CoachSettings, away_minutes


@dataclass(frozen=True)
class DayStats:
    """What the coach saw on one day."""

    day: date
    sitting_minutes_covered: float  # working minutes the coach was running
    longest_sitting_min: float  # longest stretch without a break event
    breaks_per_sitting_hour: float
    exercises_done: int
    prompts: int
    skipped: int
    postponed: int
    self_breaks: int
    idle_breaks: int

    def to_json_dict(self) -> dict[str, Any]:
        """Return the statistics as a JSON-ready dict."""
        return {
            "day": self.day.isoformat(),
            "sitting_minutes_covered": round(self.sitting_minutes_covered, 1),
            "longest_sitting_min": round(self.longest_sitting_min, 1),
            "breaks_per_sitting_hour": round(self.breaks_per_sitting_hour, 2),
            "exercises_done": self.exercises_done,
            "prompts": self.prompts,
            "skipped": self.skipped,
            "postponed": self.postponed,
            "self_breaks": self.self_breaks,
            "idle_breaks": self.idle_breaks,
        }


def _minutes(delta: timedelta) -> float:
    return max(0.0, delta.total_seconds() / 60)


def day_stats(
    events: Sequence[CoachEvent], day: date, settings: CoachSettings
) -> DayStats:
    """Summarise the events of `day`.

    The coach stores no start or stop events, so its running time is estimated from
    the events: from one micro-break interval before the first prompt (or the first
    event, if that is not a prompt) to the last event, clipped to the working window.
    Time away before an idle break ends a sitting stretch but is not subtracted
    from the coverage.

    Args:
        events: coach events (any days; only `day`'s are used).
        day: the day to summarise.
        settings: the rules (working window, micro-break interval).
    """
    todays = sorted((e for e in events if e.at.date() == day), key=lambda e: e.at)
    counts = {kind: sum(e.kind == kind for e in todays) for kind in _COUNTED}
    covered = longest = 0.0
    breaks = [e for e in todays if e.kind in BREAK_KINDS]
    if todays:
        tz = todays[0].at.tzinfo
        window = settings.window(day, tz) or (
            datetime.combine(day, settings.work_start, tz),
            datetime.combine(day, settings.work_end, tz),
        )
        first = todays[0]
        start = first.at - (
            timedelta(minutes=settings.micro_every_min)
            if first.kind == "prompt"
            else timedelta()
        )
        start = max(start, window[0])
        end = min(todays[-1].at, window[1])
        covered = _minutes(end - start)
        # each break ends a sitting stretch (an idle break when the person left) and
        # starts the next one
        marks = [start]
        for b in breaks:
            left = b.at - timedelta(minutes=away_minutes(b))
            marks += [min(max(left, start), end), min(max(b.at, start), end)]
        marks.append(end)
        longest = max(
            _minutes(b - a) for a, b in zip(marks[::2], marks[1::2], strict=True)
        )
    per_hour = len(breaks) / (covered / 60) if covered > 0 else 0.0
    return DayStats(
        day=day,
        sitting_minutes_covered=covered,
        longest_sitting_min=longest,
        breaks_per_sitting_hour=per_hour,
        exercises_done=counts["done"],
        prompts=counts["prompt"],
        skipped=counts["skipped"],
        postponed=counts["postponed"],
        self_breaks=counts["self_break"],
        idle_breaks=counts["idle_break"],
    )


_COUNTED = ("done", "prompt", "skipped", "postponed", "self_break", "idle_break")


def exposure_profile(stats: Sequence[DayStats]) -> dict[str, float]:
    """Return averages for the assessment's sitting exposures.

    Keys: ``sitting_hours_per_day`` and ``longest_sitting_bout_minutes``, averaged over
    the days the coach ran; empty when it never ran.
    """
    ran = [s for s in stats if s.sitting_minutes_covered > 0]
    if not ran:
        return {}
    return {
        "sitting_hours_per_day": round(
            sum(s.sitting_minutes_covered for s in ran) / len(ran) / 60, 2
        ),
        "longest_sitting_bout_minutes": round(
            sum(s.longest_sitting_min for s in ran) / len(ran), 1
        ),
    }
