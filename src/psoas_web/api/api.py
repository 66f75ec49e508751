"""The REST API (django-ninja) under /api/v1/, with its OpenAPI document.

Callers authenticate with a personal token (`Authorization: Bearer psoas_...`,
made at /api/tokens/) or with the browser session (writes then need the
`X-CSRFToken` header). `POST /assessments` also serves anonymous callers, and
stores nothing for them. Everything else is the caller's own data only: someone
else's object answers 404, exactly like one that does not exist.

Invalid input answers 422 with `{"detail": [{"path", "message", "problem"}]}`,
one item per problem, each located by its JSON path; nothing is stored then.
"""

from __future__ import annotations

import copy
import re
from typing import TYPE_CHECKING, Any

from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils import timezone
from ninja import NinjaAPI, Query, Schema, Status
from ninja.errors import AuthenticationError, HttpError, ValidationError
from ninja.openapi.docs import Swagger
from pydantic import Field

import psoas
from psoas.assess import parse_answers_json
from psoas.assess.schema import answers_schema
from psoas.knowledge import default_knowledge_base
from psoas.program import ProgramNotAllowed
from psoas.program.model import Preferences
from psoas_web import services
from psoas_web.api import schemas
from psoas_web.api.auth import ANYONE, SIGNED_IN
from psoas_web.journal import services as journal_services
from psoas_web.programs import services as program_services

if TYPE_CHECKING:
    from django.contrib.auth.models import User

    from psoas_web.journal.models import JournalEntry
    from psoas_web.records.models import Assessment, ExerciseSession, StoredProgram

api = NinjaAPI(
    title="psoas API",
    version="1",
    description=(
        "Assessments, programs, journal entries and exercise sessions of the "
        "signed-in person. Authenticate with a personal token "
        "(`Authorization: Bearer psoas_...`, made at /api/tokens/) or the browser "
        "session. Invalid input answers 422 with every problem and its JSON path; "
        "someone else's object answers 404."
    ),
    urls_namespace="api",
    auth=SIGNED_IN,
    docs=Swagger(settings={"persistAuthorization": False, "tryItOutEnabled": False}),
)


class Paging(Schema):
    limit: int = Field(default=20, ge=1, le=100, description="at most this many")
    offset: int = Field(default=0, ge=0, le=1_000_000, description="skip this many")


# --- errors -------------------------------------------------------------------


def _problem(path: str, message: str) -> dict[str, str]:
    return {"path": path, "message": message, "problem": f"{path}: {message}"}


def _split(problem: str) -> dict[str, str]:
    """`pain.nprs_now: must be 0..10, got 14` -> its path and its message."""
    path, sep, message = problem.partition(": ")
    return _problem(path, message) if sep else _problem("(document)", problem)


_FIELD_FIRST = re.compile(r"^([a-z_]+)(?::| must| is| \d)\s*(.*)$")


def _value_problems(error: ValueError, fields: set[str]) -> list[dict[str, str]]:
    """Split a service's ValueError ("a must ...; b: ...") into located problems."""
    problems = []
    for part in str(error).split("; "):
        match = _FIELD_FIRST.match(part)
        if match and match.group(1) in fields:
            problems.append(
                _problem(match.group(1), part[len(match.group(1)) :].strip(" :"))
            )
        else:
            problems.append(_problem("(document)", part))
    return problems


def _unprocessable(problems: list[dict[str, str]]) -> JsonResponse:
    return JsonResponse({"detail": problems}, status=422)


