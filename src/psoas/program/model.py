"""Typed data of the personal program: preferences in, program and progress out.

These shapes are shared by the generator (``build_program``), the progression rule
(``progress``), the outputs (JSON, iCalendar, handout) and the database layer, which
stores a program as ``Program.model_dump(mode="json")``.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, field_serializer

from psoas.knowledge.model import Condition, Dose, Equipment, Phase


class Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Preferences(Model):
    """What the person tells us about their time, kit and health."""

    minutes_per_day: Literal[5, 10, 20] = 10
    days_per_week: Annotated[int, Field(ge=2, le=7)] = 5
    weeks: Annotated[int, Field(ge=6, le=12)] = 8
    equipment: frozenset[Equipment] = frozenset(
        {
            "none",
            "mat",
            "chair",
            "wall",
            "bed",
            "pillow",
            "dowel",
        }  # a broom handle will do
    )
    level: Literal["beginner", "intermediate"] = "beginner"
    conditions: frozenset[Condition] = frozenset()

    @field_serializer("equipment", "conditions", when_used="json")
    def _sorted(self, value: frozenset[str]) -> list[str]:
        """Write sets as sorted lists, so the same program gives the same JSON."""
        return sorted(value)


class Prescription(Model):
    """One exercise in a week of the program, with its dose and the reason for it."""

    exercise_id: str
    name: str
    dose: Dose
    minutes: float  # the time the dose takes, rests included
    reason: str


class PhasePlan(Model):
    """A phase of the program: settle, then mobility, then strength."""

    id: Phase
    name: str
    weeks: list[int]  # 1-based week numbers
    goal: str


class ProgramWeek(Model):
    """One week: its phase, the days to exercise, and the exercises for each session."""

    week: int  # 1-based
    phase: Phase
    start: date
    session_days: list[date]
    exercises: list[Prescription]


class Excluded(Model):
    """An exercise left out, and why (a contraindication, missing equipment, ...)."""

    exercise_id: str
    reason: str


class AssessmentSummary(Model):
    """The parts of the assessment result the program was built from."""

    level: str
    pattern: str
    exposures: list[str]  # exposure ids rated high or moderate, highest first


class Program(Model):
    """A personal program of 6 to 12 weeks."""

    version: Literal[1] = 1
    created: date
    start: date
    preferences: Preferences
    assessment: AssessmentSummary
    phases: list[PhasePlan]
    weeks: list[ProgramWeek]
    advice: list[str]  # e.g. a pillow between the knees for a curled side sleeper
    reasons: list[str]  # why the program looks the way it does
    excluded: list[Excluded]
    sources: list[str]
    kb_version: str


class SessionLog(Model):
    """What happened in one session, as the progression rule needs it."""

    day: date
    week: int
    completed: list[str] = []  # exercise ids done
    skipped: list[str] = []
    pain_during: Annotated[int, Field(ge=0, le=10)] | None = None  # the highest during
    pain_after: Annotated[int, Field(ge=0, le=10)] | None = None
    settled_next_morning: bool | None = None  # None: not asked yet
    new_red_flag: bool = False


Decision = Literal["progress", "hold", "regress", "stop"]


class Adjustment(Model):
    """A change to one exercise, with its reason."""

    exercise_id: str
    action: Decision
    to_exercise_id: str  # the same id when only the dose changes
    from_dose: Dose
    to_dose: Dose
    reason: str


class Progress(Model):
    """The outcome of the pain-monitoring rule over the logged sessions."""

    decision: Decision
    reason: str
    adjustments: list[Adjustment]
    program: Program  # the program with the adjustments applied from the next session
    rescreen: bool  # True when a new red flag means: stop and repeat the safety screen
