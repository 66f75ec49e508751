"""Apply the progression rule's adjustments to the weeks still to come.

Each adjustment starts a "track": in the first week (from ``first`` on) that holds its
exercise, or the exercise it switches to, that exercise gets ``to_dose``; in each later
week outside the settle phase it moves one step further up, as the generator plans. A
week that would then break the minutes a day gives back time from its adjusted entries,
largest first: a step down the exercise's ladder, then a set fewer, and for a switch that
still does not fit, the exercise it replaced at its logged dose.

The result depends only on the logged week, the adjustments and the entries they do not
touch, so applying the same adjustments again to the result changes nothing.
"""

from __future__ import annotations

from datetime import date

from psoas.knowledge import KnowledgeBase
from psoas.knowledge.model import Dose
from psoas.program.dose import fewer_sets, lower_first, step_down, step_up
from psoas.program.model import Adjustment, Prescription, Program, ProgramWeek


def current_week(program: Program, today: date) -> int:
    """Return the number of the week ``today`` falls in (0 before the program starts)."""
    days = (today - program.start).days
    return days // 7 + 1 if days >= 0 else 0


def apply_adjustments(
    program: Program,
    adjustments: list[Adjustment],
    logged: list[Prescription],
    first: int,
    kb: KnowledgeBase,
) -> Program:
    """Return the program with the adjustments applied from week ``first`` on.

    Args:
        program: the program.
        adjustments: the changes, one per exercise of the logged week.
        logged: the prescriptions of the logged week (for the reasons of switches).
        first: the first week to change.
        kb: the knowledge base holding the exercises.
    """
    by_id: dict[str, Adjustment] = {}
    for change in adjustments:
        by_id[change.exercise_id] = change
        by_id.setdefault(change.to_exercise_id, change)
    reasons = {p.exercise_id: p.reason for p in logged}
    last: dict[str, Dose] = {}  # adjusted exercise id -> the dose of its track so far
    budget = program.preferences.minutes_per_day * 60
    weeks: list[ProgramWeek] = []
    for week in program.weeks:
        if week.week < first:
            weeks.append(week)
            continue
        entries = list(week.exercises)
        touched: dict[int, Adjustment] = {}
        for index, prescription in enumerate(entries):
            found = by_id.get(prescription.exercise_id)
            if found is None or found in touched.values():
                continue
            exercise = kb.exercises[found.to_exercise_id]
            before = last.get(found.exercise_id)
            if before is None:
                dose = found.to_dose
            elif week.phase == "settle":
                dose = before
            else:
                dose = step_up(before, exercise.dose, exercise.max_dose)
            entries[index] = _entry(prescription, found, dose, reasons, kb)
            touched[index] = found
        _fit(entries, touched, budget, reasons, kb)
        for index, done in touched.items():
            if entries[index].exercise_id == done.to_exercise_id:
                last[done.exercise_id] = entries[index].dose
        weeks.append(week.model_copy(update={"exercises": entries}))
    return program.model_copy(update={"weeks": weeks})


def _entry(
    planned: Prescription,
    adjustment: Adjustment,
    dose: Dose,
    reasons: dict[str, str],
    kb: KnowledgeBase,
    *,
    switch: bool = True,
) -> Prescription:
    """Return the prescription for an adjusted exercise (or the one it replaced)."""
    exercise_id = adjustment.to_exercise_id if switch else adjustment.exercise_id
    exercise = kb.exercises[exercise_id]
    reason = planned.reason
    if exercise_id != adjustment.exercise_id:
        old = kb.exercises[adjustment.exercise_id]
        kind = "a harder" if adjustment.action == "progress" else "an easier"
        base = reasons.get(adjustment.exercise_id, "")
        reason = f"In place of {lower_first(old.name)}, as {kind} version of it. {base}"
    elif planned.exercise_id != exercise_id:
        reason = reasons.get(exercise_id, planned.reason)
    return Prescription(
        exercise_id=exercise_id,
        name=exercise.name,
        dose=dose,
        minutes=round(dose.seconds() / 60, 2),
        reason=reason.strip(),
    )


def _fit(
    entries: list[Prescription],
    touched: dict[int, Adjustment],
    budget_s: float,
    reasons: dict[str, str],
    kb: KnowledgeBase,
) -> None:
    """Give back time from the adjusted entries, largest first, until the week fits."""
    while sum(p.dose.seconds() for p in entries) > budget_s:
        options = {
            i: smaller
            for i in touched
            if (smaller := _smaller(entries[i], touched[i], reasons, kb)) is not None
        }
        if not options:
            return
        index = max(options, key=lambda i: (entries[i].dose.seconds(), i))
        entries[index] = options[index]


def _smaller(
    entry: Prescription,
    adjustment: Adjustment,
    reasons: dict[str, str],
    kb: KnowledgeBase,
) -> Prescription | None:
    exercise = kb.exercises[entry.exercise_id]
    dose = step_down(entry.dose, exercise) or fewer_sets(entry.dose)
    if dose is not None:
        return entry.model_copy(
            update={"dose": dose, "minutes": round(dose.seconds() / 60, 2)}
        )
    if entry.exercise_id != adjustment.exercise_id:  # a switch that does not fit
        return _entry(
            entry, adjustment, adjustment.from_dose, reasons, kb, switch=False
        )
    return None
