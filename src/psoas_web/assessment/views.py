"""The assessment wizard, the emergency page, the result and the history.

Red flags come first. After each red-flag page the answers so far are assessed: an
emergency stops the wizard at once, and an urgent screen goes straight to the result
after the last red-flag page, without questions about exercise.
"""

from __future__ import annotations

import copy
import uuid
from typing import TYPE_CHECKING, Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

import psoas
from psoas.figures import render_svg
from psoas.knowledge import KnowledgeBase, Urgency, default_knowledge_base
from psoas_web import services
from psoas_web.assessment import bodymap, pending, present
from psoas_web.assessment.steps import (
    GROUP_TITLES,
    LAST_RED_FLAG_STEP,
    SLUGS,
    STEPS,
    Step,
)

if TYPE_CHECKING:
    from django.contrib.auth.models import User

    from psoas_web.records.models import Assessment


def _user(request: HttpRequest) -> User:
    from django.contrib.auth.models import User

    assert isinstance(request.user, User)  # noqa: S101 - behind login_required
    return request.user


def get_assessment_for_user(request: HttpRequest, assessment_id: Any) -> Assessment:
    """Return the signed-in person's assessment, or 404 (also for someone else's)."""
    from psoas_web.records.models import Assessment

    try:
        return services.get_assessment(_user(request), assessment_id)
    except Assessment.DoesNotExist:
        raise Http404("No such assessment") from None


def _level(document: dict[str, Any], kb: KnowledgeBase) -> Urgency:
    try:
        return psoas.assess(document, kb).triage.level
    except psoas.AnswersError:
        return Urgency.SOON


def _result_redirect(request: HttpRequest) -> HttpResponse:
    saved = pending.saved_id(request)
    if request.user.is_authenticated and saved:
        return redirect("assessment:result", saved)
    return redirect("assessment:result")


def _flagged_pages(document: dict[str, Any], kb: KnowledgeBase) -> int:
    """The index of the last red-flag page holding a "yes"."""
    flags = document.get("red_flags") or {}
    pages = [
        index
        for index, step in enumerate(STEPS)
        if step.is_red_flags
        and any(
            flags.get(flag.id) is True
            for flag in kb.red_flags.values()
            if flag.urgency is step.urgency
        )
    ]
    return max(pages, default=0)


def _gate(
    request: HttpRequest, index: int, document: dict[str, Any], kb: KnowledgeBase
) -> HttpResponse | None:
    """Redirect away from a step that may not be opened now, else None."""
    level = _level(document, kb)
    if level is Urgency.EMERGENCY and index > _flagged_pages(document, kb):
        return redirect("assessment:emergency")
    if (
        not STEPS[index].is_red_flags
        and level is Urgency.URGENT
        and pending.is_completed(request)
    ):
        return _result_redirect(request)
    furthest = pending.reached(request)
    if index > furthest:
        return redirect("assessment:step", STEPS[furthest].slug)
    return None


@require_http_methods(["GET", "POST"])
def start(request: HttpRequest) -> HttpResponse:
    """The introduction; POST starts afresh or carries on."""
    if request.method == "POST":
        if request.POST.get("action") == "restart" or pending.answers(request) is None:
            pending.clear(request)
            pending.put_answers(request, {"version": 1})
            return redirect("assessment:step", STEPS[0].slug)
        return redirect("assessment:step", STEPS[pending.reached(request)].slug)
    document = pending.answers(request)
    furthest = pending.reached(request)
    return render(
        request,
        "assessment/start.html",
        {
            "in_progress": document is not None and len(document) > 1,
            "completed": pending.is_completed(request),
            "resume_step": STEPS[furthest],
            "flag_count": len(default_knowledge_base().red_flags),
        },
    )


@require_http_methods(["GET", "POST"])
def step(request: HttpRequest, slug: str) -> HttpResponse:
    """One step of the wizard."""
    if slug not in SLUGS:
        raise Http404("No such step")
    index = SLUGS[slug]
    this = STEPS[index]
    kb = default_knowledge_base()
    document = pending.answers_or_new(request)
    if request.method == "POST":
        return _post_step(request, index, this, document, kb)
    blocked = _gate(request, index, document, kb)
    if blocked is not None:
        return blocked
    from_coach = _coach_sitting(request, document) if this.slug == "daily-life" else {}
    if from_coach:
        document = copy.deepcopy(document)
        document.setdefault("exposures", {}).update(from_coach)
    form = this.make_form(kb, document)
    return _render_step(request, index, this, form, kb, from_coach=from_coach)


def _coach_sitting(request: HttpRequest, document: dict[str, Any]) -> dict[str, float]:
    """Return the sitting exposures measured by the person's coach (last 7 days).

    Only fields the person has not answered yet are offered; they are prefilled in the
    form, and stored only when the person saves the step.
    """
    if not request.user.is_authenticated:
        return {}
    from psoas.coach import exposure_profile
    from psoas_web.coach import services as coach

    profile = exposure_profile(coach.week_stats(request.user, timezone.localdate()))
    answered = document.get("exposures", {})
    return {key: value for key, value in profile.items() if key not in answered}


