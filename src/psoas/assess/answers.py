"""The answers document, version 1 (see the assessment contract).

Every field is optional except ``version``; a missing field means "not answered". Ids that
come from the knowledge base (red flags, regions, features, referred symptoms) are checked
against it in :func:`psoas.assess.validate.validate_answers`, not here, so that this module
stays the single place that defines the document's shape.
"""

from __future__ import annotations

from typing import Annotated, Final, Literal

from pydantic import BaseModel, ConfigDict, Field

Nprs = Annotated[int, Field(ge=0, le=10)]
NonNegative = Annotated[float, Field(ge=0)]
HoursPerDay = Annotated[float, Field(ge=0, le=24)]
ThomasReading = Literal[
    "negative", "thigh_raised", "knee_straightens", "thigh_abducts", "not_done"
]


class Part(BaseModel):
    """Base for every part of the document: unknown fields are errors."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class Person(Part):
    age_years: Annotated[int, Field(ge=0, le=120)] | None = None
    sex: Literal["female", "male", "other"] | None = None


class Pain(Part):
    regions: list[str] | None = None
    side: Literal["left", "right", "both", "central"] | None = None
    nprs_now: Nprs | None = None
    nprs_worst_week: Nprs | None = None
    duration_weeks: NonNegative | None = None
    features: dict[str, bool] | None = None


class Exposures(Part):
    sitting_hours_per_day: HoursPerDay | None = None
    longest_sitting_bout_minutes: Annotated[float, Field(ge=0, le=1440)] | None = None
    driving_hours_per_day: HoursPerDay | None = None
    running_km_per_week: NonNegative | None = None
    walking_hiking_km_per_week: NonNegative | None = None
    hill_or_sprint_sessions_per_week: NonNegative | None = None
    lifts_per_day: NonNegative | None = None
    typical_lift_kg: NonNegative | None = None
    max_lift_kg: NonNegative | None = None
    lifts_with_twisting: bool | None = None
    sleep_position: (
        Literal["back", "side_straight", "side_curled", "front", "mixed"] | None
    ) = None
    core_training_days_per_week: Annotated[int, Field(ge=0, le=7)] | None = None


class ThomasTest(Part):
    left: ThomasReading | None = None
    right: ThomasReading | None = None


class SelfTests(Part):
    thomas_test: ThomasTest | None = None


class PsfsActivity(Part):
    activity: Annotated[str, Field(min_length=1, max_length=200)]
    score: Nprs


class Instruments(Part):
    rmdq: Annotated[list[bool], Field(min_length=24, max_length=24)] | None = None
    psfs: Annotated[list[PsfsActivity], Field(max_length=5)] | None = None


class Answers(Part):
    """An answers document (version 1)."""

    version: Literal[1]
    person: Person | None = None
    red_flags: dict[str, bool] | None = None
    pain: Pain | None = None
    referred: list[str] | None = None
    exposures: Exposures | None = None
    self_tests: SelfTests | None = None
    instruments: Instruments | None = None


#: the fields under ``exposures``; each exposure in the knowledge base reads one of them
EXPOSURE_FIELDS: Final = frozenset(Exposures.model_fields)
