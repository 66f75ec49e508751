"""The assessment wizard, the emergency page, the result and the history."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client, RequestFactory
from django.urls import reverse
from django.utils.html import escape

from psoas.knowledge import Urgency, default_knowledge_base
from psoas_web import services
from psoas_web.assessment import pending
from psoas_web.assessment.steps import STEPS
from psoas_web.records.models import Assessment

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
KB = default_knowledge_base()


def desk_worker() -> dict[str, Any]:
    document: dict[str, Any] = json.loads((EXAMPLES / "desk_worker.json").read_text())
    return document


def step_url(slug: str) -> str:
    return reverse("assessment:step", args=[slug])


def flags_post(urgency: Urgency, yes: tuple[str, ...] = ()) -> dict[str, str]:
    return {
        flag.id: "yes" if flag.id in yes else "no"
        for flag in KB.red_flags.values()
        if flag.urgency is urgency
    }


def begin(client: Client) -> None:
    response = client.post(reverse("assessment:start"), {"action": "restart"})
    assert response.status_code == 302
    assert response["Location"] == step_url("safety-1")


def post_step(client: Client, slug: str, data: dict[str, Any]) -> Any:
    return client.post(step_url(slug), {**data, "nav": "next"})


def desk_worker_posts() -> list[tuple[str, dict[str, Any]]]:
    """The desk worker's answers as the wizard's form posts, step by step."""
    doc = desk_worker()
    pain, exposures = doc["pain"], doc["exposures"]
    features = {
        f"feature_{key}": "yes" if value else "no"
        for key, value in pain["features"].items()
    }
    rmdq = {
        f"rmdq_{i}": "on"
        for i, ticked in enumerate(doc["instruments"]["rmdq"])
        if ticked
    }
    psfs: dict[str, Any] = {}
    for row, item in enumerate(doc["instruments"]["psfs"]):
        psfs[f"psfs_activity_{row}"] = item["activity"]
        psfs[f"psfs_score_{row}"] = item["score"]
    return [
        ("safety-1", flags_post(Urgency.EMERGENCY)),
        ("safety-2", flags_post(Urgency.URGENT)),
        ("safety-3", flags_post(Urgency.SOON)),
        (
            "pain",
            {
                "regions": pain["regions"],
                "side": pain["side"],
                "nprs_now": pain["nprs_now"],
                "nprs_worst_week": pain["nprs_worst_week"],
                "duration_weeks": pain["duration_weeks"],
                "age_years": doc["person"]["age_years"],
                "sex": doc["person"]["sex"],
            },
        ),
        ("symptoms", features),
        ("daily-life", exposures),
        ("self-test", doc["self_tests"]["thomas_test"]),
        ("measures", {**rmdq, **psfs}),
    ]


def complete(client: Client) -> Any:
    begin(client)
    response = None
    for slug, data in desk_worker_posts():
        response = post_step(client, slug, data)
        assert response.status_code == 302, (slug, response.content[:2000])
    return response


# --- each step renders ------------------------------------------------------------


def test_start_renders_for_everyone(anon_client: Client, owner_client: Client) -> None:
    for client in (anon_client, owner_client):
        response = client.get(reverse("assessment:start"))
        assert response.status_code == 200
        assert b"not a diagnosis" in response.content


def test_each_step_renders_in_order(anon_client: Client) -> None:
    begin(anon_client)
    for slug, data in desk_worker_posts():
        response = anon_client.get(step_url(slug))
        assert response.status_code == 200, slug
        assert b"<form" in response.content
        post_step(anon_client, slug, data)


def test_red_flag_pages_hold_all_36_questions(anon_client: Client) -> None:
    begin(anon_client)
    seen = 0
    for slug in ("safety-1", "safety-2", "safety-3"):
        response = anon_client.get(step_url(slug))
        seen += response.content.count(b'value="unsure"')
        post_step(anon_client, slug, {})
    assert seen == len(KB.red_flags) == 36


def test_first_page_holds_the_emergency_questions(anon_client: Client) -> None:
    begin(anon_client)
    html = anon_client.get(step_url("safety-1")).content.decode()
    for flag in KB.red_flags.values():
        assert (f'name="{flag.id}"' in html) is (flag.urgency is Urgency.EMERGENCY)


def test_a_later_step_cannot_be_skipped_to(anon_client: Client) -> None:
    begin(anon_client)
    response = anon_client.get(step_url("daily-life"))
    assert response["Location"] == step_url("safety-1")
    assert anon_client.get(step_url("no-such-step")).status_code == 404


# --- emergency and urgent ---------------------------------------------------------


def test_emergency_answer_goes_to_the_emergency_page(anon_client: Client) -> None:
    begin(anon_client)
    data = flags_post(Urgency.EMERGENCY, yes=("ces_saddle_numbness",))
    response = post_step(anon_client, "safety-1", data)
    assert response.status_code == 302
    assert response["Location"] == reverse("assessment:emergency")
    page = anon_client.get(reverse("assessment:emergency"))
    html = page.content.decode()
    assert "Call your local emergency number now" in html
    level = KB.level(Urgency.EMERGENCY)
    assert level.title in html
    assert KB.red_flags["ces_saddle_numbness"].could_be.rstrip(".") in html
    # no further step is reachable without changing the answers
    for later in STEPS[1:]:
        response = anon_client.get(step_url(later.slug))
        assert response.status_code == 302
        assert response["Location"] in {
            reverse("assessment:emergency"),
            step_url("safety-1"),
        }
    response = post_step(anon_client, "safety-2", flags_post(Urgency.URGENT))
    assert response["Location"] != step_url("safety-3")
    assert anon_client.get(step_url("safety-1")).status_code == 200  # to change it


def test_changing_the_emergency_answer_lets_the_wizard_go_on(
    anon_client: Client,
) -> None:
    begin(anon_client)
    post_step(
        anon_client, "safety-1", flags_post(Urgency.EMERGENCY, yes=("chest_pain",))
    )
    response = anon_client.post(reverse("assessment:change"))
    assert response["Location"] == step_url("safety-1")
    html = anon_client.get(step_url("safety-1")).content.decode()
    assert 'value="yes" id="id_chest_pain_0" checked' in html
    response = post_step(anon_client, "safety-1", flags_post(Urgency.EMERGENCY))
    assert response["Location"] == step_url("safety-2")


def test_emergency_page_without_an_emergency_goes_to_the_start(
    anon_client: Client,
) -> None:
    response = anon_client.get(reverse("assessment:emergency"))
    assert response["Location"] == reverse("assessment:start")


def test_urgent_goes_straight_to_the_result(anon_client: Client) -> None:
    begin(anon_client)
    post_step(anon_client, "safety-1", flags_post(Urgency.EMERGENCY))
    post_step(
        anon_client, "safety-2", flags_post(Urgency.URGENT, yes=("infection_fever",))
    )
    response = post_step(anon_client, "safety-3", flags_post(Urgency.SOON))
    assert response["Location"] == reverse("assessment:result")
    page = anon_client.get(reverse("assessment:result"))
    assert b'class="banner urgent"' in page.content
    assert b"See my exercise program" not in page.content
    # the exercise questions are not asked
    assert anon_client.get(step_url("pain"))["Location"] == reverse("assessment:result")


# --- the benign path, stored or not ------------------------------------------------


def test_signed_in_benign_path_is_stored(owner_client: Client, owner: User) -> None:
    response = complete(owner_client)
    stored = Assessment.objects.get(person=owner)
    assert response["Location"] == reverse("assessment:result", args=[stored.id])
    assert stored.level == "self_care"
    assert stored.result["triage"]["level"] == "self_care"
    assert stored.answers["pain"]["regions"] == ["low_back", "hip_front", "groin"]
    assert stored.answers["red_flags"] == desk_worker()["red_flags"]
    assert stored.answers["instruments"] == desk_worker()["instruments"]
    page = owner_client.get(response["Location"])
    html = page.content.decode()
    assert 'class="banner self_care"' in html
    assert "See my exercise program" in html
    # the session result points to the stored one; nothing is stored twice
    again = owner_client.get(reverse("assessment:result"))
    assert again["Location"] == response["Location"]
    assert Assessment.objects.count() == 1


def test_anonymous_benign_path_is_not_stored_until_claimed(
    anon_client: Client, owner: User
) -> None:
    response = complete(anon_client)
    assert response["Location"] == reverse("assessment:result")
    assert Assessment.objects.count() == 0
    page = anon_client.get(reverse("assessment:result"))
    assert page.status_code == 200
    assert b'class="banner self_care"' in page.content
    assert b"Sign up to save it" in page.content
    request = RequestFactory().get("/")
    request.session = anon_client.session
    stored = pending.claim_pending(request, owner)
    assert stored is not None
    assert stored.person == owner
    assert stored.level == "self_care"
    assert stored.answers["pain"] == desk_worker()["pain"]
    assert Assessment.objects.filter(person=owner).count() == 1
    assert pending.ANSWERS_KEY not in request.session
    assert pending.claim_pending(request, owner) is None  # nothing twice
    assert Assessment.objects.count() == 1


def test_claim_pending_ignores_an_unfinished_assessment(
    anon_client: Client, owner: User
) -> None:
    begin(anon_client)
    post_step(anon_client, "safety-1", flags_post(Urgency.EMERGENCY))
    request = RequestFactory().get("/")
    request.session = anon_client.session
    assert pending.claim_pending(request, owner) is None
    assert Assessment.objects.count() == 0
    assert pending.ANSWERS_KEY in request.session


def test_the_answers_are_kept_in_the_session_as_you_go(anon_client: Client) -> None:
    begin(anon_client)
    post_step(anon_client, "safety-1", flags_post(Urgency.EMERGENCY))
    document = anon_client.session[pending.ANSWERS_KEY]
    assert document["version"] == 1
    assert document["red_flags"] == {
        f.id: False for f in KB.red_flags.values() if f.urgency is Urgency.EMERGENCY
    }
    response = anon_client.get(reverse("assessment:start"))
    assert b"Carry on where I left off" in response.content
    response = anon_client.post(reverse("assessment:start"), {"action": "resume"})
    assert response["Location"] == step_url("safety-2")


def test_not_sure_leaves_a_flag_unanswered(anon_client: Client) -> None:
    begin(anon_client)
    data = flags_post(Urgency.EMERGENCY)
    data["chest_pain"] = "unsure"
    post_step(anon_client, "safety-1", data)
    assert "chest_pain" not in anon_client.session[pending.ANSWERS_KEY]["red_flags"]


def test_body_map_posts_region_ids(anon_client: Client) -> None:
    begin(anon_client)
    for slug, data in desk_worker_posts()[:3]:
        post_step(anon_client, slug, data)
    html = anon_client.get(step_url("pain")).content.decode()
    for region in KB.regions:
        assert f'name="regions" value="{region}"' in html
        assert f'data-region="{region}"' in html
    response = post_step(
        anon_client, "pain", {"regions": ["groin", "glute"], "side": "left"}
    )
    assert response["Location"] == step_url("symptoms")
    pain = anon_client.session[pending.ANSWERS_KEY]["pain"]
    assert pain == {"regions": ["groin", "glute"], "side": "left"}
    html = anon_client.get(step_url("pain")).content.decode()
    assert 'class="region on" data-region="groin"' in html


def test_invalid_number_rerenders_with_a_named_error(anon_client: Client) -> None:
    begin(anon_client)
    for slug, data in desk_worker_posts()[:3]:
        post_step(anon_client, slug, data)
    response = post_step(anon_client, "pain", {"nprs_now": 14})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Pain now (0 to 10): enter a whole number from 0 to 10." in html
    assert 'href="#field-nprs_now"' in html
    assert "pain" not in anon_client.session[pending.ANSWERS_KEY]
    response = post_step(anon_client, "daily-life", {"sitting_hours_per_day": 30})
    assert response.status_code == 302  # not reached yet: back to the furthest step


def test_invalid_exposure_names_the_field(anon_client: Client) -> None:
    begin(anon_client)
    for slug, data in desk_worker_posts()[:5]:
        post_step(anon_client, slug, data)
    response = post_step(anon_client, "daily-life", {"sitting_hours_per_day": "30"})
    assert response.status_code == 400
    assert "Total sitting time (hours a day): enter a number from 0 to 24." in (
        response.content.decode()
    )


def test_back_goes_to_the_previous_step(anon_client: Client) -> None:
    begin(anon_client)
    for slug, data in desk_worker_posts()[:4]:
        post_step(anon_client, slug, data)
    response = anon_client.post(step_url("symptoms"), {"nav": "back"})
    assert response["Location"] == step_url("pain")


def test_change_my_answers_prefills_from_a_stored_result(
    owner_client: Client, owner: User
) -> None:
    complete(owner_client)
    stored = Assessment.objects.get(person=owner)
    response = owner_client.post(
        reverse("assessment:change"), {"assessment": str(stored.id)}
    )
    assert response["Location"] == step_url("safety-1")
    html = owner_client.get(step_url("pain")).content.decode()
    assert 'value="4"' in html  # nprs now
    assert 'class="region on" data-region="low_back"' in html


def test_change_someone_elses_assessment_is_404(
    other_client: Client, owner: User
) -> None:
    stored = services.save_assessment(
        owner,
        desk_worker(),
        {"triage": {"level": "self_care"}},
        engine_version="x",
        kb_version="y",
    )
    response = other_client.post(
        reverse("assessment:change"), {"assessment": str(stored.id)}
    )
    assert response.status_code == 404


# --- the result page, owner / other / anonymous -------------------------------------


@pytest.fixture
def stored(owner: User) -> Assessment:
    import psoas

    result = psoas.assess(desk_worker())
    return services.save_result(owner, desk_worker(), result)


def test_result_page_shows_banner_chart_and_sources(
    owner_client: Client, stored: Assessment
) -> None:
    response = owner_client.get(reverse("assessment:result", args=[stored.id]))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'class="banner self_care"' in html
    assert "Self-care" in html
    assert '<svg class="chart"' in html
    assert "9.5 hours a day" in html
    for source_id in stored.result["sources"]:
        assert escape(KB.sources[source_id].short) in html
    assert "Pain marked in: groin" in html
    assert "7</strong> of 24" in html  # the RMDQ score


def test_result_for_another_person_is_404(
    other_client: Client, stored: Assessment
) -> None:
    response = other_client.get(reverse("assessment:result", args=[stored.id]))
    assert response.status_code == 404


def test_result_for_anonymous_redirects_to_sign_in(
    anon_client: Client, stored: Assessment
) -> None:
    url = reverse("assessment:result", args=[stored.id])
    response = anon_client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_session_result_without_answers_goes_to_the_start(anon_client: Client) -> None:
    response = anon_client.get(reverse("assessment:result"))
    assert response["Location"] == reverse("assessment:start")


def test_history_lists_only_the_owners(
    owner_client: Client, other_client: Client, anon_client: Client, stored: Assessment
) -> None:
    url = reverse("assessment:list")
    own = owner_client.get(url)
    assert own.status_code == 200
    assert str(stored.id) in own.content.decode()
    theirs = other_client.get(url)
    assert theirs.status_code == 200
    assert str(stored.id) not in theirs.content.decode()
    assert b"no saved assessments" in theirs.content
    response = anon_client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_a_combination_on_the_second_page_is_an_emergency(anon_client: Client) -> None:
    begin(anon_client)
    post_step(anon_client, "safety-1", flags_post(Urgency.EMERGENCY))
    data = flags_post(
        Urgency.URGENT, yes=("cancer_history", "neuro_progressive_weakness")
    )
    response = post_step(anon_client, "safety-2", data)
    assert response["Location"] == reverse("assessment:emergency")
    assert anon_client.get(step_url("safety-2")).status_code == 200  # to change it
    assert anon_client.get(step_url("safety-3"))["Location"] == reverse(
        "assessment:emergency"
    )


def test_signed_in_emergency_is_stored(owner_client: Client, owner: User) -> None:
    begin(owner_client)
    post_step(
        owner_client, "safety-1", flags_post(Urgency.EMERGENCY, yes=("chest_pain",))
    )
    stored = Assessment.objects.get(person=owner)
    assert stored.level == "emergency"


def test_change_a_stored_result_needs_sign_in(
    anon_client: Client, stored: Assessment
) -> None:
    response = anon_client.post(
        reverse("assessment:change"), {"assessment": str(stored.id)}
    )
    assert response["Location"].startswith(reverse("accounts:login"))


def test_the_coach_records_prefill_the_sitting_exposures(
    owner_client: Client, owner: Any
) -> None:
    import datetime

    from django.utils import timezone

    from psoas.coach import CoachSettings
    from psoas_web.coach import services as coach

    coach.save_settings(
        owner, CoachSettings(work_days=frozenset(range(7)))
    )  # any weekday
    day = timezone.localdate()
    for hour, minute, kind in (
        (9, 30, "prompt"),
        (9, 31, "done"),
        (12, 0, "prompt"),
        (12, 1, "done"),
    ):
        at = timezone.make_aware(
            datetime.datetime.combine(day, datetime.time(hour, minute))
        )
        coach.record_event(owner, at=at, kind=kind, break_kind="micro", source="web")
    begin(owner_client)
    for slug, data in desk_worker_posts()[:5]:
        post_step(owner_client, slug, data)
    html = owner_client.get(step_url("daily-life")).content.decode()
    assert 'id="from-coach"' in html
    stored = owner_client.session[pending.ANSWERS_KEY].get("exposures", {})
    assert "sitting_hours_per_day" not in stored  # offered, not stored until saved


def test_no_coach_records_means_no_prefill(owner_client: Client) -> None:
    begin(owner_client)
    for slug, data in desk_worker_posts()[:5]:
        post_step(owner_client, slug, data)
    assert (
        'id="from-coach"'
        not in owner_client.get(step_url("daily-life")).content.decode()
    )
