"""The REST API (/api/v1/) and the personal tokens page (/api/tokens/).

Owner, other person and anonymous caller for every endpoint; tokens and the
browser session both authenticate; someone else's object answers 404.
"""

from __future__ import annotations

import datetime
import json
from pathlib import Path
from typing import Any

import jsonschema_rs
import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.utils import timezone

import psoas
from psoas_web.api import services as tokens
from psoas_web.api.models import ApiToken
from psoas_web.journal.models import JournalEntry
from psoas_web.records.models import Assessment, ExerciseSession, StoredProgram

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
API = "/api/v1"


def example(name: str) -> dict[str, Any]:
    document: dict[str, Any] = json.loads((EXAMPLES / f"{name}.json").read_text())
    return document


def bearer(token: str) -> dict[str, str]:
    return {"HTTP_AUTHORIZATION": f"Bearer {token}"}


@pytest.fixture
def owner_token(owner: User) -> str:
    return tokens.create_token(owner, "tests")[1]


@pytest.fixture
def other_token(other: User) -> str:
    return tokens.create_token(other, "bob's")[1]


def post_json(client: Client, path: str, body: Any, **extra: Any) -> Any:
    data = body if isinstance(body, str | bytes) else json.dumps(body)
    return client.post(path, data, content_type="application/json", **extra)


def assess(client: Client, token: str, name: str = "desk_worker") -> str:
    response = post_json(client, f"{API}/assessments", example(name), **bearer(token))
    assert response.status_code == 201, response.content
    return str(response.json()["id"])


# --- POST /assessments ---------------------------------------------------------


def test_anonymous_assessment_gives_the_contract_result_and_stores_nothing(
    anon_client: Client,
) -> None:
    response = post_json(anon_client, f"{API}/assessments", example("desk_worker"))
    assert response.status_code == 200
    expected = psoas.assess(example("desk_worker")).to_json_dict()
    body = response.json()
    assert "id" not in body
    for field in (
        "version",
        "triage",
        "psoas_pattern",
        "exposures",
        "instruments",
        "program_allowed",
        "next_steps",
        "sources",
    ):
        assert body[field] == expected[field], field
    assert body == expected
    assert Assessment.objects.count() == 0


def test_assessment_with_a_token_is_stored_for_that_person(
    anon_client: Client, owner: User, owner_token: str
) -> None:
    response = post_json(
        anon_client, f"{API}/assessments", example("desk_worker"), **bearer(owner_token)
    )
    assert response.status_code == 201
    body = response.json()
    stored = Assessment.objects.get(id=body.pop("id"))
    assert stored.person == owner
    assert body == psoas.assess(example("desk_worker")).to_json_dict()
    assert stored.result == body
    assert stored.level == body["triage"]["level"]
    token = ApiToken.objects.get(person=owner)
    assert token.last_used_at is not None


@pytest.mark.parametrize(
    ("document", "problem"),
    [
        (
            {"version": 1, "pain": {"nprs_now": 14}},
            "pain.nprs_now: must be 0..10, got 14",
        ),
        ({"version": 1, "red_flags": {"no_such_flag": True}}, "red_flags.no_such_flag"),
        ({"pain": {}}, "version: required"),
        ([1, 2], "(document): must be a JSON object"),
        ("{not json", "(document): not valid JSON"),
        ("", "(document): not valid JSON"),
    ],
)
def test_invalid_documents_list_every_problem_with_its_path(
    anon_client: Client, owner_token: str, document: Any, problem: str
) -> None:
    for headers in ({}, bearer(owner_token)):
        response = post_json(anon_client, f"{API}/assessments", document, **headers)
        assert response.status_code == 422
        detail = response.json()["detail"]
        assert any(p["problem"].startswith(problem) for p in detail), detail
        assert all({"path", "message", "problem"} <= set(p) for p in detail)
    assert Assessment.objects.count() == 0


