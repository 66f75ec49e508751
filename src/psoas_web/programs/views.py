"""The program area: the personal program, its downloads, and the guided session."""

from __future__ import annotations

import datetime
import json
import uuid
from typing import TYPE_CHECKING, Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import (
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseBadRequest,
    JsonResponse,
)
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from psoas.figures import render_svg
from psoas.knowledge import Urgency, default_knowledge_base
from psoas.program import Prescription, Program, ProgramNotAllowed, ProgramWeek
from psoas.program.dose import describe
from psoas.program.handout import (
    PdfUnavailable,
    render_handout_html,
    render_handout_pdf,
    session_minutes,
)
from psoas.program.ics import program_to_ics
from psoas.program.schedule import last_session_day, next_session, shown_week, week_of
from psoas_web import services as store
from psoas_web.programs import services
from psoas_web.programs.forms import ProgramForm, SettledForm

if TYPE_CHECKING:
    from django.contrib.auth.models import User

    from psoas_web.records.models import StoredProgram

#: pain after an exercise above this: suggest stopping for today
PAIN_STOP = 7


def _person(request: HttpRequest) -> User:
    user = request.user
    assert user.is_authenticated  # noqa: S101 - guaranteed by login_required
    return user


def get_program_for_user(request: HttpRequest, program_id: object) -> StoredProgram:
    """Return the signed-in person's stored program with this id, else 404."""
    from psoas_web.records.models import StoredProgram

    try:
        key = uuid.UUID(str(program_id))
    except ValueError:
        raise Http404("No such program") from None
    try:
        return StoredProgram.objects.get(person=_person(request), id=key)
    except StoredProgram.DoesNotExist:
        raise Http404("No such program") from None


def _active_for_user(request: HttpRequest) -> Program:
    stored = store.active_program(_person(request))
    if stored is None:
        raise Http404("You have no program yet")
    return Program.model_validate(stored.program)


# --- the program page ---------------------------------------------------------------


@require_GET
@login_required
def detail(request: HttpRequest) -> HttpResponse:
    """The active program, or the way to make one."""
    today = datetime.date.today()
    current = services.current(_person(request), today)
    if current is None:
        return _new_program_page(request, ProgramForm())
    program = current.program
    week = shown_week(program, today)
    outcome = current.outcome
    cause = outcome.reason.split(". ", 1)[0] + ": "
    changes = [
        _first_upper(change.reason.removeprefix(cause))
        for change in outcome.adjustments
        if change.action != "hold"
    ]
    upcoming = next_session(program, today)
    kb = default_knowledge_base()
    context = {
        "program": program,
        "stored": current.stored,
        "today": today,
        "week": week,
        "week_minutes": session_minutes(week),
        "phase": _phase(program, week),
        "cards": [_card(p) for p in week.exercises],
        "outcome": outcome,
        "changed": current.changed,
        "changes": changes,
        "logged": current.logged,
        "rescreen": outcome.rescreen or outcome.decision == "stop",
        "urgent": kb.level(Urgency.URGENT),
        "next_day": upcoming[0] if upcoming else None,
        "ended": upcoming is None,
        "before_start": today < program.start,
        "last_day": last_session_day(program),
        "excluded": [
            (_exercise_name(e.exercise_id), e.reason) for e in program.excluded
        ],
        "sources": [kb.sources[s] for s in program.sources if s in kb.sources],
    }
    return render(request, "programs/detail.html", context)


@require_http_methods(["GET", "POST"])
@login_required
def new(request: HttpRequest) -> HttpResponse:
    """Make a program from the latest assessment; it replaces the active one."""
    person = _person(request)
    if request.method == "GET":
        form = ProgramForm()
        stored = store.active_program(person)
        if stored is not None:
            form.initial_from(stored.program.get("preferences", {}))
        return _new_program_page(request, form, replacing=stored is not None)
    form = ProgramForm(request.POST)
    assessment = services.latest_assessment(person)
    if assessment is None or not form.is_valid():
        return _new_program_page(request, form, status=400)
    preferences = services.preferences_from(form.cleaned_data)
    try:
        services.create_program(person, assessment, preferences, datetime.date.today())
    except ProgramNotAllowed:
        return _new_program_page(request, form, status=400)
    messages.success(request, "Your program is ready.")
    return redirect("programs:detail")


