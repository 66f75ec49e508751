"""A person's assessments and pain scores as a FHIR R4B Bundle (type "collection").

- one Patient, with nothing but the user name as an identifier;
- one QuestionnaireResponse per stored assessment, with an item for each part
  that was answered (red flags answered yes, regions, features, exposures, pain,
  RMDQ, PSFS);
- one Observation per pain score (LOINC 72514-3), from the assessments and, when
  the journal app is installed, from the journal entries.

The resources are built with `fhir.resources.R4B`, so the Bundle is validated as
it is constructed.
"""

from __future__ import annotations

import datetime
import uuid
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from django.apps import apps
from django.utils import timezone
from fhir.resources.R4B.bundle import Bundle, BundleEntry
from fhir.resources.R4B.codeableconcept import CodeableConcept
from fhir.resources.R4B.coding import Coding
from fhir.resources.R4B.identifier import Identifier
from fhir.resources.R4B.observation import Observation
from fhir.resources.R4B.patient import Patient
from fhir.resources.R4B.questionnaireresponse import (
    QuestionnaireResponse,
    QuestionnaireResponseItem,
    QuestionnaireResponseItemAnswer,
)
from fhir.resources.R4B.reference import Reference

from psoas.knowledge import KnowledgeBase, default_knowledge_base

if TYPE_CHECKING:
    from django.contrib.auth.models import User

    from psoas_web.records.models import Assessment

QUESTIONNAIRE = "https://psoas.invalid/Questionnaire/assessment-v1"
USERNAME_SYSTEM = "https://psoas.invalid/username"
REGION_SYSTEM = "https://psoas.invalid/CodeSystem/body-region"
REFERRED_SYSTEM = "https://psoas.invalid/CodeSystem/referred-symptom"
LOINC = "http://loinc.org"
PAIN_CODE = "72514-3"
PAIN_DISPLAY = "Pain severity - 0-10 verbal numeric rating [Score] - Reported"
CATEGORY_SYSTEM = "http://terminology.hl7.org/CodeSystem/observation-category"
# Ids of derived resources (the Patient, the Observations) are name-based UUIDs,
# so the same record always exports with the same id.
_NAMESPACE = uuid.UUID("6f1c1f8e-5a55-4c1e-9d0a-7b0c2d3e4f50")


def _urn(key: uuid.UUID) -> str:
    return f"urn:uuid:{key}"


def _answer(value: object) -> QuestionnaireResponseItemAnswer | None:
    """One answer with the FHIR value type that fits the Python value."""
    if isinstance(value, bool):
        return QuestionnaireResponseItemAnswer(valueBoolean=value)
    if isinstance(value, int):
        return QuestionnaireResponseItemAnswer(valueInteger=value)
    if isinstance(value, float):
        return QuestionnaireResponseItemAnswer(valueDecimal=value)
    if isinstance(value, str) and value:
        return QuestionnaireResponseItemAnswer(valueString=value)
    return None


def _item(link_id: str, text: str, value: object) -> QuestionnaireResponseItem | None:
    answer = _answer(value)
    if answer is None:
        return None
    return QuestionnaireResponseItem(linkId=link_id, text=text, answer=[answer])


def _group(
    link_id: str, text: str, children: list[QuestionnaireResponseItem | None]
) -> QuestionnaireResponseItem | None:
    present = [child for child in children if child is not None]
    if not present:
        return None
    return QuestionnaireResponseItem(linkId=link_id, text=text, item=present)


def _codings(
    link_id: str, text: str, system: str, codes: object, names: dict[str, str]
) -> QuestionnaireResponseItem | None:
    if not isinstance(codes, list) or not codes:
        return None
    answers = [
        QuestionnaireResponseItemAnswer(
            valueCoding=Coding(system=system, code=code, display=names.get(code, code))
        )
        for code in codes
        if isinstance(code, str)
    ]
    return QuestionnaireResponseItem(linkId=link_id, text=text, answer=answers)


