"""The personal program: build it from an assessment, and adapt it to the pain response.

``build_program(result, preferences, today=...)`` makes a program of 6 to 12 weeks when the
assessment allows one (it raises :class:`ProgramNotAllowed` otherwise);
``progress(program, logs, today=...)`` applies the pain-monitoring rule to the sessions
logged and returns the decision, its reasons and the adjusted program.
"""

from __future__ import annotations

from psoas.program.build import build_program
from psoas.program.errors import ProgramNotAllowed
from psoas.program.model import (
    Adjustment,
    AssessmentSummary,
    Decision,
    Excluded,
    PhasePlan,
    Preferences,
    Prescription,
    Program,
    ProgramWeek,
    Progress,
    SessionLog,
)
from psoas.program.progress import progress

__all__ = [
    "Adjustment",
    "AssessmentSummary",
    "Decision",
    "Excluded",
    "PhasePlan",
    "Preferences",
    "Prescription",
    "Program",
    "ProgramNotAllowed",
    "ProgramWeek",
    "Progress",
    "SessionLog",
    "build_program",
    "progress",
]
