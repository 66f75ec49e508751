"""What the program pages do with stored records: build, progress, log sessions.

The views stay thin: they call these functions, which use the core
(`psoas.program`) and the shared record store (`psoas_web.services`). Every write
goes through `psoas_web.services`, which validates and uses one transaction.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from psoas.assess.result import Result
from psoas.program import (
    Preferences,
    Program,
    Progress,
    build_program,
    progress,
)
from psoas_web import services

if TYPE_CHECKING:
    from django.contrib.auth.models import User

    from psoas_web.records.models import Assessment, ExerciseSession, StoredProgram

#: why an exercise was skipped: the value stored, and the words shown
SKIP_REASONS: dict[str, str] = {
    "too_painful": "Too painful",
    "no_time": "No time",
    "no_equipment": "No equipment",
    "other": "Something else",
}
#: what a session's `stopped` may be, as the record store allows
STOPPED = ("", "quit", "red_flag")


@dataclass(frozen=True)
class Current:
    """The active program after the pain-monitoring rule has looked at the sessions."""

    stored: StoredProgram
    program: Program
    outcome: Progress
    changed: bool  # the rule changed the program just now (and it was stored)
    logged: int  # how many sessions the rule looked at


def latest_assessment(person: User) -> Assessment | None:
    """Return `person`'s newest stored assessment, or None."""
    found = services.list_assessments(person, limit=1)
    return found[0] if found else None


def preferences_from(data: Mapping[str, Any]) -> Preferences:
    """Return the core's preferences from cleaned form data."""
    return Preferences.model_validate(
        {
            "minutes_per_day": int(data["minutes"]),
            "days_per_week": int(data["days"]),
            "weeks": int(data["weeks"]),
            "level": data["level"],
            "equipment": frozenset({"none", *data.get("equipment", [])}),
            "conditions": frozenset(data.get("conditions", [])),
        }
    )


def try_program(
    assessment: Assessment, preferences: Preferences, today: datetime.date
) -> Program:
    """Build a program from a stored assessment (not stored).

    Raises:
        ProgramNotAllowed: the assessment does not allow a program; its message
            says why.
    """
    result = Result.model_validate(assessment.result)
    return build_program(result, preferences, today=today)


def create_program(
    person: User,
    assessment: Assessment,
    preferences: Preferences,
    today: datetime.date,
) -> StoredProgram:
    """Build and store `person`'s program; it replaces the active one.

    Raises:
        ProgramNotAllowed: the assessment does not allow a program. Nothing is stored.
    """
    program = try_program(assessment, preferences, today)
    return services.save_program(
        person, program.model_dump(mode="json"), assessment_id=assessment.id
    )


def current(person: User, today: datetime.date) -> Current | None:
    """Return `person`'s active program with the progression rule applied.

    When the rule changes the program, the change is stored (the rule gives the
    same program again for the same sessions, so this is safe to repeat).
    """
    stored = services.active_program(person)
    if stored is None:
        return None
    program = Program.model_validate(stored.program)
    logs = services.session_logs(person, stored)
    outcome = progress(program, logs, today=today)
    changed = outcome.program != program and not outcome.rescreen
    if changed:
        services.update_program(person, stored, outcome.program.model_dump(mode="json"))
        program = outcome.program
    return Current(stored, program, outcome, changed, len(logs))


def unsettled_session(person: User, today: datetime.date) -> ExerciseSession | None:
    """Return the latest earlier session whose next morning is still unknown.

    Only a session on an earlier day with exercises done counts, and only the
    latest such one (as in `psoas session`).
    """
    earlier = [
        s for s in services.list_sessions(person) if s.day < today and s.completed
    ]
    if not earlier or earlier[-1].settled_next_morning is not None:
        return None
    return earlier[-1]


