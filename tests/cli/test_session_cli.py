"""`psoas session`: the timers in-process with a fake clock, the command end to end."""

from __future__ import annotations

import datetime
import io
import json
import os
import re
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from contextlib import nullcontext
from pathlib import Path
from typing import Any

import pytest
from rich.console import Console

from psoas.knowledge import default_knowledge_base
from psoas.knowledge.model import Dose
from psoas.program.model import Prescription, Program, ProgramWeek
from psoas_cli.session import (
    SWITCH_S,
    Clock,
    Guide,
    Record,
    Step,
    Stop,
    plan_blocks,
    run_timed,
)

ROOT = Path(__file__).parents[2]
PSOAS = str(Path(sys.executable).parent / "psoas")
START = "2025-03-03"  # a Monday: the program's first day
NO_PROGRAM = "psoas plan --answers FILE --save"
T0 = datetime.datetime(2025, 3, 3, 7, 30, tzinfo=datetime.UTC)

ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")


class FakeClock:
    """Time that moves only when the code under test sleeps."""

    def __init__(self) -> None:
        self.now = 1000.0
        self.slept = 0.0

    def sleep(self, seconds: float) -> None:
        assert seconds > 0
        self.now += seconds
        self.slept += seconds

    def clock(self) -> Clock:
        return Clock(now=lambda: self.now, sleep=self.sleep, tick=0.5)


class ScriptedKeys:
    """Presses each key once the fake clock reaches its time."""

    def __init__(self, fake: FakeClock, presses: list[tuple[float, str]]) -> None:
        self._fake = fake
        self._start = fake.now
        self._presses = list(presses)

    def poll(self) -> str | None:
        if self._presses and self._fake.now - self._start >= self._presses[0][0]:
            return self._presses.pop(0)[1]
        return None


def _screen() -> tuple[Console, io.StringIO]:
    out = io.StringIO()
    return Console(file=out, force_terminal=True, width=100), out


def _run(step: Step, presses: list[tuple[float, str]] = ()) -> tuple[str, float, str]:
    fake = FakeClock()
    console, out = _screen()
    event = run_timed(
        step,
        clock=fake.clock(),
        keys=ScriptedKeys(fake, list(presses)),
        console=console,
    )
    return event, fake.slept, ANSI.sub("", out.getvalue())


def test_a_hold_counts_down_its_seconds_on_the_clock():
    event, slept, screen = _run(Step("hold", 30, "Hold 1 of 2"))

    assert event == "done"
    assert slept == pytest.approx(30)
    shown = [int(n) for n in re.findall(r"(\d+) s left", screen)]
    assert shown[0] == 30
    assert set(range(1, 31)) <= set(shown)
    assert shown == sorted(shown, reverse=True)  # counts down, never up


def test_pausing_stops_the_countdown_until_resumed():
    event, slept, screen = _run(Step("hold", 30, "Hold"), [(5, "p"), (15, "p")])

    assert event == "done"
    assert slept == pytest.approx(40)  # 10 s paused
    assert "paused · press p to go on" in screen


@pytest.mark.parametrize(
    ("key", "event"), [("s", "skip"), ("q", "quit"), ("!", "red_flag"), ("Q", "quit")]
)
def test_a_key_ends_the_timer_at_once(key, event):
    got, slept, _ = _run(Step("hold", 60, "Hold"), [(3, key)])

    assert got == event
    assert slept == pytest.approx(3)


def test_other_keys_are_ignored():
    event, slept, _ = _run(Step("rest", 10, "Rest"), [(2, "x"), (3, "\n")])

    assert (event, slept) == ("done", pytest.approx(10))


def test_the_rep_counter_is_paced_by_the_seconds_per_rep():
    event, slept, screen = _run(Step("reps", 10 * 3, "Set 1 of 2", reps=10, rep_s=3))

    assert event == "done"
    assert slept == pytest.approx(30)
    shown = [int(n) for n in re.findall(r"rep (\d+) of 10", screen)]
    assert sorted(set(shown)) == list(range(1, 11))
    assert shown == sorted(shown)  # counts up, never back


@pytest.mark.parametrize(
    ("elapsed", "status"),
    [(0, "rep 1 of 8"), (2.49, "rep 1 of 8"), (2.5, "rep 2 of 8"), (20, "rep 8 of 8")],
)
def test_rep_status_at_a_moment(elapsed, status):
    assert Step("reps", 20, "Set", reps=8, rep_s=2.5).status(elapsed) == status