def test_every_problem_is_reported_at_once(anon_client: Client) -> None:
    document = {
        "version": 1,
        "pain": {"nprs_now": 14, "side": "up"},
        "exposures": {"sitting_hours_per_day": 30},
    }
    response = post_json(anon_client, f"{API}/assessments", document)
    paths = {p["path"] for p in response.json()["detail"]}
    assert {"pain.nprs_now", "pain.side", "exposures.sitting_hours_per_day"} <= paths
    first = response.json()["detail"][0]
    assert first["problem"] == f"{first['path']}: {first['message']}"


def test_session_auth_stores_and_needs_csrf(owner: User) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(owner)
    client.get("/api/tokens/")  # sets the CSRF cookie
    csrf = client.cookies["csrftoken"].value
    path = f"{API}/assessments"
    refused = post_json(client, path, example("desk_worker"))
    assert refused.status_code == 403
    assert Assessment.objects.count() == 0
    response = post_json(client, path, example("desk_worker"), HTTP_X_CSRFTOKEN=csrf)
    assert response.status_code == 201
    assert Assessment.objects.get(id=response.json()["id"]).person == owner
    listed = client.get(path)  # reads need no CSRF token
    assert listed.status_code == 200
    assert listed.json()["count"] == 1


def test_anonymous_post_needs_no_csrf_token(db: Any) -> None:
    client = Client(enforce_csrf_checks=True)
    response = post_json(client, f"{API}/assessments", example("desk_worker"))
    assert response.status_code == 200


# --- tokens ---------------------------------------------------------------------


def test_bad_and_revoked_tokens_answer_401(
    anon_client: Client, owner: User, owner_token: str
) -> None:
    path = f"{API}/assessments"
    assert anon_client.get(path, **bearer(owner_token)).status_code == 200
    for wrong in (owner_token + "x", "psoas_nope", "nope", ""):
        response = anon_client.get(path, **bearer(wrong))
        assert response.status_code == 401, wrong
        assert response["WWW-Authenticate"].startswith("Bearer")
    tokens.revoke_token(owner, ApiToken.objects.get(person=owner).id)
    assert anon_client.get(path, **bearer(owner_token)).status_code == 401
    # a wrong token is refused, not taken as an anonymous caller
    response = post_json(
        anon_client, path, example("desk_worker"), **bearer(owner_token)
    )
    assert response.status_code == 401
    assert Assessment.objects.count() == 0


def test_a_deactivated_person_s_token_stops_working(
    anon_client: Client, owner: User, owner_token: str
) -> None:
    owner.is_active = False
    owner.save()
    assert (
        anon_client.get(f"{API}/assessments", **bearer(owner_token)).status_code == 401
    )


def test_only_a_hash_of_the_token_is_stored(owner: User) -> None:
    row, token = tokens.create_token(owner, "  script  ")
    assert token.startswith("psoas_")
    assert len(token) > 40
    assert row.name == "script"
    assert token not in {row.token_hash, row.hint}
    assert row.token_hash == tokens.hash_token(token)
    assert token.startswith(row.hint)
    assert tokens.person_for_token(token) == owner


@pytest.mark.parametrize("name", ["", "   ", "x" * 101])
def test_token_names_are_checked(owner: User, name: str) -> None:
    with pytest.raises(ValueError, match="name"):
        tokens.create_token(owner, name)
    assert not ApiToken.objects.exists()


def test_someone_else_cannot_revoke_a_token(owner: User, other: User) -> None:
    row, _ = tokens.create_token(owner, "mine")
    with pytest.raises(ApiToken.DoesNotExist):
        tokens.revoke_token(other, row.id)
    with pytest.raises(ApiToken.DoesNotExist):
        tokens.revoke_token(other, "not-a-uuid")
    row.refresh_from_db()
    assert row.revoked_at is None


# --- GET /assessments -------------------------------------------------------------


