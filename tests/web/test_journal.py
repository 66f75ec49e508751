"""The journal: daily entries, new warning signs re-running triage, and the dashboard."""

from __future__ import annotations

import datetime
import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.utils import timezone

import psoas
from psoas.knowledge import Urgency, default_knowledge_base
from psoas.program import Preferences, build_program
from psoas_web import services as records
from psoas_web.journal import services
from psoas_web.journal.models import JournalEntry

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
EMERGENCY_FLAG = "ces_saddle_numbness"


def _today() -> datetime.date:
    return timezone.localdate()


def _ago(days: int) -> datetime.date:
    return _today() - datetime.timedelta(days=days)


def _assess(person: User, example: str = "desk_worker") -> psoas.Result:
    answers = json.loads((EXAMPLES / f"{example}.json").read_text(encoding="utf-8"))
    result = psoas.assess(answers)
    records.save_result(person, answers, result)
    return result


def _fill(person: User, values: list[int], *, sitting: float = 8.0) -> None:
    """One entry a day ending today, oldest value first."""
    for offset, value in enumerate(values):
        day = _ago(len(values) - 1 - offset)
        services.save_entry(person, day, nprs=value, sitting_hours=sitting)


# -- sign-in is needed ------------------------------------------------------------


@pytest.mark.parametrize(
    "path",
    ["/journal/", "/journal/entry/", "/journal/entry/2026-01-05/", "/journal/entries/"],
)
def test_anonymous_visitors_are_sent_to_sign_in(anon_client: Client, path: str) -> None:
    response = anon_client.get(path)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_anonymous_post_stores_nothing(anon_client: Client) -> None:
    response = anon_client.post("/journal/entry/", {"nprs": "4"})
    assert response.status_code == 302
    assert JournalEntry.objects.count() == 0


@pytest.mark.parametrize("path", ["/journal/", "/journal/entry/", "/journal/entries/"])
def test_signed_in_people_see_every_page(owner_client: Client, path: str) -> None:
    assert owner_client.get(path).status_code == 200


def test_a_future_or_malformed_day_is_not_found(owner_client: Client) -> None:
    tomorrow = (_today() + datetime.timedelta(days=1)).isoformat()
    assert owner_client.get(f"/journal/entry/{tomorrow}/").status_code == 404
    assert owner_client.get("/journal/entry/not-a-day/").status_code == 404


# -- saving ---------------------------------------------------------------------------


def test_saving_an_entry_creates_one_row_for_the_owner_only(
    owner: User, other: User, owner_client: Client
) -> None:
    response = owner_client.post(
        "/journal/entry/", {"nprs": "4", "sitting_hours": "7.5", "note": "long drive"}
    )
    assert response.status_code == 302
    assert response["Location"] == "/journal/"
    entry = JournalEntry.objects.get(person=owner)
    assert (entry.day, entry.nprs, entry.sitting_hours) == (_today(), 4, 7.5)
    assert entry.note == "long drive"
    assert entry.triage_level == ""
    assert not JournalEntry.objects.filter(person=other).exists()


def test_editing_the_same_day_updates_the_entry(
    owner: User, owner_client: Client
) -> None:
    day = _ago(3).isoformat()
    owner_client.post(f"/journal/entry/{day}/", {"nprs": "6"})
    owner_client.post(f"/journal/entry/{day}/", {"nprs": "3", "sitting_hours": "5"})
    entry = JournalEntry.objects.get(person=owner)
    assert (entry.day.isoformat(), entry.nprs, entry.sitting_hours) == (day, 3, 5.0)
    page = owner_client.get(f"/journal/entry/{day}/").content.decode()
    assert re.search(r'value="3"[^>]*checked', page)


def test_pain_of_11_is_a_clear_error_and_nothing_is_stored(
    owner: User, owner_client: Client
) -> None:
    response = owner_client.post("/journal/entry/", {"nprs": "11"})
    assert response.status_code == 200
    text = response.content.decode()
    assert "Pain must be a whole number from 0" in text
    assert "Nothing has been saved" in text
    assert JournalEntry.objects.count() == 0


def test_sitting_more_than_24_hours_is_refused(owner_client: Client) -> None:
    response = owner_client.post("/journal/entry/", {"sitting_hours": "25"})
    assert "cannot be more than 24" in response.content.decode()
    assert JournalEntry.objects.count() == 0


def test_rmdq_ticks_are_scored(owner: User, owner_client: Client) -> None:
    owner_client.post(
        "/journal/entry/", {"rmdq_1": "on", "rmdq_5": "on", "rmdq_24": "on"}
    )
    entry = JournalEntry.objects.get(person=owner)
    assert entry.rmdq == 3
    assert entry.rmdq_items is not None
    assert sum(entry.rmdq_items) == 3


def test_rmdq_untouched_is_not_stored_as_zero(
    owner: User, owner_client: Client
) -> None:
    owner_client.post("/journal/entry/", {"nprs": "2"})
    assert JournalEntry.objects.get(person=owner).rmdq is None
    owner_client.post("/journal/entry/", {"nprs": "2", "rmdq_answered": "on"})
    assert JournalEntry.objects.get(person=owner).rmdq == 0


