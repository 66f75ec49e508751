"""Writes and reads of the daily journal, and the trends the dashboard shows.

Every write goes through `save_entry`: it checks every value, re-runs the safety
screen when new warning signs are reported, and stores the day in one transaction.
"""

from __future__ import annotations

import datetime
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils import timezone

import psoas
from psoas.instruments import mic_text, read_change, score_psfs, score_rmdq
from psoas.knowledge import KnowledgeBase, Urgency, default_knowledge_base
from psoas.program.model import Program
from psoas.program.schedule import adherence
from psoas_web import services as records
from psoas_web.journal.models import JournalEntry

if TYPE_CHECKING:
    from django.contrib.auth.models import User

    from psoas_web.records.models import Assessment

#: levels at which the program pauses until the person has been checked
PAUSING_LEVELS = frozenset({Urgency.EMERGENCY.value, Urgency.URGENT.value})
#: how long the dashboard looks back
DEFAULT_DAYS = 84
NOTE_MAX_CHARS = 4000


def save_entry(
    person: User,
    day: datetime.date,
    *,
    nprs: int | None = None,
    sitting_hours: float | None = None,
    rmdq_items: Sequence[bool] | None = None,
    rmdq: int | None = None,
    psfs_items: Sequence[Mapping[str, Any]] | None = None,
    psfs: float | None = None,
    new_red_flags: Iterable[str] = (),
    note: str = "",
    kb: KnowledgeBase | None = None,
    today: datetime.date | None = None,
) -> JournalEntry:
    """Create or replace `person`'s journal entry for `day`.

    `rmdq_items` (24 booleans) is scored into `rmdq`; give one or the other. The
    same for `psfs_items` (`{"activity": str, "score": 0..10}` each) and `psfs`.
    Any `new_red_flags` re-run the safety screen (`psoas.assess`) on the latest
    assessment's answers with those flags added; the level is stored as
    `triage_level`.

    Raises:
        ValueError: a value is out of range or of the wrong kind, `day` is in the
            future, or a red-flag id is unknown (the message names each
            problem). Nothing is stored.
    """
    kb = kb or default_knowledge_base()
    today = today or timezone.localdate()
    flags = list(dict.fromkeys(new_red_flags))
    problems = _problems(
        day=day,
        today=today,
        nprs=nprs,
        sitting_hours=sitting_hours,
        rmdq=rmdq,
        rmdq_items=rmdq_items,
        psfs=psfs,
        psfs_items=psfs_items,
        flags=flags,
        note=note,
        kb=kb,
    )
    if problems:
        raise ValueError("; ".join(problems))
    if rmdq_items is not None:
        rmdq = score_rmdq(rmdq_items)
    items: list[dict[str, Any]] = [
        {"activity": str(i["activity"]), "score": int(i["score"])}
        for i in psfs_items or ()
    ]
    if items:
        psfs = score_psfs([i["score"] for i in items])
    level = rerun_triage(person, flags, kb=kb).triage.level.value if flags else ""
    values: dict[str, Any] = {
        "nprs": nprs,
        "sitting_hours": None if sitting_hours is None else float(sitting_hours),
        "rmdq": rmdq,
        "rmdq_items": None if rmdq_items is None else [bool(i) for i in rmdq_items],
        "psfs": psfs,
        "psfs_items": items,
        "new_red_flags": flags,
        "triage_level": level,
        "note": note.strip(),
    }
    with transaction.atomic():
        entry = (
            JournalEntry.objects.select_for_update()
            .filter(person=person, day=day)
            .first()
        )
        if entry is None:
            return JournalEntry.objects.create(person=person, day=day, **values)
        for name, value in values.items():
            setattr(entry, name, value)
        entry.save()
        return entry


def rerun_triage(
    person: User, flags: Sequence[str], *, kb: KnowledgeBase | None = None
) -> psoas.Result:
    """Run the safety screen again with `flags` reported as present.

    The answers are those of `person`'s latest assessment, so earlier answers
    (and the combination rules) still count; without one (or if it no longer
    validates) a document with only these flags is screened.
    """
    kb = kb or default_knowledge_base()
    latest = latest_assessment(person)
    if latest is not None and isinstance(latest.answers, dict):
        answers = dict(latest.answers)
        answers["red_flags"] = {
            **dict(answers.get("red_flags") or {}),
            **dict.fromkeys(flags, True),
        }
        try:
            return psoas.assess(answers, kb)
        except psoas.AnswersError:
            pass
    return psoas.assess({"version": 1, "red_flags": dict.fromkeys(flags, True)}, kb)


