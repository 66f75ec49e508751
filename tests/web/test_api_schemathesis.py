"""Schemathesis against the API's own OpenAPI document: no input makes a server error.

The schema is loaded from the Django application itself (WSGI, no server), and
every operation is called with a valid personal token of a person who has an
assessment and a program, so the deeper code paths run too.
"""

from __future__ import annotations

from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error

from psoas_web.wsgi import application

schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)


@pytest.fixture
def token(db: Any) -> str:
    import json
    from pathlib import Path

    from django.contrib.auth.models import User
    from django.test import Client

    from psoas_web.api import services

    person = User.objects.create_user("fuzz", "fuzz@example.org", "not used 12345")
    _, token = services.create_token(person, "schemathesis")
    answers = Path(__file__).resolve().parents[2] / "examples" / "desk_worker.json"
    client, auth = Client(), {"HTTP_AUTHORIZATION": f"Bearer {token}"}
    for path, body in (
        ("/api/v1/assessments", json.loads(answers.read_text())),
        ("/api/v1/programs", {}),
    ):
        response = client.post(path, body, content_type="application/json", **auth)
        assert response.status_code == 201, response.content
    return token


@schema.parametrize()
@settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=list(HealthCheck),
)
def test_no_server_error(case: schemathesis.Case, token: str) -> None:
    case.call_and_validate(
        headers={"Authorization": f"Bearer {token}"}, checks=[not_a_server_error]
    )
