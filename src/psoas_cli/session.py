"""``psoas session``: today's exercises, one by one, with timers and pain checks.

The flow: ask whether the pain of the last session settled by the next morning; let the
pain-monitoring rule (``psoas.program.progress``) adjust the program or stop it; find
today's exercises; a one-question safety check; pain before; each exercise with its
cues, timed holds, reps and rests; pain after each exercise and after the session; store
it all through :mod:`psoas_web.services`.

Timers run only in a terminal (stdin and stdout both a TTY) without ``--no-timers``;
there the keys p, s, q and ! work without Enter. Otherwise (piped input, scripts, screen
readers, or people who keep their own pace) each set ends with a menu: Enter when done,
or skip, quit, or report a warning sign. A warning sign at any point stops the session
and shows the knowledge base's advice for that urgency.
"""

from __future__ import annotations

import datetime
import os
import sys
import time
from collections.abc import Callable, Sequence
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass, field
from typing import IO, TYPE_CHECKING, Any, Literal, Protocol

import click

from psoas.knowledge import KnowledgeBase, Urgency
from psoas.knowledge.model import Dose
from psoas.program.dose import describe
from psoas.program.model import Program, ProgramWeek
from psoas.program.schedule import next_session, week_of
from psoas_cli.prompts import InterviewStopped, Options, Prompter

if TYPE_CHECKING:
    from django.contrib.auth.models import User
    from rich.console import Console

    from psoas_web.records.models import StoredProgram

#: what can end a timed step or a set early
Event = Literal["done", "skip", "quit", "red_flag"]

#: the menu after each set when there are no timers; the values are also the keys
SET_MENU: Options = [
    ("d", "Done"),
    ("s", "Skip this exercise"),
    ("q", "Quit and save"),
    ("!", "New warning sign"),
]
READY_MENU: Options = [("d", "Start"), *SET_MENU[1:]]
MENU_EVENTS: dict[str, Event] = {"d": "done", "s": "skip", "q": "quit", "!": "red_flag"}
SKIP_REASONS: Options = [
    ("too_painful", "Too painful"),
    ("no_time", "No time"),
    ("no_equipment", "No equipment"),
    ("other", "Something else"),
]
YES_NO: Options = [("no", "No"), ("yes", "Yes")]
SETTLED: Options = [("yes", "Yes"), ("no", "No"), ("unsure", "Not sure")]
WHICH_SIGN: Options = [
    (
        "emergency",
        "Numbness around my bottom or genitals, a bladder or bowel change, "
        "or weakness in both legs",
    ),
    ("urgent", "A fever, or pain much worse than usual"),
    ("unsure", "Not sure"),
]
SAFETY_QUESTION = (
    "Quick safety check. Since your last session, have you noticed any of these?\n"
    "- new numbness or a changed feeling around your bottom, genitals or inner thighs\n"
    "- a change in bladder or bowel control\n"
    "- weakness in both legs\n"
    "- a fever\n"
    "- pain much worse than usual"
)
PAIN_SCALE = "(0 = no pain, 10 = the worst pain you can imagine)"
#: pain above this after an exercise: suggest stopping for today
PAIN_STOP = 7
#: seconds to change sides in a per-side exercise (timers only)
SWITCH_S = 5.0
KEYS_HINT = "Keys: p pause/resume · s skip · q quit and save · ! new warning sign"


# --- timers ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Clock:
    """The time source and the sleep the timers use (a fake in the tests)."""

    now: Callable[[], float] = time.monotonic
    sleep: Callable[[float], None] = time.sleep
    tick: float = 0.1  # how often the bar redraws and keys are read


class Keys(Protocol):
    """A source of single key presses, read without Enter."""

    def poll(self) -> str | None:
        """Return a key pressed since the last call, or None."""
        ...


class NoKeys:
    """No keyboard: the timers run to the end."""

    def poll(self) -> str | None:
        """Return None: no key is ever pressed."""
        return None


