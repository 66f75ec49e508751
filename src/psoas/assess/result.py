"""The result document, version 1 (see the assessment contract).

Fields named by the contract keep their names and meanings; the others are optional
extensions that consumers may ignore.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict

from psoas.knowledge.model import Urgency

Level = Literal["high", "moderate", "low"]


class Out(BaseModel):
    model_config = ConfigDict(frozen=True)


class TriageResult(Out):
    level: Urgency
    complete: bool
    red_flags: list[str]  # present, highest urgency first
    unanswered: list[str]
    message: str  # includes the safety-netting text
    # extensions
    title: str
    rules: list[str]  # ids of the combination and raise rules that fired


class PatternResult(Out):
    level: Level
    supporting: list[str]
    against: list[str]
    evidence_note: str
    # extension
    score: int


class ExposureResult(Out):
    id: str
    level: Level
    value: float | str | bool
    unit: str
    # extensions
    name: str
    threshold: str


class NprsResult(Out):
    now: int | None = None
    worst_week: int | None = None
    meaningful_change: str


class RmdqResult(Out):
    score: int
    of: int
    meaningful_change: str


class PsfsActivityResult(Out):
    activity: str
    score: int


class PsfsResult(Out):
    mean: float
    of: int
    activities: list[PsfsActivityResult]
    meaningful_change: str


class InstrumentsResult(Out):
    model_config = ConfigDict(frozen=True)

    rmdq: RmdqResult | None = None
    nprs: NprsResult | None = None
    psfs: PsfsResult | None = None


class Result(Out):
    """A result document."""

    version: Literal[1] = 1
    triage: TriageResult
    psoas_pattern: PatternResult
    exposures: list[ExposureResult]
    instruments: InstrumentsResult
    program_allowed: bool
    next_steps: list[str]
    sources: list[str]
    # extensions
    engine_version: str
    kb_version: str

    def to_json_dict(self) -> dict[str, Any]:
        """Return the document as JSON-ready data (instruments not answered are left out)."""
        data = self.model_dump(mode="json")
        data["instruments"] = {
            key: value
            for key, value in data["instruments"].items()
            if value is not None
        }
        return data
