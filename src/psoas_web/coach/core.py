"""The core coach rules the web app uses, imported in one place (`psoas.coach`)."""

from __future__ import annotations

from psoas.coach import (
    EVENT_KINDS,
    CoachEvent,
    CoachSettings,
    DayStats,
    day_stats,
    desk_exercises,
    exposure_profile,
    pick_exercise,
)

#: the event kinds the server accepts
KINDS = EVENT_KINDS
#: the sizes of break a prompt offers
BREAK_SIZES = frozenset({"micro", "long"})

__all__ = [
    "BREAK_SIZES",
    "KINDS",
    "CoachEvent",
    "CoachSettings",
    "DayStats",
    "day_stats",
    "desk_exercises",
    "exposure_profile",
    "pick_exercise",
]