def test_per_side_sets_alternate_sides_and_rest_between_sets():
    blocks = plan_blocks(Dose(sets=2, hold_s=30, per_side=True, rest_s=20))

    assert [(b.title, b.rest_after) for b in blocks] == [
        ("Hold 1 of 2, left side", 5),
        ("Hold 1 of 2, right side", 20),
        ("Hold 2 of 2, left side", 5),
        ("Hold 2 of 2, right side", 0),
    ]
    assert [s.kind for s in blocks[0].steps()] == ["hold", "switch"]
    assert [s.kind for s in blocks[-1].steps()] == ["hold"]


@pytest.mark.parametrize(
    "dose",
    [
        Dose(sets=3, reps=10, rest_s=45, rep_s=3),
        Dose(sets=2, hold_s=30, per_side=True, rest_s=15),
        Dose(sets=2, reps=6, hold_s=8, per_side=True, rest_s=30, rep_s=2),
        Dose(sets=1, reps=1, hold_s=300, rest_s=0),
    ],
)
def test_the_timers_take_the_time_the_program_planned(dose):
    steps = [step for block in plan_blocks(dose) for step in block.steps()]
    planned = sum(step.seconds for step in steps if step.kind != "switch")
    switches = [step for step in steps if step.kind == "switch"]

    # the program fits doses into the minutes asked with Dose.seconds(); the only
    # extra is a few seconds to change sides
    assert planned == pytest.approx(dose.seconds())
    assert len(switches) == (dose.sets if dose.per_side else 0)


class ScriptedPrompter:
    """Answers questions from a script; keeps what was shown."""

    def __init__(self, *answers: object) -> None:
        self.answers = list(answers)
        self.shown: list[str] = []

    def choose(self, question: str, options: Any, *, default: Any = None) -> Any:
        self.shown.append(question)
        answer = self.answers.pop(0)
        return default if answer is None else answer

    def number(self, question: str, **_: Any) -> Any:
        self.shown.append(question)
        return self.answers.pop(0)

    def say(self, text: str, *, style: str = "") -> None:
        self.shown.append(text)


def _timed_guide(
    prompter: ScriptedPrompter, presses: list[tuple[float, str]]
) -> tuple[Guide, FakeClock, io.StringIO]:
    fake = FakeClock()
    console, out = _screen()
    keys = ScriptedKeys(fake, presses)  # one keyboard for the whole session
    guide = Guide(
        default_knowledge_base(),
        prompter,  # type: ignore[arg-type]
        timed=True,
        clock=fake.clock(),
        console=console,
        keys=lambda: nullcontext(keys),
    )
    return guide, fake, out


def _week(*doses: Dose) -> ProgramWeek:
    ids = ["glute_bridge", "bird_dog", "supine_knee_hug_stretch"]
    return ProgramWeek(
        week=1,
        phase="settle",
        start=datetime.date(2025, 3, 3),
        session_days=[datetime.date(2025, 3, 3)],
        exercises=[
            Prescription(
                exercise_id=ids[n], name=ids[n], dose=dose, minutes=1, reason="test"
            )
            for n, dose in enumerate(doses)
        ],
    )


def test_with_timers_each_exercise_runs_its_sets_and_rests_on_the_clock():
    bridge = Dose(sets=2, reps=10, rest_s=30, rep_s=3)
    hold = Dose(sets=2, hold_s=20, per_side=True, rest_s=15)
    prompter = ScriptedPrompter(None, 2, None, 3)  # start, pain 2, start, pain 3
    guide, fake, out = _timed_guide(prompter, [])
    record = Record(datetime.date(2025, 3, 3), 1, T0)

    guide.exercises(_week(bridge, hold), record)

    assert record.completed == ["glute_bridge", "bird_dog"]
    assert record.pain_during == 3
    switches = 2 * SWITCH_S
    assert fake.slept == pytest.approx(bridge.seconds() + hold.seconds() + switches)
    screen = ANSI.sub("", out.getvalue())
    assert "✓ Set 2 of 2" in screen
    assert "✓ Hold 2 of 2, right side" in screen


def test_with_timers_s_skips_with_a_reason_and_the_next_exercise_starts():
    prompter = ScriptedPrompter(None, "no_equipment", 4, None, 1)
    guide, fake, _ = _timed_guide(prompter, [(12, "s")])
    record = Record(datetime.date(2025, 3, 3), 1, T0)
    dose = Dose(sets=1, hold_s=30)

    guide.exercises(_week(dose, dose), record)

    assert record.skipped == [{"exercise_id": "glute_bridge", "reason": "no_equipment"}]
    assert record.completed == ["bird_dog"]
    assert fake.slept == pytest.approx(12 + 30)


@pytest.mark.parametrize(("key", "why"), [("q", "quit"), ("!", "red_flag")])
def test_with_timers_q_and_bang_stop_the_session(key, why):
    guide, _, _ = _timed_guide(ScriptedPrompter(None), [(1, key)])
    record = Record(datetime.date(2025, 3, 3), 1, T0)

    with pytest.raises(Stop) as stop:
        guide.exercises(_week(Dose(sets=1, hold_s=30)), record)

    assert stop.value.why == why
    assert record.completed == []


