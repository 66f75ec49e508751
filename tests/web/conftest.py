"""The cast of every web test: an owner, another person, and the anonymous visitor."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:  # Django is set up in tests/conftest.py, after this file is imported
    from django.contrib.auth.models import User
    from django.test import Client

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


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings: Any) -> None:
    """Hash test passwords with a cheap Argon2 (production keeps Django's defaults)."""
    settings.PASSWORD_HASHERS = ["fast_hasher.FastArgon2PasswordHasher"]
