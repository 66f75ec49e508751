"""Programs and exercise sessions in the database, on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime
import uuid
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.db import IntegrityError, transaction

from psoas.knowledge.model import Dose
from psoas.program.model import (
    AssessmentSummary,
    PhasePlan,
    Preferences,
    Prescription,
    Program,
    ProgramWeek,
    SessionLog,
)
from psoas_web import services
from psoas_web.records.models import ExerciseSession, StoredProgram

START = datetime.date(2025, 3, 3)  # a Monday
T0 = datetime.datetime(2025, 3, 3, 7, 30, tzinfo=datetime.UTC)


def _program(bridge_reps: int = 10, *, kb_version: str = "kb-1") -> Program:
    bridge = Prescription(
        exercise_id="glute_bridge",
        name="Glute bridge",
        dose=Dose(sets=2, reps=bridge_reps, rest_s=30),
        minutes=2.5,
        reason="Strengthens the hip extensors that sitting leaves idle.",
    )
    stretch = Prescription(
        exercise_id="supine_knee_hug_stretch",
        name="Knee hug",
        dose=Dose(sets=2, hold_s=30, per_side=True, rest_s=15),
        minutes=2.5,
        reason="A gentle start for the hip flexors.",
    )
    weeks = [
        ProgramWeek(
            week=n,
            phase="settle",
            start=START + datetime.timedelta(weeks=n - 1),
            session_days=[
                START + datetime.timedelta(weeks=n - 1, days=d) for d in (0, 2, 4)
            ],
            exercises=[stretch, bridge],
        )
        for n in range(1, 7)
    ]
    return Program(
        created=START,
        start=START,
        preferences=Preferences(),
        assessment=AssessmentSummary(
            level="self_care", pattern="possible", exposures=["sitting"]
        ),
        phases=[
            PhasePlan(id="settle", name="Settle", weeks=list(range(1, 7)), goal="Calm")
        ],
        weeks=weeks,
        advice=["Stand up every half hour ✓"],
        reasons=["You sit for most of the day."],
        excluded=[],
        sources=["s1"],
        kb_version=kb_version,
    )


def _doc(program: Program | None = None) -> dict[str, Any]:
    return (program or _program()).model_dump(mode="json")


def _person(alias: str, username: str = "ann") -> User:
    return User.objects.db_manager(alias).create_user(username)


def _session(
    person: User, stored: StoredProgram, alias: str, **changes: Any
) -> ExerciseSession:
    facts: dict[str, Any] = {
        "day": START,
        "week": 1,
        "completed": ["supine_knee_hug_stretch"],
        "skipped": [{"exercise_id": "glute_bridge", "reason": "no_time"}],
        "pain_before": 3,
        "pain_during": 4,
        "pain_after": 2,
        "new_red_flag": False,
        "stopped": "",
        "started_at": T0,
        "finished_at": T0 + datetime.timedelta(minutes=12),
    }
    return services.save_session(person, stored, using=alias, **(facts | changes))


def test_saved_program_round_trips_to_the_same_program(alias):
    ann = _person(alias)
    program = _program()

    saved = services.save_program(ann, _doc(program), using=alias)

    active = services.active_program(ann, using=alias)
    assert active == saved
    assert active is not None
    assert Program.model_validate(active.program) == program
    assert active.program["advice"] == ["Stand up every half hour ✓"]
    assert active.kb_version == "kb-1"
    assert active.active
    assert active.assessment is None


def test_program_links_to_its_assessment(alias):
    ann = _person(alias)
    assessment = services.save_assessment(
        ann,
        {"version": 1},
        {"triage": {"level": "self_care"}},
        engine_version="0.1.0",
        kb_version="kb-1",
        using=alias,
    )

    saved = services.save_program(ann, _doc(), assessment_id=assessment.id, using=alias)

    assert StoredProgram.objects.using(alias).get(id=saved.id).assessment == assessment


def test_someone_elses_assessment_cannot_be_linked(alias):
    ann, bob = _person(alias, "ann"), _person(alias, "bob")
    anns = services.save_assessment(
        ann,
        {"version": 1},
        {"triage": {"level": "self_care"}},
        engine_version="0.1.0",
        kb_version="kb-1",
        using=alias,
    )

    with pytest.raises(ValueError, match="is not one of this person's"):
        services.save_program(bob, _doc(), assessment_id=anns.id, using=alias)
    assert not StoredProgram.objects.using(alias).exists()


def test_a_new_program_replaces_the_active_one(alias):
    ann = _person(alias)
    first = services.save_program(ann, _doc(_program(10)), using=alias)
    second = services.save_program(ann, _doc(_program(12)), using=alias)

    assert services.active_program(ann, using=alias) == second
    first.refresh_from_db(using=alias)
    assert not first.active
    assert StoredProgram.objects.using(alias).filter(person=ann).count() == 2


def test_the_database_refuses_two_active_programs(alias):
    ann = _person(alias)
    services.save_program(ann, _doc(), using=alias)

    with pytest.raises(IntegrityError), transaction.atomic(using=alias):
        StoredProgram.objects.using(alias).create(
            person=ann, program=_doc(), active=True, kb_version="kb-1"
        )


def test_each_person_has_their_own_active_program(alias):
    ann, bob = _person(alias, "ann"), _person(alias, "bob")
    anns = services.save_program(ann, _doc(_program(10)), using=alias)
    bobs = services.save_program(bob, _doc(_program(12)), using=alias)

    assert services.active_program(ann, using=alias) == anns
    assert services.active_program(bob, using=alias) == bobs
    assert services.active_program(_person(alias, "cy"), using=alias) is None


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        (lambda d: d.pop("weeks"), "weeks: Field required"),
        (lambda d: d.update(version=2), "version: Input should be 1"),
        (lambda d: d.update(surprise=True), "surprise: Extra inputs are not permitted"),
        (
            lambda d: d["weeks"][0]["exercises"][0]["dose"].update(sets=9),
            "weeks.0.exercises.0.dose.sets",
        ),
    ],
    ids=["no-weeks", "wrong-version", "unknown-field", "dose-out-of-range"],
)
def test_an_invalid_program_is_refused_and_the_old_one_stays_active(
    alias, change, problem
):
    ann = _person(alias)
    old = services.save_program(ann, _doc(), using=alias)
    document = _doc()
    change(document)

    with pytest.raises(ValueError, match="not a valid program") as error:
        services.save_program(ann, document, using=alias)

    assert problem in str(error.value)
    assert services.active_program(ann, using=alias) == old
    assert StoredProgram.objects.using(alias).count() == 1


def test_update_program_changes_the_stored_program_in_place(alias):
    ann = _person(alias)
    stored = services.save_program(ann, _doc(_program(10)), using=alias)
    _session(ann, stored, alias)
    progressed = _program(12, kb_version="kb-2")

    updated = services.update_program(ann, stored, _doc(progressed), using=alias)

    active = services.active_program(ann, using=alias)
    assert active is not None
    assert updated.id == active.id == stored.id
    assert Program.model_validate(active.program) == progressed
    assert active.kb_version == "kb-2"
    assert len(services.list_sessions(ann, program=active, using=alias)) == 1


def test_update_program_refuses_bad_input_and_other_peoples_programs(alias):
    ann, bob = _person(alias, "ann"), _person(alias, "bob")
    stored = services.save_program(ann, _doc(), using=alias)
    broken = _doc()
    broken["weeks"] = "every day"

    with pytest.raises(ValueError, match="not a valid program"):
        services.update_program(ann, stored, broken, using=alias)
    with pytest.raises(ValueError, match="is not one of this person's"):
        services.update_program(bob, stored, _doc(_program(12)), using=alias)

    stored.refresh_from_db(using=alias)
    assert Program.model_validate(stored.program) == _program()


def test_saved_session_round_trips(alias):
    ann = _person(alias)
    stored = services.save_program(ann, _doc(), using=alias)

    saved = _session(ann, stored, alias)

    [listed] = services.list_sessions(ann, using=alias)
    assert listed.id == saved.id
    assert listed.program_id == stored.id
    assert (listed.day, listed.week) == (START, 1)
    assert listed.completed == ["supine_knee_hug_stretch"]
    assert listed.skipped == [{"exercise_id": "glute_bridge", "reason": "no_time"}]
    assert (listed.pain_before, listed.pain_during, listed.pain_after) == (3, 4, 2)
    assert listed.settled_next_morning is None
    assert not listed.new_red_flag
    assert listed.stopped == ""
    assert listed.started_at == T0
    assert listed.finished_at == T0 + datetime.timedelta(minutes=12)


def test_sessions_list_oldest_first_and_by_program(alias):
    ann = _person(alias)
    old = services.save_program(ann, _doc(), using=alias)
    friday = _session(ann, old, alias, day=START + datetime.timedelta(days=4))
    monday = _session(ann, old, alias, day=START)
    new = services.save_program(ann, _doc(), using=alias)
    later = _session(ann, new, alias, day=START + datetime.timedelta(days=7))

    assert services.list_sessions(ann, using=alias) == [monday, friday, later]
    assert services.list_sessions(ann, program=old, using=alias) == [monday, friday]
    assert services.list_sessions(ann, program=new, using=alias) == [later]


def test_sessions_of_one_person_are_not_anothers(alias):
    ann, bob = _person(alias, "ann"), _person(alias, "bob")
    anns = services.save_program(ann, _doc(), using=alias)
    _session(ann, anns, alias)

    assert services.list_sessions(bob, using=alias) == []
    with pytest.raises(ValueError, match="is not one of this person's"):
        _session(bob, anns, alias)
    assert ExerciseSession.objects.using(alias).count() == 1


def test_a_session_stopped_by_a_red_flag_is_stored(alias):
    ann = _person(alias)
    stored = services.save_program(ann, _doc(), using=alias)

    _session(
        ann,
        stored,
        alias,
        completed=[],
        skipped=[],
        pain_during=None,
        pain_after=None,
        new_red_flag=True,
        stopped="red_flag",
        finished_at=None,
    )

    [listed] = services.list_sessions(ann, using=alias)
    assert listed.new_red_flag
    assert listed.stopped == "red_flag"
    assert listed.finished_at is None


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        ({"pain_during": 11}, "pain_during must be a whole number from 0 to 10"),
        ({"pain_before": -1}, "pain_before must be a whole number from 0 to 10"),
        ({"pain_after": 4.5}, "pain_after must be a whole number from 0 to 10"),
        ({"pain_after": True}, "pain_after must be a whole number from 0 to 10"),
        ({"week": 7}, "week must be one of the program's weeks"),
        ({"stopped": "bored"}, "stopped must be one of"),
        ({"completed": ["leg_press"]}, "'leg_press' is not an exercise of this"),
        ({"completed": "glute_bridge"}, "completed must be a list of exercise ids"),
        ({"skipped": [{"exercise_id": "glute_bridge"}]}, "skipped: each item must"),
        ({"new_red_flag": "no"}, "new_red_flag must be True or False"),
        (
            {"started_at": datetime.datetime(2025, 3, 3, 7, 30)},
            "started_at must be a timezone-aware datetime",
        ),
        ({"finished_at": T0 - datetime.timedelta(seconds=1)}, "finished_at must not"),
        ({"day": T0}, "day must be a date"),
    ],
    ids=lambda value: next(iter(value)) if isinstance(value, dict) else "",
)
def test_an_invalid_session_is_refused_and_nothing_stored(alias, change, problem):
    ann = _person(alias)
    stored = services.save_program(ann, _doc(), using=alias)

    with pytest.raises(ValueError, match=problem):
        _session(ann, stored, alias, **change)
    assert not ExerciseSession.objects.using(alias).exists()


def test_the_database_refuses_pain_above_ten(alias):
    ann = _person(alias)
    stored = services.save_program(ann, _doc(), using=alias)

    with pytest.raises(IntegrityError), transaction.atomic(using=alias):
        ExerciseSession.objects.using(alias).create(
            person=ann, program=stored, day=START, week=1, started_at=T0, pain_after=11
        )


def test_settled_next_morning_is_recorded(alias):
    ann = _person(alias)
    stored = services.save_program(ann, _doc(), using=alias)
    session = _session(ann, stored, alias)

    services.record_settled(ann, session.id, False, using=alias)
    [listed] = services.list_sessions(ann, using=alias)
    assert listed.settled_next_morning is False

    services.record_settled(ann, str(session.id), True, using=alias)
    [listed] = services.list_sessions(ann, using=alias)
    assert listed.settled_next_morning is True


@pytest.mark.parametrize("whose", ["bob", "unknown", "malformed"])
def test_settled_cannot_be_recorded_on_someone_elses_or_no_session(alias, whose):
    ann, bob = _person(alias, "ann"), _person(alias, "bob")
    session = _session(ann, services.save_program(ann, _doc(), using=alias), alias)
    person, session_id = {
        "bob": (bob, session.id),
        "unknown": (ann, uuid.uuid4()),
        "malformed": (ann, "yesterday"),
    }[whose]

    with pytest.raises(ExerciseSession.DoesNotExist):
        services.record_settled(person, session_id, True, using=alias)
    [listed] = services.list_sessions(ann, using=alias)
    assert listed.settled_next_morning is None


def test_session_logs_give_the_progression_rule_what_happened(alias):
    ann = _person(alias)
    stored = services.save_program(ann, _doc(), using=alias)
    first = _session(ann, stored, alias)
    services.record_settled(ann, first.id, True, using=alias)
    _session(
        ann,
        stored,
        alias,
        day=START + datetime.timedelta(days=2),
        completed=["supine_knee_hug_stretch", "glute_bridge"],
        skipped=[],
        pain_during=6,
        pain_after=None,
    )

    assert services.session_logs(ann, stored, using=alias) == [
        SessionLog(
            day=START,
            week=1,
            completed=["supine_knee_hug_stretch"],
            skipped=["glute_bridge"],
            pain_during=4,
            pain_after=2,
            settled_next_morning=True,
            new_red_flag=False,
        ),
        SessionLog(
            day=START + datetime.timedelta(days=2),
            week=1,
            completed=["supine_knee_hug_stretch", "glute_bridge"],
            skipped=[],
            pain_during=6,
            pain_after=None,
            settled_next_morning=None,
            new_red_flag=False,
        ),
    ]


def test_deleting_a_person_deletes_their_programs_and_sessions(alias):
    ann = _person(alias)
    _session(ann, services.save_program(ann, _doc(), using=alias), alias)

    ann.delete(using=alias)

    assert not StoredProgram.objects.using(alias).exists()
    assert not ExerciseSession.objects.using(alias).exists()
