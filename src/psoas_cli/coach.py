"""``psoas coach``: the sit-less coach in the terminal and on the desktop.

``psoas coach run`` is the loop in the foreground; ``start`` runs it in the background
(a new session, its pid in ``coach.pid`` in the data directory) and ``stop`` ends it. The
loop sleeps until the scheduler's next due time (at most `MAX_SLEEP_S`, to notice idle
time and answers), so it costs next to nothing while it waits. Answers given with
``psoas coach break | done | skip | later`` are stored at once and passed to a running
coach through ``coach-inbox.jsonl``; the coach writes what it expects next to
``coach-state.json`` for ``status``.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

import click
import platformdirs

from psoas.coach import (
    ACTIVE_SITTING_NOTE,
    Activity,
    Answer,
    Coach,
    CoachEvent,
    CoachSettings,
    Event,
    Idle,
    Prompt,
    Record,
    Refused,
    Resumed,
    Tick,
    day_stats,
    pick_exercise,
)
from psoas.coach.scheduler import AnswerKind

if TYPE_CHECKING:
    from django.contrib.auth.models import User

#: the longest the loop sleeps, so that it notices idle time and answers
MAX_SLEEP_S: Final = 60.0
#: idle this long (seconds) before the coach treats the person as away
IDLE_AFTER_S: Final = 60.0
#: a wall-clock jump this much larger than the monotonic clock means the machine slept
SLEEP_GAP_S: Final = 90.0
DAY_NAMES: Final = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
NO_IDLE = (
    "Idle detection is not available here (it needs X11 and xprintidle); tell the "
    "coach when you have moved with `psoas coach break`."
)
SHORT_NOTE = (
    "Breaks, not a ball chair: moving at least every 30 minutes is what the evidence "
    "backs; sitting on an exercise ball has shown no benefit and more discomfort."
)


# -- files in the data directory --------------------------------------------------------


def data_dir() -> Path:
    """Return psoas's data directory (as the web layer uses it), creating it."""
    path = Path(os.getenv("PSOAS_DATA_DIR") or platformdirs.user_data_dir("psoas"))
    path.mkdir(mode=0o700, parents=True, exist_ok=True)
    return path


def _pid_file() -> Path:
    return data_dir() / "coach.pid"


def _inbox() -> Path:
    return data_dir() / "coach-inbox.jsonl"


def _state_file() -> Path:
    return data_dir() / "coach-state.json"


def _settings_file() -> Path:
    return data_dir() / "coach.json"


_RUN_MAIN: Final = "from psoas_cli.main import main; main()"


def running_pid() -> int | None:
    """Return the pid of the running coach, or None (removing a stale pid file)."""
    path = _pid_file()
    try:
        pid = int(path.read_text().strip())
        os.kill(pid, 0)
    except (OSError, ValueError):
        path.unlink(missing_ok=True)
        return None
    return pid


# -- settings ---------------------------------------------------------------------------


def parse_work(value: str) -> tuple[dt.time, dt.time]:
    """Parse working hours like ``09:00-17:30``."""
    try:
        start, end = (dt.time.fromisoformat(p.strip()) for p in value.split("-"))
    except ValueError as exc:
        msg = f"working hours look like 09:00-17:30, not {value!r}"
        raise click.BadParameter(msg) from exc
    return start, end


def parse_days(value: str) -> frozenset[int]:
    """Parse working days like ``mon-fri`` or ``mon,wed,fri``."""
    days: set[int] = set()
    try:
        for part in value.lower().split(","):
            first, _, last = part.strip().partition("-")
            a = DAY_NAMES.index(first[:3])
            b = DAY_NAMES.index(last[:3]) if last else a
            days.update(range(a, b + 1) if a <= b else [*range(a, 7), *range(b + 1)])
    except ValueError as exc:
        msg = f"working days look like mon-fri or mon,wed,fri, not {value!r}"
        raise click.BadParameter(msg) from exc
    return frozenset(days)


