"""The one place the CLI and the web app read and write stored records.

Assessments, personal programs (one active per person) and the exercise sessions
logged against a program.

Call `setup()` once before anything else: it configures Django and brings the
database schema up to date. Model imports happen inside the functions because
Django's app registry is only ready after `setup()`.
"""

from __future__ import annotations

import datetime
import getpass
import os
import uuid
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import django
from django.apps import apps
from django.core.management import call_command
from django.db import connections, transaction
from django.db.migrations.executor import MigrationExecutor
from pydantic import ValidationError

from psoas.program.model import Program, SessionLog

if TYPE_CHECKING:
    from django.contrib.auth.models import User

    from psoas.assess.result import Result
    from psoas_web.records.models import Assessment, ExerciseSession, StoredProgram

_VENDOR_NAMES = {"postgresql": "PostgreSQL", "mysql": "MySQL", "oracle": "Oracle"}


def setup(*, migrate: bool = True) -> None:
    """Configure Django and, unless `migrate` is False, apply pending migrations.

    Safe to call more than once; on an up-to-date database it only reads the
    migration history.
    """
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "psoas_web.settings")
    if not apps.ready:
        django.setup()
    if migrate:
        executor = MigrationExecutor(connections["default"])
        if executor.migration_plan(executor.loader.graph.leaf_nodes()):
            call_command("migrate", database="default", interactive=False, verbosity=0)


def local_person(using: str = "default") -> User:
    """Return the person the CLI acts for, creating them on first use.

    The username is `PSOAS_USER` if set, else the operating-system user. The
    person has no usable password: the CLI trusts whoever runs it.
    """
    from django.contrib.auth.hashers import make_password
    from django.contrib.auth.models import User

    username = os.getenv("PSOAS_USER") or getpass.getuser()
    person, _ = User.objects.using(using).get_or_create(
        username=username, defaults={"password": make_password(None)}
    )
    return person


def save_assessment(
    person: User,
    answers: dict[str, Any],
    result: dict[str, Any],
    *,
    engine_version: str,
    kb_version: str,
    using: str = "default",
) -> Assessment:
    """Store one assessment for `person` in a single transaction.

    Raises:
        ValueError: `result["triage"]["level"]` is missing or not a triage
            level. Nothing is stored.
    """
    from psoas_web.records.models import Assessment, Level

    triage = result.get("triage")
    level = triage.get("level") if isinstance(triage, dict) else None
    if level not in Level.values:
        allowed = ", ".join(Level.values)
        msg = f"result.triage.level must be one of {allowed}, got {level!r}"
        raise ValueError(msg)
    with transaction.atomic(using=using):
        return Assessment.objects.using(using).create(
            person=person,
            answers=answers,
            result=result,
            level=level,
            engine_version=engine_version,
            kb_version=kb_version,
        )


def save_result(
    person: User,
    answers: dict[str, Any],
    result: Result,
    *,
    using: str = "default",
) -> Assessment:
    """Store the engine's `result` for `answers`, with the versions that made it.

    The same as `save_assessment`, for the usual case of a fresh `psoas.assess` result.
    """
    return save_assessment(
        person,
        answers,
        result.to_json_dict(),
        engine_version=result.engine_version,
        kb_version=result.kb_version,
        using=using,
    )


def list_assessments(
    person: User, *, limit: int | None = None, using: str = "default"
) -> list[Assessment]:
    """Return `person`'s assessments, newest first, at most `limit` of them."""
    from psoas_web.records.models import Assessment

    assessments = Assessment.objects.using(using).filter(person=person)
    return list(assessments if limit is None else assessments[:limit])


def get_assessment(
    person: User, assessment_id: uuid.UUID | str, *, using: str = "default"
) -> Assessment:
    """Return `person`'s assessment with this id.

    Raises:
        Assessment.DoesNotExist: no such id, not a valid id, or the assessment
            belongs to someone else (which is deliberately indistinguishable).
    """
    from psoas_web.records.models import Assessment

    try:
        key = uuid.UUID(str(assessment_id))
    except ValueError:
        msg = f"No assessment with id {assessment_id!r}"
        raise Assessment.DoesNotExist(msg) from None
    return Assessment.objects.using(using).get(person=person, id=key)


def save_program(
    person: User,
    program: dict[str, Any],
    *,
    assessment_id: uuid.UUID | None = None,
    using: str = "default",
) -> StoredProgram:
    """Store `program` as `person`'s active program; the previous one becomes inactive.

    `program` is `Program.model_dump(mode="json")`; it is stored as validated (the
    same document, normalised). `assessment_id` links the assessment it was built
    from. Both writes happen in one transaction.

    Raises:
        ValueError: the program does not validate, or `assessment_id` is not one
            of `person`'s assessments. Nothing is stored.
    """
    from psoas_web.records.models import Assessment, StoredProgram

    validated = _program(program)
    with transaction.atomic(using=using):
        assessment = None
        if assessment_id is not None:
            try:
                assessment = get_assessment(person, assessment_id, using=using)
            except Assessment.DoesNotExist:
                msg = f"assessment_id {assessment_id} is not one of this person's"
                raise ValueError(msg) from None
        # Lock the active row, so two saves at once cannot both deactivate it and
        # then both insert: the second waits, or fails on the unique constraint.
        active = StoredProgram.objects.using(using).select_for_update()
        active.filter(person=person, active=True).update(active=False)
        return StoredProgram.objects.using(using).create(
            person=person,
            assessment=assessment,
            program=validated.model_dump(mode="json"),
            active=True,
            kb_version=validated.kb_version,
        )