def test_psfs_activities_come_from_the_latest_assessment(
    owner: User, owner_client: Client
) -> None:
    _assess(owner)
    activities = services.psfs_activities(owner)
    assert activities
    page = owner_client.get("/journal/entry/").content.decode()
    assert activities[0].capitalize() in page
    owner_client.post("/journal/entry/", {"psfs_0": "6"})
    entry = JournalEntry.objects.get(person=owner)
    assert entry.psfs == 6.0
    assert entry.psfs_items == [{"activity": activities[0], "score": 6}]


def test_service_refuses_unknown_red_flags_and_stores_nothing(owner: User) -> None:
    with pytest.raises(ValueError, match="unknown red-flag ids"):
        services.save_entry(owner, _today(), nprs=3, new_red_flags=["not_a_flag"])
    with pytest.raises(ValueError, match="nprs must be a whole number"):
        services.save_entry(owner, _today(), nprs=11)
    with pytest.raises(ValueError, match="in the future"):
        services.save_entry(owner, _today() + datetime.timedelta(days=1), nprs=1)
    assert JournalEntry.objects.count() == 0


# -- new warning signs -------------------------------------------------------------


def test_a_new_emergency_flag_reruns_triage_and_shows_the_emergency_advice(
    owner: User, owner_client: Client
) -> None:
    _assess(owner)
    response = owner_client.post(
        "/journal/entry/", {"nprs": "5", "new_red_flags": [EMERGENCY_FLAG]}, follow=True
    )
    entry = JournalEntry.objects.get(person=owner)
    assert entry.triage_level == "emergency"
    assert entry.new_red_flags == [EMERGENCY_FLAG]
    level = default_knowledge_base().level(Urgency.EMERGENCY)
    text = response.content.decode()
    assert response.redirect_chain[-1][0] == "/journal/"
    assert level.title in text
    assert level.safety_net.strip()[:60] in text
    assert "Your program is paused until you have been checked" in text
    assert services.program_paused(owner)


def test_a_newer_assessment_lifts_the_pause(owner: User, owner_client: Client) -> None:
    services.save_entry(owner, _today(), new_red_flags=[EMERGENCY_FLAG])
    assert services.program_paused(owner)
    _assess(owner)
    assert not services.program_paused(owner)
    assert "is paused" not in owner_client.get("/journal/").content.decode()


def test_a_later_entry_without_flags_keeps_the_pause(owner: User) -> None:
    services.save_entry(owner, _ago(1), new_red_flags=["neuro_progressive_weakness"])
    services.save_entry(owner, _today(), nprs=2)
    entry = services.pausing_entry(owner)
    assert entry is not None
    assert entry.triage_level == "urgent"


def test_earlier_answers_count_when_triage_is_rerun(owner: User) -> None:
    """cancer_history from the assessment plus a new nerve sign: an emergency."""
    answers = json.loads((EXAMPLES / "desk_worker.json").read_text(encoding="utf-8"))
    answers["red_flags"]["cancer_history"] = True
    result = psoas.assess(answers)
    records.save_result(owner, answers, result)
    entry = services.save_entry(
        owner, _today(), new_red_flags=["neuro_persistent_sciatica"]
    )
    assert entry.triage_level == "emergency"


# -- other people ------------------------------------------------------------------


def test_entries_are_per_person_even_for_the_same_day(
    owner: User, other: User, other_client: Client
) -> None:
    day = _ago(2)
    services.save_entry(owner, day, nprs=9, note="owner's private note")
    page = other_client.get(f"/journal/entry/{day.isoformat()}/").content.decode()
    assert "owner&#x27;s private note" not in page
    assert "owner's private note" not in page
    other_client.post(f"/journal/entry/{day.isoformat()}/", {"nprs": "1"})
    assert JournalEntry.objects.get(person=owner).nprs == 9
    assert JournalEntry.objects.get(person=other).nprs == 1
    listing = other_client.get("/journal/entries/").content.decode()
    assert "private note" not in listing


def test_dashboard_shows_the_owners_trend_and_never_the_others(
    owner: User, other: User, owner_client: Client
) -> None:
    _fill(owner, [7, 7, 6, 7, 6, 6, 7, 5, 4, 4, 3, 4, 3, 3], sitting=6.25)
    _fill(other, [1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 1, 2], sitting=13.75)
    text = owner_client.get("/journal/").content.decode()
    assert "6.25" in text
    assert "13.75" not in text
    other_text = Client()
    other_text.force_login(other)
    page = other_text.get("/journal/").content.decode()
    assert "13.75" in page
    assert "6.25" not in page


