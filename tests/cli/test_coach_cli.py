"""``psoas coach``: the real entry point in a subprocess, and the loop's step in-process."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import click
import pytest

from psoas.coach import Coach, CoachEvent, CoachSettings, Prompt
from psoas_cli.coach import (
    MAX_SLEEP_S,
    Runner,
    apply_flags,
    parse_days,
    parse_work,
)

PSOAS = str(Path(sys.executable).parent / "psoas")
MONDAY_9 = dt.datetime(2026, 11, 23, 9, 0, tzinfo=dt.UTC)


def run(data: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PSOAS_")}
    env |= {"PSOAS_DATA_DIR": str(data), "PSOAS_USER": "tester", "COLUMNS": "120"}
    env.pop("DBUS_SESSION_BUS_ADDRESS", None)  # no desktop pop-ups from tests
    return subprocess.run(
        [PSOAS, "coach", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )


@pytest.fixture
def data(tmp_path: Path) -> Iterator[Path]:
    yield tmp_path
    run(tmp_path, "stop")  # never leave a coach behind


# -- the real entry point ----------------------------------------------------------------


def test_start_status_break_stats_stop_through_the_real_command(data: Path) -> None:
    started = run(data, "start", "--every", "25", "--work", "08:00-16:00")
    assert started.returncode == 0, started.stderr
    assert "running in the background" in started.stdout
    assert "every 25 minutes" in started.stdout
    assert (data / "coach.pid").exists()

    status = run(data, "status")
    assert status.returncode == 0, status.stderr
    assert "The coach is running" in status.stdout
    assert "ball" in status.stdout  # the short note on breaks versus a ball chair

    assert run(data, "break").returncode == 0
    stats = run(data, "stats", "--json", "--days", "1")
    assert stats.returncode == 0, stats.stderr
    (today,) = json.loads(stats.stdout)
    assert today["self_breaks"] == 1
    assert today["day"] == dt.datetime.now().astimezone().date().isoformat()

    stopped = run(data, "stop")
    assert "stopped" in stopped.stdout
    assert not (data / "coach.pid").exists()
    assert "not running" in run(data, "status").stdout
    saved = json.loads((data / "coach.json").read_text())
    assert saved["micro_every_min"] == 25
    assert saved["work_start"] == "08:00:00"


def test_events_the_running_coach_spooled_are_stored_and_answerable(
    data: Path,
) -> None:
    now = dt.datetime.now().astimezone()
    row = {"at": now.isoformat(), "kind": "prompt", "break_kind": "micro",
           "exercise_id": "sit_to_stand", "reason": ""}  # fmt: skip
    (data / "coach-events.jsonl").write_text(json.dumps(row) + "\n")
    assert run(data, "flush").returncode == 0
    assert not (data / "coach-events.jsonl").exists()
    assert run(data, "skip", "on a call").returncode == 0
    assert run(data, "skip").returncode == 1  # already answered
    (today,) = json.loads(run(data, "stats", "--json", "--days", "1").stdout)
    assert (today["prompts"], today["skipped"]) == (1, 1)


def test_answering_with_no_prompt_waiting_is_refused(data: Path) -> None:
    done = run(data, "done")
    assert done.returncode == 1
    assert "no break waiting" in done.stderr


def test_bad_flags_are_rejected_before_anything_starts(data: Path) -> None:
    assert run(data, "start", "--every", "2").returncode == 2
    bad_hours = run(data, "start", "--work", "17:00-09:00")
    assert bad_hours.returncode == 2
    assert "work_start" in bad_hours.stderr
    assert not (data / "coach.pid").exists()


def test_seating_note_is_kept_and_answered_with_the_evidence(data: Path) -> None:
    noted = run(data, "seating", "kitchen chair, laptop on the table")
    assert noted.returncode == 0, noted.stderr
    assert "ball" in noted.stdout
    assert "at least every 30 minutes" in noted.stdout


def test_help_explains_why_breaks_rather_than_a_ball_chair(data: Path) -> None:
    shown = run(data, "--help")
    assert "ball" in shown.stdout
    assert "every 30 minutes" in shown.stdout


# -- the loop's step, with a fake clock and a fake notifier ---------------------------------


class FakeDesk:
    """Records notifications and stored events; plays the idle probe."""

    def __init__(self) -> None:
        self.shown: list[tuple[Prompt, str, str]] = []
        self.stored: list[CoachEvent] = []
        self.idle: float | None = 0.0

    def notify(self, prompt: Prompt, title: str, body: str) -> None:
        self.shown.append((prompt, title, body))

    def store(self, event: CoachEvent) -> None:
        self.stored.append(event)

    def idle_seconds(self) -> float | None:
        return self.idle

    def kinds(self) -> list[str]:
        return [e.kind for e in self.stored]


def make_runner(desk: FakeDesk, tmp_path: Path, *, idle: bool = True) -> Runner:
    return Runner(
        coach=Coach(CoachSettings(), start=MONDAY_9),
        notify=desk.notify,
        store=desk.store,
        idle_seconds=desk.idle_seconds if idle else None,
        inbox=tmp_path / "inbox.jsonl",
        state=tmp_path / "state.json",
    )


def drive(runner: Runner, start: dt.datetime, until: dt.datetime) -> list[float]:
    """Step like the real loop: sleep what the step says (monotonic keeps pace)."""
    now, mono, pauses = start, 1000.0, []
    while now <= until:
        pause = runner.step(now, mono)
        pauses.append(pause)
        now += dt.timedelta(seconds=pause)
        mono += pause
    return pauses


def test_the_loop_sleeps_in_bounded_steps_and_prompts_on_time(tmp_path: Path) -> None:
    desk = FakeDesk()
    runner = make_runner(desk, tmp_path)
    pauses = drive(runner, MONDAY_9, MONDAY_9 + dt.timedelta(minutes=30))
    assert max(pauses) == MAX_SLEEP_S
    assert len(pauses) == 31  # 30 one-minute sleeps, then the prompt at 09:30
    ((prompt, title, body),) = desk.shown
    assert prompt.at == MONDAY_9 + dt.timedelta(minutes=30)
    assert title == "Movement break: Standing desk hip-flexor stretch"
    assert "60 seconds" in body
    assert desk.kinds() == ["prompt"]
    state = json.loads((tmp_path / "state.json").read_text())
    assert state["next_prompt"] == "2026-11-23T10:00:00+00:00"


def test_the_loop_wakes_exactly_when_a_prompt_is_due(tmp_path: Path) -> None:
    runner = make_runner(FakeDesk(), tmp_path)
    assert runner.step(MONDAY_9 + dt.timedelta(minutes=29, seconds=20), 0.0) == 40.0


def test_a_suspended_machine_is_noticed_and_fires_no_burst(tmp_path: Path) -> None:
    desk = FakeDesk()
    runner = make_runner(desk, tmp_path)
    runner.step(MONDAY_9, 0.0)
    # two hours on the wall clock, one minute on the monotonic clock: it slept
    runner.step(MONDAY_9 + dt.timedelta(hours=2), 60.0)
    assert desk.shown == []
    assert desk.kinds() == ["idle_break"]
    assert desk.stored[0].break_kind == "long"


def test_idle_time_counts_as_a_break_and_no_prompt_greets_the_return(
    tmp_path: Path,
) -> None:
    desk = FakeDesk()
    runner = make_runner(desk, tmp_path)
    runner.step(MONDAY_9 + dt.timedelta(minutes=20), 0.0)
    desk.idle = 15 * 60.0  # away since 09:05
    runner.step(MONDAY_9 + dt.timedelta(minutes=20, seconds=1), 1.0)
    assert json.loads((tmp_path / "state.json").read_text())["away"] is True
    desk.idle = 2.0
    runner.step(MONDAY_9 + dt.timedelta(minutes=50), 1800.0)
    assert desk.shown == []
    assert desk.kinds() == ["idle_break"]
    assert desk.stored[0].reason == "away 45 min"
    assert runner.coach.next_wakeup() == MONDAY_9 + dt.timedelta(minutes=80)


def test_a_step_that_stored_events_flushes_them_once(tmp_path: Path) -> None:
    desk = FakeDesk()
    flushes: list[int] = []
    runner = make_runner(desk, tmp_path)
    runner.on_stored = lambda: flushes.append(len(desk.stored))
    runner.step(MONDAY_9 + dt.timedelta(minutes=10), 0.0)
    assert flushes == []
    runner.step(MONDAY_9 + dt.timedelta(minutes=30), 1200.0)
    assert flushes == [1]


def test_without_idle_detection_the_loop_still_prompts(tmp_path: Path) -> None:
    desk = FakeDesk()
    runner = make_runner(desk, tmp_path, idle=False)
    runner.step(MONDAY_9 + dt.timedelta(minutes=30), 0.0)
    assert len(desk.shown) == 1
    assert json.loads((tmp_path / "state.json").read_text())["idle_detection"] is False


def test_answers_from_the_inbox_reach_the_coach_without_being_stored_twice(
    tmp_path: Path,
) -> None:
    desk = FakeDesk()
    runner = make_runner(desk, tmp_path)
    (tmp_path / "inbox.jsonl").write_text(json.dumps({"kind": "self_break"}) + "\n")
    runner.step(MONDAY_9 + dt.timedelta(minutes=20), 0.0)
    assert desk.stored == []  # the command stored it already
    assert not (tmp_path / "inbox.jsonl").exists()
    assert runner.coach.next_wakeup() == MONDAY_9 + dt.timedelta(minutes=50)


def test_an_ignored_run_of_prompts_escalates_the_notification(tmp_path: Path) -> None:
    desk = FakeDesk()
    runner = make_runner(desk, tmp_path)
    drive(runner, MONDAY_9, MONDAY_9 + dt.timedelta(minutes=120))
    titles = [title for _, title, _ in desk.shown]
    assert len(titles) == 4
    assert titles[3].startswith("Time to get up")
    assert not any(t.startswith("Time to get up") for t in titles[:3])


# -- settings from flags -------------------------------------------------------------------


def test_flags_parse_days_and_hours() -> None:
    assert parse_days("mon-fri") == frozenset(range(5))
    assert parse_days("mon,wed,fri") == frozenset({0, 2, 4})
    assert parse_days("sat-mon") == frozenset({5, 6, 0})
    assert parse_work("08:30-16:00") == (dt.time(8, 30), dt.time(16))
    with pytest.raises(click.BadParameter):
        parse_days("weekdays")
    with pytest.raises(click.BadParameter):
        parse_work("9 to 5")


def test_flags_override_only_what_they_name() -> None:
    base = CoachSettings(postpone_min=15)
    changed = apply_flags(base, every=45, work=None, days="tue-thu")
    assert changed.micro_every_min == 45
    assert changed.work_days == frozenset({1, 2, 3})
    assert changed.postpone_min == 15
    assert changed.work_start == base.work_start
    assert apply_flags(base, every=None, work=None, days=None) == base


# -- the platform: notify-send and xprintidle where present --------------------------------


def fake_tool(bin_dir: Path, name: str, script: str) -> None:
    bin_dir.mkdir(exist_ok=True)
    tool = bin_dir / name
    tool.write_text("#!/bin/sh\n" + script + "\n")
    tool.chmod(0o755)


def test_desktop_notifications_go_through_notify_send_when_a_session_has_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from psoas_cli.coach import desktop_notifier

    log = tmp_path / "sent.txt"
    fake_tool(tmp_path / "bin", "notify-send", f'printf "%s\\n" "$@" > {log}')
    monkeypatch.setenv("PATH", str(tmp_path / "bin"))
    monkeypatch.delenv("DBUS_SESSION_BUS_ADDRESS", raising=False)
    assert desktop_notifier() is None  # no desktop session: the terminal it is
    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nowhere")
    notify = desktop_notifier()
    assert notify is not None
    prompt = Prompt(MONDAY_9, "micro", "sit_to_stand", 60, escalated=True)
    notify(prompt, "Time to get up: Sit to stand", "60 seconds.")
    assert log.read_text().splitlines() == [
        "--app-name=psoas",
        "--urgency=critical",
        "Time to get up: Sit to stand",
        "60 seconds.",
    ]


def test_idle_time_is_read_from_xprintidle_under_x11(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from psoas_cli.coach import idle_probe

    fake_tool(tmp_path / "bin", "xprintidle", "echo 125000")
    monkeypatch.setenv("PATH", str(tmp_path / "bin"))
    monkeypatch.delenv("DISPLAY", raising=False)
    assert idle_probe() is None  # not X11: the coach says idle detection is missing
    monkeypatch.setenv("DISPLAY", ":0")
    probe = idle_probe()
    assert probe is not None
    assert probe() == 125.0


def test_the_terminal_panel_rings_and_shows_the_exercise_cues(
    capsys: pytest.CaptureFixture[str],
) -> None:
    from psoas_cli.coach import prompt_text, terminal_notifier

    prompt = Prompt(MONDAY_9, "micro", "seated_pelvic_tilt", 45)
    title, body, cues = prompt_text(prompt)
    assert "45 seconds" in body
    assert cues
    terminal_notifier(countdown=False)(prompt, title, body)
    shown = capsys.readouterr().out
    assert "\a" in shown
    assert title.split(": ")[1][:20] in shown
    assert cues[0][:20] in shown
