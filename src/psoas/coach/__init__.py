"""The sit-less coach: break up sitting with short movements from the person's program.

Why breaks and not a ball chair: the evidence supports moving at least every half hour;
sitting on an exercise ball has shown no benefit for back pain and tends to add
discomfort (see ``ACTIVE_SITTING_NOTE``).
"""

from __future__ import annotations

from typing import Final

from psoas.coach.model import BREAK_KINDS, EVENT_KINDS, CoachEvent, CoachSettings
from psoas.coach.pick import desk_exercises, pick_exercise
from psoas.coach.scheduler import (
    Action,
    Activity,
    Answer,
    Coach,
    Event,
    Idle,
    Locked,
    Prompt,
    Record,
    Refused,
    Resumed,
    Tick,
    Unlocked,
    rotation,
)
from psoas.coach.stats import DayStats, day_stats, exposure_profile

#: the coach's short, honest note on breaks versus "active sitting"
ACTIVE_SITTING_NOTE: Final = (
    "Why breaks and not a ball chair? Studies of sitting on an exercise ball found no "
    "gain in trunk-muscle work, spine load or back pain, and people reported more "
    "discomfort. What the evidence does back is getting up and moving regularly, at "
    "least every 30 minutes; the main gains are for heart and metabolic health, and "
    "any benefit for back pain itself is uncertain. So the coach interrupts your "
    "sitting rather than changing your seat."
)

__all__ = [
    "ACTIVE_SITTING_NOTE",
    "BREAK_KINDS",
    "EVENT_KINDS",
    "Action",
    "Activity",
    "Answer",
    "Coach",
    "CoachEvent",
    "CoachSettings",
    "DayStats",
    "Event",
    "Idle",
    "Locked",
    "Prompt",
    "Record",
    "Refused",
    "Resumed",
    "Tick",
    "Unlocked",
    "day_stats",
    "desk_exercises",
    "exposure_profile",
    "pick_exercise",
    "rotation",
]
