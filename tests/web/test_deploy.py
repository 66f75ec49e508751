"""Production settings pass Django's deployment checklist."""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).parents[2]


def check_deploy(tmp_path: Path, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env={**os.environ, "PSOAS_DATA_DIR": str(tmp_path), **env},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_production_settings_pass_check_deploy(tmp_path: Path) -> None:
    done = check_deploy(
        tmp_path,
        PSOAS_PRODUCTION="True",
        PSOAS_SECRET_KEY=secrets.token_urlsafe(60),
        PSOAS_ALLOWED_HOSTS="psoas.example.org",
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "no issues" in done.stdout


def test_development_settings_are_flagged_by_check_deploy(tmp_path: Path) -> None:
    done = check_deploy(tmp_path)
    assert done.returncode != 0
    assert "SECURE_HSTS_SECONDS" in done.stdout + done.stderr


def test_a_wrong_boolean_names_the_variable(tmp_path: Path) -> None:
    done = check_deploy(tmp_path, PSOAS_PRODUCTION="yes")
    assert done.returncode != 0
    assert "PSOAS_PRODUCTION=yes" in done.stderr