def load_settings() -> CoachSettings:
    """Return the settings from ``coach.json`` in the data directory, or the defaults."""
    path = _settings_file()
    if not path.exists():
        return CoachSettings()
    try:
        return CoachSettings.model_validate_json(path.read_text())
    except ValueError as exc:
        raise click.ClickException(f"{path} is not valid: {exc}") from exc


def apply_flags(
    base: CoachSettings,
    *,
    every: int | None,
    work: str | None,
    days: str | None,
) -> CoachSettings:
    """Return `base` changed by the command-line flags (None leaves a value as it is)."""
    changes: dict[str, Any] = {}
    if every is not None:
        changes["micro_every_min"] = every
    if work is not None:
        changes["work_start"], changes["work_end"] = parse_work(work)
    if days is not None:
        changes["work_days"] = parse_days(days)
    if not changes:
        return base
    try:
        return CoachSettings.model_validate(base.model_dump() | changes)
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from exc


def save_settings(settings: CoachSettings) -> None:
    """Write the settings to ``coach.json`` (and the database, for the web page)."""
    _settings_file().write_text(settings.model_dump_json(indent=2) + "\n")
    person = _person()
    from psoas_web.coach import services as coach_services

    coach_services.save_settings(person, settings)


def describe(settings: CoachSettings) -> str:
    """Return the settings in one line of plain words."""
    days = ", ".join(DAY_NAMES[d] for d in sorted(settings.work_days)) or "no days"
    return (
        f"a {settings.micro_s}-second movement every {settings.micro_every_min} minutes "
        f"of sitting, a {settings.long_min}-minute walk every "
        f"{settings.long_every_min} minutes, {settings.work_start:%H:%M}–"
        f"{settings.work_end:%H:%M} on {days}"
    )


# -- storage ----------------------------------------------------------------------------

_PERSON: list[User] = []


def _person() -> User:
    if not _PERSON:
        from psoas_web import services

        services.setup()
        _PERSON.append(services.local_person())
    return _PERSON[0]


def store_event(event: CoachEvent) -> None:
    """Store one event of the local person (source ``cli``)."""
    person = _person()
    from psoas_web.coach import services as coach_services

    at = event.at if event.at.tzinfo else event.at.astimezone()
    try:
        coach_services.record_event(
            person,
            at=at,
            kind=event.kind,
            break_kind=event.break_kind,
            exercise_id=event.exercise_id,
            reason=event.reason,
            source="cli",
        )
    except ValueError as exc:
        click.echo(f"psoas coach: not stored: {exc}", err=True)


def _spool() -> Path:
    return data_dir() / "coach-events.jsonl"


def spool_event(event: CoachEvent) -> None:
    """Append an event to the spool file, for `drain_spool` to store.

    The running coach keeps Django out of its process (it would triple its memory):
    it spools its events and has a short-lived ``psoas coach flush`` store them.
    """
    row = {
        "at": event.at.isoformat(),
        "kind": event.kind,
        "break_kind": event.break_kind,
        "exercise_id": event.exercise_id,
        "reason": event.reason,
    }
    with _spool().open("a") as spool:
        spool.write(json.dumps(row) + "\n")


def drain_spool() -> int:
    """Store the spooled events in the database; return how many were stored."""
    spool = _spool()
    if not spool.exists():
        return 0
    taken = spool.with_name(f"{spool.name}.{os.getpid()}")
    spool.replace(taken)
    stored = 0
    for line in taken.read_text().splitlines():
        try:
            row = json.loads(line)
            event = CoachEvent(
                at=dt.datetime.fromisoformat(row["at"]),
                kind=row["kind"],
                break_kind=row.get("break_kind"),
                exercise_id=row.get("exercise_id"),
                reason=row.get("reason", ""),
            )
        except (ValueError, KeyError, TypeError):
            click.echo(
                f"psoas coach: skipped a damaged spooled event: {line}", err=True
            )
            continue
        store_event(event)
        stored += 1
    taken.unlink()
    return stored


