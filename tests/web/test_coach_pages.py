"""The sit-less coach in the browser: page, events, settings, numbers and the dashboard."""

from __future__ import annotations

import datetime
import json
import re
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.contrib.staticfiles import finders
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from psoas.coach import CoachSettings, desk_exercises
from psoas.knowledge import default_knowledge_base
from psoas_web.coach import services
from psoas_web.coach.models import CoachEvent, CoachSettingsRecord

PAGES = ("coach:page", "coach:settings", "coach:stats")
KINDS = (
    "prompt",
    "done",
    "skipped",
    "postponed",
    "self_break",
    "idle_break",
    "ignored",
    "escalated",
)
UTC = datetime.UTC


def _post(client: Client, body: Any) -> Any:
    data = body if isinstance(body, str | bytes) else json.dumps(body)
    return client.post(
        reverse("coach:event"), data=data, content_type="application/json"
    )


# --- who sees what ---------------------------------------------------------------------


@pytest.mark.parametrize("name", PAGES)
def test_anonymous_is_sent_to_sign_in(anon_client: Client, name: str) -> None:
    response = anon_client.get(reverse(name))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_anonymous_cannot_record(anon_client: Client) -> None:
    response = _post(anon_client, {"kind": "done"})
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))
    assert CoachEvent.objects.count() == 0


@pytest.mark.parametrize("name", PAGES)
def test_signed_in_pages_open(owner_client: Client, name: str) -> None:
    assert owner_client.get(reverse(name)).status_code == 200


def test_event_only_takes_post(owner_client: Client) -> None:
    assert owner_client.get(reverse("coach:event")).status_code == 405


def test_others_numbers_stay_private(owner: User, other_client: Client) -> None:
    day = timezone.localdate()
    now = timezone.now()
    for kind in ("prompt", "done", "done"):
        services.record_event(owner, at=now, kind=kind, source="web")
    response = other_client.get(reverse("coach:stats"))
    assert response.status_code == 200
    assert services.day_stats(owner, day).exercises_done == 2
    assert response.context["today"].exercises_done == 0
    assert response.context["today"].prompts == 0


def test_other_persons_settings_are_their_own(
    owner: User, other_client: Client
) -> None:
    services.save_settings(
        owner, CoachSettings(micro_every_min=20), seating_note="alice's chair"
    )
    response = other_client.get(reverse("coach:settings"))
    assert b"alice&#x27;s chair" not in response.content
    assert response.context["form"].initial["micro_every_min"] == 30


# --- events ------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", KINDS)
def test_each_kind_is_stored_for_the_owner_only(
    owner: User, other: User, owner_client: Client, kind: str
) -> None:
    body = {"kind": kind, "break_kind": "micro", "exercise_id": "sit_to_stand"}
    if kind == "skipped":
        body["reason"] = "in a meeting"
    response = _post(owner_client, body)
    assert response.status_code == 201, response.content
    stored = CoachEvent.objects.get(id=response.json()["id"])
    assert stored.person == owner
    assert stored.kind == kind
    assert stored.source == "web"
    assert stored.exercise_id == "sit_to_stand"
    assert stored.reason == body.get("reason", "")
    assert not CoachEvent.objects.filter(person=other).exists()


@pytest.mark.parametrize(
    "body",
    [
        {"kind": "nap"},
        {"kind": ""},
        {},
        {"kind": 3},
        {"kind": "done", "break_kind": "huge"},
        {"kind": "done", "exercise_id": "no_such_exercise"},
        {"kind": "skipped", "reason": "x" * 300},
        {"kind": "done", "reason": ["not", "text"]},
        ["done"],
        "{not json",
        b"\xff\xfe",
    ],
)
def test_bad_events_are_refused_and_nothing_stored(
    owner_client: Client, body: Any
) -> None:
    response = _post(owner_client, body)
    assert response.status_code == 400
    assert response.json()["error"]
    assert CoachEvent.objects.count() == 0


def test_the_fourth_postpone_of_the_day_is_refused(
    owner: User, owner_client: Client
) -> None:
    for left in (2, 1, 0):
        response = _post(owner_client, {"kind": "postponed", "break_kind": "micro"})
        assert response.status_code == 201
        assert response.json()["postpones_left"] == left
    response = _post(owner_client, {"kind": "postponed", "break_kind": "micro"})
    assert response.status_code == 409
    assert "postponed 3 times today" in response.json()["error"]
    assert CoachEvent.objects.filter(person=owner, kind="postponed").count() == 3
    # other answers still go through
    assert _post(owner_client, {"kind": "done"}).status_code == 201


