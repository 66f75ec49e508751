"""Writes of the accounts area: create an account, store a pending assessment, delete.

Every model that holds personal data has a ForeignKey named `person` with
on_delete=CASCADE, so deleting the user deletes all of their records.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction

if TYPE_CHECKING:
    from django.contrib.auth.models import User
    from django.http import HttpRequest

    from psoas_web.records.models import Assessment

log = logging.getLogger(__name__)


def create_account(username: str, email: str, password: str) -> User:
    """Create an account with a hashed password (Argon2, per settings).

    Raises:
        ValueError: the user name is empty or taken, or the password fails the
            validators. Nothing is stored.
    """
    model = get_user_model()
    if not username.strip():
        msg = "username must not be empty"
        raise ValueError(msg)
    with transaction.atomic():
        if model.objects.filter(username__iexact=username).exists():
            msg = f"username {username!r} is taken"
            raise ValueError(msg)
        user = model(username=username, email=model.objects.normalize_email(email))
        try:
            validate_password(password, user)
        except ValidationError as exc:
            msg = "password: " + " ".join(exc.messages)
            raise ValueError(msg) from None
        user.set_password(password)
        user.save()
        return user


def claim_pending_assessment(request: HttpRequest, user: User) -> Assessment | None:
    """Store the assessment an anonymous visitor finished before signing in.

    The assessment app keeps it in the session; its `claim_pending` stores it
    for `user` and forgets it. Returns the stored assessment, or None.
    """
    try:
        from psoas_web.assessment.pending import claim_pending
    except ImportError:  # the assessment app has no pending store (yet)
        return None
    try:
        return claim_pending(request, user)
    except ValueError:
        # A pending document that no longer validates is not worth failing a
        # sign-in over; the person can take the assessment again.
        log.warning("could not store the pending assessment", exc_info=True)
        return None


def delete_account(user: User) -> None:
    """Delete `user` and, through the `person` foreign keys, everything they stored.

    The sign-in records django-axes keeps under their user name go as well.
    """
    from axes.models import AccessAttempt, AccessFailureLog, AccessLog  # type: ignore[import-untyped]

    username = user.get_username()
    with transaction.atomic():
        user.delete()
        AccessAttempt.objects.filter(username=username).delete()
        AccessFailureLog.objects.filter(username=username).delete()
        AccessLog.objects.filter(username=username).delete()