def test_chart_svg_is_inline_accessible_and_has_its_numbers_in_a_table(
    owner: User, owner_client: Client
) -> None:
    _fill(owner, [6, 5, 7, 4], sitting=9.5)
    text = owner_client.get("/journal/").content.decode()
    svg = re.search(r'<svg class="chart" id="chart-nprs".*?</svg>', text, re.S)
    assert svg is not None
    assert '<title id="chart-nprs-title">' in svg.group(0)
    assert "<desc " in svg.group(0)
    assert "<script" not in svg.group(0)
    assert not re.search(r"<script[^>]+src=\"https?://", text)
    assert "cdn" not in text.lower()
    table = re.search(r"<caption[^>]*>Pain each day</caption>.*?</table>", text, re.S)
    assert table is not None
    cells = re.findall(r"<td>(\d+)</td>", table.group(0))
    assert cells == ["6", "5", "7", "4"]


def test_meaningful_change_text_when_pain_drops_two_points(
    owner: User, owner_client: Client
) -> None:
    # first week averages 6, the latest week 4: a 2-point drop
    _fill(owner, [6, 6, 6, 6, 6, 6, 6, 4, 4, 4, 4, 4, 4, 4])
    text = owner_client.get("/journal/").content.decode()
    assert "Your pain has dropped from 6 to 4 on average" in text
    assert "a change that matters to most people" in text
    assert "2 points or 30%" in text


def test_a_small_drop_is_read_as_small(owner: User) -> None:
    _fill(owner, [5, 5, 5, 5, 5, 5, 5, 5, 4, 4, 4, 4, 4, 4, 4])
    reading = services.trend(owner).readings[0]
    assert reading.direction == "better"
    assert not reading.meaningful
    assert "smaller than the change that usually matters" in reading.text


def test_sessions_and_adherence_come_from_the_active_program(
    owner: User, owner_client: Client, log_first_sessions: Callable[..., None]
) -> None:
    result = _assess(owner)
    program = build_program(
        result, Preferences(days_per_week=3, weeks=6), today=_ago(13)
    )
    stored = records.save_program(owner, program.model_dump(mode="json"))
    log_first_sessions(owner, stored, 2)
    trend = services.trend(owner)
    assert trend.adherence is not None
    assert trend.adherence.done == 2
    assert trend.adherence.planned >= 3
    assert trend.weeks[0].done == 2
    text = owner_client.get("/journal/").content.decode()
    assert 'id="chart-sessions"' in text
    assert f"You have done 2 of the {trend.adherence.planned} sessions" in text


def test_the_list_shows_only_ones_own_entries_with_links_to_change_them(
    owner: User, other: User, owner_client: Client
) -> None:
    services.save_entry(owner, _ago(1), nprs=3, note="owner tuesday")
    services.save_entry(other, _ago(2), nprs=8, note="bob secret")
    text = owner_client.get("/journal/entries/").content.decode()
    assert f'href="/journal/entry/{_ago(1).isoformat()}/"' in text
    assert "owner tuesday" in text
    assert "bob secret" not in text
    assert f"/journal/entry/{_ago(2).isoformat()}/" not in text


def test_the_form_offers_the_warning_signs_and_the_weekly_questionnaire(
    owner_client: Client,
) -> None:
    kb = default_knowledge_base()
    text = owner_client.get("/journal/entry/").content.decode()
    assert "Any new warning signs?" in text
    assert text.count('name="new_red_flags"') == len(kb.red_flags) == 36
    assert text.count('name="rmdq_') == 24 + 1  # the statements and "I have read"
    assert '<details class="weekly" open>' in text  # due: never filled in


def test_the_weekly_questionnaire_is_folded_away_when_done_this_week(
    owner: User, owner_client: Client
) -> None:
    services.save_entry(owner, _ago(2), rmdq=5)
    text = owner_client.get("/journal/entry/").content.decode()
    assert '<details class="weekly" open>' not in text
    assert "done in the last 7 days" in text


def test_one_persons_warning_sign_never_shows_on_anothers_dashboard(
    owner: User, other_client: Client
) -> None:
    services.save_entry(owner, _today(), new_red_flags=[EMERGENCY_FLAG])
    text = other_client.get("/journal/").content.decode()
    assert "is paused" not in text
    assert default_knowledge_base().level(Urgency.EMERGENCY).title not in text


def test_a_single_entry_draws_a_week_ending_today(
    owner: User, owner_client: Client
) -> None:
    services.save_entry(owner, _today(), nprs=5)
    text = owner_client.get("/journal/").content.decode()
    tomorrow = _today() + datetime.timedelta(days=1)
    svg = re.search(r'<svg class="chart" id="chart-nprs".*?</svg>', text, re.S)
    assert svg is not None
    assert f">{tomorrow:%-d %b}<" not in svg.group(0)
    assert f">{_ago(6):%-d %b}<" in svg.group(0)


def test_editing_on_the_web_keeps_scores_stored_without_items(
    owner: User, owner_client: Client
) -> None:
    services.save_entry(owner, _today(), nprs=4, rmdq=9, psfs=6.5)
    owner_client.post("/journal/entry/", {"nprs": "3"})
    entry = JournalEntry.objects.get(person=owner)
    assert (entry.nprs, entry.rmdq, entry.psfs) == (3, 9, 6.5)
