"""``psoas plan`` (the personal program and its outputs) and ``psoas exercises``."""

from __future__ import annotations

import difflib
import json
import os
import sys
import tempfile
from collections.abc import Callable
from datetime import date, datetime, time
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, NoReturn, get_args
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import click
from rich.console import Console
from rich.markup import escape
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

import psoas
from psoas.errors import PsoasError
from psoas.knowledge.model import Condition, Equipment, Exercise, Statement
from psoas_cli.render import (
    DISCLAIMER,
    bullets,
    console,
    urgency_panel,
)

if TYPE_CHECKING:
    from psoas.assess.result import Result
    from psoas.program.model import Preferences, Program

#: exit status when the assessment does not allow a program (see the triage message)
EXIT_NOT_ALLOWED = 3
#: exit status when an output cannot be made (e.g. the PDF libraries are missing)
EXIT_FAILED = 1
#: exit status for invalid input (as in psoas_cli.main)
EXIT_INVALID = 2

SAFETY_LINE = (
    "Stop an exercise that makes your pain clearly worse. New numbness around your "
    "bottom or genitals, a change in bladder or bowel control, or weakness in both "
    "legs: call your local emergency number now."
)


def _output_path(_ctx: click.Context, param: click.Parameter, value: Any) -> Any:
    if value is not None and not value.resolve().parent.is_dir():
        msg = f"the directory {str(value.parent)!r} does not exist"
        raise click.BadParameter(msg, param=param)
    return value


def _time_zone(_ctx: click.Context, param: click.Parameter, value: Any) -> Any:
    if value is not None:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            msg = f"unknown time zone {value!r}; use a name such as Europe/London"
            raise click.BadParameter(msg, param=param) from None
    return value


def _output_option(name: str, what: str) -> Callable[[Any], Any]:
    return click.option(
        name,
        type=click.Path(dir_okay=False, writable=True, path_type=Path),
        callback=_output_path,
        help=what,
    )


@click.command()
@click.option(
    "--answers",
    "answers_file",
    type=click.File("rb"),
    required=True,
    help="The answers document (JSON) from `psoas assess`; '-' reads standard input.",
)
@click.option(
    "--minutes",
    type=click.Choice(["5", "10", "20"]),
    default="10",
    show_default=True,
    help="Minutes a day you have for the exercises.",
)
@click.option(
    "--days",
    type=click.IntRange(2, 7),
    metavar="N",
    default=5,
    show_default=True,
    help="Exercise days a week.",
)
@click.option(
    "--weeks",
    type=click.IntRange(6, 12),
    metavar="N",
    default=8,
    show_default=True,
    help="Length of the program in weeks.",
)
@click.option(
    "--level",
    type=click.Choice(["beginner", "intermediate"]),
    default="beginner",
    show_default=True,
    help="Intermediate: after the settle weeks, harder variants where they exist.",
)
@click.option(
    "--equipment",
    multiple=True,
    type=click.Choice([e for e in get_args(Equipment) if e != "none"]),
    help="Equipment you have (repeat for each). Without it: a mat, a chair, a wall, "
    "a bed and a pillow.",
)
@click.option(
    "--condition",
    "conditions",
    multiple=True,
    type=click.Choice(list(get_args(Condition))),
    help="A condition the program must respect (repeat for each).",
)
@click.option(
    "--start",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    metavar="YYYY-MM-DD",
    help="The first day of the program (YYYY-MM-DD). Default: today.",
)
@click.option("--json", "as_json", is_flag=True, help="Print the program as JSON.")
@_output_option("--ics", "Write the sessions to this iCalendar file.")
@_output_option("--html", "Write the printable handout to this HTML file.")
@_output_option("--pdf", "Write the printable handout to this PDF file.")
@click.option(
    "--time",
    "at",
    type=click.DateTime(formats=["%H:%M"]),
    metavar="HH:MM",
    default="07:30",
    show_default=True,
    help="The time of day of the sessions in the calendar (HH:MM).",
)
@click.option(
    "--tz",
    metavar="ZONE",
    callback=_time_zone,
    help="The calendar's time zone, e.g. Europe/London. Default: floating local time.",
)
@click.option(
    "--save", is_flag=True, help="Store the assessment and the program in the database."
)
def plan(
    answers_file: IO[bytes],
    minutes: str,
    days: int,
    weeks: int,
    level: str,
    equipment: tuple[str, ...],
    conditions: tuple[str, ...],
    start: datetime | None,
    ics: Path | None,
    html: Path | None,
    pdf: Path | None,
    at: datetime,
    tz: str | None,
    *,
    as_json: bool,
    save: bool,
) -> None:
    """Make your personal exercise program from an answers document.

    The program runs 6 to 12 weeks in phases (settle, then mobility, then strength),
    with each exercise's dose and the reason it was chosen. Write it as a calendar
    (--ics) and as a printable handout (--html, --pdf).

    \b
    Exit status:
      0  the program was made (and every file asked for was written)
      1  an output could not be made, e.g. the PDF libraries are missing
      2  the answers document or an option is invalid (every problem is listed)
      3  the assessment does not allow a program: its safety message is shown,
         and no file is written
    """
    from psoas.program import ProgramNotAllowed, build_program
    from psoas_cli.main import _knowledge_base, _read_answers

    kb = _knowledge_base()
    answers = _read_answers(answers_file.read(), kb)
    result = psoas.assess(answers, kb)
    preferences = _preferences(
        minutes=int(minutes),
        days=days,
        weeks=weeks,
        level=level,
        equipment=equipment,
        conditions=conditions,
    )
    today = start.date() if start is not None else date.today()
    try:
        program = build_program(result, preferences, today=today, kb=kb)
    except ProgramNotAllowed as exc:
        _not_allowed(result, str(exc))
    files = _render_files(program, kb, ics=ics, html=html, pdf=pdf, at=at.time(), tz=tz)
    if as_json:
        click.echo(
            json.dumps(program.model_dump(mode="json"), indent=2, ensure_ascii=False)
        )
    else:
        render_program(program, kb)
    for path, data in files:
        write_atomic(path, data)
        click.echo(f"Wrote {path}", err=as_json)
    if save:
        _save(answers.model_dump(mode="json", exclude_none=True), result, program)