def _dict(value: object) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _red_flags(
    answers: dict[str, Any], kb: KnowledgeBase
) -> QuestionnaireResponseItem | None:
    flags = _dict(answers.get("red_flags"))
    return _group(
        "red_flags",
        "Warning signs answered yes",
        [
            _item(f"red_flags.{flag_id}", kb.red_flags[flag_id].question, value)
            for flag_id, value in flags.items()
            if value is True and flag_id in kb.red_flags
        ],
    )


def _pain(
    answers: dict[str, Any], kb: KnowledgeBase
) -> list[QuestionnaireResponseItem | None]:
    pain = _dict(answers.get("pain"))
    features = _dict(pain.get("features"))
    regions = {key: region.name for key, region in kb.regions.items()}
    return [
        _codings(
            "pain.regions",
            "Where the pain is",
            REGION_SYSTEM,
            pain.get("regions"),
            regions,
        ),
        _item("pain.side", "Side", pain.get("side")),
        _item("pain.nprs_now", "Pain now (0 to 10)", pain.get("nprs_now")),
        _item(
            "pain.nprs_worst_week",
            "Worst pain in the last week (0 to 10)",
            pain.get("nprs_worst_week"),
        ),
        _item(
            "pain.duration_weeks", "Weeks with this pain", pain.get("duration_weeks")
        ),
        _group(
            "pain.features",
            "What makes the pain better or worse",
            [
                _item(
                    f"pain.features.{key}",
                    kb.features[key].question if key in kb.features else key,
                    value,
                )
                for key, value in features.items()
            ],
        ),
    ]


def _exposures(
    answers: dict[str, Any], kb: KnowledgeBase
) -> QuestionnaireResponseItem | None:
    exposures = _dict(answers.get("exposures"))
    names = {exposure.field: exposure.name for exposure in kb.exposures.values()}
    return _group(
        "exposures",
        "Everyday habits",
        [
            _item(f"exposures.{key}", names.get(key, key.replace("_", " ")), value)
            for key, value in exposures.items()
        ],
    )


def _thomas(answers: dict[str, Any]) -> QuestionnaireResponseItem | None:
    thomas = _dict(_dict(answers.get("self_tests")).get("thomas_test"))
    return _group(
        "self_tests.thomas_test",
        "Thomas self-test",
        [
            _item(
                f"self_tests.thomas_test.{side}",
                f"{side.title()} leg",
                thomas.get(side),
            )
            for side in ("left", "right")
        ],
    )


def _rmdq(
    answers: dict[str, Any], result: dict[str, Any], kb: KnowledgeBase
) -> QuestionnaireResponseItem | None:
    ticks = _dict(answers.get("instruments")).get("rmdq")
    score = _dict(_dict(result.get("instruments")).get("rmdq")).get("score")
    statements = kb.instruments["rmdq"].items
    items: list[QuestionnaireResponseItem | None] = [
        _item("rmdq.score", "Roland-Morris score (0 to 24)", score)
    ]
    if isinstance(ticks, list):
        items += [
            _item(
                f"rmdq.{number}",
                statements[number - 1]
                if number <= len(statements)
                else f"Item {number}",
                tick,
            )
            for number, tick in enumerate(ticks, start=1)
        ]
    return _group("rmdq", "Roland-Morris Disability Questionnaire", items)


def _psfs(answers: dict[str, Any]) -> QuestionnaireResponseItem | None:
    activities = _dict(answers.get("instruments")).get("psfs")
    if not isinstance(activities, list):
        return None
    return _group(
        "psfs",
        "Patient-Specific Functional Scale",
        [
            _group(
                f"psfs.{number}",
                f"Activity {number}",
                [
                    _item(
                        f"psfs.{number}.activity",
                        "Activity",
                        _dict(entry).get("activity"),
                    ),
                    _item(
                        f"psfs.{number}.score",
                        "Ability (0 to 10)",
                        _dict(entry).get("score"),
                    ),
                ],
            )
            for number, entry in enumerate(activities, start=1)
        ],
    )