def test_list_shows_only_own_assessments_newest_first(
    anon_client: Client, owner_token: str, other_token: str
) -> None:
    first = assess(anon_client, owner_token)
    second = assess(anon_client, owner_token, "runner")
    theirs = assess(anon_client, other_token)
    response = anon_client.get(f"{API}/assessments", **bearer(owner_token))
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 2
    assert [a["id"] for a in body["items"]] == [second, first]
    assert theirs not in {a["id"] for a in body["items"]}
    page = anon_client.get(
        f"{API}/assessments?limit=1&offset=1", **bearer(owner_token)
    ).json()
    assert [a["id"] for a in page["items"]] == [first]
    assert (page["count"], page["limit"], page["offset"]) == (2, 1, 1)
    too_many = anon_client.get(f"{API}/assessments?limit=1000", **bearer(owner_token))
    assert too_many.status_code == 422


def test_anonymous_cannot_list_or_read(anon_client: Client, owner_token: str) -> None:
    mine = assess(anon_client, owner_token)
    assert anon_client.get(f"{API}/assessments").status_code == 401
    assert anon_client.get(f"{API}/assessments/{mine}").status_code == 401


def test_detail_is_own_only(
    anon_client: Client, owner_client: Client, owner_token: str, other_token: str
) -> None:
    mine = assess(anon_client, owner_token)
    response = anon_client.get(f"{API}/assessments/{mine}", **bearer(owner_token))
    assert response.status_code == 200
    body = response.json()
    assert body["id"] == mine
    assert body["answers"] == example("desk_worker")
    assert body["result"]["triage"]["level"] == body["level"]
    assert owner_client.get(f"{API}/assessments/{mine}").status_code == 200
    # someone else's, unknown, and not an id at all: all simply not found
    for path in (
        f"{API}/assessments/{mine}",
        f"{API}/assessments/00000000-0000-0000-0000-000000000000",
        f"{API}/assessments/not-an-id",
    ):
        response = anon_client.get(path, **bearer(other_token))
        assert response.status_code == 404, path
        assert "detail" in response.json()


# --- programs -------------------------------------------------------------------------


def test_program_is_built_from_the_latest_assessment(
    anon_client: Client, owner: User, owner_token: str, other_token: str
) -> None:
    auth = bearer(owner_token)
    assert anon_client.get(f"{API}/program", **auth).status_code == 404
    response = post_json(anon_client, f"{API}/programs", {}, **auth)
    assert response.status_code == 409
    assert response.json()["why"] == "no_assessment"
    mine = assess(anon_client, owner_token)
    response = post_json(
        anon_client,
        f"{API}/programs",
        {"minutes_per_day": 5, "days_per_week": 3, "weeks": 6, "start": "2026-01-05"},
        **auth,
    )
    assert response.status_code == 201, response.content
    body = response.json()
    stored = StoredProgram.objects.get(id=body["id"])
    assert stored.person == owner
    assert str(stored.assessment_id) == mine == body["assessment_id"]
    assert body["program"]["preferences"]["days_per_week"] == 3
    assert body["program"]["start"] == "2026-01-05"
    active = anon_client.get(f"{API}/program", **auth)
    assert active.status_code == 200
    assert active.json()["id"] == body["id"]
    # the other person sees none of it, and cannot build from the owner's assessment
    assert anon_client.get(f"{API}/program", **bearer(other_token)).status_code == 404
    response = post_json(
        anon_client, f"{API}/programs", {"assessment_id": mine}, **bearer(other_token)
    )
    assert response.status_code == 404
    assert StoredProgram.objects.filter(person__username="bob").count() == 0
    assert anon_client.get(f"{API}/program").status_code == 401
    assert post_json(anon_client, f"{API}/programs", {}).status_code == 401