@api.exception_handler(ValidationError)
def _validation_error(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    problems = []
    for error in exc.errors:
        loc = [str(part) for part in error.get("loc", ())]
        if loc[:1] == ["body"]:
            loc = loc[2:]  # "body" and the parameter's name
        path = "".join(
            f"[{part}]" if part.isdigit() else (f".{part}" if i else part)
            for i, part in enumerate(loc)
        )
        problems.append(_problem(path or "(document)", str(error.get("msg", ""))))
    return _unprocessable(problems)


@api.exception_handler(AuthenticationError)
def _unauthorized(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    response = JsonResponse(
        {"detail": "Sign in, or send a valid personal token: Authorization: Bearer …"},
        status=401,
    )
    response["WWW-Authenticate"] = 'Bearer realm="psoas"'
    return response


def _person(request: HttpRequest) -> User:
    user: User = request.auth  # type: ignore[attr-defined]
    return user


def _not_found(what: str) -> HttpError:
    return HttpError(404, f"No {what} with this id among yours.")


# --- assessments ----------------------------------------------------------------


def _inline_refs(schema: dict[str, Any]) -> dict[str, Any]:
    """The answers JSON Schema with its `$defs` inlined (OpenAPI has no `$defs`)."""
    defs = schema.get("$defs", {})

    def walk(node: Any) -> Any:
        if isinstance(node, dict):
            ref = node.get("$ref")
            if isinstance(ref, str) and ref.startswith("#/$defs/"):
                return walk(copy.deepcopy(defs[ref.removeprefix("#/$defs/")]))
            return {
                k: walk(v)
                for k, v in node.items()
                if k not in {"$defs", "$schema", "$id"}
            }
        if isinstance(node, list):
            return [walk(item) for item in node]
        return node

    out: dict[str, Any] = walk(schema)
    return out


_ANSWERS_BODY = {
    "requestBody": {
        "required": True,
        "description": "The answers document, version 1 (see the assessment contract).",
        "content": {
            "application/json": {
                "schema": _inline_refs(answers_schema(default_knowledge_base()))
            }
        },
    }
}


@api.post(
    "/assessments",
    auth=ANYONE,
    response={
        200: schemas.StoredResult,
        201: schemas.StoredResult,
        422: schemas.Problems,
    },
    openapi_extra=_ANSWERS_BODY,
    summary="Assess an answers document",
    tags=["assessments"],
)
def create_assessment(request: HttpRequest) -> HttpResponse:
    """Run the assessment on the answers document in the body; return its result.

    Signed-in callers get it stored: 201, with the stored `id`. Anonymous callers
    get the result only: 200, nothing stored. An invalid document answers 422 with
    every problem and its JSON path.
    """
    kb = default_knowledge_base()
    try:
        answers = parse_answers_json(request.body, kb)
    except psoas.AnswersError as exc:
        return _unprocessable([_split(problem) for problem in exc.problems])
    result = psoas.assess(answers, kb)
    document = result.to_json_dict()
    if not request.auth.is_authenticated:  # type: ignore[attr-defined]
        return JsonResponse(document, status=200)
    stored = services.save_assessment(
        _person(request),
        answers.model_dump(mode="json", exclude_none=True),
        document,
        engine_version=result.engine_version,
        kb_version=result.kb_version,
    )
    return JsonResponse({**document, "id": str(stored.id)}, status=201)


def _summary(assessment: Assessment) -> dict[str, Any]:
    return {
        "id": assessment.id,
        "created_at": assessment.created_at,
        "level": assessment.level,
        "program_allowed": bool(assessment.result.get("program_allowed", False)),
        "engine_version": assessment.engine_version,
        "kb_version": assessment.kb_version,
    }


def _page(rows: QuerySet[Any], paging: Paging) -> tuple[list[Any], dict[str, int]]:
    end = paging.offset + paging.limit
    meta = {"count": rows.count(), "limit": paging.limit, "offset": paging.offset}
    return list(rows[paging.offset : end]), meta


@api.get("/assessments", response=schemas.AssessmentPage, tags=["assessments"])
def list_assessments(request: HttpRequest, paging: Query[Paging]) -> dict[str, Any]:
    """Your stored assessments, newest first."""
    from psoas_web.records.models import Assessment

    rows, meta = _page(Assessment.objects.filter(person=_person(request)), paging)
    return {**meta, "items": [_summary(a) for a in rows]}


def get_assessment_for_user(request: HttpRequest, assessment_id: str) -> Assessment:
    """The caller's assessment with this id; 404 for anyone else's or an unknown id."""
    from psoas_web.records.models import Assessment

    try:
        return services.get_assessment(_person(request), assessment_id)
    except Assessment.DoesNotExist:
        raise _not_found("assessment") from None


@api.get(
    "/assessments/{assessment_id}",
    response={200: schemas.AssessmentDetail, 404: schemas.Message},
    tags=["assessments"],
)
def get_assessment(request: HttpRequest, assessment_id: str) -> dict[str, Any]:
    """One of your assessments: its answers and its result document."""
    assessment = get_assessment_for_user(request, assessment_id)
    return {
        **_summary(assessment),
        "answers": assessment.answers,
        "result": assessment.result,
    }


# --- programs --------------------------------------------------------------------


def _program_out(stored: StoredProgram) -> dict[str, Any]:
    return {
        "id": stored.id,
        "created_at": stored.created_at,
        "active": stored.active,
        "assessment_id": stored.assessment_id,
        "program": stored.program,
    }


@api.get(
    "/program",
    response={200: schemas.ProgramOut, 404: schemas.Message},
    tags=["programs"],
)
def get_program(request: HttpRequest) -> dict[str, Any]:
    """Your active exercise program; 404 when you have none yet."""
    stored = services.active_program(_person(request))
    if stored is None:
        raise HttpError(
            404, "You have no program yet: POST /api/v1/programs makes one."
        )
    return _program_out(stored)


def _not_allowed(
    detail: str, why: str, assessment: Assessment | None = None
) -> Status[dict[str, Any]]:
    body: dict[str, Any] = {"detail": detail, "why": why}
    if assessment is not None:
        triage = assessment.result.get("triage") or {}
        body["assessment_id"] = assessment.id
        body["triage_level"] = triage.get("level")
        body["triage_message"] = triage.get("message")
    return Status(409, body)


@api.post(
    "/programs",
    response={
        201: schemas.ProgramOut,
        404: schemas.Message,
        409: schemas.NotAllowed,
        422: schemas.Problems,
    },
    tags=["programs"],
)
def create_program(
    request: HttpRequest, payload: schemas.ProgramIn
) -> Status[dict[str, Any]]:
    """Build your program from your latest assessment (or the one named) and store it.

    It becomes your active program. When the assessment does not allow a program
    (an emergency or urgent level, or an unfinished safety screen) the answer is
    409 with the reason and the screen's advice. The latest assessment is used even
    when an older one allowed a program: the newest screen is the one that counts.
    The program is built from the stored result, as the web pages do.
    """
    from psoas_web.records.models import Assessment

    person = _person(request)
    if payload.assessment_id is not None:
        assessment = get_assessment_for_user(request, str(payload.assessment_id))
    else:
        latest = Assessment.objects.filter(person=person).first()
        if latest is None:
            return _not_allowed(
                "You have no stored assessment yet: POST /api/v1/assessments first.",
                "no_assessment",
            )
        assessment = latest
    fields: dict[str, Any] = payload.model_dump(
        include={"minutes_per_day", "days_per_week", "weeks", "level"}
    )
    fields["conditions"] = frozenset(payload.conditions)
    if payload.equipment is not None:
        fields["equipment"] = frozenset({"none", *payload.equipment})
    preferences = Preferences.model_validate(fields)
    today = payload.start or timezone.localdate()
    try:
        stored = program_services.create_program(person, assessment, preferences, today)
    except ProgramNotAllowed as exc:
        return _not_allowed(str(exc), exc.why, assessment)
    return Status(201, _program_out(stored))


# --- exercise sessions -------------------------------------------------------------


_SESSION_FIELDS = set(schemas.SessionIn.model_fields)


def _session_out(session: ExerciseSession) -> dict[str, Any]:
    return {
        "id": session.id,
        "program_id": session.program_id,
        "day": session.day,
        "week": session.week,
        "completed": session.completed,
        "skipped": session.skipped,
        "pain_before": session.pain_before,
        "pain_during": session.pain_during,
        "pain_after": session.pain_after,
        "settled_next_morning": session.settled_next_morning,
        "new_red_flag": session.new_red_flag,
        "stopped": session.stopped,
        "started_at": session.started_at,
        "finished_at": session.finished_at,
    }


@api.get("/sessions", response=schemas.SessionPage, tags=["sessions"])
def list_sessions(request: HttpRequest, paging: Query[Paging]) -> dict[str, Any]:
    """Your exercise sessions, newest first."""
    from psoas_web.records.models import ExerciseSession

    sessions = ExerciseSession.objects.filter(person=_person(request)).order_by(
        "-day", "-started_at"
    )
    rows, meta = _page(sessions, paging)
    return {**meta, "items": [_session_out(s) for s in rows]}


def get_program_for_user(request: HttpRequest, program_id: Any) -> StoredProgram:
    """The caller's program with this id; 404 for anyone else's or an unknown id."""
    from psoas_web.records.models import StoredProgram

    try:
        return StoredProgram.objects.get(person=_person(request), id=program_id)
    except StoredProgram.DoesNotExist:
        raise _not_found("program") from None


@api.post(
    "/sessions",
    response={
        201: schemas.SessionOut,
        404: schemas.Message,
        409: schemas.Message,
        422: schemas.Problems,
    },
    tags=["sessions"],
)
def create_session(
    request: HttpRequest, payload: schemas.SessionIn
) -> Status[dict[str, Any]] | HttpResponse:
    """Record one exercise session against your active program (or the one named)."""
    person = _person(request)
    if payload.program_id is not None:
        program = get_program_for_user(request, payload.program_id)
    else:
        active = services.active_program(person)
        if active is None:
            return Status(
                409, {"detail": "You have no program yet to log a session against."}
            )
        program = active
    try:
        session = services.save_session(
            person,
            program,
            day=payload.day,
            week=payload.week,
            completed=payload.completed,
            skipped=[s.model_dump() for s in payload.skipped],
            pain_before=payload.pain_before,
            pain_during=payload.pain_during,
            pain_after=payload.pain_after,
            new_red_flag=payload.new_red_flag,
            stopped=payload.stopped,
            started_at=payload.started_at,
            finished_at=payload.finished_at,
        )
    except ValueError as exc:
        return _unprocessable(_value_problems(exc, _SESSION_FIELDS))
    return Status(201, _session_out(session))


# --- journal ------------------------------------------------------------------------


_JOURNAL_FIELDS = set(schemas.JournalIn.model_fields)


def _entry_out(entry: JournalEntry) -> dict[str, Any]:
    return {
        "id": entry.id,
        "day": entry.day,
        "nprs": entry.nprs,
        "sitting_hours": entry.sitting_hours,
        "rmdq": entry.rmdq,
        "psfs": entry.psfs,
        "new_red_flags": entry.new_red_flags,
        "triage_level": entry.triage_level,
        "note": entry.note,
        "created_at": entry.created_at,
        "updated_at": entry.updated_at,
    }


@api.get("/journal", response=schemas.JournalPage, tags=["journal"])
def list_journal(request: HttpRequest, paging: Query[Paging]) -> dict[str, Any]:
    """Your journal entries, newest day first."""
    from psoas_web.journal.models import JournalEntry

    rows, meta = _page(
        JournalEntry.objects.filter(person=_person(request)).order_by("-day"), paging
    )
    return {**meta, "items": [_entry_out(e) for e in rows]}


@api.post(
    "/journal",
    response={200: schemas.JournalOut, 201: schemas.JournalOut, 422: schemas.Problems},
    tags=["journal"],
)
def save_journal(
    request: HttpRequest, payload: schemas.JournalIn
) -> Status[dict[str, Any]] | HttpResponse:
    """Record a day of your journal: 201 for a new day, 200 when it replaces one.

    New warning signs in `new_red_flags` re-run the safety screen; its level comes
    back as `triage_level` (`emergency` or `urgent`: get checked before exercising).
    """
    person = _person(request)
    existed = journal_services.get_entry(person, payload.day) is not None
    try:
        entry = journal_services.save_entry(
            person,
            payload.day,
            nprs=payload.nprs,
            sitting_hours=payload.sitting_hours,
            rmdq=payload.rmdq,
            rmdq_items=payload.rmdq_items,
            psfs=payload.psfs,
            psfs_items=[item.model_dump() for item in payload.psfs_items],
            new_red_flags=payload.new_red_flags,
            note=payload.note,
        )
    except ValueError as exc:
        return _unprocessable(_value_problems(exc, _JOURNAL_FIELDS))
    return Status(200 if existed else 201, _entry_out(entry))