def questionnaire_response(
    assessment: Assessment, patient: Reference, kb: KnowledgeBase
) -> QuestionnaireResponse:
    """The answers of one stored assessment as a completed QuestionnaireResponse."""
    answers = _dict(assessment.answers)
    result = _dict(assessment.result)
    referred = {key: symptom.name for key, symptom in kb.referred.items()}
    items = [
        _red_flags(answers, kb),
        *_pain(answers, kb),
        _codings(
            "referred",
            "Other symptoms",
            REFERRED_SYSTEM,
            answers.get("referred"),
            referred,
        ),
        _exposures(answers, kb),
        _thomas(answers),
        _rmdq(answers, result, kb),
        _psfs(answers),
    ]
    return QuestionnaireResponse(
        id=str(assessment.id),
        questionnaire=QUESTIONNAIRE,
        status="completed",
        subject=patient,
        authored=assessment.created_at,
        item=[item for item in items if item is not None] or None,
    )


def pain_observation(
    key: uuid.UUID,
    score: int,
    when: datetime.datetime | datetime.date,
    patient: Reference,
    *,
    derived_from: str | None = None,
) -> Observation:
    """One 0 to 10 pain score as an Observation coded with LOINC 72514-3."""
    return Observation(
        id=str(key),
        status="final",
        category=[
            CodeableConcept(
                coding=[Coding(system=CATEGORY_SYSTEM, code="survey", display="Survey")]
            )
        ],
        code=CodeableConcept(
            coding=[Coding(system=LOINC, code=PAIN_CODE, display=PAIN_DISPLAY)],
            text="Pain score (0 to 10)",
        ),
        subject=patient,
        effectiveDateTime=when,
        valueInteger=score,
        derivedFrom=[Reference(reference=derived_from)] if derived_from else None,
    )


def _score(value: object) -> int | None:
    if isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= 10:
        return value
    return None


def _journal_scores(user: User) -> Iterator[tuple[uuid.UUID, int, datetime.date]]:
    """(id, score, day) of each journal entry with a pain score, if the app exists."""
    try:
        model = apps.get_model("psoas_journal", "JournalEntry")
    except LookupError:
        return
    entries = model._default_manager.filter(person=user, nprs__isnull=False)
    for entry in entries.order_by("day"):
        score = _score(entry.nprs)
        if score is not None:
            yield uuid.uuid5(_NAMESPACE, f"journal:{entry.pk}"), score, entry.day


def build_bundle(user: User, *, kb: KnowledgeBase | None = None) -> Bundle:
    """Return every assessment and pain score of `user` as one FHIR Bundle."""
    from psoas_web.records.models import Assessment

    kb = kb or default_knowledge_base()
    patient_key = uuid.uuid5(_NAMESPACE, f"person:{user.pk}")
    patient = Reference(reference=_urn(patient_key))
    entries = [
        BundleEntry(
            fullUrl=_urn(patient_key),
            resource=Patient(
                id=str(patient_key),
                identifier=[
                    Identifier(system=USERNAME_SYSTEM, value=user.get_username())
                ],
            ),
        )
    ]
    observations = []
    for assessment in Assessment.objects.filter(person=user).order_by("created_at"):
        entries.append(
            BundleEntry(
                fullUrl=_urn(assessment.id),
                resource=questionnaire_response(assessment, patient, kb),
            )
        )
        nprs = _dict(_dict(_dict(assessment.result).get("instruments")).get("nprs"))
        score = _score(nprs.get("now"))
        if score is not None:
            key = uuid.uuid5(_NAMESPACE, f"assessment:{assessment.id}")
            observations.append(
                BundleEntry(
                    fullUrl=_urn(key),
                    resource=pain_observation(
                        key,
                        score,
                        assessment.created_at,
                        patient,
                        derived_from=_urn(assessment.id),
                    ),
                )
            )
    for key, score, day in _journal_scores(user):
        observations.append(
            BundleEntry(
                fullUrl=_urn(key), resource=pain_observation(key, score, day, patient)
            )
        )
    return Bundle(
        id=str(uuid.uuid4()),
        type="collection",
        timestamp=timezone.now(),
        entry=entries + observations,
    )


def bundle_json(user: User) -> str:
    """Return `build_bundle(user)` as FHIR JSON."""
    return build_bundle(user).model_dump_json(indent=2)
