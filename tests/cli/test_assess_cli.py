"""The real `psoas` entry point, run as a user would run it, in a subprocess."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import uuid
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from contract import document

ROOT = Path(__file__).parents[2]
EXAMPLES = ROOT / "examples"
PSOAS = str(Path(sys.executable).parent / "psoas")
NAMES = sorted(p.stem for p in EXAMPLES.glob("*.json") if ".expected" not in p.name)
POSTGRES_URL = os.environ.get("PSOAS_TEST_POSTGRES_URL")


def run(
    *args: str, stdin: str | None = None, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [PSOAS, *args],
        input=stdin,
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        timeout=60,
        check=False,
    )


@pytest.fixture
def data_env(tmp_path: Path) -> dict[str, str]:
    """A fresh data directory and person for one test, on SQLite."""
    return {"PSOAS_DATA_DIR": str(tmp_path / "data"), "PSOAS_USER": "tester"}


def subset_mismatches(actual: Any, expected: Any, path: str = "") -> list[str]:
    if isinstance(expected, dict):
        return [
            m
            for key, value in expected.items()
            for m in subset_mismatches(actual.get(key), value, f"{path}.{key}")
        ]
    if isinstance(expected, list) and expected and isinstance(expected[0], dict):
        if len(actual) != len(expected):
            return [f"{path}: {len(actual)} entries, expected {len(expected)}"]
        return [
            m
            for a, e in zip(actual, expected, strict=True)
            for m in subset_mismatches(a, e, path)
        ]
    return [] if actual == expected else [f"{path}: {actual!r} != {expected!r}"]


@pytest.mark.parametrize("name", NAMES)
def test_every_example_gives_its_expected_result_through_the_cli(name: str) -> None:
    done = run("assess", "--answers", str(EXAMPLES / f"{name}.json"), "--json")
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    result = json.loads(done.stdout)
    expected = json.loads((EXAMPLES / f"{name}.expected.json").read_text())
    assert subset_mismatches(result, expected) == []
    assert set(result) >= {
        "version", "triage", "psoas_pattern", "exposures", "instruments",
        "program_allowed", "next_steps", "sources",
    }  # fmt: skip


def test_answers_from_standard_input() -> None:
    done = run("assess", "--answers", "-", "--json", stdin=json.dumps(document()))
    assert done.returncode == 0
    assert json.loads(done.stdout)["triage"]["level"] == "self_care"


def test_invalid_document_exits_2_with_every_problem_on_stderr(
    data_env: dict[str, str],
) -> None:
    bad = {"version": 1, "pain": {"nprs_now": 14}, "red_flags": {"headache": True}}
    done = run(
        "assess",
        "--answers",
        "-",
        "--json",
        "--save",
        stdin=json.dumps(bad),
        env=data_env,
    )
    assert done.returncode == 2
    assert done.stdout == ""
    assert "pain.nprs_now: must be 0..10, got 14" in done.stderr
    assert "red_flags.headache: unknown red-flag id 'headache'" in done.stderr
    assert "nothing was stored" in done.stderr
    assert not (Path(data_env["PSOAS_DATA_DIR"]) / "psoas.sqlite3").exists()


@pytest.mark.parametrize(
    ("stdin", "expected"),
    [
        ("{not json", "(document): not valid JSON"),
        ("[1, 2]", "(document): must be a JSON object, got a list"),
        ("", "(document): not valid JSON"),
    ],
)
def test_unreadable_input_exits_2(stdin: str, expected: str) -> None:
    done = run("assess", "--answers", "-", "--json", stdin=stdin)
    assert done.returncode == 2
    assert expected in done.stderr


def test_missing_file_exits_2_naming_it(tmp_path: Path) -> None:
    done = run("assess", "--answers", str(tmp_path / "nope.json"), "--json")
    assert done.returncode == 2
    assert "nope.json" in done.stderr


def test_plain_output_is_for_people() -> None:
    done = run("assess", "--answers", str(EXAMPLES / "desk_worker.json"))
    assert done.returncode == 0
    out = done.stdout
    assert "SELF-CARE" in out
    assert "iliopsoas pattern: high" in out
    assert "What to do next" in out
    assert "not a diagnosis" in out


def test_emergency_output_shows_no_exposure_table() -> None:
    done = run("assess", "--answers", str(EXAMPLES / "emergency_cauda_equina.json"))
    assert done.returncode == 0
    assert "EMERGENCY" in done.stdout
    assert "Your daily exposures" not in done.stdout


def save_and_list(env: dict[str, str]) -> None:
    for name in ("desk_worker", "emergency_cauda_equina"):
        done = run(
            "assess",
            "--answers",
            str(EXAMPLES / f"{name}.json"),
            "--json",
            "--save",
            env=env,
        )
        assert done.returncode == 0, done.stderr
        assert "Saved assessment" in done.stderr
        json.loads(done.stdout)  # stdout stays pure JSON
    listed = run("history", "--json", env=env)
    assert listed.returncode == 0, listed.stderr
    rows = json.loads(listed.stdout)
    assert [row["result"]["triage"]["level"] for row in rows] == [
        "emergency",
        "self_care",
    ]
    assert all(row["kb_version"] and row["engine_version"] for row in rows)
    table = run("history", env=env)
    assert table.returncode == 0
    assert "emergency" in table.stdout
    assert "self_care" in table.stdout


def test_save_then_history_on_sqlite(data_env: dict[str, str]) -> None:
    save_and_list(data_env)
    assert (Path(data_env["PSOAS_DATA_DIR"]) / "psoas.sqlite3").exists()


@pytest.mark.skipif(
    not POSTGRES_URL, reason="set PSOAS_TEST_POSTGRES_URL to run on PostgreSQL"
)
def test_save_then_history_on_postgresql(tmp_path: Path) -> None:
    assert POSTGRES_URL
    env = {
        "DATABASE_URL": POSTGRES_URL,
        "PSOAS_DATA_DIR": str(tmp_path),
        "PSOAS_USER": f"cli-{uuid.uuid4().hex[:12]}",
    }
    save_and_list(env)
    assert not (tmp_path / "psoas.sqlite3").exists()


def test_history_of_someone_else_is_not_shown(data_env: dict[str, str]) -> None:
    run("assess", "--answers", str(EXAMPLES / "runner.json"), "--save", env=data_env)
    other = run("history", "--json", env={**data_env, "PSOAS_USER": "someone_else"})
    assert json.loads(other.stdout) == []


def test_version() -> None:
    done = run("--version")
    assert done.returncode == 0
    assert done.stdout.startswith("psoas, version ")


def test_learn_lists_topics_and_shows_one_with_sources() -> None:
    listing = run("learn")
    assert listing.returncode == 0
    for topic in ("iliopsoas", "causes", "symptoms", "evidence"):
        assert topic in listing.stdout
    page = run("learn", "iliopsoas")
    assert page.returncode == 0
    assert "Psoas major" in page.stdout or "psoas major" in page.stdout.lower()
    assert "Sources" in page.stdout
    assert "[1]" in page.stdout


def test_learn_unknown_topic_exits_2_listing_the_topics() -> None:
    done = run("learn", "kidneys")
    assert done.returncode == 2
    assert "no topic 'kidneys'" in done.stderr
    assert "evidence" in done.stderr


def test_schema_answers_names_every_id() -> None:
    done = run("schema", "answers")
    assert done.returncode == 0
    schema = json.loads(done.stdout)
    assert schema["required"] == ["version"]
    text = done.stdout
    for flag in (
        "ces_saddle_numbness",
        "not_improving",
        "leg_below_knee",
        "ibs_symptoms",
    ):
        assert f'"{flag}"' in text


def test_kb_check_reports_a_broken_copy(tmp_path: Path) -> None:
    import shutil

    from psoas.knowledge.load import default_data_dir

    assert run("kb", "check").returncode == 0
    copy = tmp_path / "kb"
    shutil.copytree(default_data_dir(), copy)
    (copy / "exposures.yaml").write_text("exposures: 3\n")
    done = run("kb", "check", str(copy))
    assert done.returncode == 1
    assert (
        "exposures.yaml: expected a mapping with a list under 'exposures'"
        in done.stderr
    )


invalid_values = st.one_of(
    st.integers(min_value=11, max_value=10**6),
    st.integers(max_value=-1, min_value=-(10**6)),
    st.text(max_size=4),
    st.lists(st.booleans(), max_size=2),
)


@settings(max_examples=12, deadline=None)
@given(
    field=st.sampled_from(
        ["pain.nprs_now", "pain.nprs_worst_week", "instruments.psfs[0].score"]
    ),
    value=invalid_values,
)
def test_random_invalid_documents_exit_2_naming_the_path(
    field: str, value: object
) -> None:
    doc: dict[str, object] = {"version": 1}
    if field.startswith("pain."):
        doc["pain"] = {field.split(".")[1]: value}
    else:
        doc["instruments"] = {"psfs": [{"activity": "stairs", "score": value}]}
    done = run("assess", "--answers", "-", "--json", stdin=json.dumps(doc))
    assert done.returncode == 2
    assert done.stdout == ""
    assert f"  {field}: " in done.stderr


def test_the_json_path_loads_neither_django_nor_the_big_commands() -> None:
    # keeps `psoas assess --answers F --json` fast for programs that call it
    code = (
        "import sys\n"
        "from psoas_cli.main import cli\n"
        f"cli(['assess', '--answers', {str(EXAMPLES / 'desk_worker.json')!r}, '--json'],"
        " standalone_mode=False)\n"
        "heavy = sorted({m.split('.')[0] for m in sys.modules} & "
        "{'django', 'rich', 'jinja2', 'weasyprint', 'psoas_web'})\n"
        "print('HEAVY', heavy)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert "HEAVY []" in done.stdout