def flush_in_subprocess() -> None:
    """Run ``psoas coach flush`` (storing the spooled events) and wait for it."""
    with contextlib.suppress(OSError, subprocess.SubprocessError):
        subprocess.run(  # noqa: S603 - this very program
            [sys.executable, "-c", _RUN_MAIN, "coach", "flush"],
            stdin=subprocess.DEVNULL,
            timeout=120,
            check=False,
        )


def program_ids_in_subprocess() -> list[str]:
    """Return the active program's exercise ids, read by a short-lived subprocess."""
    with contextlib.suppress(OSError, subprocess.SubprocessError, ValueError):
        out = subprocess.run(  # noqa: S603 - this very program
            [sys.executable, "-c", _RUN_MAIN, "coach", "program-ids"],
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            timeout=120,
            check=True,
        ).stdout
        return [str(i) for i in json.loads(out)]
    return []


def stored_events() -> list[CoachEvent]:
    """Return the local person's stored events, in local time, oldest first."""
    drain_spool()
    person = _person()
    from psoas_web.coach import services as coach_services

    return [
        CoachEvent(
            at=e.at.astimezone(),
            kind=e.kind,
            break_kind=e.break_kind,
            exercise_id=e.exercise_id,
            reason=e.reason,
        )
        for e in coach_services.events(person)
    ]


def program_exercise_ids() -> list[str]:
    """Return the exercise ids of the local person's active program (may be empty)."""
    from psoas_web import services

    stored = services.active_program(_person())
    if stored is None:
        return []
    weeks = stored.program.get("weeks", []) if isinstance(stored.program, dict) else []
    return [
        str(p.get("exercise_id"))
        for week in weeks
        for p in week.get("exercises", [])
        if isinstance(p, dict)
    ]


# -- the platform: notifications and idle time ------------------------------------------


def idle_probe() -> Callable[[], float | None] | None:
    """Return a function giving the seconds since the last input, or None if unknown."""
    tool = shutil.which("xprintidle")
    if tool is None or not os.getenv("DISPLAY"):
        return None

    def idle_seconds() -> float | None:
        try:
            out = subprocess.run(  # noqa: S603 - a fixed tool found on PATH
                [tool], capture_output=True, text=True, timeout=5, check=True
            ).stdout
            return int(out.strip()) / 1000
        except (OSError, ValueError, subprocess.SubprocessError):
            return None

    return idle_seconds


def desktop_notifier() -> Callable[[Prompt, str, str], None] | None:
    """Return a notify-send notifier when a desktop session has one, else None."""
    tool = shutil.which("notify-send")
    if tool is None or not os.getenv("DBUS_SESSION_BUS_ADDRESS"):
        return None

    def notify(prompt: Prompt, title: str, body: str) -> None:
        urgency = "critical" if prompt.escalated else "normal"
        with contextlib.suppress(OSError, subprocess.SubprocessError):
            subprocess.run(  # noqa: S603 - a fixed tool found on PATH
                [tool, "--app-name=psoas", f"--urgency={urgency}", title, body],
                timeout=10,
                check=False,
            )

    return notify


def prompt_text(prompt: Prompt) -> tuple[str, str, list[str]]:
    """Return the title, body and cues of a prompt, from the knowledge base."""
    from psoas.knowledge import default_knowledge_base

    exercise = default_knowledge_base().exercises.get(prompt.exercise_id)
    name = exercise.name if exercise else prompt.exercise_id.replace("_", " ")
    length = (
        f"{prompt.seconds // 60} minutes"
        if prompt.seconds >= 120
        else f"{prompt.seconds} seconds"
    )
    title = ("Time to get up: " if prompt.escalated else "Movement break: ") + name
    body = (
        f"{length}. "
        + ("You have sat through several reminders. " if prompt.escalated else "")
        + "Afterwards: psoas coach done | skip | later."
    )
    return title, body, list(exercise.cues[:3]) if exercise else []


