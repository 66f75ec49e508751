"""The printable handout: the program as HTML with print CSS, and as PDF.

The HTML is self-contained (inline CSS and inline SVG illustrations, no external
resources) so it prints the same anywhere and works offline. The PDF is the same HTML
laid out by WeasyPrint, which needs the Pango system libraries.
"""

from __future__ import annotations

import math
import re
import warnings
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from types import ModuleType

from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup

import psoas
from psoas.errors import PsoasError
from psoas.figures import PSOAS_COLOURS, render_svg
from psoas.knowledge import KnowledgeBase, Urgency
from psoas.knowledge.model import Condition, Exercise
from psoas.program.dose import describe
from psoas.program.model import Program, ProgramWeek

#: the sources behind the pain-monitoring rule and "stop if it gets worse"
RULE_SOURCES = ("x17", "x18", "s1", "s2")

#: a condition as the end of "Ask a professional first if ..."
CONDITION_WORDS: dict[Condition, str] = {
    "pregnancy": "you are pregnant",
    "recent_hip_replacement": "you have had a hip replaced recently",
    "osteoporosis": "you have osteoporosis or have broken a bone easily",
    "hernia": "you have a hernia",
    "acute_flare": "your pain is in a bad flare-up",
}

PATTERN_WORDS = {
    "high": "Your pain pattern fits the iliopsoas (the deep hip flexor) well.",
    "moderate": "Your pain pattern fits the iliopsoas (the deep hip flexor) in part.",
    "low": (
        "Your pain pattern does not point clearly to the iliopsoas, so the program "
        "is general care for the low back and hips."
    ),
}

#: the width the figures are drawn at (CSS scales them to the card)
FIGURE_WIDTH = 320

PDF_LIBRARIES = "Pango (libpango-1.0-0 and libpangoft2-1.0-0 on Debian and Ubuntu)"


class PdfUnavailable(PsoasError):  # noqa: N818 - the name the issue uses
    """The PDF back-end (WeasyPrint) cannot run: its system libraries are missing."""


def session_minutes(week: ProgramWeek) -> int:
    """Return the minutes one session of ``week`` takes, rounded up (at least 1)."""
    return max(1, math.ceil(sum(p.minutes for p in week.exercises) - 1e-9))


def render_handout_html(program: Program, kb: KnowledgeBase) -> str:
    """Return the printable handout as one self-contained HTML document.

    Args:
        program: the program to print.
        kb: the knowledge base it was built from (exercises, figures, sources,
            safety wording).
    """
    template = _environment().get_template("handout.html.j2")
    return template.render(h=_handout(program, kb))


def render_handout_pdf(program: Program, kb: KnowledgeBase) -> bytes:
    """Return the handout as a PDF.

    Raises:
        PdfUnavailable: WeasyPrint cannot load its system libraries.
    """
    html = render_handout_html(program, kb)
    write_pdf = _load_weasyprint()
    try:
        return write_pdf(html)
    except OSError as exc:  # a library that loads lazily, e.g. a font back-end
        raise PdfUnavailable(_missing_message(exc)) from exc


def _load_weasyprint() -> Callable[[str], bytes]:
    """Return a function from HTML to PDF bytes, or raise PdfUnavailable."""
    try:
        weasyprint = _import_weasyprint()
    except OSError as exc:
        raise PdfUnavailable(_missing_message(exc)) from exc

    def write_pdf(html: str) -> bytes:
        pdf: bytes = weasyprint.HTML(string=html).write_pdf()
        return pdf

    return write_pdf


def _import_weasyprint() -> ModuleType:
    """Import WeasyPrint: the boundary where missing system libraries show up.

    WeasyPrint loads Pango through ctypes when it is imported, and raises OSError when
    the libraries are not installed.
    """
    with warnings.catch_warnings():
        # WeasyPrint 70 runs without HarfBuzz-Subset (it embeds fonts without
        # subsetting them) and says later versions will need it; not the user's concern.
        warnings.filterwarnings(
            "ignore", message="HarfBuzz-Subset", category=DeprecationWarning
        )
        import weasyprint  # type: ignore[import-untyped]

    module: ModuleType = weasyprint
    return module


def _missing_message(exc: OSError) -> str:
    return (
        f"cannot make a PDF: WeasyPrint could not load its system libraries ({exc}). "
        f"Install {PDF_LIBRARIES}, for example "
        "'sudo apt-get install libpango-1.0-0 libpangoft2-1.0-0', or print the HTML "
        "handout (--html) from a browser instead."
    )


