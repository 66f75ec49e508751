"""Writes for personal API tokens: make one, revoke one, and check one presented."""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone

from psoas_web.site.secrets import hash_token, new_secret

if TYPE_CHECKING:
    from django.contrib.auth.models import User

    from psoas_web.api.models import ApiToken

#: the start of every token, so a leaked one is easy to recognise (and to scan for)
PREFIX = "psoas_"
#: how many characters of a token are kept in clear, to tell tokens apart
HINT_LENGTH = len(PREFIX) + 4
NAME_MAX = 100
#: the most tokens one person may have that are not revoked
MAX_ACTIVE = 20


def create_token(person: User, name: str) -> tuple[ApiToken, str]:
    """Make a token named `name` for `person`; return it and its clear text.

    The clear text is not stored anywhere: show it once.

    Raises:
        ValueError: the name is empty or longer than 100 characters, or the person
            already has 20 tokens in use. Nothing is stored.
    """
    from psoas_web.api.models import ApiToken

    clean = name.strip() if isinstance(name, str) else ""
    if not clean:
        msg = "name must not be empty"
        raise ValueError(msg)
    if len(clean) > NAME_MAX:
        msg = f"name must be at most {NAME_MAX} characters, got {len(clean)}"
        raise ValueError(msg)
    token = new_secret(PREFIX)
    with transaction.atomic():
        active = ApiToken.objects.select_for_update().filter(
            person=person, revoked_at__isnull=True
        )
        if len(active) >= MAX_ACTIVE:
            msg = f"at most {MAX_ACTIVE} tokens may be in use; revoke one first"
            raise ValueError(msg)
        row = ApiToken.objects.create(
            person=person,
            name=clean,
            token_hash=hash_token(token),
            hint=token[:HINT_LENGTH],
        )
    return row, token


def list_tokens(person: User) -> list[ApiToken]:
    """Return `person`'s tokens, newest first, revoked ones included."""
    from psoas_web.api.models import ApiToken

    return list(ApiToken.objects.filter(person=person))


def revoke_token(person: User, token_id: uuid.UUID | str) -> ApiToken:
    """Revoke `person`'s token with this id (revoking twice keeps the first time).

    Raises:
        ApiToken.DoesNotExist: no such id, not a valid id, or someone else's token.
    """
    from psoas_web.api.models import ApiToken

    try:
        key = uuid.UUID(str(token_id))
    except ValueError:
        msg = f"No token with id {token_id!r}"
        raise ApiToken.DoesNotExist(msg) from None
    with transaction.atomic():
        row = ApiToken.objects.select_for_update().get(person=person, id=key)
        if row.revoked_at is None:
            row.revoked_at = timezone.now()
            row.save(update_fields=["revoked_at"])
    return row


def person_for_token(token: str) -> User | None:
    """Return the active person whose unrevoked token this is, else None.

    Records the time of use on the token.
    """
    from psoas_web.api.models import ApiToken

    if not token.startswith(PREFIX) or len(token) > 200:
        return None
    row = (
        ApiToken.objects.select_related("person")
        .filter(token_hash=hash_token(token), revoked_at__isnull=True)
        .first()
    )
    if row is None or not row.person.is_active:
        return None
    ApiToken.objects.filter(id=row.id).update(last_used_at=timezone.now())
    return row.person