def record_session(
    person: User, stored: StoredProgram, payload: Mapping[str, Any]
) -> ExerciseSession:
    """Store one session from a posted record (JSON or the checklist form).

    Raises:
        ValueError: a field is missing or wrong; the message names each problem.
            Nothing is stored.
    """
    problems: list[str] = []
    day = _day(payload.get("day"), problems)
    week = _whole(payload.get("week"), "week", problems)
    completed = _ids(payload.get("completed", []), problems)
    skipped = _skipped(payload.get("skipped", []), problems)
    pains = [
        _pain(payload.get(name), name, problems)
        for name in ("pain_before", "pain_during", "pain_after")
    ]
    new_red_flag = _flag(payload.get("new_red_flag", False), problems)
    stopped = payload.get("stopped", "") or ""
    started_at = _moment(payload.get("started_at"), "started_at", problems)
    finished_at = _moment(
        payload.get("finished_at"), "finished_at", problems, optional=True
    )
    if stopped not in STOPPED:
        problems.append(f"stopped must be '', 'quit' or 'red_flag', got {stopped!r}")
    if problems or day is None or week is None or started_at is None:
        raise ValueError("; ".join(problems))
    return services.save_session(
        person,
        stored,
        day=day,
        week=week,
        completed=completed,
        skipped=skipped,
        pain_before=pains[0],
        pain_during=pains[1],
        pain_after=pains[2],
        new_red_flag=new_red_flag,
        stopped=str(stopped),
        started_at=started_at,
        finished_at=finished_at,
    )


def _day(value: object, problems: list[str]) -> datetime.date | None:
    if value in (None, ""):
        return datetime.date.today()
    if isinstance(value, str):
        try:
            return datetime.date.fromisoformat(value)
        except ValueError:
            pass
    problems.append(f"day must be a date such as 2026-03-01, got {value!r}")
    return None


def _whole(value: object, name: str, problems: list[str]) -> int | None:
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().isdigit():
        return int(value)
    problems.append(f"{name} must be a whole number, got {value!r}")
    return None


def _pain(value: object, name: str, problems: list[str]) -> int | None:
    if value in (None, ""):
        return None
    number = _whole(value, name, problems)
    if number is not None and not 0 <= number <= 10:
        problems.append(f"{name} must be from 0 to 10, got {number}")
    return number


def _flag(value: object, problems: list[str]) -> bool:
    if isinstance(value, bool):
        return value
    if value in ("1", "true", "on", "yes"):
        return True
    if value in ("0", "false", "off", "no", ""):
        return False
    problems.append(f"new_red_flag must be true or false, got {value!r}")
    return False


def _ids(value: object, problems: list[str]) -> list[str]:
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return value
    problems.append(f"completed must be a list of exercise ids, got {value!r}")
    return []


def _skipped(value: object, problems: list[str]) -> list[dict[str, str]]:
    if not isinstance(value, list):
        problems.append(f"skipped must be a list, got {value!r}")
        return []
    items = []
    for item in value:
        if (
            isinstance(item, dict)
            and set(item) == {"exercise_id", "reason"}
            and isinstance(item["exercise_id"], str)
            and item["reason"] in SKIP_REASONS
        ):
            items.append({"exercise_id": item["exercise_id"], "reason": item["reason"]})
        else:
            reasons = ", ".join(SKIP_REASONS)
            problems.append(
                "skipped: each item must be {exercise_id, reason} with reason one of "
                f"{reasons}, got {item!r}"
            )
    return items


def _moment(
    value: object, name: str, problems: list[str], *, optional: bool = False
) -> datetime.datetime | None:
    if value in (None, "") and optional:
        return None
    if isinstance(value, str):
        try:
            moment = datetime.datetime.fromisoformat(value)
        except ValueError:
            pass
        else:
            if moment.tzinfo is not None:
                return moment
    problems.append(
        f"{name} must be a date and time with its time zone, such as "
        f"2026-03-01T07:30:00Z, got {value!r}"
    )
    return None