def get_entry(person: User, day: datetime.date) -> JournalEntry | None:
    """Return `person`'s entry for `day`, or None."""
    return JournalEntry.objects.filter(person=person, day=day).first()


def entries(person: User, *, since: datetime.date | None = None) -> list[JournalEntry]:
    """Return `person`'s entries, newest first; only from `since` on if given."""
    rows = JournalEntry.objects.filter(person=person)
    if since is not None:
        rows = rows.filter(day__gte=since)
    return list(rows.order_by("-day"))


def latest_assessment(person: User) -> Assessment | None:
    """Return `person`'s newest assessment, or None."""
    found = records.list_assessments(person, limit=1)
    return found[0] if found else None


def alerting_entry(person: User) -> JournalEntry | None:
    """Return the latest entry whose new warning signs re-ran the screen, or None.

    None as well when an assessment was done after that entry: the newer
    assessment's result is then the one that counts.
    """
    entry = (
        JournalEntry.objects.filter(person=person)
        .exclude(triage_level="")
        .order_by("-day", "-updated_at")
        .first()
    )
    if entry is None:
        return None
    latest = latest_assessment(person)
    if latest is not None and latest.created_at > entry.updated_at:
        return None
    return entry


def pausing_entry(person: User) -> JournalEntry | None:
    """Return the entry that pauses `person`'s program, or None.

    The program pauses when the latest re-run of the screen from the journal gave
    emergency or urgent, until an assessment is done after it.
    """
    entry = alerting_entry(person)
    return entry if entry is not None and entry.triage_level in PAUSING_LEVELS else None


def program_paused(person: User) -> bool:
    """Return True while a warning sign from the journal pauses the program."""
    return pausing_entry(person) is not None


def psfs_activities(person: User) -> list[str]:
    """Return the PSFS activities of `person`'s latest assessment that has any."""
    for assessment in records.list_assessments(person, limit=10):
        answers = assessment.answers if isinstance(assessment.answers, dict) else {}
        instruments = answers.get("instruments") or {}
        activities = [
            str(item["activity"])
            for item in instruments.get("psfs") or ()
            if isinstance(item, dict) and item.get("activity")
        ]
        if activities:
            return activities
    return []


def rmdq_due(person: User, day: datetime.date) -> bool:
    """Return True unless the RMDQ was filled in during the six days before `day`."""
    week = (day - datetime.timedelta(days=6), day - datetime.timedelta(days=1))
    return not JournalEntry.objects.filter(
        person=person, day__range=week, rmdq__isnull=False
    ).exists()


# --- trends ---------------------------------------------------------------------


@dataclass(frozen=True)
class Reading:
    """A change between two averages, in plain words."""

    instrument: str
    before: float
    after: float
    meaningful: bool
    direction: str  # better | worse | same
    text: str
    mic: str


@dataclass(frozen=True)
class WeekSessions:
    """Sessions done and planned in one week."""

    start: datetime.date
    label: str
    done: int
    planned: int | None  # None without a program covering the week


@dataclass(frozen=True)
class Adherence:
    """Sessions done against the sessions the active program planned so far."""

    done: int
    planned: int

    @property
    def percent(self) -> int:
        return round(100 * self.done / self.planned) if self.planned else 0


@dataclass(frozen=True)
class Trend:
    """What the dashboard draws: each series as (day, value), oldest first."""

    start: datetime.date
    end: datetime.date
    nprs: list[tuple[datetime.date, float]] = field(default_factory=list)
    sitting: list[tuple[datetime.date, float]] = field(default_factory=list)
    rmdq: list[tuple[datetime.date, float]] = field(default_factory=list)
    psfs: list[tuple[datetime.date, float]] = field(default_factory=list)
    weeks: list[WeekSessions] = field(default_factory=list)
    adherence: Adherence | None = None
    readings: list[Reading] = field(default_factory=list)
    sitting_reading: str = ""