def active_program(person: User, *, using: str = "default") -> StoredProgram | None:
    """Return `person`'s active program, or None if they have none."""
    from psoas_web.records.models import StoredProgram

    programs = StoredProgram.objects.using(using)
    return programs.filter(person=person, active=True).first()


def update_program(
    person: User,
    stored: StoredProgram,
    program: dict[str, Any],
    *,
    using: str = "default",
) -> StoredProgram:
    """Replace the contents of `stored` with `program` (after a progression step).

    The sessions logged against `stored` stay attached to it, so the pain-monitoring
    rule keeps seeing the whole history.

    Raises:
        ValueError: the program does not validate, or `stored` is not `person`'s.
            Nothing is changed.
    """
    from psoas_web.records.models import StoredProgram

    validated = _program(program)
    with transaction.atomic(using=using):
        try:
            row = (
                StoredProgram.objects.using(using)
                .select_for_update()
                .get(person=person, id=stored.id)
            )
        except StoredProgram.DoesNotExist:
            msg = f"program {stored.id} is not one of this person's"
            raise ValueError(msg) from None
        row.program = validated.model_dump(mode="json")
        row.kb_version = validated.kb_version
        row.save(update_fields=["program", "kb_version"])
    stored.program, stored.kb_version = row.program, row.kb_version
    return row


def save_session(
    person: User,
    program: StoredProgram,
    *,
    day: datetime.date,
    week: int,
    completed: Sequence[str],
    skipped: Sequence[dict[str, str]],
    pain_before: int | None,
    pain_during: int | None,
    pain_after: int | None,
    new_red_flag: bool,
    stopped: str,
    started_at: datetime.datetime,
    finished_at: datetime.datetime | None,
    using: str = "default",
) -> ExerciseSession:
    """Store one exercise session of `person`, logged against `program`.

    `completed` lists exercise ids in the order done; `skipped` has one
    `{"exercise_id": ..., "reason": ...}` per exercise left out; pain scores are
    0 to 10 (None when not asked or not answered), `pain_during` the highest;
    `stopped` is "" when the session ran to the end, else "quit" or "red_flag".
    Times must be timezone-aware.

    Raises:
        ValueError: any input is out of range or of the wrong kind (the message
            names it), an exercise id is not in the program, or the program is not
            `person`'s. Nothing is stored.
    """
    from psoas_web.records.models import ExerciseSession, Stopped, StoredProgram

    validated = _program(program.program)
    known = {p.exercise_id for w in validated.weeks for p in w.exercises}
    problems = [
        *_date_problems(day, started_at, finished_at),
        *_week_problems(week, validated),
        *_exercise_problems(completed, skipped, known),
        *(
            f"{name} must be a whole number from 0 to 10 or None, got {value!r}"
            for name, value in (
                ("pain_before", pain_before),
                ("pain_during", pain_during),
                ("pain_after", pain_after),
            )
            if not _is_pain(value)
        ),
    ]
    if not isinstance(new_red_flag, bool):
        problems.append(f"new_red_flag must be True or False, got {new_red_flag!r}")
    if stopped not in Stopped.values:
        allowed = ", ".join(repr(v) for v in Stopped.values)
        problems.append(f"stopped must be one of {allowed}, got {stopped!r}")
    if problems:
        raise ValueError("; ".join(problems))
    with transaction.atomic(using=using):
        if (
            not StoredProgram.objects.using(using)
            .filter(person=person, id=program.id)
            .exists()
        ):
            msg = f"program {program.id} is not one of this person's"
            raise ValueError(msg)
        return ExerciseSession.objects.using(using).create(
            person=person,
            program_id=program.id,
            day=day,
            week=week,
            completed=list(completed),
            skipped=[dict(item) for item in skipped],
            pain_before=pain_before,
            pain_during=pain_during,
            pain_after=pain_after,
            new_red_flag=new_red_flag,
            stopped=stopped,
            started_at=started_at,
            finished_at=finished_at,
        )


def list_sessions(
    person: User,
    *,
    program: StoredProgram | None = None,
    using: str = "default",
) -> list[ExerciseSession]:
    """Return `person`'s sessions, oldest first; only those of `program` if given."""
    from psoas_web.records.models import ExerciseSession

    sessions = ExerciseSession.objects.using(using).filter(person=person)
    if program is not None:
        sessions = sessions.filter(program_id=program.id)
    return list(sessions.order_by("day", "started_at"))


