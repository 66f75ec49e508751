"""Writes of the reports area: share links, made, revoked, resolved and viewed.

A link's secret is ``secrets.token_urlsafe(32)``. Only its SHA-256 is stored, so a copy
of the database cannot be used to open anyone's summary; the token is shown once.
"""

from __future__ import annotations

import datetime
import hmac
import uuid
from typing import TYPE_CHECKING, Literal

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from psoas_web.reports.models import ShareLink
from psoas_web.site.secrets import hash_token, new_secret

if TYPE_CHECKING:
    from django.contrib.auth.models import User

#: how long a link may last, in days
EXPIRY_DAYS = (1, 7, 30)
#: the longest label
LABEL_MAX = 80
#: at most this many links that still work, per person
MAX_ACTIVE = 20

Status = Literal["active", "expired", "revoked"]


def status(link: ShareLink, *, now: datetime.datetime | None = None) -> Status:
    """Return whether ``link`` still works: "active", "expired" or "revoked"."""
    if link.revoked_at is not None:
        return "revoked"
    if link.expires_at <= (now or timezone.now()):
        return "expired"
    return "active"


def list_links(person: User) -> list[ShareLink]:
    """Return ``person``'s share links, newest first."""
    return list(ShareLink.objects.filter(person=person).order_by("-created_at"))


def create_share_link(person: User, *, days: int, label: str) -> tuple[ShareLink, str]:
    """Make a share link to ``person``'s summary; return it and its secret token.

    The token is returned only here: the database keeps its hash.

    Raises:
        ValueError: ``days`` is not 1, 7 or 30, the label is too long, or the person
            already has the most links that still work. Nothing is stored.
    """
    problems = []
    if isinstance(days, bool) or days not in EXPIRY_DAYS:
        allowed = ", ".join(str(d) for d in EXPIRY_DAYS)
        problems.append(f"days must be one of {allowed}, got {days!r}")
    if not isinstance(label, str):
        problems.append(f"label must be text, got {label!r}")
    elif len(label.strip()) > LABEL_MAX:
        problems.append(
            f"label must be at most {LABEL_MAX} characters, got {len(label.strip())}"
        )
    if problems:
        raise ValueError("; ".join(problems))
    token = new_secret()
    now = timezone.now()
    with transaction.atomic():
        working = ShareLink.objects.filter(
            person=person, revoked_at__isnull=True, expires_at__gt=now
        ).count()
        if working >= MAX_ACTIVE:
            msg = (
                f"at most {MAX_ACTIVE} share links can work at once; "
                "revoke one you no longer need first"
            )
            raise ValueError(msg)
        link = ShareLink.objects.create(
            person=person,
            token_hash=hash_token(token),
            label=label.strip(),
            expires_at=now + datetime.timedelta(days=days),
        )
    return link, token


def revoke(person: User, link_id: uuid.UUID | str) -> ShareLink:
    """Stop ``person``'s link ``link_id`` from working (revoking twice is harmless).

    Raises:
        ShareLink.DoesNotExist: no such id, not a valid id, or the link is someone
            else's (deliberately indistinguishable).
    """
    try:
        key = uuid.UUID(str(link_id))
    except ValueError:
        msg = f"No share link with id {link_id!r}"
        raise ShareLink.DoesNotExist(msg) from None
    with transaction.atomic():
        link = ShareLink.objects.select_for_update().get(person=person, id=key)
        if link.revoked_at is None:
            link.revoked_at = timezone.now()
            link.save(update_fields=["revoked_at"])
    return link


def resolve(token: str) -> ShareLink | None:
    """Return the working link whose secret is ``token``, else None.

    None when the token is unknown, malformed, expired or revoked. The token is found
    by its hash (so the secret itself is never compared character by character against
    stored secrets), and the hash is checked again in constant time.
    """
    if not isinstance(token, str) or not 20 <= len(token) <= 100:
        return None
    digest = hash_token(token)
    link = ShareLink.objects.select_related("person").filter(token_hash=digest).first()
    if link is None or not hmac.compare_digest(link.token_hash, digest):
        return None
    if status(link) != "active" or not link.person.is_active:
        return None
    return link


def record_view(link: ShareLink) -> None:
    """Count one view of ``link`` and remember when it was."""
    now = timezone.now()
    with transaction.atomic():
        ShareLink.objects.filter(id=link.id).update(
            view_count=F("view_count") + 1, last_viewed_at=now
        )
    link.last_viewed_at = now
    link.view_count += 1
