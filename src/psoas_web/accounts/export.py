"""Everything a person has stored, as one JSON document.

The records are found generically: every installed model with a ForeignKey named
`person` to the user model. Records added by any app are therefore exported
without this module knowing them.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from django.apps import apps
from django.conf import settings
from django.core.exceptions import FieldDoesNotExist
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils import timezone

if TYPE_CHECKING:
    from django.contrib.auth.models import User

EXPORT_FORMAT = "psoas-export-v1"


def personal_models() -> list[type[models.Model]]:
    """Return every model with a `person` ForeignKey to the user model, by label."""
    found = []
    user_model = apps.get_model(settings.AUTH_USER_MODEL)
    for model in apps.get_models():
        try:
            field = model._meta.get_field("person")
        except FieldDoesNotExist:
            continue
        if isinstance(field, models.ForeignKey) and field.related_model is user_model:
            found.append(model)
    return sorted(found, key=lambda model: model._meta.label)


def _secret(name: str) -> bool:
    """Fields that hold a credential's hash (API tokens, share links), not data.

    They are left out so that an export file that goes astray gives nothing
    usable for checking guessed tokens.
    """
    return name == "password" or name.endswith("_hash")


def _row(obj: models.Model) -> dict[str, Any]:
    """The stored values of `obj`: relations as the related row's id."""
    row: dict[str, Any] = {}
    for field in obj._meta.concrete_fields:
        if _secret(field.name):
            continue
        name = field.name if not field.is_relation else field.attname
        row[name] = field.value_from_object(obj)
    return row


def _profile(user: User) -> dict[str, Any]:
    return {
        "username": user.get_username(),
        "email": user.email,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "date_joined": user.date_joined,
        "last_login": user.last_login,
    }


def _sign_ins(user: User) -> list[dict[str, Any]]:
    """The sign-ins django-axes logged for this user name (time, address, browser)."""
    from axes.models import AccessLog  # type: ignore[import-untyped]

    logs = AccessLog.objects.filter(username=user.get_username()).order_by(
        "attempt_time"
    )
    return [
        {
            "attempt_time": log.attempt_time,
            "logout_time": log.logout_time,
            "ip_address": log.ip_address,
            "user_agent": log.user_agent,
        }
        for log in logs
    ]


def export_data(user: User) -> dict[str, Any]:
    """Return the profile of `user` and every row of every personal model they own.

    Keys of "records" are model labels (e.g. "records.Assessment"); each holds
    a list of rows in primary-key order, without the hashes of tokens. Values are JSON-ready only after
    `export_json`, which turns UUIDs, dates and decimals into strings.
    """
    records: dict[str, list[dict[str, Any]]] = {}
    for model in personal_models():
        rows = model._default_manager.filter(person=user).order_by("pk")
        records[model._meta.label] = [_row(obj) for obj in rows]
    return {
        "format": EXPORT_FORMAT,
        "exported_at": timezone.now(),
        "profile": _profile(user),
        "records": records,
        "sign_ins": _sign_ins(user),
    }


def export_json(user: User) -> str:
    """Return `export_data(user)` serialised as indented JSON."""
    return json.dumps(
        export_data(user), cls=DjangoJSONEncoder, indent=2, ensure_ascii=False
    )


def stored_counts(user: User) -> list[tuple[str, int]]:
    """(plural name, count) of each kind of record `user` has, skipping empty ones."""
    counts = []
    for model in personal_models():
        count = model._default_manager.filter(person=user).count()
        if count:
            meta = model._meta
            name = meta.verbose_name if count == 1 else meta.verbose_name_plural
            counts.append((str(name), count))
    return counts
