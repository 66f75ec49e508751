"""setup() and settings, seen from a fresh process as the CLI would run them."""

from __future__ import annotations

import sqlite3
import stat
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.db import connections
from django.test.utils import CaptureQueriesContext

from psoas_web import services
from psoas_web.records.models import Assessment
from psoas_web.settings import envbool

SETUP_AND_DESCRIBE = """
from psoas_web import services
services.setup()
from django.db import connection
with connection.cursor() as cursor:
    cursor.execute("PRAGMA journal_mode")
    print(cursor.fetchone()[0])
print(services.database_description())
"""
SHOW_KEY = """
from psoas_web import services
services.setup(migrate=False)
from django.conf import settings
print(settings.SECRET_KEY)
"""


def test_first_use_creates_data_dir_and_wal_database(run_python, fresh_data_dir):
    out = run_python(SETUP_AND_DESCRIBE, PSOAS_DATA_DIR=str(fresh_data_dir))

    database = fresh_data_dir / "psoas.sqlite3"
    assert out.splitlines() == ["wal", f"SQLite at {database}"]
    assert stat.S_IMODE(fresh_data_dir.stat().st_mode) == 0o700
    with sqlite3.connect(database) as db:
        assert db.execute("PRAGMA journal_mode").fetchone() == ("wal",)
        applied = db.execute(
            "SELECT name FROM django_migrations WHERE app = 'records'"
        ).fetchall()
    migrations = Path(services.__file__).parent / "records" / "migrations"
    expected = sorted(p.stem for p in migrations.glob("0*.py"))
    assert sorted(name for (name,) in applied) == expected


def test_secret_key_is_generated_once_and_kept_private(run_python, fresh_data_dir):
    first = run_python(SHOW_KEY, PSOAS_DATA_DIR=str(fresh_data_dir))
    second = run_python(SHOW_KEY, PSOAS_DATA_DIR=str(fresh_data_dir))

    key_file = fresh_data_dir / "secret_key"
    assert first == second == key_file.read_text() + "\n"
    assert len(first.strip()) >= 50
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600


def test_secret_key_from_environment_creates_no_files(run_python, fresh_data_dir):
    out = run_python(
        SHOW_KEY,
        PSOAS_DATA_DIR=str(fresh_data_dir),
        PSOAS_SECRET_KEY="from-env",  # noqa: S106 (a test value)
        DATABASE_URL="postgres://u:p@db.invalid/psoas",
    )

    assert out == "from-env\n"
    assert not fresh_data_dir.exists()


@pytest.mark.django_db
def test_setup_twice_is_harmless_and_then_only_reads():
    services.setup()
    services.setup()

    with CaptureQueriesContext(connections["default"]) as queries:
        services.setup()

    assert queries.captured_queries
    assert all(q["sql"].lstrip().upper().startswith("SELECT") for q in queries)


def test_database_url_password_is_not_described(run_python, fresh_data_dir):
    out = run_python(
        "from psoas_web import services\n"
        "services.setup(migrate=False)\n"
        "print(services.database_description())",
        PSOAS_DATA_DIR=str(fresh_data_dir),
        DATABASE_URL="postgres://ann:s3cret@db.example:6543/records",
    )

    assert out == "PostgreSQL ann@db.example:6543/records\n"


def test_database_url_selects_postgresql(postgres_url, run_python, fresh_data_dir):
    # Point DATABASE_URL at the test database pytest-django made on the server.
    test_db = connections["postgres"].settings_dict["NAME"]
    url = urlunsplit(urlsplit(postgres_url)._replace(path=f"/{test_db}"))

    out = run_python(
        "from psoas_web import services\n"
        "services.setup()\n"
        "person = services.local_person()\n"
        "result = {'triage': {'level': 'urgent'}}\n"
        "services.save_assessment(person, {'version': 1}, result,"
        " engine_version='e', kb_version='k')\n"
        "print(services.database_description())",
        PSOAS_DATA_DIR=str(fresh_data_dir),
        DATABASE_URL=url,
        PSOAS_USER="cli-user",
    )

    assert out.startswith("PostgreSQL ")
    assert out.strip().endswith(f"/{test_db}")
    stored = Assessment.objects.using("postgres").get()
    assert (stored.person.username, stored.level) == ("cli-user", "urgent")
    assert not (fresh_data_dir / "psoas.sqlite3").exists()


@pytest.mark.parametrize(
    ("value", "expected"), [("True", True), ("False", False), ("", False)]
)
def test_envbool_reads_true_false_and_empty(monkeypatch, value, expected):
    monkeypatch.setenv("PSOAS_FLAG", value)

    assert envbool("PSOAS_FLAG", "True") is expected


def test_envbool_uses_default_when_unset(monkeypatch):
    monkeypatch.delenv("PSOAS_FLAG", raising=False)

    assert envbool("PSOAS_FLAG", "True") is True


@pytest.mark.parametrize("value", ["true", "1", "yes", "False "])
def test_envbool_refuses_anything_else(monkeypatch, value):
    monkeypatch.setenv("PSOAS_FLAG", value)

    with pytest.raises(ImproperlyConfigured, match=r"^Unexpected value PSOAS_FLAG="):
        envbool("PSOAS_FLAG", "False")