def _post_step(
    request: HttpRequest,
    index: int,
    this: Step,
    document: dict[str, Any],
    kb: KnowledgeBase,
) -> HttpResponse:
    going_back = request.POST.get("nav") == "back"
    if index > pending.reached(request):
        return redirect("assessment:step", STEPS[pending.reached(request)].slug)
    form = this.make_form(kb, document, data=request.POST)
    if form.is_valid():
        updated = copy.deepcopy(document)
        form.apply(updated)
        try:
            psoas.validate_answers(updated, kb)
        except psoas.AnswersError as exc:
            for problem in exc.problems:
                form.add_error(None, problem)
        else:
            pending.put_answers(request, updated)
            document = updated
    if going_back:
        return redirect("assessment:step", STEPS[max(0, index - 1)].slug)
    if not form.is_valid():
        return _render_step(request, index, this, form, kb, status=400)
    level = _level(document, kb)
    if this.is_red_flags and level is Urgency.EMERGENCY:
        pending.finish(request)
        return redirect("assessment:emergency")
    finished = index == len(STEPS) - 1 or (
        index == LAST_RED_FLAG_STEP and level is Urgency.URGENT
    )
    if finished:
        pending.finish(request)
        return _result_redirect(request)
    pending.reach(request, index + 1)
    return redirect("assessment:step", STEPS[index + 1].slug)


def _render_step(
    request: HttpRequest,
    index: int,
    this: Step,
    form: Any,
    kb: KnowledgeBase,
    status: int = 200,
    from_coach: dict[str, float] | None = None,
) -> HttpResponse:
    context: dict[str, Any] = {
        "from_coach": from_coach or {},
        "step": this,
        "form": form,
        "number": index + 1,
        "total": len(STEPS),
        "percent": round(100 * index / len(STEPS)),
        "previous": STEPS[index - 1] if index else None,
        "is_last": index == len(STEPS) - 1,
        "group_titles": GROUP_TITLES,
    }
    if this.slug == "pain":
        ticked = form["regions"].value() or []
        context["views"] = bodymap.views(kb.regions, ticked)
    if this.slug == "self-test":
        test = form.test()
        context["test"] = test
        context["figure_svg"] = render_svg(
            kb.figures["edge_of_bed_thomas_stretch"],
            title="Lying back at the end of a bed, one knee hugged to the chest, "
            "the other leg hanging over the edge",
        )
    if this.slug == "measures":
        context["rmdq"] = kb.instruments["rmdq"]
        context["psfs"] = kb.instruments["psfs"]
    return render(request, this.template, context, status=status)


@require_GET
def emergency(request: HttpRequest) -> HttpResponse:
    """What to do now, after an answer that needs emergency help."""
    kb = default_knowledge_base()
    document = pending.answers(request)
    if document is None:
        return redirect("assessment:start")
    result = psoas.assess(document, kb)
    if result.triage.level is not Urgency.EMERGENCY:
        return redirect("assessment:start")
    level = kb.level(Urgency.EMERGENCY)
    return render(
        request,
        "assessment/emergency.html",
        {
            "level": level,
            "flags": present.flag_lines(result.triage.red_flags, kb),
            "sources": present.sources(result.to_json_dict(), kb),
        },
    )


@require_GET
def result(request: HttpRequest) -> HttpResponse:
    """The result of the assessment kept in this session (anyone)."""
    kb = default_knowledge_base()
    document = pending.answers(request)
    if document is None or not pending.is_completed(request):
        return redirect("assessment:start")
    saved = pending.saved_id(request)
    if request.user.is_authenticated and saved:
        return redirect("assessment:result", saved)
    outcome = psoas.assess(document, kb).to_json_dict()
    context = present.result_context(outcome, kb)
    context.update({"stored": None, "anonymous": not request.user.is_authenticated})
    return render(request, "assessment/result.html", context)


@login_required
@require_GET
def stored_result(request: HttpRequest, assessment_id: uuid.UUID) -> HttpResponse:
    """A stored result: only its owner sees it."""
    stored = get_assessment_for_user(request, assessment_id)
    context = present.result_context(stored.result, default_knowledge_base())
    context.update({"stored": stored, "anonymous": False})
    return render(request, "assessment/result.html", context)


@require_POST
def change(request: HttpRequest) -> HttpResponse:
    """Go back to the first step with the answers filled in."""
    assessment_id = request.POST.get("assessment")
    if assessment_id:
        if not request.user.is_authenticated:
            return redirect("accounts:login")
        stored = get_assessment_for_user(request, assessment_id)
        pending.clear(request)
        pending.put_answers(request, copy.deepcopy(stored.answers))
    else:
        document = pending.answers(request)
        if document is None:
            return redirect("assessment:start")
        pending.put_answers(request, document)
    pending.reach(request, len(STEPS) - 1)
    return redirect("assessment:step", STEPS[0].slug)


@login_required
@require_GET
def history(request: HttpRequest) -> HttpResponse:
    """The signed-in person's stored assessments, newest first."""
    assessments = services.list_assessments(_user(request))
    rows = [
        {
            "assessment": a,
            "word": present.LEVEL_WORDS.get(a.level, a.level),
            "pattern": present.PATTERN_WORDS.get(
                a.result.get("psoas_pattern", {}).get("level", ""), ""
            ),
        }
        for a in assessments
    ]
    return render(request, "assessment/history.html", {"rows": rows})