def terminal_notifier(
    *, countdown: bool, tty: str | None = None
) -> Callable[[Prompt, str, str], None]:
    """Return a notifier that rings the bell and shows a panel (with a countdown).

    Args:
        countdown: count the movement's seconds down (foreground runs only).
        tty: the terminal a background coach was started from; its prompts go there.
    """
    from rich.console import Console
    from rich.panel import Panel

    console = Console(file=open(tty, "w", buffering=1)) if tty else Console()  # noqa: SIM115 (lives as long as the coach)

    def notify(prompt: Prompt, title: str, body: str) -> None:
        cues = prompt_text(prompt)[2]
        text = "\n".join([body, *(f"• {c}" for c in cues)])
        console.file.write("\a")  # the bell, even when rich thinks it is no terminal
        console.print(Panel(text, title=title, border_style="yellow"))
        if countdown and console.is_terminal:
            with console.status("") as status:
                for left in range(prompt.seconds, 0, -1):
                    status.update(f"{left} s left")
                    time.sleep(1)
            console.print("Done? Tell the coach: psoas coach done (or skip, later).")

    return notify


# -- the loop -----------------------------------------------------------------------------


@dataclass
class Runner:
    """One coach loop; `step` is the whole of one wake-up, with the clocks injected."""

    coach: Coach
    notify: Callable[[Prompt, str, str], None]
    store: Callable[[CoachEvent], None]
    idle_seconds: Callable[[], float | None] | None = None
    inbox: Path | None = None
    state: Path | None = None
    on_stored: Callable[[], None] | None = None  # after a step that stored events
    said: list[str] = field(default_factory=list)  # refusals, for the log
    _last: tuple[dt.datetime, float] | None = None
    _stored: int = 0

    def step(self, now: dt.datetime, monotonic: float) -> float:
        """Handle one wake-up at `now`; return how long to sleep, in seconds."""
        for event in self._events(now, monotonic):
            self._apply(event)
        self._apply(Tick(now))
        if self._stored and self.on_stored is not None:
            self.on_stored()
        self._stored = 0
        wake = self.coach.next_wakeup()
        self._write_state(now, wake)
        if wake is None:
            return MAX_SLEEP_S
        return max(1.0, min(MAX_SLEEP_S, (wake - now).total_seconds()))

    def _events(self, now: dt.datetime, monotonic: float) -> list[Event]:
        events: list[Event] = []
        if self._last is not None:
            last_now, last_mono = self._last
            wall = (now - last_now).total_seconds()
            if wall - (monotonic - last_mono) > SLEEP_GAP_S:
                slept = last_now + dt.timedelta(seconds=monotonic - last_mono)
                events.append(Resumed(now, slept_since=slept))
        self._last = (now, monotonic)
        if self.idle_seconds is not None:
            idle = self.idle_seconds()
            if idle is not None and idle >= IDLE_AFTER_S and not self.coach.away:
                events.append(Idle(now, since=now - dt.timedelta(seconds=idle)))
            elif idle is not None and idle < IDLE_AFTER_S and self.coach.away:
                events.append(Activity(now))
        events += self._read_inbox(now)
        return events

    def _read_inbox(self, now: dt.datetime) -> list[Event]:
        if self.inbox is None or not self.inbox.exists():
            return []
        taken = self.inbox.with_suffix(".taken")
        self.inbox.replace(taken)
        answers: list[Event] = []
        for line in taken.read_text().splitlines():
            with contextlib.suppress(ValueError, KeyError, TypeError):
                item = json.loads(line)
                kind: AnswerKind = item["kind"]
                answers.append(Answer(now, kind, reason=str(item.get("reason", ""))))
        taken.unlink()
        return answers

    def _apply(self, event: Event) -> None:
        stored_already = isinstance(event, Answer)  # the command stored it
        for action in self.coach.handle(event):
            if isinstance(action, Record):
                if not (stored_already and action.event.kind == event_kind(event)):
                    self.store(action.event)
                    self._stored += 1
            elif isinstance(action, Prompt):
                title, body, _ = prompt_text(action)
                self.notify(action, title, body)
            elif isinstance(action, Refused):
                self.said.append(action.reason)

    def _write_state(self, now: dt.datetime, wake: dt.datetime | None) -> None:
        if self.state is None:
            return
        state = {
            "updated": now.isoformat(),
            "next_prompt": wake.isoformat() if wake else None,
            "away": self.coach.away,
            "idle_detection": self.idle_seconds is not None,
            "postpones_left": self.coach.postpones_left,
        }
        self.state.write_text(json.dumps(state))


