"""The one-page summary for a professional, as plain data read from the database.

``build_summary(person, today=...)`` gathers everything the page shows: the latest
screen, the pattern, the exposures, the active program and how much of it was done, and
how pain and function have moved. The HTML page, the shared page and the PDF all render
the same ``Summary``.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.apps import apps
from pydantic import ValidationError

from psoas.instruments import read_change
from psoas.knowledge import KnowledgeBase, Urgency, default_knowledge_base
from psoas.program.dose import describe
from psoas.program.model import Program
from psoas.program.schedule import adherence, week_of
from psoas_web import services

if TYPE_CHECKING:
    from django.contrib.auth.models import User

    from psoas_web.records.models import Assessment, StoredProgram

DISCLAIMER = (
    "This summary was made by psoas from what the person entered themselves. It is not "
    "a diagnosis and not a clinical record: the screen and the pattern are a rough "
    "guide that a professional's own history and examination come before."
)

PATTERN_WORDS = {
    "high": "The answers fit an iliopsoas pattern well.",
    "moderate": "The answers fit an iliopsoas pattern in part.",
    "low": "The answers do not point clearly to the iliopsoas.",
}

INSTRUMENT_NAMES = {
    "nprs": "Pain (NPRS, 0–10)",
    "rmdq": "Disability (RMDQ, 0–24)",
    "psfs": "Function (PSFS, 0–10)",
}

#: pattern features whose id does not read well as words
FEATURE_WORDS = {
    "eased_lying_knees_bent": "eased lying with the knees bent",
    "morning_stiffness_over_30_min": "morning stiffness over 30 min",
    "numbness_or_tingling": "numbness or tingling",
    "leg_pain_below_knee": "leg pain below the knee",
    "front_hip_snap": "snapping at the front of the hip",
}

#: above about this many lines of content, the printed page uses smaller type
DENSE_LINES = 36

#: an evidence note is cut to about this many characters, at a sentence end
NOTE_LENGTH = 160


@dataclass(frozen=True)
class Screen:
    """The latest safety screen."""

    day: datetime.date
    level: str  # the triage level id, also a CSS class
    title: str
    complete: bool
    red_flags: list[str]  # the plain questions answered yes
    unanswered: int


@dataclass(frozen=True)
class Pattern:
    """How well the answers fit the iliopsoas pattern."""

    level: str
    words: str
    supporting: list[str]
    against: list[str]
    evidence_note: str  # one line


@dataclass(frozen=True)
class ExposureLine:
    """One daily exposure, as the person reported it."""

    name: str
    value: str  # value and unit in words, e.g. "9.5 h/day"
    level: str


@dataclass(frozen=True)
class ExerciseLine:
    """One exercise of this week, with its dose."""

    name: str
    dose: str


@dataclass(frozen=True)
class ProgramPart:
    """The active program: where it is now and this week's exercises."""

    started_on: datetime.date
    week: int
    weeks: int
    phase: str
    when: str  # "now", "not started yet" or "finished"
    days_per_week: int
    minutes_per_day: int
    exercises: list[ExerciseLine]


@dataclass(frozen=True)
class Adherence:
    """Sessions done against those planned up to today."""

    done: int
    planned: int

    @property
    def percent(self) -> int | None:
        """Return the share done, 0 to 100, or None when nothing was planned yet."""
        if not self.planned:
            return None
        return min(100, round(100 * self.done / self.planned))


@dataclass(frozen=True)
class Trend:
    """How one instrument moved between its first and latest reading."""

    name: str
    first: float
    first_day: datetime.date
    latest: float
    latest_day: datetime.date
    readings: int
    reading: str  # the change in words


@dataclass(frozen=True)
class Summary:
    """Everything the one-page summary shows."""

    username: str
    today: datetime.date
    screen: Screen | None
    pattern: Pattern | None
    exposures: list[ExposureLine]
    program: ProgramPart | None
    adherence: Adherence | None
    trends: list[Trend]
    disclaimer: str = DISCLAIMER
    assessments: int = 0

    @property
    def dense(self) -> bool:
        """Return whether the page holds so much that print should use smaller type."""
        flags = len(self.screen.red_flags) if self.screen else 0
        items = (
            len(self.pattern.supporting) + len(self.pattern.against)
            if self.pattern
            else 0
        )
        exercises = len(self.program.exercises) if self.program else 0
        lines = 3 * flags + items + len(self.exposures) + exercises
        return lines > DENSE_LINES


