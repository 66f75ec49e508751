"""The shapes of what the API takes and gives (pydantic, through django-ninja).

The assessment endpoints take and give the contract's documents themselves (see
docs/contract): their schemas come from the core (`psoas.assess`).
"""

from __future__ import annotations

import datetime
import uuid
from typing import Annotated, Any, Literal

from ninja import Schema
from pydantic import Field, StringConstraints

from psoas.assess.result import Result
from psoas.knowledge.model import Condition, Equipment

#: free text: bounded, and without NUL characters (which PostgreSQL refuses)
Text = Annotated[str, StringConstraints(max_length=500, pattern=r"^[^\x00]*$")]
ShortText = Annotated[str, StringConstraints(max_length=100, pattern=r"^[^\x00]*$")]
Pain = Annotated[int, Field(ge=0, le=10)]


class Problem(Schema):
    """One problem with the input, located by its JSON path."""

    path: str = Field(description="JSON path, e.g. `pain.nprs_now`; `(document)`")
    message: str = Field(description="what is wrong, e.g. `must be 0..10, got 14`")
    problem: str = Field(description="path and message, as the CLI prints them")


class Problems(Schema):
    """Every problem found; nothing was stored."""

    detail: list[Problem]


class Message(Schema):
    """A plain-language reason, e.g. why something was not found or not allowed."""

    detail: str


class NotAllowed(Schema):
    """The assessment does not allow an exercise program."""

    detail: str
    why: str = Field(description="`emergency`, `urgent`, `incomplete`, `no_assessment`")
    triage_level: str | None = None
    triage_message: str | None = None
    assessment_id: uuid.UUID | None = None


class StoredResult(Result):
    """The result document; `id` (an extension) names the stored assessment."""

    id: uuid.UUID | None = Field(
        default=None, description="the stored assessment (signed-in callers only)"
    )


class AssessmentSummary(Schema):
    id: uuid.UUID
    created_at: datetime.datetime
    level: str = Field(description="the triage level of the result")
    program_allowed: bool
    engine_version: str
    kb_version: str


class AssessmentDetail(AssessmentSummary):
    answers: dict[str, Any] = Field(description="the answers document, as stored")
    result: dict[str, Any] = Field(description="the result document, as stored")


class Page(Schema):
    count: int = Field(description="how many there are in all")
    limit: int
    offset: int


class AssessmentPage(Page):
    items: list[AssessmentSummary]


class ProgramOut(Schema):
    id: uuid.UUID
    created_at: datetime.datetime
    active: bool
    assessment_id: uuid.UUID | None
    program: dict[str, Any] = Field(description="the program (psoas.program.Program)")


class ProgramIn(Schema):
    """What the program is built from: the person's latest assessment and these."""

    assessment_id: uuid.UUID | None = Field(
        default=None,
        description="build from this assessment instead of the latest one",
    )
    minutes_per_day: Literal[5, 10, 20] = 10
    days_per_week: Annotated[int, Field(ge=2, le=7)] = 5
    weeks: Annotated[int, Field(ge=6, le=12)] = 8
    level: Literal["beginner", "intermediate"] = "beginner"
    equipment: list[Equipment] | None = Field(
        default=None,
        description="equipment at hand; default: a mat, a chair, a wall, a bed, "
        "a pillow and a dowel",
        max_length=10,
    )
    conditions: list[Condition] = Field(default=[], max_length=10)
    start: datetime.date | None = Field(
        default=None, description="the first day of the program (default: today)"
    )


class Skipped(Schema):
    exercise_id: ShortText
    reason: Text = ""


class SessionIn(Schema):
    """One guided session, as the browser's session player records it."""

    program_id: uuid.UUID | None = Field(
        default=None, description="the program it belongs to (default: the active one)"
    )
    day: datetime.date
    week: Annotated[int, Field(ge=1, le=52)]
    completed: list[ShortText] = Field(default=[], max_length=100)
    skipped: list[Skipped] = Field(default=[], max_length=100)
    pain_before: Pain | None = None
    pain_during: Pain | None = Field(default=None, description="the highest during")
    pain_after: Pain | None = None
    new_red_flag: bool = False
    stopped: Literal["", "quit", "red_flag"] = ""
    started_at: datetime.datetime = Field(description="with a time-zone offset")
    finished_at: datetime.datetime | None = None


class SessionOut(Schema):
    id: uuid.UUID
    program_id: uuid.UUID
    day: datetime.date
    week: int
    completed: list[str]
    skipped: list[dict[str, str]]
    pain_before: int | None
    pain_during: int | None
    pain_after: int | None
    settled_next_morning: bool | None
    new_red_flag: bool
    stopped: str
    started_at: datetime.datetime
    finished_at: datetime.datetime | None


class SessionPage(Page):
    items: list[SessionOut]


class PsfsItem(Schema):
    activity: ShortText
    score: Pain


class JournalIn(Schema):
    """One day of the journal; posting a day again replaces that day's entry."""

    day: datetime.date = Field(description="not in the future")
    nprs: Pain | None = Field(default=None, description="pain today, 0..10")
    sitting_hours: Annotated[float, Field(ge=0, le=24, allow_inf_nan=False)] | None = (
        None
    )
    rmdq: Annotated[int, Field(ge=0, le=24)] | None = Field(
        default=None, description="the Roland-Morris score; or give rmdq_items"
    )
    rmdq_items: list[bool] | None = Field(
        default=None, min_length=24, max_length=24, description="the 24 answers"
    )
    psfs: Annotated[float, Field(ge=0, le=10, allow_inf_nan=False)] | None = Field(
        default=None, description="the mean PSFS rating; or give psfs_items"
    )
    psfs_items: list[PsfsItem] = Field(default=[], max_length=10)
    new_red_flags: list[ShortText] = Field(
        default=[],
        max_length=40,
        description="ids of warning signs that are new: they re-run the safety screen",
    )
    note: Annotated[str, StringConstraints(max_length=4000, pattern=r"^[^\x00]*$")] = ""


class JournalOut(Schema):
    id: uuid.UUID
    day: datetime.date
    nprs: int | None
    sitting_hours: float | None
    rmdq: int | None
    psfs: float | None
    new_red_flags: list[str]
    triage_level: str = Field(
        description="the re-run screen's level when new warning signs were given, "
        "else empty; `emergency` or `urgent` pause the program"
    )
    note: str
    created_at: datetime.datetime
    updated_at: datetime.datetime


class JournalPage(Page):
    items: list[JournalOut]
