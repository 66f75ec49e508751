"""Exporting all of one's data: as JSON (every personal model) and as a FHIR Bundle."""

from __future__ import annotations

import datetime
import json
from typing import Any

import pytest
from django.apps import apps
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse
from fhir.resources.R4B.bundle import Bundle

import psoas
from psoas_web import services
from psoas_web.accounts.export import personal_models
from psoas_web.accounts.fhir import PAIN_CODE, QUESTIONNAIRE, build_bundle
from psoas_web.records.models import Assessment

FULL_ANSWERS: dict[str, Any] = {
    "version": 1,
    "red_flags": {"ces_saddle_numbness": False, "not_improving": True},
    "pain": {
        "regions": ["low_back", "hip_front"],
        "side": "left",
        "nprs_now": 6,
        "nprs_worst_week": 8,
        "duration_weeks": 5,
        "features": {"worse_rising_from_sitting": True, "leg_pain_below_knee": False},
    },
    "referred": ["bloating"],
    "exposures": {"sitting_hours_per_day": 9.5, "lifts_with_twisting": False},
    "self_tests": {"thomas_test": {"left": "thigh_raised", "right": "negative"}},
    "instruments": {
        "rmdq": [True, False, True] + [False] * 21,
        "psfs": [{"activity": "getting out of the car", "score": 4}],
    },
}


def _store(person: User, answers: dict[str, Any]) -> Assessment:
    result = psoas.assess(answers)
    return services.save_result(person, answers, result)


def _journal(person: User, day: datetime.date, nprs: int | None) -> None:
    try:
        model = apps.get_model("psoas_journal", "JournalEntry")
    except LookupError:
        pytest.skip("the journal app has no JournalEntry model")
    model._default_manager.create(person=person, day=day, nprs=nprs)


@pytest.fixture
def stored(owner: User, other: User) -> dict[str, Any]:
    """Two assessments and two journal days (one with pain) for owner; one of each for other."""
    mine = [_store(owner, FULL_ANSWERS), _store(owner, {"version": 1})]
    _journal(owner, datetime.date(2026, 11, 2), 3)
    _journal(owner, datetime.date(2026, 11, 3), None)
    _journal(other, datetime.date(2026, 11, 2), 9)
    theirs = _store(other, FULL_ANSWERS)
    return {"mine": mine, "theirs": theirs}


# JSON


def test_personal_models_are_found_by_their_person_field() -> None:
    labels = {model._meta.label for model in personal_models()}
    assert {
        "records.Assessment",
        "records.StoredProgram",
        "records.ExerciseSession",
    } <= labels
    assert "auth.User" not in labels


