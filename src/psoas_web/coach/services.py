"""Writes and reads of the coach's records.

Every event goes through `record_event`, which checks the kind and the daily
postpone limit; settings go through `save_settings`.
"""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone

from psoas_web.coach import core
from psoas_web.coach.models import CoachEvent, CoachSettingsRecord

if TYPE_CHECKING:
    from django.contrib.auth.models import User

REASON_MAX_CHARS = 200
SEATING_NOTE_MAX_CHARS = 2000
SOURCES = frozenset({"cli", "web"})


class PostponeLimitError(ValueError):
    """The person has already postponed as often as their settings allow today."""


def record_event(
    person: User,
    *,
    at: datetime.datetime,
    kind: str,
    break_kind: str | None = None,
    exercise_id: str | None = None,
    reason: str = "",
    source: str,
) -> CoachEvent:
    """Store one coach event of `person`.

    Raises:
        PostponeLimitError: a postpone beyond the day's limit in the person's settings.
        ValueError: an unknown kind, break kind or source, a reason that is too long,
            or a time without a time zone; nothing is stored.
    """
    if kind not in core.KINDS:
        raise ValueError(f"unknown coach event kind {kind!r}")
    if break_kind is not None and break_kind not in core.BREAK_SIZES:
        raise ValueError(f"unknown break kind {break_kind!r}: micro or long")
    if source not in SOURCES:
        raise ValueError(f"unknown source {source!r}: cli or web")
    if len(reason) > REASON_MAX_CHARS:
        raise ValueError(f"the reason is longer than {REASON_MAX_CHARS} characters")
    if exercise_id is not None and len(exercise_id) > 64:
        raise ValueError("the exercise id is too long")
    if timezone.is_naive(at):
        raise ValueError("the event time needs a time zone")
    with transaction.atomic():
        if kind == "postponed":
            limit = get_settings(person).max_postpones_per_day
            used = (
                _of_day(person, timezone.localdate(at)).filter(kind="postponed").count()
            )
            if used >= limit:
                raise PostponeLimitError(
                    f"You have already postponed {used} time{'s' if used != 1 else ''} "
                    f"today, the most your settings allow. Take the break now, or skip it."
                )
        return CoachEvent.objects.create(
            person=person,
            at=at,
            kind=kind,
            break_kind=break_kind or "",
            exercise_id=exercise_id or "",
            reason=reason.strip(),
            source=source,
        )


def _of_day(person: User, day: datetime.date):  # type: ignore[no-untyped-def]
    tz = timezone.get_current_timezone()
    start = datetime.datetime.combine(day, datetime.time(), tz)
    end = start + datetime.timedelta(days=1)
    return CoachEvent.objects.filter(person=person, at__gte=start, at__lt=end)


def events(person: User, *, day: datetime.date | None = None) -> list[CoachEvent]:
    """The person's events, oldest first; only those of `day` (local time) if given."""
    query = (
        _of_day(person, day)
        if day is not None
        else CoachEvent.objects.filter(person=person)
    )
    return list(query.order_by("at"))


def postpones_used(person: User, day: datetime.date) -> int:
    """How many times the person postponed a break on `day`."""
    return int(_of_day(person, day).filter(kind="postponed").count())


def get_settings(person: User) -> core.CoachSettings:
    """The person's coach settings; the defaults if they never saved any."""
    record = CoachSettingsRecord.objects.filter(person=person).first()
    if record is None or not record.settings:
        return core.CoachSettings()
    return core.CoachSettings.model_validate(record.settings)


def seating_note(person: User) -> str:
    """The note the person keeps about their seating and desk set-up."""
    record = CoachSettingsRecord.objects.filter(person=person).first()
    return record.seating_note if record else ""


def save_settings(
    person: User, settings: core.CoachSettings, *, seating_note: str | None = None
) -> CoachSettingsRecord:
    """Store the person's settings, and their seating note when one is given.

    Raises:
        ValueError: the seating note is too long; nothing is stored.
    """
    if seating_note is not None and len(seating_note) > SEATING_NOTE_MAX_CHARS:
        raise ValueError(
            f"the seating note is longer than {SEATING_NOTE_MAX_CHARS} characters"
        )
    defaults: dict[str, object] = {"settings": settings.model_dump(mode="json")}
    if seating_note is not None:
        defaults["seating_note"] = seating_note.strip()
    with transaction.atomic():
        record, _ = CoachSettingsRecord.objects.update_or_create(
            person=person, defaults=defaults
        )
    return record


def day_stats(person: User, day: datetime.date) -> core.DayStats:
    """One day of the person's coach, in numbers (local times)."""
    settings = get_settings(person)
    return core.day_stats([_plain(e) for e in events(person, day=day)], day, settings)


def week_stats(
    person: User, today: datetime.date, days: int = 7
) -> list[core.DayStats]:
    """The last `days` days, oldest first."""
    first = today - datetime.timedelta(days=days - 1)
    settings = get_settings(person)
    tz = timezone.get_current_timezone()
    start = datetime.datetime.combine(first, datetime.time(), tz)
    rows = [
        _plain(e)
        for e in CoachEvent.objects.filter(person=person, at__gte=start).order_by("at")
    ]
    return [
        core.day_stats(rows, first + datetime.timedelta(days=i), settings)
        for i in range(days)
    ]


def _plain(event: CoachEvent) -> core.CoachEvent:
    return core.CoachEvent(
        at=timezone.localtime(event.at),
        kind=event.kind,
        break_kind=event.break_kind or None,
        exercise_id=event.exercise_id or None,
        reason=event.reason,
    )