def test_no_program_when_the_screen_says_get_checked(
    anon_client: Client, owner_token: str
) -> None:
    assess(anon_client, owner_token)
    assess(anon_client, owner_token, "emergency_cauda_equina")
    # the latest screen counts, although an older one allowed a program
    response = post_json(anon_client, f"{API}/programs", {}, **bearer(owner_token))
    assert response.status_code == 409
    body = response.json()
    assert body["why"] == "emergency"
    assert body["triage_level"] == "emergency"
    assert body["triage_message"]
    assert not StoredProgram.objects.exists()


def test_program_preferences_are_validated(
    anon_client: Client, owner_token: str
) -> None:
    assess(anon_client, owner_token)
    response = post_json(
        anon_client,
        f"{API}/programs",
        {"weeks": 40, "equipment": ["jetpack"]},
        **bearer(owner_token),
    )
    assert response.status_code == 422
    paths = {p["path"] for p in response.json()["detail"]}
    assert {"weeks", "equipment[0]"} <= paths
    assert not StoredProgram.objects.exists()


# --- sessions -------------------------------------------------------------------------


def session_body(stored: StoredProgram, **changes: Any) -> dict[str, Any]:
    week = stored.program["weeks"][0]
    started = timezone.now() - datetime.timedelta(minutes=15)
    body = {
        "day": week["session_days"][0],
        "week": week["week"],
        "completed": [week["exercises"][0]["exercise_id"]],
        "skipped": [],
        "pain_before": 3,
        "pain_during": 4,
        "pain_after": 2,
        "started_at": started.isoformat(),
        "finished_at": (started + datetime.timedelta(minutes=12)).isoformat(),
    }
    return {**body, **changes}


@pytest.fixture
def owner_program(anon_client: Client, owner_token: str) -> StoredProgram:
    assess(anon_client, owner_token)
    response = post_json(anon_client, f"{API}/programs", {}, **bearer(owner_token))
    return StoredProgram.objects.get(id=response.json()["id"])


def test_sessions_are_logged_against_the_active_program(
    anon_client: Client, owner: User, owner_token: str, other_token: str
) -> None:
    response = post_json(
        anon_client,
        f"{API}/sessions",
        {"day": "2026-01-05", "week": 1, "started_at": "2026-01-05T07:30:00+00:00"},
        **bearer(owner_token),
    )
    assert response.status_code == 409  # no program yet
    assess(anon_client, owner_token)
    program = post_json(anon_client, f"{API}/programs", {}, **bearer(owner_token))
    stored = StoredProgram.objects.get(id=program.json()["id"])
    response = post_json(
        anon_client, f"{API}/sessions", session_body(stored), **bearer(owner_token)
    )
    assert response.status_code == 201, response.content
    session = ExerciseSession.objects.get(id=response.json()["id"])
    assert (session.person, session.program_id, session.pain_during) == (
        owner,
        stored.id,
        4,
    )
    listed = anon_client.get(f"{API}/sessions", **bearer(owner_token)).json()
    assert [s["id"] for s in listed["items"]] == [str(session.id)]
    assert anon_client.get(f"{API}/sessions", **bearer(other_token)).json() == {
        "count": 0,
        "limit": 20,
        "offset": 0,
        "items": [],
    }
    # someone else cannot log against the owner's program
    response = post_json(
        anon_client,
        f"{API}/sessions",
        session_body(stored, program_id=str(stored.id)),
        **bearer(other_token),
    )
    assert response.status_code == 404
    assert ExerciseSession.objects.count() == 1
    assert anon_client.get(f"{API}/sessions").status_code == 401
    assert (
        post_json(anon_client, f"{API}/sessions", session_body(stored)).status_code
        == 401
    )


def test_invalid_sessions_are_422_and_store_nothing(
    anon_client: Client, owner_token: str, owner_program: StoredProgram
) -> None:
    cases = [
        (session_body(owner_program, week=40), "week"),
        (session_body(owner_program, completed=["moonwalk"]), "completed"),
        (session_body(owner_program, pain_after=11), "pain_after"),
        (session_body(owner_program, started_at="2026-01-05T07:30:00"), "started_at"),
        ({"week": 1}, "day"),
    ]
    for body, path in cases:
        response = post_json(
            anon_client, f"{API}/sessions", body, **bearer(owner_token)
        )
        assert response.status_code == 422, (path, response.content)
        paths = [p["path"] for p in response.json()["detail"]]
        assert path in paths, (path, paths)
    assert not ExerciseSession.objects.exists()


