"""The program generator: an assessment result and preferences in, a personal program out.

Decisions where the issue is silent:

- Week 1 starts on ``today``; phases and session days are in :mod:`psoas.program.schedule`.
- The session is the same on every session day of a week; a phase keeps its exercises,
  and doses step up week by week.
- A "yes" to the pregnancy question of the safety screen counts as the ``pregnancy``
  condition; the program's ``preferences.conditions`` lists it so that the progression
  rule respects it too.
- Beginners get no "advanced" exercise at the start (the progression rule can still move
  them on to one); intermediates start one step up each chain where the harder version
  suits them.
"""

from __future__ import annotations

from datetime import date, timedelta

from psoas.assess.result import Result
from psoas.knowledge import KnowledgeBase, default_knowledge_base
from psoas.knowledge.model import Phase, Urgency
from psoas.program.errors import ProgramNotAllowed
from psoas.program.model import (
    AssessmentSummary,
    Preferences,
    Program,
    ProgramWeek,
)
from psoas.program.needs import WEIGHT, needs_of
from psoas.program.schedule import phase_plans, session_days, weekly_prescriptions
from psoas.program.select import Pick, choose, screen
from psoas.program.texts import advice_for, reasons_for

#: sources behind the dosing: ACSM stretching (x14, x15) and strengthening (x16)
DOSING_SOURCES = ["x14", "x15", "x16"]


def build_program(
    result: Result,
    preferences: Preferences,
    *,
    today: date,
    kb: KnowledgeBase | None = None,
) -> Program:
    """Build a personal exercise program of 6 to 12 weeks from an assessment result.

    Args:
        result: the assessment result; it must allow a program.
        preferences: minutes a day, days a week, weeks, equipment, level and conditions.
        today: the day the program is made; week 1 starts on it.
        kb: the knowledge base; the shipped one by default.

    Returns:
        The program: phases (settle, mobility, strength), each week's session days and
        prescriptions with their reasons, advice, what was left out and why, and sources.
        The same inputs always give the same program.

    Raises:
        ProgramNotAllowed: when the safety screen is incomplete or points to an
            emergency or urgent level.
    """
    _check_allowed(result)
    kb = kb or default_knowledge_base()
    if "pregnancy" in result.triage.red_flags:
        preferences = preferences.model_copy(
            update={"conditions": preferences.conditions | {"pregnancy"}}
        )
    needs = needs_of(result)
    suitable, excluded = screen(kb.exercises, preferences)
    phases = phase_plans(preferences.weeks)
    picks: dict[Phase, list[Pick]] = {
        phase.id: choose(phase.id, suitable, needs, preferences, kb.exercises)
        for phase in phases
    }
    prescriptions = weekly_prescriptions(
        phases, picks, preferences.minutes_per_day * 60
    )
    phase_of = {week: phase.id for phase in phases for week in phase.weeks}
    weeks = []
    for number in range(1, preferences.weeks + 1):
        start = today + timedelta(weeks=number - 1)
        weeks.append(
            ProgramWeek(
                week=number,
                phase=phase_of[number],
                start=start,
                session_days=session_days(start, preferences.days_per_week),
                exercises=prescriptions[number],
            )
        )
    advice, advice_sources = advice_for(needs, preferences, kb)
    reasons, reason_sources = reasons_for(needs, preferences, phases)
    chosen = {p.exercise.id: p.exercise for ps in picks.values() for p in ps}
    sources = [
        *(s for e in chosen.values() for s in (*e.sources, *e.why.sources)),
        *DOSING_SOURCES,
        *advice_sources,
        *reason_sources,
    ]
    return Program(
        created=today,
        start=today,
        preferences=preferences,
        assessment=_summary(result),
        phases=phases,
        weeks=weeks,
        advice=advice,
        reasons=reasons,
        excluded=excluded,
        sources=[s for s in dict.fromkeys(sources) if s in kb.sources],
        kb_version=kb.version,
    )


def _check_allowed(result: Result) -> None:
    if result.program_allowed:
        return
    triage = result.triage
    if triage.level in {Urgency.EMERGENCY, Urgency.URGENT}:
        raise ProgramNotAllowed(
            triage.level.value,
            f"No exercise program for now. Your safety screen says: {triage.title}. "
            "Please follow that advice first; exercises can wait until someone has "
            "checked you.",
        )
    if not triage.complete:
        count = len(triage.unanswered)
        questions = "question is" if count == 1 else "questions are"
        raise ProgramNotAllowed(
            "incomplete",
            f"A program needs the whole safety screen first: {count} {questions} still "
            "unanswered. Answer them in the assessment, and a program can follow.",
        )
    raise ProgramNotAllowed(
        triage.level.value,
        "This assessment does not allow an exercise program. Please follow its advice "
        "first.",
    )


def _summary(result: Result) -> AssessmentSummary:
    return AssessmentSummary(
        level=result.triage.level.value,
        pattern=result.psoas_pattern.level,
        exposures=[e.id for e in result.exposures if e.level in WEIGHT],
    )
