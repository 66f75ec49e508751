"""Keep the tests away from real data: a throwaway data dir and SQLite database.

This runs before Django reads its settings, which is why DJANGO_SETTINGS_MODULE
is set here and not in pyproject.toml: pytest-django would load the settings
from there before any conftest runs. tests/core must also run without Django
installed, so nothing here imports it unless it is there.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import tempfile

import pytest


def pytest_configure(config: pytest.Config) -> None:
    os.environ["PSOAS_DATA_DIR"] = tempfile.mkdtemp(prefix="psoas-test-")
    # "default" is SQLite in tests; PostgreSQL is the "postgres" alias
    # (PSOAS_TEST_POSTGRES_URL), so one run covers both for tests/db. The web tests
    # run a second time with PSOAS_TEST_DEFAULT_DATABASE=postgres (see the Makefile):
    # then "default" itself is the PostgreSQL server and there is no second alias.
    os.environ.pop("DATABASE_URL", None)
    if os.environ.get("PSOAS_TEST_DEFAULT_DATABASE") == "postgres":
        os.environ["DATABASE_URL"] = os.environ.pop("PSOAS_TEST_POSTGRES_URL")
    if importlib.util.find_spec("django") is not None:
        os.environ["DJANGO_SETTINGS_MODULE"] = "psoas_web.settings"
        import django

        django.setup()


def pytest_unconfigure(config: pytest.Config) -> None:
    shutil.rmtree(os.environ["PSOAS_DATA_DIR"], ignore_errors=True)
