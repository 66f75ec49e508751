"""The program's sessions as an iCalendar file (RFC 5545), one event per session day."""

from __future__ import annotations

import hashlib
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from icalendar import Calendar, Event

import psoas
from psoas.errors import PsoasError
from psoas.knowledge import KnowledgeBase
from psoas.program.dose import describe
from psoas.program.handout import session_minutes
from psoas.program.model import Program, ProgramWeek

#: the safety line every event carries (our wording; see triage.yaml for the full text)
SAFETY_LINE = (
    "Stop if your pain is clearly worse during or after an exercise. New numbness "
    "around your bottom or genitals, a change in bladder or bowel control, or "
    "weakness in both legs: call your local emergency number or go to an emergency "
    "department now."
)


class UnknownTimeZoneError(PsoasError):
    """The time zone asked for is not in the IANA database."""


def program_to_ics(
    program: Program,
    kb: KnowledgeBase,
    *,
    at: time = time(7, 30),
    tz: str | None = None,
) -> bytes:
    """Return the program's sessions as an iCalendar document.

    Args:
        program: the program to put in the calendar.
        kb: the knowledge base the program was built from (for the exercise names).
        at: the local time each session starts.
        tz: an IANA time-zone name such as ``Europe/London``; without it, the times
            are floating (the same clock time wherever the calendar is opened).

    Returns:
        The calendar, one ``VEVENT`` per session day, as UTF-8 bytes with CRLF line
        ends. The same program and arguments always give the same bytes.

    Raises:
        UnknownTimeZoneError: ``tz`` is not a known time zone.
    """
    zone = _zone(tz)
    digest = hashlib.sha256(program.model_dump_json().encode()).hexdigest()[:16]
    stamp = datetime.combine(program.created, time(0, 0), tzinfo=UTC)
    calendar = Calendar()
    calendar.add("prodid", f"-//psoas//psoas {psoas.__version__}//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", "psoas exercise program")
    for week in program.weeks:
        description = _description(week, program, kb)
        minutes = session_minutes(week)
        phase = _phase_name(week, program)
        for day in week.session_days:
            start = datetime.combine(day, at, tzinfo=zone)
            event = Event()
            event.add("uid", f"{digest}-{day:%Y%m%d}@psoas")
            event.add("dtstamp", stamp)
            event.add("dtstart", start)
            event.add("dtend", start + timedelta(minutes=minutes))
            event.add(
                "summary",
                f"psoas: {minutes}-minute session (week {week.week}, {phase})",
            )
            event.add("description", description)
            event.add("categories", ["psoas", "exercise"])
            calendar.add_component(event)
    if zone is not None:
        days = [day for week in program.weeks for day in week.session_days]
        first = min(days, default=program.start)
        last = max(days, default=program.start)
        calendar.add_missing_timezones(
            first_date=date(first.year, 1, 1), last_date=date(last.year + 1, 1, 1)
        )
    data: bytes = calendar.to_ical()
    return data


def _zone(tz: str | None) -> ZoneInfo | None:
    if tz is None:
        return None
    try:
        return ZoneInfo(tz)
    except (ZoneInfoNotFoundError, ValueError):
        msg = f"unknown time zone {tz!r}; use an IANA name such as 'Europe/London'"
        raise UnknownTimeZoneError(msg) from None


def _phase_name(week: ProgramWeek, program: Program) -> str:
    for phase in program.phases:
        if phase.id == week.phase:
            return phase.name.lower()
    return week.phase


def _description(week: ProgramWeek, program: Program, kb: KnowledgeBase) -> str:
    lines = [f"Week {week.week} of {len(program.weeks)}: {_phase_name(week, program)}."]
    lines.append("")
    for number, prescription in enumerate(week.exercises, 1):
        exercise = kb.exercises.get(prescription.exercise_id)
        category = exercise.category if exercise else None
        lines.append(
            f"{number}. {prescription.name}: "
            f"{describe(prescription.dose, category=category)}"
        )
    lines += [
        "",
        "How to do each one: your printed handout, or run `psoas session` to be "
        "guided through it.",
        "",
        f"Safety: {SAFETY_LINE}",
    ]
    return "\n".join(lines)