def test_the_postpone_limit_follows_the_settings(
    owner: User, owner_client: Client
) -> None:
    services.save_settings(owner, CoachSettings(max_postpones_per_day=0))
    assert _post(owner_client, {"kind": "postponed"}).status_code == 409
    assert not CoachEvent.objects.exists()


def test_record_event_checks_its_input(owner: User) -> None:
    now = timezone.now()
    with pytest.raises(ValueError, match="unknown coach event kind"):
        services.record_event(owner, at=now, kind="nap", source="web")
    with pytest.raises(ValueError, match="source"):
        services.record_event(owner, at=now, kind="done", source="phone")
    with pytest.raises(ValueError, match="time zone"):
        services.record_event(
            owner, at=datetime.datetime(2026, 1, 1, 9), kind="done", source="cli"
        )
    assert not CoachEvent.objects.exists()


# --- settings ----------------------------------------------------------------------------

VALID = {
    "work_start": "08:00",
    "work_end": "16:00",
    "work_days": ["0", "1", "2", "3"],
    "micro_every_min": "25",
    "micro_s": "45",
    "long_every_min": "90",
    "long_min": "4",
    "postpone_min": "5",
    "max_postpones_per_day": "2",
    "seating_note": "Chair raised, screen at eye height.",
}


def test_settings_save(owner: User, owner_client: Client) -> None:
    response = owner_client.post(reverse("coach:settings"), VALID)
    assert response.status_code == 302
    saved = services.get_settings(owner)
    assert saved.work_start == datetime.time(8, 0)
    assert saved.work_end == datetime.time(16, 0)
    assert saved.work_days == frozenset({0, 1, 2, 3})
    assert (saved.micro_every_min, saved.micro_s) == (25, 45)
    assert (saved.long_every_min, saved.long_min) == (90, 4)
    assert (saved.postpone_min, saved.max_postpones_per_day) == (5, 2)
    assert services.seating_note(owner) == VALID["seating_note"]
    page = owner_client.get(reverse("coach:settings"))
    assert b"Chair raised, screen at eye height." in page.content


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"work_start": "17:00", "work_end": "09:00"}, "work_end"),
        ({"work_start": "09:00", "work_end": "09:00"}, "work_end"),
        ({"work_days": []}, "work_days"),
        ({"micro_s": "120"}, "micro_s"),
        ({"micro_every_min": "0"}, "micro_every_min"),
        ({"work_start": "late"}, "work_start"),
    ],
)
def test_settings_validate(
    owner: User, owner_client: Client, change: dict[str, Any], field: str
) -> None:
    response = owner_client.post(reverse("coach:settings"), {**VALID, **change})
    assert response.status_code == 200
    assert response.context["form"].errors[field]
    assert not CoachSettingsRecord.objects.filter(person=owner).exists()


def test_settings_show_the_honest_advice_with_sources(owner_client: Client) -> None:
    kb = default_knowledge_base()
    content = owner_client.get(reverse("coach:settings")).content.decode()
    assert "every 30 minutes" in content
    assert "exercise ball" in content
    for source in ("e10", "e12", "e13", "x9", "x10", "x11"):
        short = kb.sources[source].short
        assert short.replace("'", "&#x27;") in content


# --- numbers -----------------------------------------------------------------------------

MONDAY = datetime.date(2026, 11, 23)


def _seed(person: User, day: datetime.date) -> None:
    def at(hour: int, minute: int) -> datetime.datetime:
        return datetime.datetime.combine(day, datetime.time(hour, minute), UTC)

    for (hour, minute), kind in [
        ((9, 30), "prompt"),
        ((9, 31), "done"),
        ((10, 1), "prompt"),
        ((10, 2), "skipped"),
        ((10, 32), "prompt"),
        ((10, 33), "postponed"),
        ((11, 0), "self_break"),
        ((12, 0), "idle_break"),
        ((12, 30), "prompt"),
    ]:
        services.record_event(person, at=at(hour, minute), kind=kind, source="cli")