# --- journal ---------------------------------------------------------------------------


def test_journal_entries_are_own_and_replace_the_day(
    anon_client: Client, owner: User, owner_token: str, other_token: str
) -> None:
    today = timezone.localdate().isoformat()
    body = {"day": today, "nprs": 4, "sitting_hours": 7.5, "note": "long meeting"}
    response = post_json(anon_client, f"{API}/journal", body, **bearer(owner_token))
    assert response.status_code == 201, response.content
    entry = JournalEntry.objects.get(id=response.json()["id"])
    assert (entry.person, entry.nprs, entry.note) == (owner, 4, "long meeting")
    again = post_json(
        anon_client, f"{API}/journal", {**body, "nprs": 3}, **bearer(owner_token)
    )
    assert again.status_code == 200
    entry.refresh_from_db()
    assert entry.nprs == 3
    assert JournalEntry.objects.count() == 1
    mine = anon_client.get(f"{API}/journal", **bearer(owner_token)).json()
    assert [e["id"] for e in mine["items"]] == [str(entry.id)]
    theirs = anon_client.get(f"{API}/journal", **bearer(other_token)).json()
    assert theirs["items"] == []
    assert anon_client.get(f"{API}/journal").status_code == 401
    assert post_json(anon_client, f"{API}/journal", body).status_code == 401


def test_a_new_warning_sign_in_the_journal_reruns_the_screen(
    anon_client: Client, owner_token: str
) -> None:
    assess(anon_client, owner_token)
    body = {"day": timezone.localdate().isoformat(), "new_red_flags": ["chest_pain"]}
    response = post_json(anon_client, f"{API}/journal", body, **bearer(owner_token))
    assert response.status_code == 201
    assert response.json()["triage_level"] == "emergency"


def test_invalid_journal_entries_are_422(anon_client: Client, owner_token: str) -> None:
    tomorrow = (timezone.localdate() + datetime.timedelta(days=1)).isoformat()
    today = timezone.localdate().isoformat()
    cases = [
        ({"day": tomorrow, "nprs": 3}, "day"),
        ({"day": today, "nprs": 11}, "nprs"),
        ({"day": today, "new_red_flags": ["made_up"]}, "new_red_flags"),
        ({"day": today, "rmdq_items": [True] * 3}, "rmdq_items"),
    ]
    for body, path in cases:
        response = post_json(anon_client, f"{API}/journal", body, **bearer(owner_token))
        assert response.status_code == 422, (path, response.content)
        assert path in [p["path"] for p in response.json()["detail"]]
    assert not JournalEntry.objects.exists()


# --- the OpenAPI document and the docs page ----------------------------------------------


ENDPOINTS = {
    ("/api/v1/assessments", "post"),
    ("/api/v1/assessments", "get"),
    ("/api/v1/assessments/{assessment_id}", "get"),
    ("/api/v1/program", "get"),
    ("/api/v1/programs", "post"),
    ("/api/v1/sessions", "get"),
    ("/api/v1/sessions", "post"),
    ("/api/v1/journal", "get"),
    ("/api/v1/journal", "post"),
}


