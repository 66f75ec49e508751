"""Run each database test on SQLite and, given a server, on PostgreSQL.

Tests take the `alias` fixture and pass it as `using=`. The PostgreSQL case
needs PSOAS_TEST_POSTGRES_URL (.ci/run sets it up); without it the case is
skipped, except under CI=true, where a missing server is a failure.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

POSTGRES_URL = os.getenv("PSOAS_TEST_POSTGRES_URL", "")
NO_POSTGRES = "PSOAS_TEST_POSTGRES_URL is not set (see .ci/run), so no PostgreSQL"


def _postgres_marks(*, transaction: bool) -> list[pytest.MarkDecorator]:
    if POSTGRES_URL:
        return [
            pytest.mark.postgres,
            pytest.mark.django_db(databases=["postgres"], transaction=transaction),
        ]
    if os.getenv("CI") == "true":
        return [pytest.mark.postgres]  # _alias() fails the test
    return [pytest.mark.postgres, pytest.mark.skip(reason=NO_POSTGRES)]


def _aliases(*, transaction: bool) -> list[Any]:
    sqlite = pytest.mark.django_db(databases=["default"], transaction=transaction)
    return [
        pytest.param("default", id="sqlite", marks=sqlite),
        pytest.param(
            "postgres", id="postgres", marks=_postgres_marks(transaction=transaction)
        ),
    ]


def _alias(request: pytest.FixtureRequest) -> str:
    if request.param == "postgres" and not POSTGRES_URL:
        pytest.fail(f"{NO_POSTGRES}, and CI must test PostgreSQL")
    return str(request.param)


@pytest.fixture(params=_aliases(transaction=False))
def alias(request: pytest.FixtureRequest) -> str:
    """A database alias; each test runs in a transaction rolled back afterwards."""
    return _alias(request)


@pytest.fixture(params=_aliases(transaction=True))
def committing_alias(request: pytest.FixtureRequest) -> str:
    """A database alias whose transactions really commit (tables flushed after)."""
    return _alias(request)


@pytest.fixture(
    params=[pytest.param("postgres", marks=_postgres_marks(transaction=True))]
)
def postgres_url(request: pytest.FixtureRequest) -> str:
    """PSOAS_TEST_POSTGRES_URL, with its test database set up for committing."""
    _alias(request)
    return POSTGRES_URL


def _run_python(code: str, **env: str) -> str:
    base = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith("PSOAS_")
        and k not in {"DATABASE_URL", "DJANGO_SETTINGS_MODULE"}
    }
    done = subprocess.run(
        [sys.executable, "-c", code],
        env=base | env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


@pytest.fixture
def run_python() -> Callable[..., str]:
    """Run code in a fresh interpreter, as the CLI would: `run_python(code, **env)`.

    The environment is this one without psoas's own variables, plus `env`. Returns
    stdout; fails the test, showing stderr, if the code fails.
    """
    return _run_python


@pytest.fixture
def fresh_data_dir(tmp_path: Path) -> Path:
    """A data directory that does not exist yet."""
    return tmp_path / "not" / "yet" / "there"
