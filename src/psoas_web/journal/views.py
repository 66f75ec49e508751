"""Views of the journal: the dashboard, the daily entry and the list of entries."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from psoas.knowledge import Urgency, default_knowledge_base
from psoas_web import services as records
from psoas_web.journal import charts, services
from psoas_web.journal.forms import EntryForm

if TYPE_CHECKING:
    from django.contrib.auth.models import User

    from psoas_web.journal.models import JournalEntry

#: urgency groups of the warning-sign checklist, most urgent first
FLAG_GROUPS = (
    (Urgency.EMERGENCY, "Signs that need emergency help"),
    (Urgency.URGENT, "Signs that need a doctor today"),
    (Urgency.SOON, "Signs worth a check-up in the next few days"),
)


def _person(request: HttpRequest) -> User:
    user = request.user
    assert user.is_authenticated  # noqa: S101 - login_required guarantees it
    return user


def _day(value: str | None) -> datetime.date:
    """Return the day named in the URL: today by default, never in the future."""
    today = timezone.localdate()
    if not value:
        return today
    try:
        day = datetime.date.fromisoformat(value)
    except ValueError:
        raise Http404("Not a date") from None
    if day > today:
        raise Http404("No journal entries for days to come")
    return day


@login_required
@require_GET
def dashboard(request: HttpRequest) -> HttpResponse:
    """Where people land after signing in: urgency, trends, their reading, adherence."""
    person = _person(request)
    kb = default_knowledge_base()
    today = timezone.localdate()
    latest = services.latest_assessment(person)
    alert = services.alerting_entry(person)
    trend = services.trend(person, today=today, kb=kb)
    context: dict[str, Any] = {
        "today": today,
        "today_entry": services.get_entry(person, today),
        "assessment": latest,
        "assessment_level": kb.level(Urgency(latest.level)) if latest else None,
        "alert": alert,
        "alert_level": kb.level(Urgency(alert.triage_level)) if alert else None,
        "paused": alert is not None and alert.triage_level in services.PAUSING_LEVELS,
        "program": records.active_program(person),
        "trend": trend,
        "charts": _charts(trend),
        "has_data": bool(trend.nprs or trend.sitting or trend.rmdq or trend.psfs),
    }
    return render(request, "journal/dashboard.html", context)


def _charts(trend: services.Trend) -> dict[str, Any]:
    end = trend.end
    start = min(trend.start, end - datetime.timedelta(days=6))  # at least a week
    nprs_reading = next((r for r in trend.readings if r.instrument == "nprs"), None)
    drawn: dict[str, Any] = {}
    if trend.nprs:
        drawn["nprs"] = charts.line_chart(
            chart_id="chart-nprs",
            title="Pain each day (0 to 10)",
            desc=(
                f"{len(trend.nprs)} daily pain scores from {start:%-d %B} to "
                f"{end:%-d %B}. The table below lists them."
            ),
            points=trend.nprs,
            start=start,
            end=end,
            y_max=10,
            y_step=2,
            unit=" / 10",
            reference=(nprs_reading.before, "first week") if nprs_reading else None,
        )
    if trend.sitting:
        top = max(12.0, *(v for _, v in trend.sitting))
        drawn["sitting"] = charts.line_chart(
            chart_id="chart-sitting",
            title="Hours sitting each day",
            desc=(
                f"{len(trend.sitting)} days of sitting hours from {start:%-d %B} to "
                f"{end:%-d %B}. The table below lists them."
            ),
            points=trend.sitting,
            start=start,
            end=end,
            y_max=top if top <= 12 else 24,
            y_step=3 if top <= 12 else 6,
            unit=" h",
        )
    if trend.weeks:
        drawn["sessions"] = charts.bar_chart(
            chart_id="chart-sessions",
            title="Exercise sessions each week",
            desc=(
                "Filled bars: sessions done. Outlined bars: sessions planned so far. "
                "The table below lists them."
            ),
            weeks=trend.weeks,
        )
    for name, title, top, step in (
        ("rmdq", "Roland-Morris score (0 to 24, lower is better)", 24, 6),
        ("psfs", "Activity ratings, average (0 to 10, higher is better)", 10, 2),
    ):
        points = getattr(trend, name)
        if len(points) >= 2:
            drawn[name] = charts.line_chart(
                chart_id=f"chart-{name}",
                title=title,
                desc=f"{len(points)} weekly scores. The table below lists them.",
                points=points,
                start=points[0][0],
                end=max(points[-1][0], points[0][0] + datetime.timedelta(days=1)),
                y_max=top,
                y_step=step,
                max_gap_days=14,
            )
    return drawn


@login_required
@require_http_methods(["GET", "POST"])
def entry(request: HttpRequest, day: str | None = None) -> HttpResponse:
    """The daily form; `day` is today unless the URL names an earlier day."""
    person = _person(request)
    if day is None and request.GET.get("day"):
        return redirect("journal:entry", _day(request.GET["day"]).isoformat())
    date = _day(day)
    kb = default_knowledge_base()
    existing = services.get_entry(person, date)
    activities = [i["activity"] for i in existing.psfs_items] if existing else []
    for activity in services.psfs_activities(person):
        if activity not in activities:
            activities.append(activity)
    if request.method == "POST":
        form = EntryForm(request.POST, kb=kb, activities=activities)
        if form.is_valid():
            data = form.cleaned_data
            rmdq_items, psfs_items = form.rmdq_items(), form.psfs_items()
            # scores stored without their items (through the API) are kept
            kept_rmdq = existing.rmdq if existing and not existing.rmdq_items else None
            kept_psfs = existing.psfs if existing and not existing.psfs_items else None
            try:
                saved = services.save_entry(
                    person,
                    date,
                    nprs=data["nprs"],
                    sitting_hours=data["sitting_hours"],
                    rmdq_items=rmdq_items,
                    rmdq=kept_rmdq if rmdq_items is None else None,
                    psfs_items=psfs_items,
                    psfs=None if psfs_items else kept_psfs,
                    new_red_flags=data["new_red_flags"],
                    note=data["note"],
                    kb=kb,
                )
            except ValueError as exc:
                form.add_error(None, str(exc))
            else:
                _saved_message(request, saved)
                return redirect("journal:dashboard")
    else:
        form = EntryForm(initial=_initial(existing), kb=kb, activities=activities)
    chosen = set(form["new_red_flags"].value() or ())
    rmdq_due = services.rmdq_due(person, date)
    context = {
        "form": form,
        "day": date,
        "is_today": date == timezone.localdate(),
        "existing": existing,
        "sessions": [s for s in records.list_sessions(person) if s.day == date],
        "rmdq_due": rmdq_due,
        "rmdq_open": rmdq_due and (existing is None or existing.rmdq is None),
        "flag_groups": [
            {
                "title": title,
                "open": any(
                    f.id in chosen for f in kb.red_flags.values() if f.urgency == level
                ),
                "flags": [f for f in kb.red_flags.values() if f.urgency == level],
            }
            for level, title in FLAG_GROUPS
        ],
        "chosen": chosen,
    }
    return render(request, "journal/entry.html", context)


def _initial(existing: JournalEntry | None) -> dict[str, Any]:
    if existing is None:
        return {}
    initial: dict[str, Any] = {
        "nprs": None if existing.nprs is None else str(existing.nprs),
        "sitting_hours": existing.sitting_hours,
        "new_red_flags": list(existing.new_red_flags),
        "note": existing.note,
        "rmdq_answered": existing.rmdq_items is not None,
    }
    for number, ticked in enumerate(existing.rmdq_items or (), start=1):
        initial[f"rmdq_{number}"] = ticked
    for index, item in enumerate(existing.psfs_items):
        initial[f"psfs_{index}"] = str(item["score"])
    return initial


def _saved_message(request: HttpRequest, saved: JournalEntry) -> None:
    when = "today" if saved.day == timezone.localdate() else f"{saved.day:%-d %B}"
    if saved.triage_level in services.PAUSING_LEVELS:
        messages.error(
            request,
            f"Your entry for {when} is saved. The warning sign you reported needs "
            "checking: please read the advice below now.",
        )
    else:
        messages.success(request, f"Your entry for {when} is saved.")


@login_required
@require_GET
def entry_list(request: HttpRequest) -> HttpResponse:
    """The person's entries, newest first, each with a link to change it."""
    rows = services.entries(_person(request))
    return render(
        request,
        "journal/list.html",
        {"entries": rows, "today": timezone.localdate()},
    )
