"""The cast of every web test: an owner, another person, and the anonymous visitor."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:  # Django is set up in tests/conftest.py, after this file is imported
    from collections.abc import Callable

    from django.contrib.auth.models import User
    from django.test import Client

    from psoas_web.records.models import StoredProgram

    #: log_first_sessions(person, stored, count): see the fixture
    LogSessions = Callable[[User, StoredProgram, int], None]

PASSWORD = "correct horse battery staple 42"  # noqa: S105 (test accounts only)


@pytest.fixture
def owner(db: Any) -> User:
    from django.contrib.auth.models import User

    return User.objects.create_user("alice", "alice@example.org", PASSWORD)


@pytest.fixture
def other(db: Any) -> User:
    from django.contrib.auth.models import User

    return User.objects.create_user("bob", "bob@example.org", PASSWORD)


@pytest.fixture
def owner_client(owner: User) -> Client:
    from django.test import Client

    client = Client()
    client.force_login(owner)
    return client


@pytest.fixture
def other_client(other: User) -> Client:
    from django.test import Client

    client = Client()
    client.force_login(other)
    return client


@pytest.fixture
def anon_client(db: Any) -> Client:
    from django.test import Client

    return Client()


@pytest.fixture
def log_first_sessions() -> LogSessions:
    """Return `log(person, stored, count)`: log the first `count` session days of week 1.

    Each session has week 1's first exercise done, and pain 4 before, 3 during, 2 after.
    """

    def log(person: User, stored: StoredProgram, count: int) -> None:
        import datetime

        from django.utils import timezone

        from psoas_web import services

        first = stored.program["weeks"][0]
        now = timezone.now()
        for day in first["session_days"][:count]:
            services.save_session(
                person,
                stored,
                day=datetime.date.fromisoformat(day),
                week=1,
                completed=[first["exercises"][0]["exercise_id"]],
                skipped=[],
                pain_before=4,
                pain_during=3,
                pain_after=2,
                new_red_flag=False,
                stopped="",
                started_at=now,
                finished_at=now,
            )

    return log


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings: Any) -> None:
    """Hash test passwords with a cheap Argon2 (production keeps Django's defaults)."""
    settings.PASSWORD_HASHERS = ["fast_hasher.FastArgon2PasswordHasher"]
