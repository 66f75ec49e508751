from __future__ import annotations

import datetime
import json
import re
import uuid

import pytest
from django.contrib.auth.models import User
from django.db import IntegrityError, transaction

from psoas_web import services
from psoas_web.records.models import Assessment, Level

ANSWERS = {
    "version": 1,
    "person": {"age_years": 41, "sex": "female"},
    "red_flags": {"ces_saddle_numbness": False, "chest_pain": False},
    "pain": {"regions": ["low_back", "groin"], "nprs_now": 5, "features": {}},
    "exposures": {"sitting_hours_per_day": 9.5, "running_km_per_week": 0.1},
    "instruments": {
        "psfs": [{"activity": "getting out of the car – slowly", "score": 4}]
    },
    "note": None,
}
RESULT = {
    "version": 1,
    "triage": {"level": "soon", "complete": True, "red_flags": [], "unanswered": []},
    "program_allowed": True,
    "next_steps": ["See your GP this week ✓"],
}


def _person(alias: str, username: str = "ann") -> User:
    return User.objects.db_manager(alias).create_user(username)


def _save(person: User, alias: str, result: dict[str, object] = RESULT) -> Assessment:
    return services.save_assessment(
        person, ANSWERS, result, engine_version="0.1.0", kb_version="kb-1", using=alias
    )


def test_saved_assessment_lists_with_identical_json(alias):
    ann = _person(alias)
    saved = _save(ann, alias)

    [listed] = services.list_assessments(ann, using=alias)
    assert listed.id == saved.id
    assert json.dumps(listed.answers, sort_keys=True) == json.dumps(
        ANSWERS, sort_keys=True
    )
    assert json.dumps(listed.result, sort_keys=True) == json.dumps(
        RESULT, sort_keys=True
    )
    assert listed.level == "soon"
    assert (listed.engine_version, listed.kb_version) == ("0.1.0", "kb-1")
    assert listed.created_at.tzinfo is not None


def test_list_is_newest_first_and_limited(alias):
    ann = _person(alias)
    first, second, third = (_save(ann, alias) for _ in range(3))

    assert [a.id for a in services.list_assessments(ann, using=alias)] == [
        third.id,
        second.id,
        first.id,
    ]
    assert services.list_assessments(ann, limit=2, using=alias) == [third, second]


def test_get_returns_own_assessment(alias):
    ann = _person(alias)
    saved = _save(ann, alias)

    assert services.get_assessment(ann, saved.id, using=alias) == saved
    assert services.get_assessment(ann, str(saved.id), using=alias) == saved


def test_someone_elses_assessment_is_not_found(alias):
    ann, bob = _person(alias, "ann"), _person(alias, "bob")
    anns = _save(ann, alias)

    with pytest.raises(Assessment.DoesNotExist):
        services.get_assessment(bob, anns.id, using=alias)
    assert services.list_assessments(bob, using=alias) == []


@pytest.mark.parametrize("bad_id", [uuid.uuid4(), "not-an-id", ""])
def test_unknown_or_malformed_id_is_not_found(alias, bad_id):
    ann = _person(alias)
    _save(ann, alias)

    with pytest.raises(Assessment.DoesNotExist):
        services.get_assessment(ann, bad_id, using=alias)


@pytest.mark.parametrize(
    ("result", "got"),
    [
        ({"triage": {"level": "fine"}}, "'fine'"),
        ({"triage": {}}, "None"),
        ({"version": 1}, "None"),
    ],
    ids=["unknown-level", "no-level", "no-triage"],
)
def test_invalid_level_is_refused_and_nothing_stored(alias, result, got):
    ann = _person(alias)
    message = f"result.triage.level must be one of emergency, urgent, soon, self_care, got {got}"

    with pytest.raises(ValueError, match=f"^{re.escape(message)}$"):
        _save(ann, alias, result)
    assert not Assessment.objects.using(alias).exists()


def test_answers_that_are_not_json_store_nothing(alias):
    ann = _person(alias)

    with pytest.raises(TypeError, match="not JSON serializable"):
        services.save_assessment(
            ann,
            {"version": 1, "when": datetime.date(2025, 1, 1)},
            RESULT,
            engine_version="0.1.0",
            kb_version="kb-1",
            using=alias,
        )
    assert not Assessment.objects.using(alias).exists()


def test_failure_after_the_insert_rolls_the_insert_back(committing_alias):
    alias = committing_alias
    ann = _person(alias)

    # The assessment is inserted, then the same transaction hits a real
    # constraint violation (a duplicate username): nothing may remain.
    def save_then_fail() -> None:
        with transaction.atomic(using=alias):
            _save(ann, alias)
            assert Assessment.objects.using(alias).count() == 1
            _person(alias, "ann")

    with pytest.raises(IntegrityError):
        save_then_fail()

    assert services.list_assessments(ann, using=alias) == []
    assert User.objects.using(alias).count() == 1


def test_local_person_is_created_once_without_a_password(alias, monkeypatch):
    monkeypatch.setenv("PSOAS_USER", "clinic-laptop")

    person = services.local_person(alias)

    assert person.username == "clinic-laptop"
    assert not person.has_usable_password()
    assert services.local_person(alias) == person
    assert User.objects.using(alias).count() == 1


def test_local_person_defaults_to_the_os_user(alias, monkeypatch):
    monkeypatch.delenv("PSOAS_USER", raising=False)
    monkeypatch.setattr("getpass.getuser", lambda: "osuser")

    assert services.local_person(alias).username == "osuser"


def test_database_description_names_the_database_without_password(alias):
    from django.db import connections

    db = connections[alias].settings_dict
    description = services.database_description(alias)

    if alias == "default":
        assert description == f"SQLite at {db['NAME']}"
    else:
        expected = f"PostgreSQL {db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"
        assert description == expected
        assert db["PASSWORD"]
        assert db["PASSWORD"] not in description


def test_levels_are_the_engines_urgencies():
    from psoas import Urgency

    assert Level.values == [u.value for u in Urgency]
