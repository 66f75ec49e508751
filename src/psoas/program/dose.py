"""Dose steps: how a dose moves, one gentle step at a time, between ``dose`` and ``max_dose``.

A step adds 2 repetitions, or 5 seconds to each hold, until the exercise's top dose for
those is reached; then it adds a set and starts the repetitions and holds again from the
starting dose (a "double progression"), as far back as it can go without the dose taking
less time. So 2 × 8 goes 2 × 10, 2 × 12, 3 × 8, 3 × 10, 3 × 12, and the time a dose takes
never falls from one step to the next.
"""

from __future__ import annotations

from psoas.knowledge.model import Dose, Exercise

REP_STEP = 2
HOLD_STEP_S = 5
#: holds of a minute or more (walks, resting positions) step up by half a minute
LONG_HOLD_STEP_S = 30


def step_up(dose: Dose, start: Dose, top: Dose) -> Dose:
    """Return the next gentle step from ``dose`` toward ``top`` (``dose`` when at the top).

    Args:
        dose: the current dose.
        start: the exercise's starting dose; repetitions and holds restart from it when a
            set is added.
        top: the exercise's ``max_dose``; no field of the result goes past it.

    Returns:
        The next dose, or ``dose`` itself when no field can go up.
    """
    if dose.reps is not None and top.reps is not None and dose.reps < top.reps:
        return _with(dose, reps=min(top.reps, dose.reps + REP_STEP))
    if dose.hold_s is not None and top.hold_s is not None and dose.hold_s < top.hold_s:
        step = LONG_HOLD_STEP_S if dose.hold_s >= 60 else HOLD_STEP_S
        return _with(dose, hold_s=min(top.hold_s, dose.hold_s + step))
    if dose.sets < top.sets:
        return _add_set(dose, start)
    return dose


def _add_set(dose: Dose, start: Dose) -> Dose:
    """Return one more set, with repetitions and holds back near the start.

    They go back as far toward the starting dose as they can without the dose taking
    less time than before.
    """
    more = _with(
        dose,
        sets=dose.sets + 1,
        reps=_restart(dose.reps, start.reps),
        hold_s=_restart(dose.hold_s, start.hold_s),
    )
    while more.seconds() < dose.seconds():
        if more.reps is not None and dose.reps is not None and more.reps < dose.reps:
            more = _with(more, reps=more.reps + 1)
        elif more.hold_s is not None and dose.hold_s is not None:
            more = _with(more, hold_s=more.hold_s + 1)
        else:  # pragma: no cover (one more set of the same always takes longer)
            break
    return more


def ladder(exercise: Exercise) -> list[Dose]:
    """Return every step from the exercise's ``dose`` up to its ``max_dose``, in order."""
    steps = [exercise.dose]
    while (following := step_up(steps[-1], exercise.dose, exercise.max_dose)) != steps[
        -1
    ]:
        steps.append(following)
    return steps


def step_down(dose: Dose, exercise: Exercise) -> Dose | None:
    """Return the step below ``dose`` on the exercise's ladder, or None at the start.

    A dose that is not on the ladder (a session trimmed to fit the time) steps down to the
    largest ladder dose that takes less time.
    """
    steps = ladder(exercise)
    if dose in steps:
        index = steps.index(dose)
        return steps[index - 1] if index > 0 else None
    shorter = [step for step in steps if step.seconds() < dose.seconds()]
    return shorter[-1] if shorter else None


def fewer_sets(dose: Dose) -> Dose | None:
    """Return the dose with one set fewer, or None when it is already a single set."""
    return _with(dose, sets=dose.sets - 1) if dose.sets > 1 else None


def describe(dose: Dose, *, category: str | None = None, rest: bool = True) -> str:
    """Return a dose in plain words, e.g. "2 sets of 10, each side; rest 30 s".

    Args:
        dose: the dose to describe.
        category: the exercise's category; ``"movement"`` reads a hold as a bout
            ("5 min") rather than a hold.
        rest: whether to add the rest between sets (left out inside a sentence).
    """
    side = ", each side" if dose.per_side else ""
    if dose.reps is not None:
        held = f", holding each {_duration(dose.hold_s)}" if dose.hold_s else ""
        sets = f"{dose.sets} sets of {dose.reps}" if dose.sets > 1 else f"{dose.reps}"
        text = f"{sets}{held}{side}" if dose.sets > 1 else f"{sets} times{held}{side}"
    else:
        length = _duration(dose.hold_s or 0)
        if category == "movement":
            text = length if dose.sets == 1 else f"{dose.sets} bouts of {length}"
        else:
            holds = "1 hold" if dose.sets == 1 else f"{dose.sets} holds"
            text = f"{holds} of {length}{side}"
    if rest and dose.sets > 1 and dose.rest_s:
        text += f"; rest {_duration(dose.rest_s)}"
    return text


def _duration(seconds: int) -> str:
    if seconds >= 60 and seconds % 60 == 0:
        return f"{seconds // 60} min"
    if seconds > 60:
        return f"{seconds // 60} min {seconds % 60} s"
    return f"{seconds} s"


def lower_first(name: str) -> str:
    """Return a name for the middle of a sentence: ``Glute bridge`` -> ``glute bridge``."""
    if len(name) > 1 and name[1].isupper():  # an abbreviation, e.g. "ASLR test"
        return name
    return name[:1].lower() + name[1:]


def _restart(current: int | None, start: int | None) -> int | None:
    if current is None or start is None:
        return current
    return min(current, start)


def _with(dose: Dose, **changes: int | None) -> Dose:
    return Dose.model_validate({**dose.model_dump(), **changes})
