"""``assess(answers) -> Result``: triage first, then pattern, exposures and instruments."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from psoas.assess.answers import Answers
from psoas.assess.exposures import RatedExposure, rate_exposures
from psoas.assess.pattern import PatternScore, score_pattern
from psoas.assess.result import (
    ExposureResult,
    InstrumentsResult,
    NprsResult,
    PatternResult,
    PsfsActivityResult,
    PsfsResult,
    Result,
    RmdqResult,
    TriageResult,
)
from psoas.assess.triage import Triage, triage
from psoas.assess.validate import validate_answers
from psoas.instruments import mic_text, score_psfs, score_rmdq
from psoas.knowledge import KnowledgeBase, Urgency, default_knowledge_base

ENGINE_VERSION = "1.0.0"

#: how many of the highest exposures get their advice in the next steps
_ADVICE_FOR_TOP = 3


def assess(
    answers: Mapping[str, Any] | Answers, kb: KnowledgeBase | None = None
) -> Result:
    """Assess one answers document.

    Args:
        answers: the answers document (parsed JSON) or validated :class:`Answers`.
        kb: the knowledge base; the shipped one by default.

    Returns:
        The result document. Red flags are routed first: an ``emergency`` or ``urgent``
        level gives no program and no self-care advice.

    Raises:
        AnswersError: listing every problem in the document with its JSON path.
    """
    kb = kb or default_knowledge_base()
    valid = validate_answers(answers, kb)
    screen = triage(valid, kb)
    pattern = score_pattern(valid, kb)
    exposures = rate_exposures(valid, kb)
    program_allowed = screen.complete and screen.level in {
        Urgency.SOON,
        Urgency.SELF_CARE,
    }
    steps, step_sources = _next_steps(screen, pattern, exposures, kb, program_allowed)
    instruments, instrument_sources = _instruments(valid, kb)
    level = kb.level(screen.level)
    sources = _unique(
        [
            *level.sources,
            *screen.sources,
            *pattern.sources,
            *(s for r in exposures for s in r.exposure.evidence.sources),
            *step_sources,
            *instrument_sources,
        ]
    )
    return Result(
        triage=TriageResult(
            level=screen.level,
            complete=screen.complete,
            red_flags=screen.present,
            unanswered=screen.unanswered,
            message=_message(screen, kb),
            title=level.title,
            rules=screen.rules,
        ),
        psoas_pattern=PatternResult(
            level=pattern.level,
            supporting=pattern.supporting,
            against=pattern.against,
            evidence_note=kb.pattern.evidence_note.text,
            score=pattern.score,
        ),
        exposures=[
            ExposureResult(
                id=r.exposure.id,
                level=r.level,
                value=r.value,
                unit=r.exposure.unit,
                name=r.exposure.name,
                threshold=r.exposure.threshold_note,
            )
            for r in exposures
        ],
        instruments=instruments,
        program_allowed=program_allowed,
        next_steps=steps,
        sources=sources,
        engine_version=ENGINE_VERSION,
        kb_version=kb.version,
    )


def _message(screen: Triage, kb: KnowledgeBase) -> str:
    level = kb.level(screen.level)
    parts = [level.message]
    if screen.referred_raised:
        parts.append(kb.triage.referred_message)
    if not screen.complete and screen.level in {Urgency.SOON, Urgency.SELF_CARE}:
        # at emergency or urgent, getting help comes first: no "finish the questions"
        parts.append(kb.triage.incomplete_message)
    parts.append(level.safety_net)
    return " ".join(part.strip() for part in parts)


def _next_steps(
    screen: Triage,
    pattern: PatternScore,
    exposures: list[RatedExposure],
    kb: KnowledgeBase,
    program_allowed: bool,  # noqa: FBT001
) -> tuple[list[str], list[str]]:
    steps = [kb.level(screen.level).title]
    sources: list[str] = []
    for flag_id in screen.present:
        steps.append(_flag_sentence(kb.red_flags[flag_id].could_be))
    if screen.level in {Urgency.EMERGENCY, Urgency.URGENT}:
        steps.append(
            "Hold off on stretches and exercises for your back or hip until a doctor has "
            "seen you."
        )
        return steps, sources
    if not screen.complete:
        steps.append(
            f"Answer the {len(screen.unanswered)} safety question"
            f"{'s' if len(screen.unanswered) != 1 else ''} still open: "
            "until then we cannot suggest an exercise program."
        )
    for professional in kb.professionals.values():
        if screen.level in professional.for_levels and _fits(professional.id, pattern):
            steps.append(f"{professional.name}: {professional.what_they_do.text}")
            sources.extend(professional.what_they_do.sources)
    if program_allowed:
        for rated in exposures[:_ADVICE_FOR_TOP]:
            if rated.level != "low":
                steps.append(rated.exposure.advice.text)
                sources.extend(rated.exposure.advice.sources)
        steps.append(
            "While you wait to be seen, gentle stretches and strengthening are fine if "
            "they do not make the pain worse."
            if screen.level is Urgency.SOON
            else "A personal program of gentle stretches and strengthening can start "
            "now; stop any exercise that makes the pain clearly worse."
        )
    return steps, sources


def _fits(professional_id: str, pattern: PatternScore) -> bool:
    """Suggest hands-on therapists only when the pain fits an iliopsoas pattern."""
    if professional_id in {"massage_therapist", "chiropractor"}:
        return pattern.level != "low"
    return True


def _flag_sentence(could_be: str) -> str:
    text = could_be.strip().rstrip(".")
    if text.lower().startswith("could"):
        return f"One of your answers {text}."
    return text[0].upper() + text[1:] + "."


def _instruments(
    answers: Answers, kb: KnowledgeBase
) -> tuple[InstrumentsResult, list[str]]:
    pain = answers.pain
    given = answers.instruments
    sources: list[str] = []
    nprs = None
    if pain is not None and (
        pain.nprs_now is not None or pain.nprs_worst_week is not None
    ):
        nprs = NprsResult(
            now=pain.nprs_now,
            worst_week=pain.nprs_worst_week,
            meaningful_change=mic_text("nprs", kb),
        )
        sources.extend(kb.instruments["nprs"].mic.note.sources)
    rmdq = None
    if given is not None and given.rmdq is not None:
        rmdq = RmdqResult(
            score=score_rmdq(given.rmdq),
            of=24,
            meaningful_change=mic_text("rmdq", kb),
        )
        sources.extend(kb.instruments["rmdq"].sources)
    psfs = None
    if given is not None and given.psfs:
        psfs = PsfsResult(
            mean=score_psfs([a.score for a in given.psfs]),
            of=10,
            activities=[
                PsfsActivityResult(activity=a.activity, score=a.score)
                for a in given.psfs
            ],
            meaningful_change=mic_text("psfs", kb),
        )
        sources.extend(kb.instruments["psfs"].sources)
    return InstrumentsResult(rmdq=rmdq, nprs=nprs, psfs=psfs), sources


def _unique(items: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(items))
