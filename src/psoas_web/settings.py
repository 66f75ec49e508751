"""Django settings for psoas, read from the environment.

One file, no local overrides. Every variable has a default that works on a
single machine: SQLite in the platform's user data directory.

    PSOAS_DATA_DIR    where psoas keeps its files (default: platformdirs' user
                      data dir); created on first use
    DATABASE_URL      e.g. postgres://user:password@host:5432/name; unset means
                      SQLite at <data dir>/psoas.sqlite3
    PSOAS_SECRET_KEY  Django's SECRET_KEY; unset means a random key generated
                      once and kept in <data dir>/secret_key
    PSOAS_DEBUG       "True" or "False" (default)
    PSOAS_TEST_POSTGRES_URL  tests only: a PostgreSQL server for the "postgres"
                      alias, so the database tests run on it as well as SQLite
"""

from __future__ import annotations

import os
import secrets
import tempfile
from pathlib import Path
from typing import Any

import dj_database_url
import platformdirs
from django.core.exceptions import ImproperlyConfigured


def envbool(name: str, default: str) -> bool:
    """Return the environment variable `name` as a bool; only True/False/"" allowed."""
    value = os.getenv(name, default)
    if value not in ("", "True", "False"):
        msg = f"Unexpected value {name}={value}, use 'True' or 'False'"
        raise ImproperlyConfigured(msg)
    return value == "True"


def data_dir() -> Path:
    """Return the data directory, creating it (private to this user) if needed."""
    path = Path(os.getenv("PSOAS_DATA_DIR") or platformdirs.user_data_dir("psoas"))
    path.mkdir(mode=0o700, parents=True, exist_ok=True)
    return path


def _stored_secret_key(directory: Path) -> str:
    path = directory / "secret_key"
    if not path.exists():
        # Write to a private temporary file, then link it into place: a reader
        # never sees a half-written key, and if two processes start at once the
        # first link wins and both use its key.
        fd, tmp = tempfile.mkstemp(dir=directory, prefix=".secret_key.")
        try:
            with os.fdopen(fd, "w") as f:
                f.write(secrets.token_urlsafe(50))
            os.link(tmp, path)
        except FileExistsError:
            pass
        finally:
            os.unlink(tmp)
    return path.read_text().strip()


def _database(url: str) -> dict[str, Any]:
    config: dict[str, Any] = (
        dict(dj_database_url.parse(url))
        if url
        else {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": data_dir() / "psoas.sqlite3",
        }
    )
    if config["ENGINE"] == "django.db.backends.sqlite3":
        # WAL lets the CLI and the web app read while the other writes; IMMEDIATE
        # takes the write lock up front, so a busy database waits (timeout, in
        # seconds) instead of failing halfway through a transaction.
        config.setdefault("OPTIONS", {}).update(
            init_command="PRAGMA journal_mode=WAL;",
            timeout=20,
            transaction_mode="IMMEDIATE",
        )
    return config


DEBUG = envbool("PSOAS_DEBUG", "False")
SECRET_KEY = os.getenv("PSOAS_SECRET_KEY") or _stored_secret_key(data_dir())

DATABASES = {"default": _database(os.getenv("DATABASE_URL", ""))}
# Tests only: with PSOAS_TEST_POSTGRES_URL set, the database tests also run on a
# second alias, "postgres" (pytest-django creates and drops test_<name> on it).
# It does not depend on "default", so `pytest -m postgres` can set it up alone.
if os.getenv("PSOAS_TEST_POSTGRES_URL"):
    DATABASES["postgres"] = _database(os.environ["PSOAS_TEST_POSTGRES_URL"])
    DATABASES["postgres"]["TEST"] = {"DEPENDENCIES": []}

INSTALLED_APPS = [
    "django.contrib.contenttypes",
    "django.contrib.auth",
    "psoas_web.records",
]

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
USE_TZ = True
TIME_ZONE = "UTC"
