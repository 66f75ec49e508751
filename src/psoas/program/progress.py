"""The progression rule: adapt a program to how pain responds (the pain-monitoring model).

The model comes from rehabilitation of the Achilles and knee tendons (x17, x18); using it
for back and hip pain is an extrapolation, and every decision says so. The rule looks at
the latest session logged on or before ``today``:

- a new red flag in any log: **stop**. Nothing progresses, ``rescreen`` is set, and the
  program is returned as it was, to resume once a new screen allows it;
- pain during above 5/10, or pain not settled by the next morning: **hold** the first
  time, **regress** when pain during reached 7/10 or more, or when the session before was
  too much as well;
- no pain score, or not yet known whether the pain settled: **hold**, saying so;
- otherwise (pain during at most 5/10 and settled by the next morning): **progress**.

A decision is made for the week of that session and changes the program from the week
after it (or from the current week, if that is later): the first of those weeks gets the
new dose, and later weeks step up gently from there as the generator plans. Weeks up to
the logged week never change, so calling the rule again with the same logs gives the same
program. Progress moves a dose one step toward ``max_dose`` and, at ``max_dose``, on to the
``progression`` exercise at its starting dose; regress moves one step down and, at the
starting dose, on to the ``regression`` exercise (or one set fewer when there is none).
Resting positions are left as they are.
"""

from __future__ import annotations

from datetime import date

from psoas.knowledge import KnowledgeBase, default_knowledge_base
from psoas.knowledge.model import Dose, Exercise
from psoas.program.adjust import apply_adjustments, current_week
from psoas.program.dose import describe, fewer_sets, lower_first, step_down, step_up
from psoas.program.model import (
    Adjustment,
    Decision,
    Prescription,
    Program,
    Progress,
    SessionLog,
)
from psoas.program.select import related, unsuitable

#: pain during a session above this (0–10) is more than the rule accepts
ACCEPTABLE = 5
#: pain during a session at or above this steps the exercises down at once
SEVERE = 7

EXTRAPOLATION = (
    "This rule comes from rehabilitation of the Achilles and knee tendons; using it for "
    "back and hip pain is an extrapolation, not something trials have tested."
)


def progress(
    program: Program,
    logs: list[SessionLog],
    *,
    today: date,
    kb: KnowledgeBase | None = None,
) -> Progress:
    """Apply the pain-monitoring rule to the sessions logged so far.

    Args:
        program: the program, as built or as last adjusted.
        logs: the sessions logged for this program, in any order; logs dated after
            ``today`` are ignored.
        today: the day the rule is applied.
        kb: the knowledge base; the shipped one by default.

    Returns:
        The decision (progress, hold, regress or stop), its reason, one adjustment with
        its reason for each exercise of the logged week that changes or is held, the
        program with the adjustments applied to the weeks to come, and whether the
        safety screen must be repeated.
    """
    kb = kb or default_knowledge_base()
    past = sorted((log for log in logs if log.day <= today), key=lambda log: log.day)
    if not past:
        return Progress(
            decision="hold",
            reason="No session is logged yet, so the program stays as planned.",
            adjustments=[],
            program=program,
            rescreen=False,
        )
    latest = past[-1]
    week = _week_of(program, latest)
    session = program.weeks[week - 1].exercises
    flagged = [log for log in past if log.new_red_flag]
    if flagged:
        return _stop(program, session, flagged[-1].day)
    decision, cause = _decide(past)
    week_logs = [log for log in past if _week_of(program, log) == week]
    adjustments = [
        _adjust(
            decision, cause, prescription, exercise, session, week_logs, program, kb
        )
        for prescription in session
        if (exercise := kb.exercises.get(prescription.exercise_id)) is not None
        and exercise.category != "relief"  # resting positions stay as they are
    ]
    first = max(week + 1, current_week(program, today))
    adjusted = apply_adjustments(program, adjustments, session, first, kb)
    if first > len(program.weeks):
        summary = (
            "The program has no weeks left to change; a new one can start from here."
        )
    else:
        summary = _SUMMARY[decision].format(week=first)
    reason = f"{cause}. {summary} {EXTRAPOLATION}"
    return Progress(
        decision=decision,
        reason=reason,
        adjustments=adjustments,
        program=adjusted,
        rescreen=False,
    )


_SUMMARY: dict[Decision, str] = {
    "progress": "The exercises step up a little from week {week}.",
    "hold": "In week {week} the exercises stay where they are.",
    "regress": "The exercises step down from week {week}; until then, do a little less "
    "than planned.",
    "stop": "",
}


def _too_much(log: SessionLog) -> bool:
    return (
        log.pain_during is not None and log.pain_during > ACCEPTABLE
    ) or log.settled_next_morning is False


def _decide(past: list[SessionLog]) -> tuple[Decision, str]:
    """Return the decision for the latest session, and its cause in plain words."""
    latest = past[-1]
    if _too_much(latest):
        parts = []
        if latest.pain_during is not None and latest.pain_during > ACCEPTABLE:
            parts.append(
                f"pain reached {latest.pain_during}/10 during your last session "
                f"(more than {ACCEPTABLE})"
            )
        if latest.settled_next_morning is False:
            parts.append("the pain had not settled by the next morning")
        what = " and ".join(parts)
        what = what[0].upper() + what[1:]
        if latest.pain_during is not None and latest.pain_during >= SEVERE:
            return "regress", f"{what}; at {SEVERE}/10 or more the exercises step down"
        if len(past) > 1 and _too_much(past[-2]):
            return "regress", f"{what}, for the second session running"
        return (
            "hold",
            f"{what}, for the first time; if it happens again, they step down",
        )
    if latest.pain_during is None:
        return "hold", (
            "No pain score was logged for your last session, so there is not enough "
            "to go on"
        )
    if latest.settled_next_morning is None:
        return "hold", (
            f"Pain during your last session was {latest.pain_during}/10, but it is not "
            "known yet whether it settled by the next morning"
        )
    return "progress", (
        f"Pain during your last session was {latest.pain_during}/10 (up to {ACCEPTABLE} "
        "is acceptable) and it had settled by the next morning"
    )


