"""How API callers prove who they are: a personal token, or the browser session.

Both give `request.auth` the signed-in `User`. A token that is presented but wrong
or revoked answers 401 at once (it never falls back to anonymous use). The session
is accepted only with a valid CSRF token on writes, as Django's forms require.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest
from ninja.errors import AuthenticationError, HttpError
from ninja.security import APIKeyCookie, HttpBearer
from ninja.utils import check_csrf

from psoas_web.api import services


class TokenAuth(HttpBearer):
    """`Authorization: Bearer psoas_...`: a personal API token."""

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        person = services.person_for_token(token.strip())
        if person is None:
            raise AuthenticationError
        return person


class SessionAuth(APIKeyCookie):
    """The signed-in browser session; writes need the CSRF token (X-CSRFToken)."""

    param_name = settings.SESSION_COOKIE_NAME

    def __init__(self) -> None:
        super().__init__(csrf=True)

    def _get_key(self, request: HttpRequest) -> str | None:
        # Unlike ninja's django_auth, check CSRF only for a signed-in session, so
        # that anonymous callers can still post an assessment without a cookie.
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return None
        if check_csrf(request) is not None:
            raise HttpError(403, "CSRF check failed: send the X-CSRFToken header")
        return request.COOKIES.get(self.param_name)

    def authenticate(self, request: HttpRequest, key: str | None) -> Any:
        user = getattr(request, "user", None)
        if key is None or user is None or not user.is_authenticated:
            return None
        return user


def anonymous(request: HttpRequest) -> AnonymousUser:
    """The last resort of endpoints that also serve anonymous callers."""
    return AnonymousUser()


token_auth = TokenAuth()
session_auth = SessionAuth()
#: a signed-in person, by token or session
SIGNED_IN = [token_auth, session_auth]
#: as SIGNED_IN, else anonymous
ANYONE = [token_auth, session_auth, anonymous]
