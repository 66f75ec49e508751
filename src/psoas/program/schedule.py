"""The calendar of a program: its phases, the session days of each week, and weekly doses.

- **Phases.** Settle is always weeks 1–2; mobility takes the next third of the program
  (``ceil(weeks / 3)`` weeks); strength takes the rest, so 6 weeks split 2/2/2, 8 weeks
  2/3/3 and 12 weeks 2/4/6.
- **Days.** Week 1 starts on the day the program is made. Its ``n`` session days are
  spread over the 7 days of each week at offsets ``floor(i * 7 / n)``: 3 days fall on
  days 1, 3 and 5, 5 days on days 1, 2, 3, 5 and 6.
- **Doses.** Settle weeks keep the starting dose. After that, an exercise moves one step
  up (see :mod:`psoas.program.dose`) from its dose of the last week it was in, never past
  its ``max_dose``, so doses never fall within a phase. When the steps would break the
  minutes a day, the steps that add the most time are taken back first; at the start of
  a phase, a dose carried over that no longer fits beside the phase's other exercises
  goes back to its starting dose.
- **Lookups.** ``week_of``, ``shown_week``, ``next_session`` and ``last_session_day``
  answer "where in the program is this day" for the CLI, the web pages and the report.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date, timedelta
from math import ceil

from psoas.knowledge.model import Dose, Phase
from psoas.program.dose import step_up
from psoas.program.model import PhasePlan, Prescription, Program, ProgramWeek
from psoas.program.select import Pick

SETTLE_WEEKS = 2

_NAMES: dict[Phase, str] = {
    "settle": "Settle",
    "mobility": "Mobility",
    "strength": "Strength",
}
_GOALS: dict[Phase, str] = {
    "settle": (
        "Calm things down: gentle positions and stretches at the starting dose, and a "
        "habit of a few minutes on most days."
    ),
    "mobility": (
        "Move the hips more freely: hip-flexor stretches take the lead, with gentle "
        "strengthening alongside."
    ),
    "strength": (
        "Build strength and endurance in the hips and trunk, keeping one stretch for the "
        "front of the hip."
    ),
}


def phase_plans(weeks: int) -> list[PhasePlan]:
    """Return the phases of a program of ``weeks`` weeks (6 to 12), in order."""
    mobility = ceil(weeks / 3)
    bounds: list[tuple[Phase, range]] = [
        ("settle", range(1, SETTLE_WEEKS + 1)),
        ("mobility", range(SETTLE_WEEKS + 1, SETTLE_WEEKS + mobility + 1)),
        ("strength", range(SETTLE_WEEKS + mobility + 1, weeks + 1)),
    ]
    return [
        PhasePlan(id=phase, name=_NAMES[phase], weeks=list(span), goal=_GOALS[phase])
        for phase, span in bounds
        if span
    ]


def session_days(week_start: date, days_per_week: int) -> list[date]:
    """Return the session days of a week, spread over its 7 days."""
    offsets = sorted({i * 7 // days_per_week for i in range(days_per_week)})
    return [week_start + timedelta(days=offset) for offset in offsets]


def week_of(program: Program, day: date) -> ProgramWeek | None:
    """Return the program week that contains ``day``, or None outside the program."""
    for week in program.weeks:
        if week.start <= day < week.start + timedelta(days=7):
            return week
    return None


def shown_week(program: Program, day: date) -> ProgramWeek:
    """Return the week to show on ``day``: its own, the first before, the last after."""
    week = week_of(program, day)
    if week is not None:
        return week
    return program.weeks[0] if day < program.start else program.weeks[-1]


def next_session(program: Program, day: date) -> tuple[date, ProgramWeek] | None:
    """Return the first session day on or after ``day`` and its week, if any."""
    for week in program.weeks:
        for session_day in sorted(week.session_days):
            if session_day >= day:
                return session_day, week
    return None


def last_session_day(program: Program) -> date:
    """Return the program's last session day (its start when it has none)."""
    return max(
        (day for week in program.weeks for day in week.session_days),
        default=program.start,
    )


def weekly_prescriptions(
    phases: Sequence[PhasePlan],
    picks: Mapping[Phase, list[Pick]],
    budget_s: float,
) -> dict[int, list[Prescription]]:
    """Return each week's prescriptions, with doses stepped up gently week by week."""
    last: dict[str, Dose] = {}  # exercise id -> its dose the last week it was in
    out: dict[int, list[Prescription]] = {}
    for phase in phases:
        for week in phase.weeks:
            session = picks[phase.id]
            before = [last.get(p.exercise.id, p.dose) for p in session]
            if phase.id == "settle":
                doses = before
            else:
                after = [
                    step_up(dose, p.exercise.dose, p.exercise.max_dose)
                    if p.exercise.id in last
                    else dose
                    for p, dose in zip(session, before, strict=True)
                ]
                doses = _within(session, before, after, budget_s)
            out[week] = [
                Prescription(
                    exercise_id=pick.exercise.id,
                    name=pick.exercise.name,
                    dose=dose,
                    minutes=round(dose.seconds() / 60, 2),
                    reason=pick.reason,
                )
                for pick, dose in zip(session, doses, strict=True)
            ]
            if phase.id != "settle":
                last.update(
                    (p.exercise.id, d) for p, d in zip(session, doses, strict=True)
                )
    return out


def _within(
    session: list[Pick], before: list[Dose], after: list[Dose], budget_s: float
) -> list[Dose]:
    """Return ``after``, with steps taken back until the session fits the time.

    First the week's new steps go, the ones that add the most time first; if the doses
    carried over from an earlier phase still do not fit beside this phase's exercises,
    those exercises go back to the dose they were chosen at, which always fits.
    """
    doses = list(after)
    for fallback in (before, [pick.dose for pick in session]):
        while sum(dose.seconds() for dose in doses) > budget_s:
            grown = [
                i
                for i in range(len(doses))
                if doses[i].seconds() > fallback[i].seconds()
            ]
            if not grown:
                break
            index = max(
                grown,
                key=lambda i: (
                    doses[i].seconds() - fallback[i].seconds(),
                    session[i].exercise.id,
                ),
            )
            doses[index] = fallback[index]
    return doses


def adherence(
    program: Program, done_days: Iterable[date], today: date
) -> tuple[int, int]:
    """Return (done, planned) sessions so far, the one rule every page uses.

    ``done_days`` are the days with at least one exercise completed. Session days before
    ``today`` count as planned; today's counts once it is done, because the day is not
    over. Planned is never below done (an extra session on a rest day still counts).
    """
    done = {day for day in done_days if day <= today}
    planned = sum(
        1
        for week in program.weeks
        for day in week.session_days
        if day < today or (day == today and day in done)
    )
    return len(done), max(planned, len(done))