def test_day_stats_of_a_seeded_day(owner: User, other: User) -> None:
    _seed(owner, MONDAY)
    _seed(other, MONDAY)  # someone else's day changes nothing
    services.record_event(  # nor does the day after
        owner,
        at=datetime.datetime(2026, 11, 24, 9, 0, tzinfo=UTC),
        kind="done",
        source="web",
    )
    stats = services.day_stats(owner, MONDAY)
    # from 09:00 (one interval before the first prompt) to 12:30; breaks at 09:31,
    # 11:00 and 12:00, so the longest stretch is 09:31 to 11:00
    assert stats.sitting_minutes_covered == 210
    assert stats.longest_sitting_min == 89
    assert stats.breaks_per_sitting_hour == pytest.approx(3 / 3.5)
    assert stats.exercises_done == 1
    assert (stats.prompts, stats.skipped, stats.postponed) == (4, 1, 1)
    assert (stats.self_breaks, stats.idle_breaks) == (1, 1)
    assert len(services.events(owner, day=MONDAY)) == 9
    assert len(services.events(owner)) == 10


def test_stats_page_shows_the_last_seven_days(
    owner: User, owner_client: Client
) -> None:
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    _seed(owner, yesterday)
    response = owner_client.get(reverse("coach:stats"))
    week = response.context["week"]
    assert [d.day for d in week][-1] == timezone.localdate()
    assert len(week) == 7
    assert week[-2].sitting_minutes_covered == 210
    content = response.content.decode()
    assert yesterday.strftime("%a %-d %b") in content
    assert "<td>210</td><td>89</td><td>0.9</td><td>1</td>" in content
    assert 'role="img"' in content
    assert response.context["profile"] == {
        "sitting_hours_per_day": 3.5,
        "longest_sitting_bout_minutes": 89.0,
    }
    assert "about 3.5 hours of sitting a day" in content


def test_dashboard_shows_the_coach_card(owner: User, owner_client: Client) -> None:
    services.record_event(owner, at=timezone.now(), kind="prompt", source="web")
    services.record_event(owner, at=timezone.now(), kind="done", source="web")
    content = owner_client.get(reverse("journal:dashboard")).content.decode()
    assert "Sit-less coach today" in content
    assert "Movements done" in content


def test_dashboard_card_without_records(owner_client: Client) -> None:
    content = owner_client.get(reverse("journal:dashboard")).content.decode()
    assert "No breaks recorded today" in content


def test_navigation_has_the_coach(owner_client: Client) -> None:
    content = owner_client.get(reverse("coach:page")).content.decode()
    assert f'href="{reverse("coach:page")}" aria-current="page"' in content


# --- the page ----------------------------------------------------------------------------


def test_page_holds_every_desk_exercise_animated(owner_client: Client) -> None:
    kb = default_knowledge_base()
    content = owner_client.get(reverse("coach:page")).content.decode()
    desk = desk_exercises(kb)
    assert desk
    for exercise_id in desk:
        block = re.search(
            rf'data-exercise="{exercise_id}" hidden>(.*?)</figure>', content, re.DOTALL
        )
        assert block, exercise_id
        assert "<svg" in block.group(1)
        assert "<animate" in block.group(1)
    config = json.loads(
        re.search(
            r'id="coach-config" type="application/json">(.*?)</script>', content
        ).group(1)
    )
    assert {e["id"] for e in config["exercises"]} == set(desk)
    assert config["settings"]["micro_every_min"] == 30
    assert config["eventUrl"] == reverse("coach:event")
    assert 'role="alert"' in content


def test_notification_permission_is_only_asked_on_start() -> None:
    found = finders.find("psoas/coach/coach.js")
    assert found
    js = Path(str(found)).read_text(encoding="utf-8")
    assert js.count("requestPermission(") == 1
    ask = js.index("function askPermission(")
    assert ask < js.index("requestPermission(") < js.index("function", ask + 1)
    calls = [m.start() for m in re.finditer(r"(?<!function )askPermission\(\)", js)]
    assert len(calls) == 1
    start, stop = js.index("function start("), js.index("function stop(")
    assert start < calls[0] < stop
    # start() only asks when the person pressed the button, not when resuming a reload
    assert re.search(r"if \(!resumed\) \{\s*askPermission\(\);", js)
    assert 'addEventListener("click", function () { start(false); })' in js
    # all timing goes through the one clock object
    assert js.count("Date.now()") == 1
    assert js.count("setTimeout(") == 1