# --- the command, through the real entry point ----------------------------------------


def run(data: Path, *args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PSOAS_")}
    env |= {"PSOAS_DATA_DIR": str(data), "PSOAS_USER": "tester"}
    env.pop("DATABASE_URL", None)
    return subprocess.run(
        [PSOAS, *args],
        input=stdin,
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )


@pytest.fixture(scope="module")
def saved_program(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A data directory with the desk worker's program saved, made once."""
    data = tmp_path_factory.mktemp("template") / "data"
    done = run(
        data,
        "plan",
        "--answers",
        str(ROOT / "examples" / "desk_worker.json"),
        "--start",
        START,
        "--save",
    )
    assert done.returncode == 0, done.stderr
    return data


@pytest.fixture
def data(saved_program: Path, tmp_path: Path) -> Path:
    """A copy of the data directory with the saved program, for one test."""
    return Path(shutil.copytree(saved_program, tmp_path / "data"))


def _query(data: Path, sql: str) -> list[sqlite3.Row]:
    with sqlite3.connect(data / "psoas.sqlite3") as db:
        db.row_factory = sqlite3.Row
        return db.execute(sql).fetchall()


def program_of(data: Path) -> Program:
    [row] = _query(data, "SELECT program FROM records_storedprogram WHERE active")
    return Program.model_validate(json.loads(row["program"]))


def sessions(data: Path) -> list[dict[str, Any]]:
    rows = _query(
        data, "SELECT * FROM records_exercisesession ORDER BY day, started_at"
    )
    return [
        dict(row)
        | {
            "completed": json.loads(row["completed"]),
            "skipped": json.loads(row["skipped"]),
        }
        for row in rows
    ]


def session_day(program: Program, n: int = 0) -> tuple[str, ProgramWeek]:
    week = program.weeks[0]
    return week.session_days[n].isoformat(), week


def sets_of(dose: Dose) -> int:
    """How many times the session asks "Done?" for one exercise."""
    return dose.sets * (2 if dose.per_side else 1)


def full_session(
    week: ProgramWeek, *, before: int = 3, during: Iterator[int] | None = None
) -> str:
    """Answers for a whole session at one's own pace: safety No, then every set."""
    lines = ["no", str(before)]
    pains = during or iter(range(0, 100))
    for prescription in week.exercises:
        lines += [""] * sets_of(prescription.dose)  # Enter: done
        lines.append(str(min(next(pains), 5)))
    lines.append("2")  # pain after the session
    return "\n".join(lines) + "\n"


def test_no_program_exits_1_and_says_how_to_make_one(tmp_path: Path) -> None:
    done = run(tmp_path / "data", "session", "--no-timers")

    assert done.returncode == 1
    assert NO_PROGRAM in done.stderr
    assert sessions(tmp_path / "data") == []


def test_a_full_session_stores_every_exercise_and_the_pain_scores(
    data: Path,
) -> None:
    day, week = session_day(program_of(data))

    done = run(data, "session", "--date", day, "--no-timers", stdin=full_session(week))

    assert done.returncode == 0, done.stderr
    [stored] = sessions(data)
    assert stored["day"] == day
    assert stored["week"] == 1
    assert stored["completed"] == [p.exercise_id for p in week.exercises]
    assert stored["skipped"] == []
    assert stored["pain_before"] == 3
    assert stored["pain_during"] == min(len(week.exercises) - 1, 5)  # the highest
    assert stored["pain_after"] == 2
    assert stored["stopped"] == ""
    assert not stored["new_red_flag"]
    assert stored["settled_next_morning"] is None
    assert stored["finished_at"] >= stored["started_at"]
    for prescription in week.exercises:
        assert prescription.name in done.stdout
    assert "Session saved" in done.stdout


def test_skip_asks_why_and_quit_saves_what_was_done(data: Path) -> None:
    day, week = session_day(program_of(data))
    first, second, *_ = week.exercises
    script = ["no", "4"]
    script += [""] * sets_of(first.dose) + ["3"]  # the first done, pain 3
    script += ["s", "2", "4"]  # skip the second: no time; pain 4
    script += ["q", "5"]  # quit at the third; pain after 5

    done = run(data, "session", "--date", day, "--no-timers", stdin="\n".join(script))

    assert done.returncode == 0, done.stderr
    [stored] = sessions(data)
    assert stored["completed"] == [first.exercise_id]
    assert stored["skipped"] == [
        {"exercise_id": second.exercise_id, "reason": "no_time"}
    ]
    assert (stored["pain_before"], stored["pain_during"], stored["pain_after"]) == (
        4,
        4,
        5,
    )
    assert stored["stopped"] == "quit"


def test_high_pain_suggests_stopping(data: Path) -> None:
    day, week = session_day(program_of(data))
    first = week.exercises[0]
    script = ["no", "2", *[""] * sets_of(first.dose), "8", "", "6"]

    done = run(data, "session", "--date", day, "--no-timers", stdin="\n".join(script))

    assert done.returncode == 0, done.stderr
    assert "we suggest you stop here" in done.stdout
    [stored] = sessions(data)
    assert stored["completed"] == [first.exercise_id]
    assert (stored["pain_during"], stored["pain_after"], stored["stopped"]) == (
        8,
        6,
        "quit",
    )


def test_a_yes_to_the_safety_check_stops_with_the_emergency_advice(
    data: Path,
) -> None:
    day, _ = session_day(program_of(data))

    done = run(data, "session", "--date", day, "--no-timers", stdin="yes\n1\n")

    assert done.returncode == 0, done.stderr
    assert "Get emergency help now" in done.stdout
    assert "emergency number" in done.stdout
    assert "Pain right now" not in done.stdout
    [stored] = sessions(data)
    assert stored["new_red_flag"]
    assert stored["stopped"] == "red_flag"
    assert stored["completed"] == []


def test_a_warning_sign_during_an_exercise_stops_the_session(data: Path) -> None:
    day, week = session_day(program_of(data))
    first = week.exercises[0]
    script = ["no", "2", *[""] * sets_of(first.dose), "1", "!", "2"]

    done = run(data, "session", "--date", day, "--no-timers", stdin="\n".join(script))

    assert done.returncode == 0, done.stderr
    assert "See a doctor today" in done.stdout
    [stored] = sessions(data)
    assert stored["completed"] == [first.exercise_id]
    assert (stored["new_red_flag"], stored["stopped"]) == (1, "red_flag")


def test_after_a_warning_sign_the_next_run_does_no_exercises(data: Path) -> None:
    program = program_of(data)
    first, _ = session_day(program, 0)
    second, _ = session_day(program, 1)
    run(data, "session", "--date", first, "--no-timers", stdin="yes\n2\n")

    done = run(data, "session", "--date", second, "--no-timers", stdin="")

    assert done.returncode == 0, done.stderr
    assert "No exercises today" in done.stdout
    assert "repeat the safety screen" in done.stdout
    assert "See a doctor today" in done.stdout
    assert len(sessions(data)) == 1


def test_the_next_day_asks_whether_the_pain_settled_and_records_it(
    data: Path,
) -> None:
    program = program_of(data)
    first, week = session_day(program, 0)
    second, _ = session_day(program, 1)
    run(data, "session", "--date", first, "--no-timers", stdin=full_session(week))

    done = run(
        data,
        "session",
        "--date",
        second,
        "--no-timers",
        stdin="1\n" + full_session(program_of(data).weeks[0]),
    )

    assert done.returncode == 0, done.stderr
    day = datetime.date.fromisoformat(first)
    asked = (
        f"Did the pain from your last session ({day:%A} {day.day} {day:%B}) settle "
        "by the next morning?"
    )
    assert asked in done.stdout
    earlier, later = sessions(data)
    assert earlier["settled_next_morning"] == 1
    assert later["settled_next_morning"] is None
    assert later["day"] == second


def test_settled_and_mild_pain_steps_the_program_up_from_next_week(
    data: Path,
) -> None:
    program = program_of(data)
    first, week = session_day(program, 0)
    second, _ = session_day(program, 1)
    run(data, "session", "--date", first, "--no-timers", stdin=full_session(week))

    done = run(
        data,
        "session",
        "--date",
        second,
        "--no-timers",
        stdin="1\n" + full_session(week),
    )

    assert done.returncode == 0, done.stderr
    assert "Your program changes from today." in done.stdout
    changed = program_of(data)
    assert changed.weeks[0] == program.weeks[0]  # this week stays as it was
    assert changed.weeks[1] != program.weeks[1]


def test_a_rest_day_offers_the_next_session_and_can_decline(data: Path) -> None:
    week = program_of(data).weeks[0]
    rest_days = [
        week.start + datetime.timedelta(days=n)
        for n in range(7)
        if week.start + datetime.timedelta(days=n) not in week.session_days
    ]
    assert rest_days, "5 session days a week (the default) leave 2 rest days"

    done = run(
        data, "session", "--date", rest_days[0].isoformat(), "--no-timers", stdin="\n"
    )

    assert done.returncode == 0, done.stderr
    assert "rest day" in done.stdout
    assert sessions(data) == []