def _preferences(
    *,
    minutes: int,
    days: int,
    weeks: int,
    level: str,
    equipment: tuple[str, ...],
    conditions: tuple[str, ...],
) -> Preferences:
    from psoas.program.model import Preferences

    fields: dict[str, Any] = {
        "minutes_per_day": minutes,
        "days_per_week": days,
        "weeks": weeks,
        "level": level,
        "conditions": frozenset(conditions),
    }
    if equipment:
        fields["equipment"] = frozenset({"none", *equipment})
    return Preferences.model_validate(fields)


def _not_allowed(result: Result, reason: str) -> None:
    err = Console(stderr=True, highlight=False)
    err.print(urgency_panel(result))
    err.print(escape(reason))
    err.print("Nothing was written or stored.")
    sys.exit(EXIT_NOT_ALLOWED)


def _render_files(
    program: Program,
    kb: psoas.KnowledgeBase,
    *,
    ics: Path | None,
    html: Path | None,
    pdf: Path | None,
    at: time,
    tz: str | None,
) -> list[tuple[Path, bytes]]:
    """Make every file asked for in memory first, so that a failure writes none."""
    from psoas.program.handout import render_handout_html, render_handout_pdf
    from psoas.program.ics import program_to_ics

    files: list[tuple[Path, bytes]] = []
    try:
        if ics is not None:
            files.append((ics, program_to_ics(program, kb, at=at, tz=tz)))
        if html is not None:
            files.append((html, render_handout_html(program, kb).encode()))
        if pdf is not None:
            files.append((pdf, render_handout_pdf(program, kb)))
    except PsoasError as exc:
        click.echo(f"psoas: {exc}", err=True)
        click.echo("No file was written.", err=True)
        sys.exit(EXIT_FAILED)
    return files


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file in the same directory.

    The file appears complete or not at all: a failure part-way leaves any earlier
    file at ``path`` as it was.
    """
    handle, temporary = tempfile.mkstemp(
        dir=path.parent, prefix=f".{path.name}.", suffix=".tmp"
    )
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(temporary, 0o666 & ~umask)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _save(answers: dict[str, Any], result: Result, program: Program) -> None:
    from psoas_web import services

    services.setup()
    person = services.local_person()
    assessment = services.save_result(person, answers, result)
    stored = services.save_program(
        person, program.model_dump(mode="json"), assessment_id=assessment.id
    )
    click.echo(
        f"Saved assessment {assessment.id} and program {stored.id} "
        f"({services.database_description()}).",
        err=True,
    )


# -- the readable summary ---------------------------------------------------------


def render_program(
    program: Program, kb: psoas.KnowledgeBase, out: Console | None = None
) -> None:
    """Print a program for people: the phases, week 1, advice and safety.

    The reasons behind the program and each exercise step by step are in the JSON and
    the handout; the terminal keeps to what a person needs to start.
    """
    from psoas.program.dose import describe
    from psoas.program.handout import session_minutes
    from psoas.program.schedule import last_session_day

    out = out or console()
    prefs = program.preferences
    last = last_session_day(program)
    out.print(
        Panel(
            Text(
                f"{len(program.weeks)} weeks from {_day(program.start)} to {_day(last)}: "
                f"about {prefs.minutes_per_day} minutes a day, {prefs.days_per_week} days "
                f"a week ({prefs.level})."
            ),
            title=Text(" Your exercise program ", "bold green"),
            title_align="left",
            border_style="green",
        )
    )
    phases = Table(title="Phases", title_justify="left", title_style="bold")
    phases.add_column("Phase", no_wrap=True)
    phases.add_column("Weeks", no_wrap=True)
    phases.add_column("Goal")
    for phase in program.phases:
        phases.add_row(phase.name, _weeks(phase.weeks), phase.goal)
    out.print(phases)
    if program.weeks:
        week = program.weeks[0]
        days = ", ".join(f"{d:%a}" for d in week.session_days)
        table = Table(
            title=f"Week 1 ({days}; about {session_minutes(week)} minutes a session)",
            title_justify="left",
            title_style="bold",
        )
        table.add_column("#", justify="right")
        table.add_column("Exercise", width=33, overflow="fold")  # the longest id
        table.add_column("Dose", max_width=22, overflow="fold")
        table.add_column("Why", overflow="fold")
        for number, p in enumerate(week.exercises, 1):
            exercise = kb.exercises.get(p.exercise_id)
            category = exercise.category if exercise else None
            table.add_row(
                str(number),
                f"{escape(p.name)}\n[dim]{p.exercise_id}[/]",
                escape(describe(p.dose, category=category)),
                escape(p.reason),
            )
        out.print(table)
    if program.advice:
        out.print("\n[bold]Between sessions[/]")
        out.print(bullets(("•", escape(a)) for a in program.advice))
    if program.excluded:
        out.print("\n[bold]Left out for you[/]")
        out.print(
            bullets(
                (
                    "•",
                    f"{escape(_exercise_name(kb, e.exercise_id))}: {escape(e.reason)}",
                )
                for e in program.excluded
            )
        )
    out.print(_safety_panel())
    out.print(
        "\n[dim]The handout (--html or --pdf) has every exercise step by step and "
        "why the program looks like this; --ics puts the sessions in your calendar; "
        "`psoas session` guides you through today's session.[/]"
    )
    out.print(f"[dim italic]{DISCLAIMER}[/]")


def _safety_panel() -> Panel:
    return Panel(
        Text(SAFETY_LINE),
        title=Text(" Safety ", "bold red"),
        title_align="left",
        border_style="red",
    )


def _day(value: date) -> str:
    return f"{value:%a} {value.day} {value:%b %Y}"


def _weeks(weeks: list[int]) -> str:
    if not weeks:
        return ""
    if len(weeks) == 1:
        return str(weeks[0])
    return f"{min(weeks)}–{max(weeks)}"


def _exercise_name(kb: psoas.KnowledgeBase, exercise_id: str) -> str:
    exercise = kb.exercises.get(exercise_id)
    return exercise.name if exercise else exercise_id


# -- psoas exercises ---------------------------------------------------------------


@click.group(invoke_without_command=True)
@click.option(
    "--json", "as_json", is_flag=True, help="Print every exercise in full as JSON."
)
@click.pass_context
def exercises(ctx: click.Context, *, as_json: bool) -> None:
    """List the exercise library; `psoas exercises show ID` shows one in full."""
    from psoas_cli.main import _knowledge_base

    if ctx.invoked_subcommand is not None:
        return
    kb = _knowledge_base()
    if as_json:
        rows = [e.model_dump(mode="json") for e in kb.exercises.values()]
        click.echo(json.dumps(rows, indent=2, ensure_ascii=False))
        return
    out = console()
    library = list(kb.exercises.values())
    fixed = {  # column widths include the 2 spaces after each column
        "Id": 2 + max(len(e.id) for e in library),
        "Category": 2 + max(len("Category"), *(len(e.category) for e in library)),
        "Level": 2 + max(len(e.level) for e in library),
    }
    # Share the rest between the columns that wrap: name 2 parts, the others 1 each.
    spare = out.width - sum(fixed.values())
    side = max(len("Equipment") + 2, spare // 4)
    share = {"Name": spare - 2 * side, "Positions": side, "Equipment": side}
    table = Table(
        title=f"Exercise library ({len(library)}; psoas exercises show ID)",
        title_justify="left",
        box=None,
        padding=(0, 2, 0, 0),
        header_style="bold",
    )
    for column in ("Id", "Name", "Category", "Positions", "Equipment", "Level"):
        if spare < 40:  # a narrow terminal: let rich share the width out
            table.add_column(column, overflow="fold")
        elif column in fixed:
            table.add_column(column, no_wrap=True, width=fixed[column])
        else:
            table.add_column(column, width=share[column])
    for e in library:
        table.add_row(
            e.id,
            e.name,
            e.category,
            ", ".join(e.positions),
            ", ".join(e.equipment),
            e.level,
        )
    out.print(table)


@exercises.command("show")
@click.argument("exercise_id", metavar="ID")
@click.option(
    "--svg",
    type=click.Path(dir_okay=False, writable=True, path_type=Path),
    callback=_output_path,
    help="Save the exercise's illustration to this SVG file.",
)
@click.option(
    "--animated",
    is_flag=True,
    help="With --svg: an illustration that moves between the poses at the exercise's "
    "pace.",
)
@click.option("--json", "as_json", is_flag=True, help="Print the exercise as JSON.")
def exercises_show(
    exercise_id: str, svg: Path | None, *, animated: bool, as_json: bool
) -> None:
    """Show one exercise in full.

    How to do it, its dose, cautions and sources; --svg saves its illustration.
    An unknown ID exits with status 2 and lists close matches.
    """
    from psoas_cli.main import _knowledge_base

    kb = _knowledge_base()
    key = exercise_id.strip().lower().replace("-", "_")
    if key not in kb.exercises:
        _unknown_exercise(exercise_id, kb)
    if animated and svg is None:
        raise click.UsageError("--animated needs --svg FILE")
    exercise = kb.exercises[key]
    if as_json:
        click.echo(
            json.dumps(exercise.model_dump(mode="json"), indent=2, ensure_ascii=False)
        )
    else:
        render_exercise(exercise, kb)
    if svg is not None:
        from psoas.figures import render_svg

        figure = kb.figures.get(key)
        if figure is None:  # the knowledge base check makes this unreachable
            click.echo(f"psoas: exercise '{key}' has no illustration.", err=True)
            sys.exit(EXIT_FAILED)
        image = render_svg(
            figure,
            animated=animated,
            tempo_s=exercise.dose.rep_s,
            title=exercise.name,
        )
        write_atomic(svg, image.encode())
        click.echo(f"Wrote {svg}", err=as_json)


def _unknown_exercise(exercise_id: str, kb: psoas.KnowledgeBase) -> NoReturn:
    click.echo(f"psoas: no exercise '{exercise_id}'.", err=True)
    close = close_exercises(exercise_id, kb)
    if close:
        click.echo(f"Did you mean: {', '.join(close)}?", err=True)
    click.echo("`psoas exercises` lists them all.", err=True)
    sys.exit(EXIT_INVALID)


def close_exercises(text: str, kb: psoas.KnowledgeBase, limit: int = 5) -> list[str]:
    """Return the ids of exercises whose id or name contains or resembles ``text``."""
    key = text.strip().lower().replace("-", "_").replace(" ", "_")
    words = key.replace("_", " ")
    found = [
        e.id
        for e in kb.exercises.values()
        if key in e.id or words in e.name.lower().replace("-", " ")
    ]
    found += difflib.get_close_matches(key, list(kb.exercises), n=limit, cutoff=0.6)
    return list(dict.fromkeys(found))[:limit]


def render_exercise(
    exercise: Exercise, kb: psoas.KnowledgeBase, out: Console | None = None
) -> None:
    """Print one exercise in full."""
    from psoas.program.dose import describe
    from psoas.program.handout import CONDITION_WORDS

    out = out or console()
    facts = Table.grid(padding=(0, 2))
    facts.add_column(style="bold", no_wrap=True)
    facts.add_column()
    for label, value in (
        ("Id", exercise.id),
        ("Category", exercise.category),
        ("Level", exercise.level),
        ("Positions", ", ".join(exercise.positions)),
        ("Equipment", ", ".join(exercise.equipment)),
        ("Works", ", ".join(exercise.targets)),
        ("Psoas load", exercise.psoas_load),
        ("Dose", describe(exercise.dose, category=exercise.category)),
        ("Up to", describe(exercise.max_dose, category=exercise.category)),
    ):
        facts.add_row(label, escape(value))
    if exercise.regression:
        facts.add_row("Easier", escape(_exercise_name(kb, exercise.regression)))
    if exercise.progression:
        facts.add_row("Harder", escape(_exercise_name(kb, exercise.progression)))
    out.print(
        Panel(
            facts,
            title=Text(f" {exercise.name} ", "bold"),
            title_align="left",
        )
    )
    out.print(f"[bold]{escape(exercise.purpose)}[/]")
    out.print("\n[bold]Starting position[/]")
    out.print(bullets([("", escape(exercise.start))]))
    out.print("\n[bold]Steps[/]")
    out.print(bullets((f"{n}.", escape(s)) for n, s in enumerate(exercise.steps, 1)))
    for title, items in (
        ("Cues", exercise.cues),
        ("Common mistakes", exercise.mistakes),
    ):
        if items:
            out.print(f"\n[bold]{title}[/]")
            out.print(bullets(("•", escape(i)) for i in items))
    refs: dict[str, int] = {}
    if exercise.cautions or exercise.contraindications or exercise.no_safer_variant:
        out.print("\n[bold yellow]Take care[/]")
        rows = [_statement(c, refs) for c in exercise.cautions]
        if exercise.contraindications:
            ask = "; or if ".join(
                CONDITION_WORDS[c] for c in exercise.contraindications
            )
            rows.append(("•", f"Ask a doctor or physiotherapist first if {ask}."))
        if exercise.no_safer_variant:
            rows.append(
                ("•", f"No easier version: {escape(exercise.no_safer_variant)}")
            )
        out.print(bullets(rows))
    out.print("\n[bold]Why it is in the library[/]")
    out.print(bullets([_statement(exercise.why, refs)]))
    for source_id in exercise.sources:
        refs.setdefault(source_id, len(refs) + 1)
    out.print("\n[bold]Sources[/]")
    sources = Table.grid(padding=(0, 1))
    sources.add_column(width=4, justify="right", no_wrap=True)
    sources.add_column(ratio=1, overflow="fold")
    for source_id, number in refs.items():
        sources.add_row(f"[{number}]", f"[dim]{escape(_citation(kb, source_id))}[/]")
    out.print(sources)
    out.print(_safety_panel())


def _citation(kb: psoas.KnowledgeBase, source_id: str) -> str:
    source = kb.sources.get(source_id)
    return source.citation if source else source_id


def _statement(statement: Statement, refs: dict[str, int]) -> tuple[str, str]:
    numbers = [refs.setdefault(s, len(refs) + 1) for s in statement.sources]
    marks = "".join(f"[{n}]" for n in numbers)
    caveat = "" if statement.verified else " (not verified against a published source)"
    return "•", f"{escape(statement.text)} [dim]{escape(marks)}{caveat}[/]"