class TerminalKeys:
    """Keys from a terminal in cbreak mode: no Enter, no echo, Ctrl-C still works.

    Use it as a context manager; the terminal's settings are restored on exit, also
    when Ctrl-C raises KeyboardInterrupt.
    """

    def __init__(self, stream: IO[str]) -> None:
        """Read keys from ``stream``, a terminal."""
        self._fd = stream.fileno()
        self._saved: list[Any] = []

    def __enter__(self) -> TerminalKeys:
        """Switch the terminal to cbreak mode."""
        import termios
        import tty

        self._saved = termios.tcgetattr(self._fd)
        tty.setcbreak(self._fd)
        return self

    def __exit__(self, *exc: object) -> None:
        """Restore the terminal's settings."""
        import termios

        termios.tcsetattr(self._fd, termios.TCSADRAIN, self._saved)

    def poll(self) -> str | None:
        """Return a key if one is waiting, else None (never blocks)."""
        import select

        ready, _, _ = select.select([self._fd], [], [], 0)
        if not ready:
            return None
        return os.read(self._fd, 1).decode(errors="replace")


@dataclass(frozen=True)
class Step:
    """One timed stretch of an exercise: a hold, a run of reps, a rest, a change."""

    kind: Literal["hold", "reps", "move", "rest", "switch"]
    seconds: float
    label: str
    reps: int = 0
    rep_s: float = 0.0

    def status(self, elapsed: float) -> str:
        """Return what to show after ``elapsed`` seconds: the rep, or the time left."""
        if self.kind == "reps":
            rep = min(self.reps, int(elapsed // self.rep_s) + 1)
            return f"rep {rep} of {self.reps}"
        left = max(0, int(self.seconds - elapsed + 0.999))
        return f"{left} s left"


def run_timed(step: Step, *, clock: Clock, keys: Keys, console: Console) -> Event:
    """Show ``step`` as a progress bar until its time is up or a key ends it.

    Time counts from ``clock.now`` and only while not paused: p (or space) pauses
    and resumes. s, q and ! end the step at once with "skip", "quit" or "red_flag".
    """
    from rich.progress import BarColumn, Progress, TextColumn

    elapsed = 0.0
    paused = False
    style = "green" if step.kind in {"hold", "reps"} else "blue"
    columns = (
        TextColumn("  {task.description}"),
        BarColumn(bar_width=32, complete_style=style, finished_style=style),
        TextColumn("{task.fields[status]}"),
    )
    with Progress(*columns, console=console, transient=True, auto_refresh=False) as bar:
        task = bar.add_task(step.label, total=step.seconds, status=step.status(0))
        bar.refresh()
        last = clock.now()
        while elapsed < step.seconds:
            key = keys.poll()
            if key is not None:
                event = _key_event(key.lower())
                if event is not None:
                    return event
                if key in {"p", "P", " "}:
                    paused = not paused
            clock.sleep(
                clock.tick if paused else min(clock.tick, step.seconds - elapsed)
            )
            now = clock.now()
            if not paused:
                elapsed = min(step.seconds, elapsed + now - last)
            last = now
            status = "paused · press p to go on" if paused else step.status(elapsed)
            bar.update(task, completed=elapsed, status=status)
            bar.refresh()
    return "done"


def _key_event(key: str) -> Event | None:
    event = MENU_EVENTS.get(key)
    return None if event == "done" else event


# --- what one exercise consists of -------------------------------------------------------


@dataclass(frozen=True)
class Block:
    """One set on one side: the work, then the rest before the next block."""

    number: int  # the set, 1-based
    sets: int
    side: str | None  # "left side", "right side" or None
    dose: Dose
    rest_after: float

    @property
    def title(self) -> str:
        """Return e.g. "Set 1 of 2, left side" (or "Hold 1 of 2" for single holds)."""
        word = "Hold" if self.dose.reps is None else "Set"
        side = f", {self.side}" if self.side else ""
        return f"{word} {self.number} of {self.sets}{side}"

    @property
    def instruction(self) -> str:
        """Return what to do in this block, e.g. "10 reps" or "hold for 30 s"."""
        reps, hold = self.dose.reps, self.dose.hold_s
        if reps is not None and hold is not None:
            return f"{reps} reps, holding each for {hold} s"
        if reps is not None:
            return f"{reps} reps, about {_seconds(self.dose.rep_s)} s each"
        return f"hold for {hold} s"

    def steps(self) -> list[Step]:
        """Return the timed steps of this block, rest and change of side included."""
        dose, label = self.dose, self.title
        if dose.reps is not None and dose.hold_s is not None:
            work: list[Step] = []
            for rep in range(1, dose.reps + 1):
                counted = f"{label} · rep {rep} of {dose.reps}"
                work.append(Step("move", dose.rep_s, f"{counted} · move"))
                work.append(Step("hold", dose.hold_s, f"{counted} · hold"))
        elif dose.reps is not None:
            work = [Step("reps", dose.reps * dose.rep_s, label, dose.reps, dose.rep_s)]
        else:
            work = [Step("hold", float(dose.hold_s or 0), f"{label} · hold")]
        if self.rest_after > 0:
            kind: Literal["rest", "switch"] = (
                "switch" if self.side == "left side" else "rest"
            )
            text = "Change sides" if kind == "switch" else "Rest"
            work.append(Step(kind, self.rest_after, text))
        return work


def plan_blocks(dose: Dose) -> list[Block]:
    """Return the blocks of ``dose`` in order: each set, left then right when per side."""
    sides: Sequence[str | None] = (
        ("left side", "right side") if dose.per_side else (None,)
    )
    blocks = []
    for number in range(1, dose.sets + 1):
        for side in sides:
            last_of_set = side is sides[-1]
            if not last_of_set:
                rest = SWITCH_S
            elif number < dose.sets:
                rest = float(dose.rest_s)
            else:
                rest = 0.0
            blocks.append(Block(number, dose.sets, side, dose, rest))
    return blocks


def _count(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def _seconds(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:.1f}"


# --- the session ------------------------------------------------------------------------


@dataclass
class Record:
    """What happened so far in this session, ready to store."""

    day: datetime.date
    week: int
    started_at: datetime.datetime
    completed: list[str] = field(default_factory=list)
    skipped: list[dict[str, str]] = field(default_factory=list)
    pain_before: int | None = None
    pain_during: int | None = None
    pain_after: int | None = None
    new_red_flag: bool = False
    stopped: str = ""

    def pain(self, score: int | None) -> None:
        """Keep the highest pain reported during the session."""
        if score is not None:
            self.pain_during = max(score, self.pain_during or 0)


class Stop(Exception):  # noqa: N818 - a control-flow signal, not an error
    """The session ends early: "quit" or "red_flag"."""

    def __init__(self, why: Literal["quit", "red_flag"]) -> None:
        """Stop for ``why``."""
        super().__init__(why)
        self.why: Literal["quit", "red_flag"] = why


@dataclass
class Guide:
    """Runs the exercises of one session and talks to the person."""

    kb: KnowledgeBase
    prompter: Prompter
    timed: bool
    clock: Clock = field(default_factory=Clock)
    console: Console = field(default_factory=lambda: _console())
    keys: Callable[[], AbstractContextManager[Keys]] = lambda: nullcontext(NoKeys())

    def exercises(self, week: ProgramWeek, record: Record) -> None:
        """Run each exercise of ``week``, filling ``record``; raise Stop to end early."""
        total = len(week.exercises)
        for number, prescription in enumerate(week.exercises, start=1):
            self._show(
                number,
                total,
                prescription.exercise_id,
                prescription.name,
                prescription.dose,
            )
            event = self._do(prescription.dose)
            if event == "skip":
                reason = self.prompter.choose("Why are you skipping it?", SKIP_REASONS)
                record.skipped.append(
                    {"exercise_id": prescription.exercise_id, "reason": reason}
                )
            elif event == "done":
                record.completed.append(prescription.exercise_id)
            else:
                raise Stop(event)
            score = self.pain("Pain right now?")
            record.pain(score)
            if score is not None and score > PAIN_STOP and number < total:
                self._suggest_stopping(score)

    def pain(self, question: str) -> int | None:
        """Ask for a pain score from 0 to 10 (None when left blank)."""
        score = self.prompter.number(
            f"{question} {PAIN_SCALE}",
            minimum=0,
            maximum=10,
            integer=True,
        )
        return None if score is None else int(score)

    def _suggest_stopping(self, score: int) -> None:
        choice = self.prompter.choose(
            f"Your pain is {score} out of 10. That is high: we suggest you stop here "
            "for today. What you did is saved either way.",
            [("stop", "Stop for today"), ("go", "Carry on gently")],
            default="stop",
        )
        if choice == "stop":
            raise Stop("quit")

    def _show(
        self, number: int, total: int, exercise_id: str, name: str, dose: Dose
    ) -> None:
        exercise = self.kb.exercises.get(exercise_id)
        self.prompter.say(f"\nExercise {number} of {total}: {name}", style="bold")
        if exercise is None:
            self.prompter.say(f"Today: {describe(dose)}.")
            return
        lines = [exercise.purpose, "", f"Starting position: {exercise.start}", ""]
        lines += [f"{n}. {text}" for n, text in enumerate(exercise.steps, start=1)]
        if exercise.cues:
            lines += ["", "Keep in mind:", *(f"- {cue}" for cue in exercise.cues)]
        self.prompter.say("\n".join(lines))
        self.prompter.say(f"\nToday: {describe(dose)}.", style="bold")

    def _do(self, dose: Dose) -> Event:
        if not self.timed:
            return self._do_at_own_pace(dose)
        start = MENU_EVENTS[
            self.prompter.choose(
                "Get into the starting position.", READY_MENU, default="d"
            )
        ]
        if start != "done":
            return start
        self.console.print(f"[dim]{KEYS_HINT}[/]")
        with self.keys() as keys:
            for block in plan_blocks(dose):
                for step in block.steps():
                    if step.kind in {"rest", "switch"}:  # the work is done
                        self.console.print(f"  [green]✓[/] {block.title}")
                    event = run_timed(
                        step, clock=self.clock, keys=keys, console=self.console
                    )
                    if event != "done":
                        return event
                if not block.rest_after:
                    self.console.print(f"  [green]✓[/] {block.title}")
        return "done"

    def _do_at_own_pace(self, dose: Dose) -> Event:
        for block in plan_blocks(dose):
            rest = ""
            if block.rest_after and block.side == "left side":
                rest = " Then change sides."
            elif block.rest_after:
                rest = f" Then rest about {_seconds(block.rest_after)} s."
            choice = self.prompter.choose(
                f"{block.title}: {block.instruction}. Choose Done (or press Enter) "
                f"when you have finished.{rest}",
                SET_MENU,
                default="d",
            )
            if MENU_EVENTS[choice] != "done":
                return MENU_EVENTS[choice]
        return "done"


def _console() -> Console:
    from rich.console import Console  # imported here: rich is slow to import

    return Console(highlight=False)


def warning_level(prompter: Prompter) -> Urgency:
    """Ask which warning sign it is; return the urgency whose advice to show."""
    answer = prompter.choose(
        "A new warning sign needs checking first. Which of these is it?", WHICH_SIGN
    )
    return Urgency.URGENT if answer == "urgent" else Urgency.EMERGENCY


def show_advice(kb: KnowledgeBase, prompter: Prompter, level: Urgency) -> None:
    """Show the knowledge base's advice for ``level``: title, message, safety net."""
    from psoas_cli.render import LEVEL_STYLE

    advice = kb.level(level)
    prompter.say(f"\n{advice.title}", style=LEVEL_STYLE[level])
    prompter.say(advice.message)
    prompter.say(f"\n{advice.safety_net}")


# --- the command ------------------------------------------------------------------------


@click.command()
@click.option(
    "--date",
    "day",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    metavar="YYYY-MM-DD",
    help="Log the session for this day instead of today.",
)
@click.option(
    "--no-timers",
    is_flag=True,
    help="No countdowns: press Enter when each set or hold is done, at your own pace.",
)
def session(day: datetime.datetime | None, *, no_timers: bool) -> None:
    """Do today's exercises, one by one, with timers and pain checks.

    Needs a saved program (`psoas plan --answers FILE --save`). Each exercise shows its
    starting position, steps and cues; holds count down and reps are paced. In a
    terminal, press p to pause, s to skip, q to quit and save, ! for a new warning
    sign; with --no-timers, or when input is piped, you say when each set is done.
    Your pain before, during and after is stored with the session. On a rest day you
    can do the next session's exercises, or not.
    """
    from psoas_cli.main import _knowledge_base
    from psoas_cli.prompts import make_prompter
    from psoas_web import services

    services.setup()
    person = services.local_person()
    stored = services.active_program(person)
    if stored is None:
        click.echo(
            "psoas: you have no saved program yet. Make one first with\n"
            "  psoas plan --answers FILE --save\n"
            "(FILE is your answers document; `psoas assess` can write one).",
            err=True,
        )
        sys.exit(1)
    today = day.date() if day else datetime.date.today()
    kb = _knowledge_base()
    prompter = make_prompter()
    timed = not no_timers and sys.stdin.isatty() and sys.stdout.isatty()
    timed = timed and _has_termios()
    guide = Guide(
        kb,
        prompter,
        timed,
        keys=lambda: TerminalKeys(sys.stdin),
    )
    _run(person, stored, today, guide)


def _has_termios() -> bool:
    try:
        import termios  # noqa: F401
    except ImportError:  # e.g. on Windows: sessions run as with --no-timers
        return False
    return True


def _run(
    person: User, stored: StoredProgram, today: datetime.date, guide: Guide
) -> None:
    prompter = guide.prompter
    _ask_settled(person, today, prompter)
    program = _progress(person, stored, today, guide)
    if program is None:
        return
    found = _todays_week(program, today, prompter, person, stored)
    if found is None:
        return
    week, note = found
    record = Record(today, week.week, datetime.datetime.now(datetime.UTC))
    prompter.say(
        f"\nToday's session, week {week.week} ({week.phase}): "
        f"{len(week.exercises)} exercises, about "
        f"{round(sum(p.minutes for p in week.exercises))} minutes.{note}",
        style="bold",
    )
    if prompter.choose(SAFETY_QUESTION, YES_NO) == "yes":
        _stop_for_warning(record, guide)
        _save(person, stored, record)
        return
    record.pain_before = guide.pain("Before you start: how much pain do you have now?")
    how = (
        "choose Start when you are in position, then the timer paces you. " + KEYS_HINT
        if guide.timed
        else "after each set choose Done (or just press Enter), or s to skip the "
        "exercise, q to quit and save, ! if you notice a new warning sign."
    )
    prompter.say(
        "\nGo gently, and stop any exercise that makes your pain worse. For each "
        f"exercise, {how}"
    )
    try:
        guide.exercises(week, record)
    except Stop as stop:
        record.stopped = stop.why
        if stop.why == "red_flag":
            _stop_for_warning(record, guide)
            _save(person, stored, record)
            return
    except (KeyboardInterrupt, click.Abort, InterviewStopped):
        record.stopped = "quit"
        _save(person, stored, record)
        click.echo("\nStopped. What you did so far is saved.", err=True)
        sys.exit(1)
    done = "You stopped early; that is fine." if record.stopped else "Well done."
    record.pain_after = guide.pain(f"\n{done} How much pain do you have now?")
    _save(person, stored, record)
    _summary(record, week, prompter)


def _ask_settled(person: User, today: datetime.date, prompter: Prompter) -> None:
    """Ask about the latest earlier session with exercises done, if not yet known."""
    from psoas_web import services

    earlier = [
        s for s in services.list_sessions(person) if s.day < today and s.completed
    ]
    if not earlier or earlier[-1].settled_next_morning is not None:
        return
    last = earlier[-1]
    answer = prompter.choose(
        f"Did the pain from your last session ({_day(last.day)}) settle by the next "
        "morning?",
        SETTLED,
    )
    # "Not sure" counts as not settled: the rule then holds rather than progresses.
    services.record_settled(person, last.id, answer == "yes")


def _progress(
    person: User, stored: StoredProgram, today: datetime.date, guide: Guide
) -> Program | None:
    """Apply the pain-monitoring rule; return the program to use, None to stop."""
    from psoas.program import progress
    from psoas_web import services

    prompter = guide.prompter
    program = Program.model_validate(stored.program)
    logs = services.session_logs(person, stored)
    outcome = progress(program, logs, today=today, kb=guide.kb)
    if outcome.decision == "stop" or outcome.rescreen:
        prompter.say(f"\nNo exercises today. {outcome.reason}", style="bold")
        show_advice(guide.kb, prompter, Urgency.URGENT)
        prompter.say(
            "\nWhen you have been checked, run `psoas assess` again; if it says "
            "exercise is safe, make a new program with `psoas plan --answers FILE "
            "--save`."
        )
        return None
    if outcome.program != program:
        services.update_program(person, stored, outcome.program.model_dump(mode="json"))
        # Each adjustment's reason repeats the cause the overall reason starts with.
        cause = outcome.reason.split(". ", 1)[0] + ": "
        lines = ["\nYour program changes from today.", outcome.reason]
        lines += [
            f"- {_first_upper(change.reason.removeprefix(cause))}"
            for change in outcome.adjustments
            if change.action != "hold"
        ]
        prompter.say("\n".join(lines))
    elif logs and outcome.decision != "progress":
        prompter.say(f"\n{outcome.reason}")
    return outcome.program


def _todays_week(
    program: Program,
    today: datetime.date,
    prompter: Prompter,
    person: User,
    stored: StoredProgram,
) -> tuple[ProgramWeek, str] | None:
    """Return today's week (and a note), offering the next session on a rest day."""
    from psoas_web import services

    week = week_of(program, today)
    if week is not None and today in week.session_days:
        done = [
            s for s in services.list_sessions(person, program=stored) if s.day == today
        ]
        if (
            done
            and prompter.choose(
                "You have already logged a session today. Do another one?",
                YES_NO,
                default="no",
            )
            == "no"
        ):
            prompter.say("See you next time.")
            return None
        return week, ""
    upcoming = next_session(program, today)
    if upcoming is None:
        last = program.weeks[-1]
        prompter.say(
            f"Your program ended with week {last.week} "
            f"(from {_day(last.start)}). Well done for getting this far. "
            "Run `psoas assess` again to see where you are, and make a new program "
            "with `psoas plan --answers FILE --save`."
        )
        return None
    next_day, next_week = upcoming
    why = (
        f"Your program starts on {_day(program.start)}."
        if today < program.start
        else f"Today is a rest day in your program. Your next session is on "
        f"{_day(next_day)}."
    )
    answer = prompter.choose(
        f"{why} Rest days are part of the plan. Do that session's exercises today "
        "anyway?",
        [("no", "No, not today"), ("yes", "Yes, do them now")],
        default="no",
    )
    if answer == "no":
        prompter.say(f"Fine. See you on {_day(next_day)}.")
        return None
    return next_week, f"\n(These are the exercises planned for {_day(next_day)}.)"


def _stop_for_warning(record: Record, guide: Guide) -> None:
    record.new_red_flag = True
    record.stopped = "red_flag"
    level = warning_level(guide.prompter)
    guide.prompter.say(
        "\nThe session stops here. Please do not carry on with the exercises.",
        style="bold",
    )
    show_advice(guide.kb, guide.prompter, level)
    guide.prompter.say(
        "\nThis session is saved with the warning sign noted. `psoas session` offers "
        "no more exercises until a new safety screen (`psoas assess`) allows them."
    )


def _save(person: User, stored: StoredProgram, record: Record) -> None:
    from psoas_web import services

    services.save_session(
        person,
        stored,
        day=record.day,
        week=record.week,
        completed=record.completed,
        skipped=record.skipped,
        pain_before=record.pain_before,
        pain_during=record.pain_during,
        pain_after=record.pain_after,
        new_red_flag=record.new_red_flag,
        stopped=record.stopped,
        started_at=record.started_at,
        finished_at=datetime.datetime.now(datetime.UTC),
    )


def _summary(record: Record, week: ProgramWeek, prompter: Prompter) -> None:
    names = {p.exercise_id: p.name for p in week.exercises}
    reasons = dict(SKIP_REASONS)
    lines = [
        f"\nSession saved: {len(record.completed)} of {len(week.exercises)} "
        "exercises done."
    ]
    lines += [
        f"- Skipped {names.get(s['exercise_id'], s['exercise_id'])}: "
        f"{reasons.get(s['reason'], s['reason']).lower()}"
        for s in record.skipped
    ]
    scores = [
        f"{label} {value}/10"
        for label, value in (
            ("before", record.pain_before),
            ("highest during", record.pain_during),
            ("after", record.pain_after),
        )
        if value is not None
    ]
    if scores:
        lines.append(f"Pain: {', '.join(scores)}.")
    lines.append(
        "Next time, `psoas session` first asks whether today's pain settled by the "
        "next morning: that decides whether your program steps up."
    )
    prompter.say("\n".join(lines))


def _first_upper(text: str) -> str:
    return text[:1].upper() + text[1:]


def _day(day: datetime.date) -> str:
    return f"{day:%A} {day.day} {day:%B}"