def record_settled(
    person: User,
    session_id: uuid.UUID | str,
    settled: bool,  # noqa: FBT001 - the answer itself, not a switch
    *,
    using: str = "default",
) -> ExerciseSession:
    """Record whether the pain after `person`'s session settled by the next morning.

    Raises:
        ExerciseSession.DoesNotExist: no such id, not a valid id, or the session
            belongs to someone else (deliberately indistinguishable).
        ValueError: `settled` is not True or False. Nothing is changed.
    """
    from psoas_web.records.models import ExerciseSession

    if not isinstance(settled, bool):
        msg = f"settled must be True or False, got {settled!r}"
        raise ValueError(msg)
    try:
        key = uuid.UUID(str(session_id))
    except ValueError:
        msg = f"No session with id {session_id!r}"
        raise ExerciseSession.DoesNotExist(msg) from None
    with transaction.atomic(using=using):
        session = (
            ExerciseSession.objects.using(using)
            .select_for_update()
            .get(person=person, id=key)
        )
        session.settled_next_morning = settled
        session.save(update_fields=["settled_next_morning"])
    return session


def session_logs(
    person: User, program: StoredProgram, *, using: str = "default"
) -> list[SessionLog]:
    """Return `person`'s sessions of `program`, oldest first, as the core's logs.

    This is what `psoas.program.progress` reads.
    """
    return [
        SessionLog(
            day=session.day,
            week=session.week,
            completed=list(session.completed),
            skipped=[str(item["exercise_id"]) for item in session.skipped],
            pain_during=session.pain_during,
            pain_after=session.pain_after,
            settled_next_morning=session.settled_next_morning,
            new_red_flag=session.new_red_flag,
        )
        for session in list_sessions(person, program=program, using=using)
    ]


def _program(document: dict[str, Any]) -> Program:
    try:
        return Program.model_validate(document)
    except ValidationError as exc:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in error['loc']) or '(document)'}: {error['msg']}"
            for error in exc.errors()
        )
        msg = f"not a valid program: {problems}"
        raise ValueError(msg) from None


def _is_pain(value: object) -> bool:
    return value is None or (
        isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= 10
    )


def _date_problems(day: object, started_at: object, finished_at: object) -> list[str]:
    problems = []
    if not isinstance(day, datetime.date) or isinstance(day, datetime.datetime):
        problems.append(f"day must be a date, got {day!r}")
    for name, value in (("started_at", started_at), ("finished_at", finished_at)):
        if value is None and name == "finished_at":
            continue
        if not isinstance(value, datetime.datetime) or value.tzinfo is None:
            problems.append(f"{name} must be a timezone-aware datetime, got {value!r}")
    if (
        not problems
        and isinstance(started_at, datetime.datetime)
        and isinstance(finished_at, datetime.datetime)
        and finished_at < started_at
    ):
        problems.append("finished_at must not be before started_at")
    return problems


def _week_problems(week: object, program: Program) -> list[str]:
    weeks = [w.week for w in program.weeks]
    if isinstance(week, bool) or not isinstance(week, int) or week not in weeks:
        return [f"week must be one of the program's weeks {weeks}, got {week!r}"]
    return []


def _exercise_problems(
    completed: object, skipped: object, known: set[str]
) -> list[str]:
    problems = []
    if isinstance(completed, str | bytes) or not isinstance(completed, Sequence):
        problems.append(f"completed must be a list of exercise ids, got {completed!r}")
    else:
        problems += [
            f"completed: {item!r} is not an exercise of this program"
            for item in completed
            if item not in known
        ]
    if isinstance(skipped, str | bytes) or not isinstance(skipped, Sequence):
        problems.append(f"skipped must be a list, got {skipped!r}")
        return problems
    for item in skipped:
        if (
            not isinstance(item, dict)
            or set(item) != {"exercise_id", "reason"}
            or not all(isinstance(v, str) for v in item.values())
        ):
            problems.append(
                "skipped: each item must be {'exercise_id': str, 'reason': str}, "
                f"got {item!r}"
            )
        elif item["exercise_id"] not in known:
            problems.append(
                f"skipped: {item['exercise_id']!r} is not an exercise of this program"
            )
    return problems


def database_description(using: str = "default") -> str:
    """Return where the data lives, for people: never includes a password.

    For example "SQLite at /home/ann/.local/share/psoas/psoas.sqlite3" or
    "PostgreSQL psoas@127.0.0.1:5432/psoas".
    """
    connection = connections[using]
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"SQLite at {db['NAME']}"
    vendor = _VENDOR_NAMES.get(connection.vendor, connection.vendor)
    user = f"{db['USER']}@" if db.get("USER") else ""
    host = db.get("HOST") or "localhost"
    port = f":{db['PORT']}" if db.get("PORT") else ""
    return f"{vendor} {user}{host}{port}/{db['NAME']}"
