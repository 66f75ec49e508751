"""`psoas plan` and `psoas exercises` through the real entry point, as a user runs them."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from click.testing import CliRunner
from icalendar import Calendar

from psoas.knowledge import default_knowledge_base
from psoas.program import handout
from psoas.program.model import Program
from psoas_cli import plan as plan_module
from psoas_cli.main import cli

ROOT = Path(__file__).parents[2]
EXAMPLES = ROOT / "examples"
DESK = str(EXAMPLES / "desk_worker.json")
PSOAS = str(Path(sys.executable).parent / "psoas")


def run(
    *args: str, env: dict[str, str], cwd: Path | None = None, stdin: str | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [PSOAS, *args],
        input=stdin,
        capture_output=True,
        text=True,
        env={**os.environ, "COLUMNS": "100", **env},
        cwd=cwd,
        timeout=120,
        check=False,
    )


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    """A fresh data directory and person for one test, on SQLite."""
    return {"PSOAS_DATA_DIR": str(tmp_path / "data"), "PSOAS_USER": "tester"}


@pytest.fixture
def out(tmp_path: Path) -> Path:
    folder = tmp_path / "out"
    folder.mkdir()
    return folder


def test_plan_writes_the_handout_and_a_calendar_that_imports(
    env: dict[str, str], out: Path
) -> None:
    done = run(
        "plan", "--answers", DESK, "--html", "out.html", "--ics", "out.ics",
        env=env, cwd=out,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "Wrote out.html" in done.stdout
    assert "Wrote out.ics" in done.stdout
    calendar = Calendar.from_ical((out / "out.ics").read_bytes())
    assert len(list(calendar.walk("VEVENT"))) >= 6 * 2  # at least 6 weeks of 2 days
    page = (out / "out.html").read_text()
    assert page.startswith("<!DOCTYPE html>")
    assert "<svg" in page
    assert sorted(p.name for p in out.iterdir()) == ["out.html", "out.ics"]


def test_the_same_answers_give_the_same_calendar_on_every_run(
    env: dict[str, str], out: Path
) -> None:
    args = ("plan", "--answers", DESK, "--start", "2025-06-02", "--tz", "Europe/Paris")
    for name in ("a.ics", "b.ics"):  # separate processes: set order must not leak
        assert run(*args, "--ics", name, env=env, cwd=out).returncode == 0
    assert (out / "a.ics").read_bytes() == (out / "b.ics").read_bytes()


def test_plan_summary_shows_week_one_and_the_safety_line(env: dict[str, str]) -> None:
    done = run("plan", "--answers", DESK, env=env)
    assert done.returncode == 0, done.stderr
    assert "Your exercise program" in done.stdout
    assert "Week 1" in done.stdout
    assert "Safety" in done.stdout
    assert "bladder or bowel" in done.stdout
    assert max(len(line) for line in done.stdout.splitlines()) <= 100


def test_plan_json_is_the_program(env: dict[str, str]) -> None:
    done = run(
        "plan", "--answers", DESK, "--json", "--minutes", "5", "--days", "3",
        "--weeks", "6", "--start", "2025-06-02", env=env,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    program = Program.model_validate(json.loads(done.stdout))
    assert program.preferences.minutes_per_day == 5
    assert program.start.isoformat() == "2025-06-02"
    assert len(program.weeks) == 6
    assert all(len(week.session_days) == 3 for week in program.weeks)
    assert all(week.exercises for week in program.weeks)


def test_plan_reads_answers_from_standard_input(env: dict[str, str]) -> None:
    done = run(
        "plan", "--answers", "-", "--json", stdin=Path(DESK).read_text(), env=env
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["weeks"]


def test_emergency_answers_exit_3_with_the_triage_message_and_write_nothing(
    env: dict[str, str], out: Path
) -> None:
    done = run(
        "plan", "--answers", str(EXAMPLES / "emergency_cauda_equina.json"),
        "--html", "a.html", "--ics", "a.ics", "--pdf", "a.pdf", "--save",
        env=env, cwd=out,
    )  # fmt: skip
    assert done.returncode == 3
    assert done.stdout == ""
    assert "Get emergency help now" in done.stderr
    assert "Nothing was written or stored." in done.stderr
    assert list(out.iterdir()) == []
    assert not Path(env["PSOAS_DATA_DIR"], "psoas.sqlite3").exists()


def test_invalid_answers_exit_2_listing_every_problem(
    env: dict[str, str], out: Path
) -> None:
    bad = {"version": 1, "pain": {"nprs_now": 14}, "red_flags": {"headache": True}}
    done = run(
        "plan", "--answers", "-", "--html", "a.html",
        stdin=json.dumps(bad), env=env, cwd=out,
    )  # fmt: skip
    assert done.returncode == 2
    assert "pain.nprs_now: must be 0..10, got 14" in done.stderr
    assert "red_flags.headache: unknown red-flag id 'headache'" in done.stderr
    assert list(out.iterdir()) == []


@pytest.mark.parametrize(
    ("option", "expected"),
    [
        (("--html", "nowhere/a.html"), "does not exist"),
        (("--ics", "a.ics", "--tz", "Mars/Olympus"), "unknown time zone"),
        (("--ics", "a.ics", "--time", "25:00"), "--time"),
        (("--minutes", "15"), "--minutes"),
    ],
)
def test_an_invalid_option_exits_2_and_writes_nothing(
    env: dict[str, str], out: Path, option: tuple[str, ...], expected: str
) -> None:
    done = run("plan", "--answers", DESK, *option, env=env, cwd=out)
    assert done.returncode == 2
    assert expected in done.stderr
    assert list(out.iterdir()) == []


def test_plan_writes_a_pdf(env: dict[str, str], out: Path) -> None:
    done = run("plan", "--answers", DESK, "--pdf", "out.pdf", env=env, cwd=out)
    assert done.returncode == 0, done.stderr
    assert (out / "out.pdf").read_bytes().startswith(b"%PDF-")


def test_plan_save_stores_the_assessment_and_the_program(env: dict[str, str]) -> None:
    done = run("plan", "--answers", DESK, "--json", "--save", env=env)
    assert done.returncode == 0, done.stderr
    assert "Saved assessment" in done.stderr
    made = json.loads(done.stdout)
    history = run("history", "--json", env=env)
    assert [row["result"]["triage"]["level"] for row in json.loads(history.stdout)] == [
        "self_care"
    ]
    check = subprocess.run(
        [
            sys.executable,
            "-c",
            "import json; from psoas_web import services; services.setup(); "
            "p = services.active_program(services.local_person()); "
            "print(json.dumps({'program': p.program, 'assessment': "
            "str(p.assessment_id)}))",
        ],
        capture_output=True,
        text=True,
        env={**os.environ, **env},
        timeout=60,
        check=True,
    )
    stored = json.loads(check.stdout)
    assert stored["program"] == made
    assert stored["assessment"] == json.loads(history.stdout)[0]["id"]


def test_a_failing_pdf_writes_no_file_at_all(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def missing() -> None:
        raise OSError("cannot load library 'libpango-1.0-0'")

    monkeypatch.setattr(handout, "_import_weasyprint", missing)
    result = CliRunner().invoke(
        cli,
        [
            "plan", "--answers", DESK, "--html", str(tmp_path / "a.html"),
            "--ics", str(tmp_path / "a.ics"), "--pdf", str(tmp_path / "a.pdf"),
        ],
    )  # fmt: skip
    assert result.exit_code == 1
    assert "libpango-1.0-0" in result.output
    assert list(tmp_path.iterdir()) == []


def test_an_interrupted_write_keeps_the_old_file_and_leaves_no_temporary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "handout.html"
    target.write_text("old")

    def broken_replace(src: str, dst: str) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(OSError, match="disk full"):
        plan_module.write_atomic(target, b"new")
    assert target.read_text() == "old"
    assert list(tmp_path.iterdir()) == [target]


# -- psoas exercises ---------------------------------------------------------------


def test_exercises_lists_the_library(env: dict[str, str]) -> None:
    done = run("exercises", env={**env, "COLUMNS": "200"})
    assert done.returncode == 0, done.stderr
    for exercise in default_knowledge_base().exercises.values():
        assert exercise.id in done.stdout


def test_exercises_json_has_every_exercise_in_full(env: dict[str, str]) -> None:
    done = run("exercises", "--json", env=env)
    assert done.returncode == 0, done.stderr
    rows = json.loads(done.stdout)
    assert [row["id"] for row in rows] == list(default_knowledge_base().exercises)
    assert all(row["steps"] and row["dose"] for row in rows)


def test_exercises_show_one_in_full(env: dict[str, str]) -> None:
    exercise = default_knowledge_base().exercises["glute_bridge"]
    done = run("exercises", "show", "glute_bridge", env=env)
    assert done.returncode == 0, done.stderr
    assert exercise.name in done.stdout
    assert "Steps" in done.stdout
    assert "Sources" in done.stdout


@pytest.mark.parametrize("animated", [False, True])
def test_exercises_show_saves_the_illustration(
    env: dict[str, str], out: Path, *, animated: bool
) -> None:
    args = ["exercises", "show", "bird_dog", "--svg", "bird_dog.svg"]
    done = run(*args, *(["--animated"] if animated else []), env=env, cwd=out)
    assert done.returncode == 0, done.stderr
    root = ET.parse(out / "bird_dog.svg").getroot()  # noqa: S314 - our own file
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    assert len(list(root.iter())) > 5
    text = (out / "bird_dog.svg").read_text()
    assert ("<animate" in text) is animated


def test_exercises_show_unknown_id_exits_2_with_close_matches(
    env: dict[str, str],
) -> None:
    done = run("exercises", "show", "glute_brige", env=env)
    assert done.returncode == 2
    assert "no exercise 'glute_brige'" in done.stderr
    assert "glute_bridge" in done.stderr