def trend(
    person: User,
    *,
    today: datetime.date | None = None,
    days: int = DEFAULT_DAYS,
    kb: KnowledgeBase | None = None,
) -> Trend:
    """Return `person`'s series over the last `days` days and what their change means."""
    kb = kb or default_knowledge_base()
    today = today or timezone.localdate()
    start = today - datetime.timedelta(days=days - 1)
    rows = list(reversed(entries(person, since=start)))
    rows = [r for r in rows if r.day <= today]

    def series(name: str) -> list[tuple[datetime.date, float]]:
        return [
            (r.day, float(getattr(r, name)))
            for r in rows
            if getattr(r, name) is not None
        ]

    nprs, sitting = series("nprs"), series("sitting_hours")
    rmdq, psfs = series("rmdq"), series("psfs")
    readings = [
        r
        for r in (
            _nprs_reading(nprs, kb),
            _first_last_reading("rmdq", rmdq, kb),
            _first_last_reading("psfs", psfs, kb),
        )
        if r is not None
    ]
    weeks, adherence = _sessions(person, today=today, start=start)
    return Trend(
        start=rows[0].day if rows else today,
        end=today,
        nprs=nprs,
        sitting=sitting,
        rmdq=rmdq,
        psfs=psfs,
        weeks=weeks,
        adherence=adherence,
        readings=readings,
        sitting_reading=_sitting_reading(sitting),
    )


def _windows(
    points: Sequence[tuple[datetime.date, float]],
) -> tuple[list[float], list[float]] | None:
    """Split points into the first week and the latest week (no overlap)."""
    if not points:
        return None
    first, last = points[0][0], points[-1][0]
    if (last - first).days < 7:
        return None
    first_end = first + datetime.timedelta(days=6)
    last_start = max(
        last - datetime.timedelta(days=6), first_end + datetime.timedelta(1)
    )
    before = [v for d, v in points if d <= first_end]
    after = [v for d, v in points if d >= last_start]
    return before, after


def _mean(values: Sequence[float]) -> float:
    return round(math.fsum(values) / len(values), 1)


def _nprs_reading(
    points: Sequence[tuple[datetime.date, float]], kb: KnowledgeBase
) -> Reading | None:
    windows = _windows(points)
    if windows is None:
        return None
    before, after = (_mean(w) for w in windows)
    change = read_change("nprs", before, after, kb)
    if change.direction == "same":
        text = (
            f"Your pain has stayed at {after:g} out of 10 on average, "
            "between your first week of entries and your latest week."
        )
    else:
        verb = "dropped" if change.direction == "better" else "risen"
        text = (
            f"Your pain has {verb} from {before:g} to {after:g} on average, "
            "between your first week of entries and your latest week: "
            + _reach(change.meaningful, change.direction)
        )
    return Reading(
        "nprs",
        before,
        after,
        change.meaningful,
        change.direction,
        text,
        mic_text("nprs", kb),
    )


_NAMES = {
    "rmdq": "Your Roland-Morris score (how much your back limits you)",
    "psfs": "Your average rating of the activities you find hard (PSFS)",
}


def _first_last_reading(
    instrument: str, points: Sequence[tuple[datetime.date, float]], kb: KnowledgeBase
) -> Reading | None:
    if len(points) < 2:
        return None
    (first_day, before), (last_day, after) = points[0], points[-1]
    change = read_change(instrument, before, after, kb)
    since = f"from {before:g} on {first_day:%-d %b} to {after:g} on {last_day:%-d %b}"
    if change.direction == "same":
        text = f"{_NAMES[instrument]} is the same as on {first_day:%-d %b} ({after:g})."
    else:
        verb = "went down" if after < before else "went up"
        text = f"{_NAMES[instrument]} {verb} {since}: " + _reach(
            change.meaningful, change.direction
        )
    return Reading(
        instrument,
        before,
        after,
        change.meaningful,
        change.direction,
        text,
        mic_text(instrument, kb),
    )


def _reach(meaningful: bool, direction: str) -> str:  # noqa: FBT001
    if direction == "better":
        return (
            "a change that matters to most people."
            if meaningful
            else "a step in the right direction, smaller than the change that "
            "usually matters."
        )
    if meaningful:
        return (
            "a change big enough to matter. If it keeps getting worse, see your "
            "doctor or therapist."
        )
    return "a small change, within the day-to-day ups and downs."


def _sitting_reading(points: Sequence[tuple[datetime.date, float]]) -> str:
    windows = _windows(points)
    if windows is None:
        return ""
    before, after = (_mean(w) for w in windows)
    if before == after:
        return f"You sit about {after:g} hours a day, the same as in your first week."
    more, way = ("more", "up") if after > before else ("less", "down")
    return (
        f"You sit {more} than in your first week: about {after:g} hours a day, "
        f"{way} from {before:g}."
    )