def _new_program_page(
    request: HttpRequest,
    form: ProgramForm,
    *,
    replacing: bool = False,
    status: int = 200,
) -> HttpResponse:
    assessment = services.latest_assessment(_person(request))
    not_allowed = None
    if assessment is not None:
        try:
            preferences = (
                services.preferences_from(form.cleaned_data)
                if form.is_bound and form.is_valid()
                else services.preferences_from(
                    {"minutes": 10, "days": 5, "weeks": 8, "level": "beginner"}
                )
            )
            services.try_program(assessment, preferences, datetime.date.today())
        except ProgramNotAllowed as exc:
            not_allowed = str(exc)
    context = {
        "form": form,
        "assessment": assessment,
        "not_allowed": not_allowed,
        "replacing": replacing,
    }
    return render(request, "programs/new.html", context, status=status)


# --- downloads ---------------------------------------------------------------------


@require_GET
@login_required
def ics(request: HttpRequest) -> HttpResponse:
    """The program's sessions as a calendar file."""
    program = _active_for_user(request)
    data = program_to_ics(program, default_knowledge_base())
    response = HttpResponse(data, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="psoas-program.ics"'
    return response


@require_GET
@login_required
def handout(request: HttpRequest) -> HttpResponse:
    """The printable handout as a web page of its own."""
    program = _active_for_user(request)
    return HttpResponse(render_handout_html(program, default_knowledge_base()))


@require_GET
@login_required
def handout_pdf(request: HttpRequest) -> HttpResponse:
    """The printable handout as a PDF, or a calm page when PDFs cannot be made."""
    program = _active_for_user(request)
    try:
        data = render_handout_pdf(program, default_knowledge_base())
    except PdfUnavailable as exc:
        context = {"problem": str(exc)}
        return render(request, "programs/pdf_unavailable.html", context, status=503)
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = 'attachment; filename="psoas-program.pdf"'
    return response


# --- the guided session --------------------------------------------------------------


@require_GET
@login_required
def session(request: HttpRequest) -> HttpResponse:
    """Today's exercises one at a time (or, without JavaScript, as a checklist)."""
    person = _person(request)
    today = datetime.date.today()
    current = services.current(person, today)
    if current is None:
        return render(request, "programs/session_none.html")
    unsettled = services.unsettled_session(person, today)
    if unsettled is not None:
        form = SettledForm(initial={"session_id": unsettled.id})
        return render(
            request, "programs/settled.html", {"form": form, "last": unsettled}
        )
    kb = default_knowledge_base()
    outcome = current.outcome
    if outcome.rescreen or outcome.decision == "stop":
        context = {"reason": outcome.reason, "urgent": kb.level(Urgency.URGENT)}
        return render(request, "programs/session_stop.html", context)
    program = current.program
    week, note = _todays_week(program, today)
    if week is None:
        return render(request, "programs/session_ended.html", {"program": program})
    done_today = any(
        s.day == today for s in store.list_sessions(person, program=current.stored)
    )
    cards = [_card(p) for p in week.exercises]
    context = {
        "stored": current.stored,
        "program": program,
        "week": week,
        "phase": _phase(program, week),
        "note": note,
        "done_today": done_today,
        "today": today,
        "minutes": round(sum(p.minutes for p in week.exercises)),
        "cards": cards,
        "doses": [
            {
                "id": card["id"],
                "name": card["name"],
                "category": card["category"],
                "dose": card["dose"],
            }
            for card in cards
        ],
        "started_at": datetime.datetime.now(datetime.UTC).isoformat(),
        "skip_reasons": services.SKIP_REASONS,
        "pain_scale": range(11),
        "pain_stop": PAIN_STOP,
        "emergency": kb.level(Urgency.EMERGENCY),
        "urgent": kb.level(Urgency.URGENT),
    }
    return render(request, "programs/session.html", context)


def _todays_week(
    program: Program, today: datetime.date
) -> tuple[ProgramWeek | None, str]:
    week = week_of(program, today)
    if week is not None and today in week.session_days:
        return week, ""
    upcoming = next_session(program, today)
    if upcoming is None:
        return None, ""
    day, week = upcoming
    if today < program.start:
        why = f"Your program starts on {_day(program.start)}."
    else:
        why = f"Today is a rest day. Your next session is on {_day(day)}."
    return week, (
        f"{why} Rest days are part of the plan, so there is no need to exercise "
        f"today. If you would like to, these are the exercises planned for {_day(day)}."
    )


@require_POST
@login_required
def session_save(request: HttpRequest) -> HttpResponse:
    """Store a session posted by the guided session (JSON) or the checklist (form)."""
    as_json = request.content_type == "application/json"
    if as_json:
        try:
            payload = json.loads(request.body)
        except (json.JSONDecodeError, UnicodeDecodeError):
            return _bad(request, "The session record is not valid JSON.", as_json=True)
        if not isinstance(payload, dict):
            return _bad(
                request, "The session record must be a JSON object.", as_json=True
            )
    else:
        payload = _form_payload(request)
    stored = get_program_for_user(request, payload.get("program_id"))
    try:
        saved = services.record_session(_person(request), stored, payload)
    except ValueError as exc:
        return _bad(request, f"The session was not saved: {exc}.", as_json=as_json)
    sign = payload.get("sign") if saved.new_red_flag else None
    level = "urgent" if sign == "urgent" else "emergency"
    warning_url = f"{reverse('programs:warning')}?level={level}"
    if as_json:
        body: dict[str, Any] = {"id": str(saved.id), "saved": True}
        body["redirect"] = (
            warning_url if saved.new_red_flag else reverse("programs:detail")
        )
        return JsonResponse(body, status=201)
    if saved.new_red_flag:
        return redirect(warning_url)
    done = len(saved.completed)
    messages.success(
        request, f"Session saved: {done} exercise{'' if done == 1 else 's'} done."
    )
    return redirect("programs:detail")


def _form_payload(request: HttpRequest) -> dict[str, Any]:
    """Turn the checklist form into the same record the guided session posts."""
    post = request.POST
    done = post.getlist("done")
    listed = post.getlist("exercise")
    sign = post.get("sign", "")
    red_flag = sign in {"emergency", "urgent", "unsure"}
    return {
        "program_id": post.get("program_id"),
        "day": post.get("day"),
        "week": post.get("week"),
        "completed": [] if red_flag else [e for e in listed if e in done],
        "skipped": []
        if red_flag
        else [
            {"exercise_id": e, "reason": post.get(f"skip_reason_{e}") or "other"}
            for e in listed
            if e not in done
        ],
        "pain_before": post.get("pain_before"),
        "pain_during": post.get("pain_during"),
        "pain_after": post.get("pain_after"),
        "new_red_flag": red_flag,
        "sign": sign,
        "stopped": "red_flag" if red_flag else "",
        "started_at": post.get("started_at"),
        "finished_at": datetime.datetime.now(datetime.UTC).isoformat(),
    }


def _bad(request: HttpRequest, message: str, *, as_json: bool) -> HttpResponse:
    if as_json:
        return JsonResponse({"saved": False, "error": message}, status=400)
    return render(request, "programs/save_error.html", {"message": message}, status=400)


@require_POST
@login_required
def settled(request: HttpRequest) -> HttpResponse:
    """Record whether the pain after the last session settled by the next morning."""
    from psoas_web.records.models import ExerciseSession

    form = SettledForm(request.POST)
    if not form.is_valid():
        return HttpResponseBadRequest("Choose yes, no or not sure, then send again.")
    try:
        # "Not sure" counts as not settled: the rule then holds rather than progresses.
        store.record_settled(
            _person(request),
            form.cleaned_data["session_id"],
            form.cleaned_data["settled"] == "yes",
        )
    except ExerciseSession.DoesNotExist:
        raise Http404("No such session") from None
    return redirect("programs:session")


@require_GET
@login_required
def warning(request: HttpRequest) -> HttpResponse:
    """What to do now after a new warning sign."""
    kb = default_knowledge_base()
    level = (
        Urgency.URGENT if request.GET.get("level") == "urgent" else Urgency.EMERGENCY
    )
    return render(request, "programs/warning.html", {"advice": kb.level(level)})


# --- helpers ---------------------------------------------------------------------------


def _card(prescription: Prescription) -> dict[str, Any]:
    """What the pages show of one exercise of a week."""
    kb = default_knowledge_base()
    exercise = kb.exercises.get(prescription.exercise_id)
    figure = kb.figures.get(prescription.exercise_id)
    dose = prescription.dose
    category = exercise.category if exercise else None
    svg = (
        mark_safe(  # noqa: S308 - our own renderer's output, text escaped there
            render_svg(
                figure, animated=True, tempo_s=dose.rep_s, title=prescription.name
            )
        )
        if figure is not None
        else None
    )
    return {
        "id": prescription.exercise_id,
        "name": prescription.name,
        "category": category,
        "words": describe(dose, category=category),
        "minutes": prescription.minutes,
        "reason": prescription.reason,
        "exercise": exercise,
        "svg": svg,
        "dose": dose.model_dump(mode="json"),
    }


def _phase(program: Program, week: ProgramWeek) -> str:
    for phase in program.phases:
        if phase.id == week.phase:
            return phase.name
    return week.phase


def _exercise_name(exercise_id: str) -> str:
    exercise = default_knowledge_base().exercises.get(exercise_id)
    return exercise.name if exercise else exercise_id


def _first_upper(text: str) -> str:
    return text[:1].upper() + text[1:]


def _day(day: datetime.date) -> str:
    return f"{day:%A} {day.day} {day:%B}"