def _adjust(
    decision: Decision,
    cause: str,
    prescription: Prescription,
    exercise: Exercise,
    session: list[Prescription],
    week_logs: list[SessionLog],
    program: Program,
    kb: KnowledgeBase,
) -> Adjustment:
    """Return the change to one exercise under the decision, with its reason."""
    dose = prescription.dose
    name = exercise.name

    def make(action: Decision, to: Exercise, to_dose: Dose, change: str) -> Adjustment:
        return Adjustment(
            exercise_id=exercise.id,
            action=action,
            to_exercise_id=to.id,
            from_dose=dose,
            to_dose=to_dose,
            reason=f"{cause}: {change}",
        )

    if decision == "hold":
        return make(
            "hold", exercise, dose, f"{name} stays at {describe(dose, rest=False)}."
        )
    if decision == "progress":
        if _only_skipped(exercise.id, week_logs):
            return make(
                "hold",
                exercise,
                dose,
                f"you skipped {lower_first(name)} that week, so it stays at {describe(dose, rest=False)}.",
            )
        up = step_up(dose, exercise.dose, exercise.max_dose)
        if up != dose:
            return make(
                "progress",
                exercise,
                up,
                f"{name} goes from {describe(dose, rest=False)} to {describe(up, rest=False)}.",
            )
        harder, why_not = _switch(exercise.progression, exercise, session, program, kb)
        if harder is not None:
            return make(
                "progress",
                harder,
                harder.dose,
                f"{name} is at the most this program asks ({describe(dose, rest=False)}), so you move "
                f"on to {lower_first(harder.name)} at its starting dose, {describe(harder.dose, rest=False)}.",
            )
        return make(
            "hold",
            exercise,
            dose,
            f"{name} is at the most this program asks ({describe(dose, rest=False)}) and stays there: "
            f"{why_not}.",
        )
    if exercise.category == "movement":
        return make(
            "hold",
            exercise,
            dose,
            f"{name} stays at {describe(dose, rest=False)}: easy movement through the day usually "
            "helps rather than harms.",
        )
    down = step_down(dose, exercise)
    if down is not None:
        return make(
            "regress",
            exercise,
            down,
            f"{name} goes from {describe(dose, rest=False)} to {describe(down, rest=False)}.",
        )
    easier, _ = _switch(exercise.regression, exercise, session, program, kb)
    if easier is not None:
        return make(
            "regress",
            easier,
            easier.dose,
            f"{name} is already at its starting dose, so {lower_first(easier.name)}, an easier "
            f"version, takes its place at {describe(easier.dose, rest=False)}.",
        )
    fewer = fewer_sets(dose)
    if fewer is not None:
        return make(
            "regress",
            exercise,
            fewer,
            f"{name} goes from {describe(dose, rest=False)} to {describe(fewer, rest=False)}.",
        )
    return make(
        "hold",
        exercise,
        dose,
        f"{name} is already at its gentlest ({describe(dose, rest=False)}); if it keeps hurting, "
        "leave it out and ask a physiotherapist.",
    )


def _switch(
    other_id: str | None,
    exercise: Exercise,
    session: list[Prescription],
    program: Program,
    kb: KnowledgeBase,
) -> tuple[Exercise | None, str]:
    """Return the exercise to switch to, or None and why not."""
    if other_id is None or other_id not in kb.exercises:
        return None, "there is no other version of it in the library"
    other = kb.exercises[other_id]
    why = unsuitable(other, program.preferences, check_level=False)
    if why is not None:
        return (
            None,
            f"{lower_first(other.name)} does not suit you ({why.rstrip('.').lower()})",
        )
    for prescription in session:
        present = kb.exercises.get(prescription.exercise_id)
        if (
            present is not None
            and present.id != exercise.id
            and related(other, present, kb.exercises)
        ):
            return (
                None,
                f"{lower_first(other.name)} or a version of it is already in your sessions",
            )
    return other, ""


def _only_skipped(exercise_id: str, week_logs: list[SessionLog]) -> bool:
    skipped = any(exercise_id in log.skipped for log in week_logs)
    done = any(exercise_id in log.completed for log in week_logs)
    return skipped and not done


def _week_of(program: Program, log: SessionLog) -> int:
    if 1 <= log.week <= len(program.weeks):
        return log.week
    return min(max(1, (log.day - program.start).days // 7 + 1), len(program.weeks))


def _stop(program: Program, session: list[Prescription], day: date) -> Progress:
    reason = (
        f"You reported a new warning sign on {day.isoformat()}. Stop the exercises and "
        "repeat the safety screen now: it tells you how soon to get help. Nothing in the "
        "program moves on until a new screen allows it."
    )
    adjustments = [
        Adjustment(
            exercise_id=p.exercise_id,
            action="stop",
            to_exercise_id=p.exercise_id,
            from_dose=p.dose,
            to_dose=p.dose,
            reason=f"A new warning sign was reported: stop {lower_first(p.name)} and repeat "
            "the safety screen before doing it again.",
        )
        for p in session
    ]
    return Progress(
        decision="stop",
        reason=reason,
        adjustments=adjustments,
        program=program,
        rescreen=True,
    )
