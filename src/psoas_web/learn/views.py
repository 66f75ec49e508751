"""The learn area: topics, the anatomy figure, the exercise library and the sources.

Every page is built from the knowledge base; every statement carries numbered references
to the list of sources at the bottom of its page (see :mod:`psoas_web.learn.citations`).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_GET

from psoas.figures import render_svg
from psoas.knowledge import Statement, default_knowledge_base
from psoas.program.dose import describe
from psoas.program.handout import CONDITION_WORDS
from psoas_web.learn.anatomy import FEMUR, HIP_BONE, PARTS, vertebrae
from psoas_web.learn.citations import Citations, CitedStatement, ShownSource
from psoas_web.learn.forms import CATEGORY_WORDS, POSITION_WORDS, ExerciseFilter

if TYPE_CHECKING:
    from psoas.knowledge.model import Exercise, Muscle, Topic

#: how to let pain guide an exercise, shown on every exercise page
PAIN_RULE = Statement(
    text=(
        "Some discomfort while you exercise may be fine if it stays mild (up to about 5 out"
        " of 10) and has settled by the next morning. If an exercise brings on sharp pain,"
        " or pain that is worse the next day, ease off or leave it out, and see a"
        " professional if that keeps happening."
    ),
    sources=["x17", "x18", "s1"],
)


@dataclass(frozen=True)
class Row:
    """One labelled group of statements on a panel or page, e.g. "Origin"."""

    label: str
    statements: list[CitedStatement]


@dataclass(frozen=True)
class MusclePanel:
    """What the anatomy page shows for one muscle."""

    id: str
    name: str
    summary: str
    label: str  # how the figure names the part, e.g. "Iliopsoas tendon"
    rows: list[Row]


@require_GET
def index(request: HttpRequest) -> HttpResponse:
    """The topics with their summaries, and the way to anatomy, exercises and sources."""
    kb = default_knowledge_base()
    return render(request, "learn/index.html", {"topics": list(kb.topics.values())})


def get_topic(topic_id: str) -> Topic:
    """Return the topic ``topic_id``, or 404."""
    topic = default_knowledge_base().topics.get(topic_id)
    if topic is None:
        raise Http404("No such topic")
    return topic


@require_GET
def topic(request: HttpRequest, topic_id: str) -> HttpResponse:
    """One topic: its sections and statements, each with its numbered sources."""
    kb = default_knowledge_base()
    page = get_topic(topic_id)
    citations = Citations(kb.sources)
    sections = [
        Row(section.heading, citations.cite_all(section.statements))
        for section in page.sections
    ]
    others = [t for t in kb.topics.values() if t.id != page.id]
    return render(
        request,
        "learn/topic.html",
        {
            "topic": page,
            "sections": sections,
            "sources": citations.sources,
            "others": others,
        },
    )


def _panel(muscle: Muscle, citations: Citations) -> MusclePanel:
    rows = [
        Row("Starts at (origin)", [citations.cite(muscle.origin)]),
        Row("Ends at (insertion)", [citations.cite(muscle.insertion)]),
        Row("Nerve supply", [citations.cite(muscle.nerve_supply)]),
    ]
    if muscle.blood_supply is not None:
        rows.append(Row("Blood supply", [citations.cite(muscle.blood_supply)]))
    rows.append(Row("What it does", citations.cite_all(muscle.actions)))
    if muscle.neighbours:
        rows.append(Row("What lies next to it", citations.cite_all(muscle.neighbours)))
    if muscle.notes:
        rows.append(Row("Good to know", citations.cite_all(muscle.notes)))
    label = PARTS[muscle.id].label if muscle.id in PARTS else muscle.name
    return MusclePanel(muscle.id, muscle.name, muscle.summary, label, rows)


@require_GET
def anatomy(request: HttpRequest) -> HttpResponse:
    """The anatomy figure: select a muscle to see where it attaches and what it does."""
    kb = default_knowledge_base()
    citations = Citations(kb.sources)
    panels = [_panel(muscle, citations) for muscle in kb.muscles.values()]
    by_id = {panel.id: panel for panel in panels}
    parts = [(part, by_id[part.id]) for part in PARTS.values() if part.id in by_id]
    return render(
        request,
        "learn/anatomy.html",
        {
            "panels": panels,
            "parts": parts,
            "vertebrae": vertebrae(),
            "side_bones": HIP_BONE,
            "femur": FEMUR,
            "sources": citations.sources,
        },
    )


@lru_cache(maxsize=64)
def still_picture(exercise_id: str) -> str:
    """Return the still picture of an exercise as SVG text (drawn once per process)."""
    kb = default_knowledge_base()
    return render_svg(kb.figures[exercise_id], title=kb.exercises[exercise_id].name)


@require_GET
def exercises(request: HttpRequest) -> HttpResponse:
    """The exercise library, narrowed by kind and position through GET parameters."""
    kb = default_knowledge_base()
    form = ExerciseFilter(request.GET or None)
    category = position = ""
    if form.is_valid():
        category = form.cleaned_data["category"]
        position = form.cleaned_data["position"]
    shown = [
        exercise
        for exercise in kb.exercises.values()
        if (not category or exercise.category == category)
        and (not position or position in exercise.positions)
    ]
    cards = [
        {
            "exercise": exercise,
            "category": CATEGORY_WORDS[exercise.category],
            "positions": [POSITION_WORDS[p] for p in exercise.positions],
            "dose": describe(exercise.dose, category=exercise.category),
            "picture": mark_safe(still_picture(exercise.id)),  # noqa: S308 (our own SVG)
        }
        for exercise in shown
    ]
    return render(
        request,
        "learn/exercises.html",
        {
            "form": form,
            "cards": cards,
            "total": len(kb.exercises),
            "filtered": bool(category or position),
        },
    )


def get_exercise(exercise_id: str) -> Exercise:
    """Return the exercise ``exercise_id``, or 404."""
    found = default_knowledge_base().exercises.get(exercise_id)
    if found is None:
        raise Http404("No such exercise")
    return found


@require_GET
def exercise(request: HttpRequest, exercise_id: str) -> HttpResponse:
    """One exercise: its animated picture, how to do it, its dose, cautions and evidence."""
    kb = default_knowledge_base()
    item = get_exercise(exercise_id)
    citations = Citations(kb.sources)
    cautions = citations.cite_all(item.cautions)
    rule = citations.cite(PAIN_RULE)
    why = citations.cite(item.why)
    citations.number(item.sources)
    figure = render_svg(
        kb.figures[item.id], animated=True, tempo_s=item.dose.rep_s, title=item.name
    )
    return render(
        request,
        "learn/exercise.html",
        {
            "exercise": item,
            "figure": mark_safe(figure),  # noqa: S308 (our own SVG, drawn from our data)
            "category": CATEGORY_WORDS[item.category],
            "positions": [POSITION_WORDS[p] for p in item.positions],
            "dose": describe(item.dose, category=item.category),
            "max_dose": describe(item.max_dose, category=item.category),
            "easier": kb.exercises.get(item.regression or ""),
            "harder": kb.exercises.get(item.progression or ""),
            "contraindications": [CONDITION_WORDS[c] for c in item.contraindications],
            "why": why,
            "cautions": cautions,
            "rule": rule,
            "sources": citations.sources,
        },
    )


@require_GET
def sources(request: HttpRequest) -> HttpResponse:
    """Every source of the knowledge base with its evidence level, citation and link."""
    kb = default_knowledge_base()
    listed = [ShownSource(n, s) for n, s in enumerate(kb.sources.values(), start=1)]
    return render(request, "learn/sources.html", {"sources": listed})