def event_kind(event: Event) -> str | None:
    """Return the stored kind an answer produces (None for other events)."""
    return event.kind if isinstance(event, Answer) else None


def make_runner(settings: CoachSettings, *, foreground: bool) -> Runner:
    """Build the real runner: desktop or terminal notifications, spooled storage."""
    from psoas.knowledge import default_knowledge_base

    kb = default_knowledge_base()
    program = program_ids_in_subprocess()
    tty = os.environ.get(START_TTY)
    notify = desktop_notifier() or terminal_notifier(
        countdown=foreground, tty=tty if tty and not foreground else None
    )
    return Runner(
        coach=Coach(
            settings,
            start=dt.datetime.now().astimezone(),
            pick=lambda n: pick_exercise(kb, program, n=n),
        ),
        notify=notify,
        store=spool_event,
        on_stored=flush_in_subprocess,
        idle_seconds=idle_probe(),
        inbox=_inbox(),
        state=_state_file(),
    )


def _stop_on_term(signum: int, frame: object) -> None:
    raise SystemExit(0)


# -- commands -----------------------------------------------------------------------------

_flags = [
    click.option(
        "--every",
        type=click.IntRange(5, 240),
        help="Minutes of sitting between breaks (default 30).",
    ),
    click.option(
        "--work", metavar="HH:MM-HH:MM", help="Working hours, e.g. 09:00-17:30."
    ),
    click.option("--days", metavar="DAYS", help="Working days, e.g. mon-fri."),
]


def _with_flags(func: Callable[..., None]) -> Callable[..., None]:
    for option in reversed(_flags):
        func = option(func)
    return func


#: set by `start` for the background coach: the terminal its prompts go to
START_TTY = "PSOAS_COACH_TTY"


def _terminal() -> str | None:
    """Return the device of the terminal this command runs in, if any."""
    for stream in (sys.stdout, sys.stderr):
        try:
            if stream.isatty():
                return os.ttyname(stream.fileno())
        except (OSError, ValueError):
            continue
    return None


@click.group(epilog=SHORT_NOTE)
def coach() -> None:
    """The sit-less coach: short movement breaks while you sit, from your own program.

    It prompts after every 30 minutes of sitting (within your working hours), counts
    idle or locked time as a break, and records what you did.
    """


@coach.command()
@_with_flags
def run(every: int | None, work: str | None, days: str | None) -> None:
    """Run the coach in the foreground (Ctrl-C stops it); flags apply to this run."""
    settings = apply_flags(load_settings(), every=every, work=work, days=days)
    if running_pid() not in (None, os.getpid()):
        raise click.ClickException("the coach is already running (psoas coach stop)")
    _pid_file().write_text(str(os.getpid()))
    signal.signal(signal.SIGTERM, _stop_on_term)
    runner = make_runner(settings, foreground=sys.stdout.isatty())
    click.echo(f"The coach is running: {describe(settings)}.")
    if runner.idle_seconds is None:
        click.echo(NO_IDLE)
    try:
        while True:
            pause = runner.step(dt.datetime.now().astimezone(), time.monotonic())
            for reason in runner.said:
                click.echo(reason)
            runner.said.clear()
            time.sleep(pause)
    except KeyboardInterrupt:
        click.echo("The coach has stopped.")
    finally:
        _pid_file().unlink(missing_ok=True)
        _state_file().unlink(missing_ok=True)
        if _spool().exists():
            flush_in_subprocess()