def test_export_json_is_a_download_of_the_owners_rows_only(
    owner_client: Client, owner: User, other: User, stored: dict[str, Any]
) -> None:
    response = owner_client.get(reverse("accounts:export_json"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert response["Content-Disposition"].startswith('attachment; filename="psoas-')
    document = json.loads(response.content)
    assert document["profile"]["username"] == "alice"
    assert "password" not in document["profile"]
    assessments = document["records"]["records.Assessment"]
    assert {row["id"] for row in assessments} == {str(a.id) for a in stored["mine"]}
    assert str(stored["theirs"].id) not in response.content.decode()
    # Every exported row of every personal model belongs to the owner.
    for label, rows in document["records"].items():
        for row in rows:
            assert row["person_id"] == owner.pk, label
    full = next(row for row in assessments if row["answers"] == FULL_ANSWERS)
    assert full["result"]["instruments"]["nprs"]["now"] == 6
    assert isinstance(full["created_at"], str)
    assert "bob" not in response.content.decode()


def test_export_json_includes_other_apps_rows(
    owner_client: Client, stored: dict[str, Any]
) -> None:
    document = json.loads(owner_client.get(reverse("accounts:export_json")).content)
    journal = document["records"].get("psoas_journal.JournalEntry")
    assert journal is not None
    assert sorted(row["day"] for row in journal) == ["2026-11-02", "2026-11-03"]
    assert {row["nprs"] for row in journal} == {3, None}


def test_export_json_leaves_out_token_hashes(owner_client: Client, owner: User) -> None:
    try:
        token = apps.get_model("psoas_api", "ApiToken")
    except LookupError:
        pytest.skip("the API app has no ApiToken model")
    token._default_manager.create(
        person=owner, name="my script", token_hash="ab" * 32, hint="psoas_ab"
    )
    response = owner_client.get(reverse("accounts:export_json"))
    rows = json.loads(response.content)["records"]["psoas_api.ApiToken"]
    assert [row["name"] for row in rows] == ["my script"]
    assert "token_hash" not in rows[0]
    assert "ab" * 32 not in response.content.decode()


def test_export_json_lists_the_sign_ins(anon_client: Client, owner: User) -> None:
    from web.conftest import PASSWORD

    anon_client.post(
        reverse("accounts:login"), {"username": "alice", "password": PASSWORD}
    )
    document = json.loads(anon_client.get(reverse("accounts:export_json")).content)
    assert len(document["sign_ins"]) == 1
    assert document["sign_ins"][0]["ip_address"] == "127.0.0.1"


def test_export_json_of_an_empty_account(other_client: Client) -> None:
    document = json.loads(other_client.get(reverse("accounts:export_json")).content)
    assert document["profile"]["username"] == "bob"
    assert all(rows == [] for rows in document["records"].values())


# FHIR


def _entries(bundle: Bundle, kind: str) -> list[Any]:
    return [
        entry.resource
        for entry in bundle.entry or []
        if entry.resource is not None and entry.resource.get_resource_type() == kind
    ]


def test_export_fhir_parses_back_into_a_bundle(
    owner_client: Client, stored: dict[str, Any]
) -> None:
    response = owner_client.get(reverse("accounts:export_fhir"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/fhir+json")
    assert response["Content-Disposition"].startswith("attachment;")
    bundle = Bundle.model_validate_json(response.content)
    assert bundle.type == "collection"
    responses = _entries(bundle, "QuestionnaireResponse")
    observations = _entries(bundle, "Observation")
    assert len(responses) == 2
    # One pain score from the full assessment, one from the journal day with pain.
    assert len(observations) == 2
    assert len(_entries(bundle, "Patient")) == 1
    for observation in observations:
        assert observation.status == "final"
        coding = observation.code.coding[0]
        assert (coding.system, coding.code) == ("http://loinc.org", PAIN_CODE)
        assert observation.category[0].coding[0].code == "survey"
    assert sorted(o.valueInteger for o in observations) == [3, 6]
    assert {r.id for r in responses} == {str(a.id) for a in stored["mine"]}
    assert str(stored["theirs"].id) not in response.content.decode()


def test_questionnaire_response_holds_the_answered_parts(
    owner: User, stored: dict[str, Any]
) -> None:
    bundle = build_bundle(owner)
    full = next(
        r
        for r in _entries(bundle, "QuestionnaireResponse")
        if r.id == str(stored["mine"][0].id)
    )
    assert full.status == "completed"
    assert full.questionnaire == QUESTIONNAIRE
    items = {item.linkId: item for item in full.item}
    assert [i.linkId for i in items["red_flags"].item] == ["red_flags.not_improving"]
    assert [a.valueCoding.code for a in items["pain.regions"].answer] == [
        "low_back",
        "hip_front",
    ]
    assert items["pain.nprs_now"].answer[0].valueInteger == 6
    features = {i.linkId: i.answer[0].valueBoolean for i in items["pain.features"].item}
    assert features == {
        "pain.features.worse_rising_from_sitting": True,
        "pain.features.leg_pain_below_knee": False,
    }
    exposures = {i.linkId: i.answer[0] for i in items["exposures"].item}
    assert float(exposures["exposures.sitting_hours_per_day"].valueDecimal) == 9.5
    rmdq = {i.linkId: i.answer[0] for i in items["rmdq"].item}
    assert rmdq["rmdq.score"].valueInteger == 2
    assert rmdq["rmdq.1"].valueBoolean is True
    psfs = items["psfs"].item[0].item
    assert psfs[0].answer[0].valueString == "getting out of the car"
    assert psfs[1].answer[0].valueInteger == 4
    # An empty assessment has no items for what was not answered.
    empty = next(
        r
        for r in _entries(bundle, "QuestionnaireResponse")
        if r.id == str(stored["mine"][1].id)
    )
    assert "pain.regions" not in {item.linkId for item in empty.item or []}


def test_export_fhir_of_an_empty_account(other_client: Client) -> None:
    bundle = Bundle.model_validate_json(
        other_client.get(reverse("accounts:export_fhir")).content
    )
    assert _entries(bundle, "QuestionnaireResponse") == []
    assert _entries(bundle, "Observation") == []


# anonymous


@pytest.mark.parametrize("name", ["export_json", "export_fhir"])
def test_export_needs_sign_in(anon_client: Client, name: str) -> None:
    response = anon_client.get(reverse(f"accounts:{name}"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login") + "?next=")


@pytest.mark.parametrize("name", ["export_json", "export_fhir"])
def test_export_is_get_only(owner_client: Client, name: str) -> None:
    assert owner_client.post(reverse(f"accounts:{name}")).status_code == 405