def _environment() -> Environment:
    env = Environment(
        loader=PackageLoader("psoas.program", "templates"),
        autoescape=select_autoescape(["html", "j2"], default=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["day"] = _day
    env.filters["weekday"] = _weekday
    return env


def _day(value: date) -> str:
    return f"{value:%a} {value.day} {value:%b}"


def _weekday(value: date) -> str:
    return f"{value:%a} {value.day}"


# -- the view model: everything the template shows, worked out here ------------------


@dataclass
class ExerciseCard:
    """One exercise as the handout shows it."""

    exercise: Exercise
    number: int
    weeks: str  # "Weeks 1–4"
    doses: list[tuple[str, str]]  # (weeks, dose in words)
    reasons: list[str]
    svg: Markup | None
    cautions: list[str]
    ask_first: list[str]
    easier: str | None
    harder: str | None


@dataclass
class WeekRow:
    """One row of the weekly schedule."""

    week: ProgramWeek
    phase: str
    end: date
    numbers: list[int]  # the card numbers of the week's exercises
    minutes: int

    @property
    def dates(self) -> str:
        """Return the week's span, e.g. "2–7 Jun" or "30 Jun – 5 Jul"."""
        first = self.week.start
        if (first.year, first.month) == (self.end.year, self.end.month):
            return f"{first.day}–{self.end.day} {self.end:%b}"
        return f"{first.day} {first:%b} – {self.end.day} {self.end:%b}"


@dataclass
class Handout:
    """Everything the handout template shows."""

    program: Program
    title: str
    summary: list[str]
    plan_line: str
    level_title: str
    safety_net: str
    cards: list[ExerciseCard]
    schedule: list[WeekRow]
    phases: list[tuple[str, str, str]]  # (name, weeks, goal)
    excluded: list[tuple[str, str]]
    sources: list[tuple[str, str]]  # (short, citation)
    footer: str
    colours: dict[str, str]  # the iliopsoas line's colour by state, for the legend


def _handout(program: Program, kb: KnowledgeBase) -> Handout:
    cards = _cards(program, kb)
    number = {card.exercise.id: card.number for card in cards}
    level = kb.level(Urgency(program.assessment.level))
    phase_names = {phase.id: phase.name for phase in program.phases}
    schedule = [
        WeekRow(
            week=week,
            phase=phase_names.get(week.phase, week.phase),
            end=max(week.session_days, default=week.start),
            numbers=[number[p.exercise_id] for p in week.exercises],
            minutes=session_minutes(week),
        )
        for week in program.weeks
    ]
    prefs = program.preferences
    last = max((w.end for w in schedule), default=program.start)
    return Handout(
        program=program,
        title="Your psoas exercise program",
        summary=_summary(program, kb),
        plan_line=(
            f"{len(program.weeks)} weeks, {_day(program.start)} {program.start.year} "
            f"to {_day(last)} {last.year}: about {prefs.minutes_per_day} minutes a "
            f"day, {prefs.days_per_week} days a week."
        ),
        level_title=level.title,
        safety_net=level.safety_net,
        cards=cards,
        schedule=schedule,
        phases=[
            (phase.name, _weeks(phase.weeks), phase.goal) for phase in program.phases
        ],
        excluded=[
            (kb.exercises[e.exercise_id].name, e.reason)
            if e.exercise_id in kb.exercises
            else (e.exercise_id, e.reason)
            for e in program.excluded
        ],
        sources=_sources(program, kb, cards, level.sources),
        colours={str(state): colour for state, colour in PSOAS_COLOURS.items()},
        footer=(
            f"Made by psoas {psoas.__version__} on {program.created.day} {program.created:%B %Y} "
            f"(knowledge base {program.kb_version}). psoas is not a diagnosis and "
            "does not replace care from a doctor or physiotherapist."
        ),
    )


def _summary(program: Program, kb: KnowledgeBase) -> list[str]:
    assessment = program.assessment
    lines = []
    if assessment.level == Urgency.SELF_CARE:
        lines.append("Your assessment found no warning signs that need a doctor first.")
    else:
        title = kb.level(Urgency(assessment.level)).title
        lines.append(
            f"Your assessment advised: {title.lower()}. This program is gentle enough "
            "to use while you wait, unless the professional you see says otherwise."
        )
    lines.append(PATTERN_WORDS.get(assessment.pattern, ""))
    names = [
        kb.exposures[e].name.lower() if e in kb.exposures else e.replace("_", " ")
        for e in assessment.exposures
    ]
    if names:
        lines.append(
            f"It is built around what you told us about your days: {_join(names)}."
        )
    prefs = program.preferences
    kit = sorted(e for e in prefs.equipment if e != "none")
    kit_words = f"Equipment available: {_join(kit)}." if kit else "No equipment."
    lines.append(f"Level: {prefs.level}. {kit_words}")
    if prefs.conditions:
        lines.append(
            "Adjusted because "
            + _join([CONDITION_WORDS[c] for c in sorted(prefs.conditions)])
            + "."
        )
    return [line for line in lines if line]


def _cards(program: Program, kb: KnowledgeBase) -> list[ExerciseCard]:
    order: list[str] = []
    by_exercise: dict[str, list[tuple[int, str, str]]] = {}
    for week in program.weeks:
        for p in week.exercises:
            if p.exercise_id not in by_exercise:
                order.append(p.exercise_id)
                by_exercise[p.exercise_id] = []
            exercise = kb.exercises[p.exercise_id]
            words = describe(p.dose, category=exercise.category)
            by_exercise[p.exercise_id].append((week.week, words, p.reason))
    cards = []
    for number, exercise_id in enumerate(order, 1):
        exercise = kb.exercises[exercise_id]
        rows = by_exercise[exercise_id]
        cards.append(
            ExerciseCard(
                exercise=exercise,
                number=number,
                weeks=_weeks([w for w, _, _ in rows]),
                doses=_dose_runs(rows),
                reasons=list(dict.fromkeys(reason for _, _, reason in rows)),
                svg=_illustration(kb, exercise),
                cautions=[c.text for c in exercise.cautions],
                ask_first=[CONDITION_WORDS[c] for c in exercise.contraindications],
                easier=_name(kb, exercise.regression),
                harder=_name(kb, exercise.progression),
            )
        )
    return cards


def _dose_runs(rows: list[tuple[int, str, str]]) -> list[tuple[str, str]]:
    """Group consecutive weeks with the same dose: [("Weeks 1–2", "2 sets of 8")]."""
    runs: list[tuple[list[int], str]] = []
    for week, words, _ in rows:
        if runs and runs[-1][1] == words and runs[-1][0][-1] == week - 1:
            runs[-1][0].append(week)
        else:
            runs.append(([week], words))
    return [(_weeks(weeks), words) for weeks, words in runs]


def _weeks(weeks: list[int]) -> str:
    """Return "Week 3", "Weeks 1–4" or "Weeks 1–2, 5" for a list of week numbers."""
    if not weeks:
        return ""
    spans: list[list[int]] = []
    for week in sorted(set(weeks)):
        if spans and spans[-1][-1] == week - 1:
            spans[-1].append(week)
        else:
            spans.append([week])
    text = ", ".join(str(s[0]) if len(s) == 1 else f"{s[0]}–{s[-1]}" for s in spans)
    return f"Week {text}" if len(weeks) == 1 else f"Weeks {text}"


def _name(kb: KnowledgeBase, exercise_id: str | None) -> str | None:
    if exercise_id is None or exercise_id not in kb.exercises:
        return None
    return kb.exercises[exercise_id].name


def _sources(
    program: Program,
    kb: KnowledgeBase,
    cards: Iterable[ExerciseCard],
    level_sources: Iterable[str],
) -> list[tuple[str, str]]:
    wanted = set(program.sources) | set(level_sources) | set(RULE_SOURCES)
    for card in cards:
        wanted |= set(card.exercise.sources)
        wanted |= {s for c in card.exercise.cautions for s in c.sources}
    return [
        (source.short, source.citation)
        for source_id, source in kb.sources.items()
        if source_id in wanted
    ]


def _join(words: Sequence[str]) -> str:
    if len(words) <= 1:
        return "".join(words)
    return ", ".join(words[:-1]) + " and " + words[-1]


_XML_PROLOGUE = re.compile(r"^\s*(<\?xml[^>]*\?>\s*)?(<!DOCTYPE[^>]*>\s*)?")
_ID = re.compile(r'\bid="([^"]+)"')


def _illustration(kb: KnowledgeBase, exercise: Exercise) -> Markup | None:
    """Return the exercise's still figure as inline SVG, or None if it has none.

    Ids inside the SVG get the exercise id as a prefix, so that several figures can
    share one HTML document without their gradients or markers clashing.
    """
    figure = kb.figures.get(exercise.id)
    if figure is None:
        return None
    svg = render_svg(figure, animated=False, width=FIGURE_WIDTH, title=exercise.name)
    svg = _XML_PROLOGUE.sub("", svg)
    for old in dict.fromkeys(_ID.findall(svg)):
        new = f"{exercise.id}-{old}"
        svg = svg.replace(f'id="{old}"', f'id="{new}"')
        svg = svg.replace(f"#{old})", f"#{new})").replace(f'"#{old}"', f'"#{new}"')
    return Markup(svg)  # noqa: S704 - our own renderer's output, not user input