@coach.command()
@_with_flags
def start(every: int | None, work: str | None, days: str | None) -> None:
    """Start the coach in the background."""
    pid = running_pid()
    if pid is not None:
        click.echo(f"The coach is already running (pid {pid}).")
        return
    settings = apply_flags(load_settings(), every=every, work=work, days=days)
    save_settings(settings)
    env = dict(os.environ)
    tty = _terminal()
    if tty and desktop_notifier() is None:
        env[START_TTY] = tty  # prompts appear in this terminal, with the bell
    with (data_dir() / "coach.log").open("ab") as log:
        child = subprocess.Popen(  # noqa: S603 - this very program
            [sys.executable, "-c", _RUN_MAIN, "coach", "run"],
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=log,
            start_new_session=True,
            env=env,
        )
    for _ in range(100):  # wait until it has written its pid file
        if running_pid() == child.pid or child.poll() is not None:
            break
        time.sleep(0.05)
    if child.poll() is not None:
        raise click.ClickException(
            f"the coach did not start; see {data_dir() / 'coach.log'}"
        )
    click.echo(
        f"The coach is running in the background (pid {child.pid}): "
        f"{describe(settings)}."
    )
    if desktop_notifier() is None:
        where = (
            f"this terminal ({tty})" if tty else f"the log ({data_dir() / 'coach.log'})"
        )
        click.echo(
            f"No desktop notifications here: prompts go to {where}. "
            "`psoas coach run` shows them with a countdown."
        )
    if idle_probe() is None:
        click.echo(NO_IDLE)


@coach.command()
def stop() -> None:
    """Stop the background coach."""
    pid = running_pid()
    if pid is None:
        click.echo("The coach is not running.")
        return
    os.kill(pid, signal.SIGTERM)
    _inbox().unlink(missing_ok=True)  # answers it never read
    drain_spool()
    for _ in range(100):
        if running_pid() is None:
            break
        time.sleep(0.05)
    _pid_file().unlink(missing_ok=True)
    click.echo(f"The coach has stopped (pid {pid}).")


@coach.command()
def status() -> None:
    """Say whether the coach runs, when it prompts next, and today's counts."""
    pid = running_pid()
    if pid is None:
        click.echo("The coach is not running. Start it with `psoas coach start`.")
    else:
        click.echo(f"The coach is running (pid {pid}).")
        with contextlib.suppress(OSError, ValueError):
            state = json.loads(_state_file().read_text())
            nxt = state.get("next_prompt")
            if state.get("away"):
                click.echo("You are away from the computer.")
            elif nxt:
                click.echo(
                    f"Next break: {dt.datetime.fromisoformat(nxt):%a %d %b, %H:%M}."
                )
            if not state.get("idle_detection"):
                click.echo(NO_IDLE)
    settings = load_settings()
    today = dt.datetime.now().astimezone().date()
    stats = day_stats(stored_events(), today, settings)
    click.echo(
        f"Today: {stats.prompts} prompts, {stats.exercises_done} done, "
        f"{stats.skipped} skipped, {stats.postponed} postponed, "
        f"{stats.self_breaks} breaks of your own, {stats.idle_breaks} away from the desk."
    )
    click.echo(SHORT_NOTE)


def _answer(kind: AnswerKind, reason: str = "") -> None:
    now = dt.datetime.now().astimezone()
    event = _answered_event(kind, now, reason)
    store_event(event)
    if running_pid() is not None:
        with _inbox().open("a") as inbox:
            inbox.write(json.dumps({"kind": kind, "reason": reason}) + "\n")


#: a prompt opens a question; these answer it
_OPEN_OR_SHUT: Final = frozenset(
    {"prompt", "done", "skipped", "postponed", "self_break", "idle_break"}
)