def test_openapi_document_lists_every_endpoint(anon_client: Client) -> None:
    response = anon_client.get(f"{API}/openapi.json")
    assert response.status_code == 200
    document = response.json()
    assert document["openapi"].startswith("3.")
    operations = {
        (path, method) for path, item in document["paths"].items() for method in item
    }
    assert operations == ENDPOINTS
    schemes = document["components"]["securitySchemes"]
    assert {s["type"] for s in schemes.values()} == {"http", "apiKey"}
    for path, method in ENDPOINTS:
        operation = document["paths"][path][method]
        assert operation["responses"], (path, method)
        assert operation.get("security"), (path, method)
    body = document["paths"]["/api/v1/assessments"]["post"]["requestBody"]
    answers = body["content"]["application/json"]["schema"]
    assert "$ref" not in json.dumps(answers)
    validator = jsonschema_rs.validator_for(answers)
    assert validator.is_valid(example("desk_worker"))
    assert not validator.is_valid({"version": 1, "pain": {"nprs_now": 14}})
    components = document["components"]
    for name in components["schemas"]:  # each is a valid JSON Schema
        jsonschema_rs.validator_for(
            {"$ref": f"#/components/schemas/{name}", "components": components}
        )


def test_docs_page_uses_no_cdn(anon_client: Client) -> None:
    response = anon_client.get(f"{API}/docs")
    assert response.status_code == 200
    page = response.content.decode()
    assert "cdn" not in page.lower()
    assert "/static/ninja/swagger-ui-bundle.js" in page
    bundle = anon_client.get("/static/ninja/swagger-ui-bundle.js")
    assert bundle.status_code == 200
    bundle.close()


# --- the tokens page -----------------------------------------------------------------------


def test_tokens_page_needs_sign_in(anon_client: Client) -> None:
    response = anon_client.get("/api/tokens/")
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]
    assert anon_client.post("/api/tokens/", {"name": "x"}).status_code == 302
    assert not ApiToken.objects.exists()


def test_tokens_page_shows_a_new_token_once(owner_client: Client, owner: User) -> None:
    page = owner_client.get("/api/tokens/")
    assert page.status_code == 200
    assert "no tokens yet" in page.content.decode()
    response = owner_client.post("/api/tokens/", {"name": "clinic intake"})
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    row = ApiToken.objects.get(person=owner)
    text = response.content.decode()
    token = text.split('id="new-token-value" class="token-value" value="')[1].split(
        '"'
    )[0]
    assert tokens.person_for_token(token) == owner
    assert row.token_hash == tokens.hash_token(token)
    later = owner_client.get("/api/tokens/").content.decode()
    assert token not in later
    assert "clinic intake" in later
    assert row.hint in later


def test_tokens_page_rejects_an_empty_name(owner_client: Client) -> None:
    response = owner_client.post("/api/tokens/", {"name": "  "})
    assert response.status_code == 200
    assert 'aria-invalid="true"' in response.content.decode()
    assert not ApiToken.objects.exists()


def test_tokens_page_lists_only_own_tokens(
    owner_client: Client, other: User, other_token: str
) -> None:
    assert "bob&#x27;s" not in owner_client.get("/api/tokens/").content.decode()


def test_revoke_own_token_only(
    owner_client: Client, other_client: Client, owner: User, owner_token: str
) -> None:
    row = ApiToken.objects.get(person=owner)
    url = f"/api/tokens/{row.id}/revoke/"
    assert other_client.post(url).status_code == 404
    assert owner_client.get(url).status_code == 405
    row.refresh_from_db()
    assert row.revoked_at is None
    response = owner_client.post(url)
    assert response.status_code == 302
    row.refresh_from_db()
    assert row.revoked_at is not None
    assert "Revoked" in owner_client.get("/api/tokens/").content.decode()
    assert tokens.person_for_token(owner_token) is None
    assert Client().post(url).status_code == 302  # anonymous: to sign in


def test_at_most_twenty_tokens_in_use(owner: User) -> None:
    made = [tokens.create_token(owner, f"t{i}")[0] for i in range(tokens.MAX_ACTIVE)]
    with pytest.raises(ValueError, match="at most 20"):
        tokens.create_token(owner, "one too many")
    tokens.revoke_token(owner, made[0].id)
    tokens.create_token(owner, "after revoking one")
    assert ApiToken.objects.filter(person=owner).count() == tokens.MAX_ACTIVE + 1
