"""The assessment in progress, kept in the session until it is stored.

Anyone can start the wizard without an account: the answers document (contract
version 1) lives in ``request.session[ANSWERS_KEY]`` as it is filled in. When the
wizard is finished, ``COMPLETED_KEY`` is set; for a signed-in person the result is
stored at once and ``SAVED_KEY`` holds its id. An anonymous person's finished
assessment is stored by :func:`claim_pending` when they sign up or sign in.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import psoas
from psoas_web import services

if TYPE_CHECKING:
    from django.contrib.auth.base_user import AbstractBaseUser
    from django.contrib.auth.models import AnonymousUser, User
    from django.http import HttpRequest

    from psoas_web.records.models import Assessment

ANSWERS_KEY = "psoas_pending_answers"
COMPLETED_KEY = "psoas_pending_completed"
SAVED_KEY = "psoas_pending_saved_id"
REACHED_KEY = "psoas_pending_reached"  # index of the furthest step reached

_KEYS = (ANSWERS_KEY, COMPLETED_KEY, SAVED_KEY, REACHED_KEY)


def answers(request: HttpRequest) -> dict[str, Any] | None:
    """Return the answers document in progress, or None if there is none."""
    document = request.session.get(ANSWERS_KEY)
    return document if isinstance(document, dict) else None


def answers_or_new(request: HttpRequest) -> dict[str, Any]:
    """Return the answers document in progress, or a new empty one."""
    return answers(request) or {"version": 1}


def put_answers(request: HttpRequest, document: dict[str, Any]) -> None:
    """Keep ``document`` as the answers in progress; it is no longer finished."""
    request.session[ANSWERS_KEY] = document
    request.session[COMPLETED_KEY] = False
    request.session.pop(SAVED_KEY, None)


def reached(request: HttpRequest) -> int:
    """Return the index of the furthest step reached (0 before anything)."""
    value = request.session.get(REACHED_KEY, 0)
    return value if isinstance(value, int) else 0


def reach(request: HttpRequest, index: int) -> None:
    """Record that the step at ``index`` may be opened."""
    request.session[REACHED_KEY] = max(reached(request), index)


def is_completed(request: HttpRequest) -> bool:
    return bool(request.session.get(COMPLETED_KEY)) and answers(request) is not None


def saved_id(request: HttpRequest) -> str | None:
    value = request.session.get(SAVED_KEY)
    return value if isinstance(value, str) else None


def clear(request: HttpRequest) -> None:
    """Forget the assessment in progress."""
    for key in _KEYS:
        request.session.pop(key, None)


def store(user: User, document: dict[str, Any]) -> Assessment:
    """Assess ``document`` and store answers and result for ``user``."""
    result = psoas.assess(document)
    return services.save_result(user, document, result)


def finish(request: HttpRequest) -> Assessment | None:
    """Mark the assessment in progress as finished; store it for a signed-in person.

    Returns the stored assessment, or None for an anonymous person (whose answers
    wait in the session for :func:`claim_pending`).
    """
    document = answers(request)
    if document is None:
        return None
    request.session[COMPLETED_KEY] = True
    user = request.user
    if not user.is_authenticated:
        return None
    already = saved_id(request)
    if already is not None:
        from psoas_web.records.models import Assessment

        try:
            return services.get_assessment(user, already)
        except Assessment.DoesNotExist:
            pass  # deleted meanwhile: store it again below
    stored = store(user, document)
    request.session[SAVED_KEY] = str(stored.id)
    return stored


def claim_pending(
    request: HttpRequest, user: User | AbstractBaseUser | AnonymousUser
) -> Assessment | None:
    """Store the session's finished assessment for ``user`` and forget it.

    Called by the accounts area right after sign-up or sign-in. Returns the stored
    assessment, or None when the session holds no finished assessment (an
    unfinished one stays, so the person can carry on). An assessment already stored
    from this session is not stored twice.
    """
    from django.contrib.auth.models import User

    if not isinstance(user, User) or not is_completed(request):
        return None
    document = answers(request)
    assert document is not None  # noqa: S101 - is_completed checked it
    stored: Assessment | None = None
    already = saved_id(request)
    if already is not None:
        from psoas_web.records.models import Assessment

        try:
            stored = services.get_assessment(user, already)
        except Assessment.DoesNotExist:
            stored = None
    if stored is None:
        try:
            stored = store(user, document)
        except psoas.AnswersError:
            stored = None
    clear(request)
    return stored