def _answered_event(kind: AnswerKind, now: dt.datetime, reason: str) -> CoachEvent:
    """Return the event to store for an answer; exit with status 1 if it is refused."""
    events = stored_events()
    todays = [e for e in events if e.at.date() == now.date()]
    last = next((e for e in reversed(todays) if e.kind in _OPEN_OR_SHUT), None)
    last_prompt = last if last is not None and last.kind == "prompt" else None
    if kind == "self_break":
        click.echo("Counted: a break you took yourself. The clock starts again.")
        return CoachEvent(now, "self_break", reason=reason)
    if last_prompt is None:
        click.echo("There is no break waiting for an answer today.", err=True)
        sys.exit(1)
    if kind == "postponed":
        used = sum(e.kind == "postponed" for e in todays)
        limit = load_settings().max_postpones_per_day
        if used >= limit:
            click.echo(
                f"You have postponed {used} times today, the most allowed; take the "
                "break or skip it.",
                err=True,
            )
            sys.exit(1)
    click.echo(
        {"done": "Well done.", "skipped": "Skipped.", "postponed": "Later."}[kind]
    )
    return CoachEvent(
        now, kind, last_prompt.break_kind, last_prompt.exercise_id, reason=reason
    )


@coach.command("break")
def self_break() -> None:
    """Tell the coach you just took a break yourself (the clock starts again)."""
    _answer("self_break")


@coach.command()
def done() -> None:
    """Answer the last prompt: you did the movement."""
    _answer("done")


@coach.command()
@click.argument("reason", required=False, default="")
def skip(reason: str) -> None:
    """Answer the last prompt: you skipped it (optionally saying why)."""
    _answer("skipped", reason)


@coach.command()
def later() -> None:
    """Postpone the last prompt (a few times a day at most)."""
    _answer("postponed")


@coach.command()
@click.option(
    "--days", "n_days", default=7, show_default=True, type=click.IntRange(1, 366)
)
@click.option("--json", "as_json", is_flag=True, help="Print the statistics as JSON.")
def stats(n_days: int, *, as_json: bool) -> None:
    """Per day: sitting covered, longest stretch, breaks per hour, exercises done."""
    settings = load_settings()
    events = stored_events()
    today = dt.datetime.now().astimezone().date()
    days = [today - dt.timedelta(days=i) for i in range(n_days - 1, -1, -1)]
    rows = [day_stats(events, day, settings) for day in days]
    if as_json:
        click.echo(json.dumps([r.to_json_dict() for r in rows], indent=2))
        return
    from rich.console import Console
    from rich.table import Table

    table = Table(title="The sit-less coach")
    for heading in ("Day", "Sitting covered", "Longest stretch", "Breaks/hour", "Done",
                    "Skipped", "Own breaks", "Away"):  # fmt: skip
        table.add_column(heading, justify="right")
    for r in rows:
        table.add_row(
            f"{r.day:%a %d %b}",
            f"{r.sitting_minutes_covered:.0f} min",
            f"{r.longest_sitting_min:.0f} min",
            f"{r.breaks_per_sitting_hour:.1f}",
            str(r.exercises_done),
            str(r.skipped),
            str(r.self_breaks),
            str(r.idle_breaks),
        )
    Console().print(table)


@coach.command()
@click.argument("note")
def seating(note: str) -> None:
    """Note your seating and desk set-up (chair, desk height, screen, standing desk)."""
    person = _person()
    from psoas_web.coach import services as coach_services

    try:
        coach_services.save_settings(person, load_settings(), seating_note=note)
    except ValueError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo("Noted your seating and desk set-up.")
    click.echo(ACTIVE_SITTING_NOTE)


@coach.command()
def why() -> None:
    """Why the coach prompts breaks rather than recommending a ball chair."""
    click.echo(ACTIVE_SITTING_NOTE)


@coach.command(hidden=True)
def flush() -> None:
    """Store the events the running coach spooled (the coach runs this itself)."""
    drain_spool()


@coach.command("program-ids", hidden=True)
def program_ids() -> None:
    """Print the active program's exercise ids as JSON (the coach runs this itself)."""
    click.echo(json.dumps(program_exercise_ids()))