def build_summary(
    person: User,
    *,
    today: datetime.date,
    kb: KnowledgeBase | None = None,
) -> Summary:
    """Return ``person``'s summary as of ``today``, from what is stored."""
    kb = kb or default_knowledge_base()
    assessments = services.list_assessments(person)
    latest = assessments[0] if assessments else None
    result: Mapping[str, Any] = latest.result if latest else {}
    stored = services.active_program(person)
    program = _program(stored)
    return Summary(
        username=person.get_username(),
        today=today,
        screen=_screen(latest, kb),
        pattern=_pattern(result.get("psoas_pattern"), kb),
        exposures=_exposures(result.get("exposures"), kb),
        program=_program_part(program, stored, today, kb),
        adherence=_adherence(person, stored, program, today),
        trends=_trends(person, assessments, kb),
        assessments=len(assessments),
    )


# -- the parts -----------------------------------------------------------------------


def _screen(latest: Assessment | None, kb: KnowledgeBase) -> Screen | None:
    if latest is None:
        return None
    triage = latest.result.get("triage") or {}
    try:
        title = kb.level(Urgency(latest.level)).title
    except ValueError:
        title = str(triage.get("title", latest.level))
    flags = [
        kb.red_flags[flag].question if flag in kb.red_flags else str(flag)
        for flag in triage.get("red_flags") or []
    ]
    return Screen(
        day=latest.created_at.date(),
        level=latest.level,
        title=title,
        complete=bool(triage.get("complete")),
        red_flags=flags,
        unanswered=len(triage.get("unanswered") or []),
    )


def _pattern(pattern: Any, kb: KnowledgeBase) -> Pattern | None:
    if not isinstance(pattern, dict) or "level" not in pattern:
        return None
    level = str(pattern["level"])
    note = str(pattern.get("evidence_note") or kb.pattern.evidence_note.text)
    return Pattern(
        level=level,
        words=PATTERN_WORDS.get(level, ""),
        supporting=[label(item, kb) for item in pattern.get("supporting") or []],
        against=[label(item, kb) for item in pattern.get("against") or []],
        evidence_note=one_line(note),
    )


def label(item_id: str, kb: KnowledgeBase) -> str:
    """Return a pattern item (feature, region, referred symptom, test) in words."""
    if item_id in kb.features:  # the ids are short clinical phrases already
        return FEATURE_WORDS.get(item_id, item_id.replace("_", " "))
    if item_id in kb.regions:
        return f"pain in the {kb.regions[item_id].name.lower()}"
    if item_id in kb.referred:
        return kb.referred[item_id].name
    if item_id == "thomas_test":
        return "Thomas self-test: thigh stays raised"
    return item_id.replace("_", " ")


def one_line(text: str, limit: int = NOTE_LENGTH) -> str:
    """Return the first sentences of ``text`` that fit in about ``limit`` characters."""
    sentences = re.split(r"(?<=[.!?])\s+", text.strip())
    line = sentences[0]
    for sentence in sentences[1:]:
        if len(line) + 1 + len(sentence) > limit:
            # the sentence's first clause may still fit, e.g. up to a colon
            clause = re.split(r"[:;]\s", sentence, maxsplit=1)[0].rstrip(",")
            if clause != sentence and len(line) + 2 + len(clause) <= limit:
                line = f"{line} {clause}."
            break
        line = f"{line} {sentence}"
    if len(line) > limit:
        line = line[: limit - 1].rsplit(" ", 1)[0] + "…"
    return line


def _exposures(exposures: Any, kb: KnowledgeBase) -> list[ExposureLine]:
    if not isinstance(exposures, list):
        return []
    lines = []
    for item in exposures:
        if not isinstance(item, dict) or "id" not in item:
            continue
        known = kb.exposures.get(str(item["id"]))
        name = str(item.get("name") or (known.name if known else item["id"]))
        unit = str(item.get("unit") or (known.unit if known else ""))
        lines.append(
            ExposureLine(
                name=name,
                value=_value(item.get("value"), unit),
                level=str(item.get("level", "")),
            )
        )
    return lines


