"""Views of the sit-less coach: the page that prompts, its settings and its numbers."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from psoas.figures import render_svg
from psoas.knowledge import default_knowledge_base
from psoas_web import services as records
from psoas_web.coach import core, services
from psoas_web.coach.forms import DAYS, SettingsForm

if TYPE_CHECKING:
    from django.contrib.auth.models import User

#: the sources behind the advice box: breaks every 30 minutes, and no ball chair
BREAK_SOURCES = ("e10", "e12", "e13")
BALL_SOURCES = ("x9", "x10", "x11")
MAX_BODY_BYTES = 2000
BAR_BASE, BAR_MAX = 115, 95


def _person(request: HttpRequest) -> User:
    user = request.user
    assert user.is_authenticated  # noqa: S101 - login_required guarantees it
    return user


@login_required
@require_GET
def page(request: HttpRequest) -> HttpResponse:
    """The coach for this browser tab: countdown, prompt, exercise and answers."""
    person = _person(request)
    settings = services.get_settings(person)
    kb = default_knowledge_base()
    program_ids = list(_program_exercise_ids(person))
    desk = [i for i in core.desk_exercises(kb) if i in kb.figures]
    # the core's rotation: the person's own desk exercises first, else the library's
    rotation = list(
        dict.fromkeys(
            core.pick_exercise(kb, program_ids, n=i) for i in range(len(desk))
        )
    )
    exercises = []
    for exercise_id in desk:
        exercise = kb.exercises[exercise_id]
        exercises.append(
            {
                "id": exercise_id,
                "name": exercise.name,
                "cues": exercise.cues,
                "steps": exercise.steps,
                "in_program": exercise_id in program_ids,
                "svg": mark_safe(  # noqa: S308 - our own renderer's output, text escaped there
                    render_svg(
                        kb.figures[exercise_id],
                        animated=True,
                        tempo_s=exercise.dose.rep_s,
                        title=exercise.name,
                    )
                ),
            }
        )
    today = timezone.localdate()
    stats = services.day_stats(person, today)
    config = {
        "settings": settings.model_dump(mode="json"),
        "exercises": [
            {"id": e["id"], "name": e["name"]}
            for i in rotation
            for e in exercises
            if e["id"] == i
        ],
        "postponesUsed": services.postpones_used(person, today),
        "today": {
            "done": stats.exercises_done,
            "breaks": stats.self_breaks + stats.idle_breaks,
            "skipped": stats.skipped,
        },
        "eventUrl": reverse("coach:event"),
    }
    context: dict[str, Any] = {
        "settings": settings,
        "exercises": exercises,
        "config": config,
        "today": stats,
        "days_label": days_label(settings.work_days),
        "from_program": any(e["in_program"] for e in exercises),
    }
    return render(request, "coach/page.html", context)


def days_label(days: frozenset[int]) -> str:
    """The working days in words, e.g. "Monday to Friday" or "Monday, Wednesday"."""
    names = [name for number, name in DAYS if number in days]
    ordered = sorted(days)
    if len(ordered) > 2 and ordered == list(range(ordered[0], ordered[-1] + 1)):
        return f"{names[0]} to {names[-1]}"
    return ", ".join(names)


def _program_exercise_ids(person: User) -> Iterator[str]:
    stored = records.active_program(person)
    if stored is None:
        return
    yield from _walk_ids(stored.program)


def _walk_ids(value: object) -> Iterator[str]:
    if isinstance(value, dict):
        for key, item in value.items():
            if key == "exercise_id" and isinstance(item, str):
                yield item
            else:
                yield from _walk_ids(item)
    elif isinstance(value, list):
        for item in value:
            yield from _walk_ids(item)


@login_required
@require_POST
def event(request: HttpRequest) -> JsonResponse:
    """Record one coach event sent by the page as JSON.

    Body: `{"kind": ..., "break_kind": "micro"|"long"|null, "exercise_id": ...,
    "reason": ...}`. Answers 201 with the event's id and the postpones left today,
    400 for a malformed body or an unknown kind, 409 beyond the postpone limit.
    """
    person = _person(request)
    if len(request.body) > MAX_BODY_BYTES:
        return JsonResponse({"error": "The request is too large."}, status=400)
    try:
        body = json.loads(request.body)
    except (json.JSONDecodeError, UnicodeDecodeError):
        return JsonResponse({"error": "The request is not valid JSON."}, status=400)
    if not isinstance(body, dict):
        return JsonResponse({"error": "Send a JSON object."}, status=400)
    kind, break_kind = body.get("kind"), body.get("break_kind")
    exercise_id, reason = body.get("exercise_id"), body.get("reason", "")
    if (
        not isinstance(kind, str)
        or not isinstance(reason, str)
        or not isinstance(break_kind, str | None)
        or not isinstance(exercise_id, str | None)
    ):
        return JsonResponse({"error": "A field has the wrong type."}, status=400)
    kb = default_knowledge_base()
    if exercise_id is not None and exercise_id not in kb.exercises:
        return JsonResponse({"error": f"Unknown exercise {exercise_id!r}."}, status=400)
    try:
        stored = services.record_event(
            person,
            at=timezone.now(),
            kind=kind,
            break_kind=break_kind,
            exercise_id=exercise_id,
            reason=reason,
            source="web",
        )
    except services.PostponeLimitError as error:
        return JsonResponse({"error": str(error), "postpones_left": 0}, status=409)
    except ValueError as error:
        return JsonResponse({"error": str(error)}, status=400)
    settings = services.get_settings(person)
    used = services.postpones_used(person, timezone.localdate())
    return JsonResponse(
        {
            "id": str(stored.id),
            "kind": stored.kind,
            "postpones_left": max(0, settings.max_postpones_per_day - used),
        },
        status=201,
    )


@login_required
@require_http_methods(["GET", "POST"])
def settings_page(request: HttpRequest) -> HttpResponse:
    """Working hours and days, the break rhythm, and the seating note."""
    person = _person(request)
    current = services.get_settings(person)
    if request.method == "POST":
        form = SettingsForm(request.POST)
        if form.is_valid():
            new = form.coach_settings(current)
            if new is not None:
                services.save_settings(
                    person, new, seating_note=form.cleaned_data["seating_note"]
                )
                messages.success(request, "Your coach settings are saved.")
                return redirect("coach:settings")
    else:
        form = SettingsForm(
            initial=SettingsForm.initial_from(current, services.seating_note(person))
        )
    kb = default_knowledge_base()
    context = {
        "form": form,
        "break_sources": [kb.sources[s] for s in BREAK_SOURCES if s in kb.sources],
        "ball_sources": [kb.sources[s] for s in BALL_SOURCES if s in kb.sources],
    }
    return render(request, "coach/settings.html", context)


@login_required
@require_GET
def stats(request: HttpRequest) -> HttpResponse:
    """Today and the last 7 days of the coach, in numbers."""
    person = _person(request)
    today = timezone.localdate()
    week = services.week_stats(person, today)
    return render(
        request,
        "coach/stats.html",
        {
            "today": week[-1],
            "week": week,
            "bars": bars(week),
            "profile": core.exposure_profile(week),
        },
    )


def bars(week: list[core.DayStats]) -> list[dict[str, Any]]:
    """Bars (heights 0..BAR_MAX, SVG coordinates) for the exercises done on each day of the week."""
    top = max((d.exercises_done for d in week), default=0) or 1
    return [
        {
            "day": d.day,
            "value": d.exercises_done,
            "height": round(BAR_MAX * d.exercises_done / top),
            "x": 10 + i * 40,
            "y": BAR_BASE - round(BAR_MAX * d.exercises_done / top),
            "label_y": BAR_BASE - round(BAR_MAX * d.exercises_done / top) - 4,
        }
        for i, d in enumerate(week)
    ]