def _sessions(
    person: User, *, today: datetime.date, start: datetime.date
) -> tuple[list[WeekSessions], Adherence | None]:
    """Sessions per week (program weeks when there is a program) and adherence."""
    stored = records.active_program(person)
    sessions = records.list_sessions(person)
    if stored is not None:
        program = Program.model_validate(stored.program)
        # days with at least one exercise done: the same rule as the report
        program_days = {
            s.day for s in sessions if s.program_id == stored.id and s.completed
        }
        weeks: list[WeekSessions] = []
        for week in program.weeks:
            if week.start > today:
                break
            week_end = week.start + datetime.timedelta(days=6)
            done = sum(1 for d in program_days if week.start <= d <= week_end)
            planned = sum(
                1
                for d in week.session_days
                if d < today or (d == today and d in program_days)
            )
            weeks.append(
                WeekSessions(week.start, f"Week {week.week}", done, max(planned, done))
            )
        return weeks, Adherence(*adherence(program, program_days, today))
    # no program: sessions per calendar week (Monday first) in the window
    monday = start - datetime.timedelta(days=start.weekday())
    counts: dict[datetime.date, set[datetime.date]] = {}
    for s in sessions:
        if monday <= s.day <= today:
            key = s.day - datetime.timedelta(days=s.day.weekday())
            counts.setdefault(key, set()).add(s.day)
    if not counts:
        return [], None
    first = min(counts)
    weeks = []
    week_start = first
    while week_start <= today:
        weeks.append(
            WeekSessions(
                week_start,
                f"{week_start:%-d %b}",
                len(counts.get(week_start, ())),
                None,
            )
        )
        week_start += datetime.timedelta(days=7)
    return weeks, None


def _problems(
    *,
    day: object,
    today: datetime.date,
    nprs: object,
    sitting_hours: object,
    rmdq: object,
    rmdq_items: object,
    psfs: object,
    psfs_items: object,
    flags: list[str],
    note: object,
    kb: KnowledgeBase,
) -> list[str]:
    problems = []
    if not isinstance(day, datetime.date) or isinstance(day, datetime.datetime):
        problems.append(f"day must be a date, got {day!r}")
    elif day > today:
        problems.append(f"day must not be in the future, got {day.isoformat()}")
    problems += [
        f"{name} must be a whole number from 0 to {high} or None, got {value!r}"
        for name, value, high in (("nprs", nprs, 10), ("rmdq", rmdq, 24))
        if not _is_whole(value, high)
    ]
    problems += [
        f"{name} must be a number from 0 to {high} or None, got {value!r}"
        for name, value, high in (
            ("sitting_hours", sitting_hours, 24),
            ("psfs", psfs, 10),
        )
        if not _is_number(value, high)
    ]
    if rmdq_items is not None:
        if rmdq is not None:
            problems.append("give rmdq or rmdq_items, not both")
        if (
            isinstance(rmdq_items, str | bytes)
            or not isinstance(rmdq_items, Sequence)
            or len(rmdq_items) != 24
            or not all(isinstance(i, bool) for i in rmdq_items)
        ):
            problems.append(
                f"rmdq_items must be 24 True/False answers, got {rmdq_items!r}"
            )
    if psfs_items:
        if psfs is not None:
            problems.append("give psfs or psfs_items, not both")
        problems += _psfs_problems(psfs_items)
    unknown = [f for f in flags if f not in kb.red_flags]
    if unknown:
        problems.append(f"new_red_flags: unknown red-flag ids {unknown}")
    if not isinstance(note, str):
        problems.append(f"note must be text, got {note!r}")
    elif len(note) > NOTE_MAX_CHARS:
        problems.append(f"note must be at most {NOTE_MAX_CHARS} characters")
    return problems


def _psfs_problems(items: object) -> list[str]:
    if isinstance(items, str | bytes) or not isinstance(items, Sequence):
        return [f"psfs_items must be a list, got {items!r}"]
    return [
        "psfs_items: each item must be {'activity': text, 'score': 0..10}, "
        f"got {item!r}"
        for item in items
        if not isinstance(item, Mapping)
        or not isinstance(item.get("activity"), str)
        or not _is_whole(item.get("score"), 10)
        or item.get("score") is None
    ]


def _is_whole(value: object, high: int) -> bool:
    return value is None or (
        isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= high
    )


def _is_number(value: object, high: int) -> bool:
    return value is None or (
        isinstance(value, int | float)
        and not isinstance(value, bool)
        and math.isfinite(value)
        and 0 <= value <= high
    )