def _value(value: Any, unit: str) -> str:
    if value is None:
        return "not given"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int | float):
        return f"{value:g} {unit}".strip()
    return str(value).replace("_", " ")


def _program(stored: StoredProgram | None) -> Program | None:
    if stored is None:
        return None
    try:
        return Program.model_validate(stored.program)
    except ValidationError:
        return None


def _program_part(
    program: Program | None,
    stored: StoredProgram | None,
    today: datetime.date,
    kb: KnowledgeBase,
) -> ProgramPart | None:
    if program is None or stored is None or not program.weeks:
        return None
    week = week_of(program, today)
    when = "now"
    if week is None:
        before = today < program.weeks[0].start
        week = program.weeks[0] if before else program.weeks[-1]
        when = "not started yet" if before else "finished"
    names = {phase.id: phase.name for phase in program.phases}
    exercises = []
    for p in week.exercises:
        known = kb.exercises.get(p.exercise_id)
        category = known.category if known else None
        exercises.append(ExerciseLine(p.name, describe(p.dose, category=category)))
    return ProgramPart(
        started_on=program.start,
        week=week.week,
        weeks=len(program.weeks),
        phase=names.get(week.phase, str(week.phase)),
        when=when,
        days_per_week=program.preferences.days_per_week,
        minutes_per_day=program.preferences.minutes_per_day,
        exercises=exercises,
    )


def _adherence(
    person: User,
    stored: StoredProgram | None,
    program: Program | None,
    today: datetime.date,
) -> Adherence | None:
    if stored is None or program is None:
        return None
    sessions = services.list_sessions(person, program=stored)
    done, planned = adherence(program, (s.day for s in sessions if s.completed), today)
    return Adherence(done=done, planned=planned)


# -- trends --------------------------------------------------------------------------

Reading = tuple[datetime.date, float]


def _trends(
    person: User, assessments: Iterable[Assessment], kb: KnowledgeBase
) -> list[Trend]:
    series: dict[str, list[Reading]] = {"nprs": [], "rmdq": [], "psfs": []}
    for assessment in assessments:
        day = assessment.created_at.date()
        instruments = assessment.result.get("instruments") or {}
        for key, inner in (("nprs", "now"), ("rmdq", "score"), ("psfs", "mean")):
            value = (instruments.get(key) or {}).get(inner)
            if _is_number(value):
                series[key].append((day, float(value)))  # type: ignore[arg-type]
    for day, values in _journal(person):
        for key, value in values.items():
            series[key].append((day, value))
    trends = []
    for key, readings in series.items():
        if not readings:
            continue
        readings.sort(key=lambda r: r[0])
        (first_day, first), (latest_day, latest) = readings[0], readings[-1]
        if len(readings) == 1:
            reading = "One reading so far."
        else:
            reading = read_change(key, first, latest, kb).describe()
        trends.append(
            Trend(
                name=INSTRUMENT_NAMES[key],
                first=first,
                first_day=first_day,
                latest=latest,
                latest_day=latest_day,
                readings=len(readings),
                reading=reading,
            )
        )
    return trends


def _journal(person: User) -> list[tuple[datetime.date, dict[str, float]]]:
    """Return the person's journal scores by day, if the journal app stores any."""
    try:
        entry_model = apps.get_model("psoas_journal", "JournalEntry")
    except LookupError:
        return []
    fields = {f.name for f in entry_model._meta.get_fields()}
    wanted = [name for name in ("nprs", "rmdq", "psfs") if name in fields]
    if "day" not in fields or "person" not in fields or not wanted:
        return []
    rows = entry_model.objects.filter(person=person).order_by("day")
    out = []
    for day, *values in rows.values_list("day", *wanted):
        scores = {
            name: float(value)
            for name, value in zip(wanted, values, strict=True)
            if _is_number(value)
        }
        if scores and isinstance(day, datetime.date):
            out.append((day, scores))
    return out


def _is_number(value: object) -> bool:
    return isinstance(value, int | float | Decimal) and not isinstance(value, bool)
