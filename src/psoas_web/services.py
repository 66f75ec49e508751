"""The one place the CLI and the web app read and write stored assessments.

Call `setup()` once before anything else: it configures Django and brings the
database schema up to date. Model imports happen inside the functions because
Django's app registry is only ready after `setup()`.
"""

from __future__ import annotations

import getpass
import os
import uuid
from typing import TYPE_CHECKING, Any

import django
from django.apps import apps
from django.core.management import call_command
from django.db import connections, transaction
from django.db.migrations.executor import MigrationExecutor

if TYPE_CHECKING:
    from django.contrib.auth.models import User

    from psoas_web.records.models import Assessment

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
