"""Which exercises suit a person, and which of them make up a session in each phase.

Selection is deterministic: the candidates come in the order of
:mod:`psoas.program.order`, and each is taken when it fits the session.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from psoas.knowledge.model import Condition, Dose, Exercise, Phase
from psoas.program.dose import fewer_sets, lower_first
from psoas.program.model import Excluded, Preferences
from psoas.program.needs import Need
from psoas.program.order import candidates, rank

#: most exercises in one session, by minutes a day
MAX_EXERCISES = {5: 3, 10: 5, 20: 7}

#: the share of the minutes a session fills at starting doses, leaving room to step up
HEADROOM = 0.85

#: most exercises of each category in one session, by phase
CAPS: dict[Phase, dict[str, int]] = {
    "settle": {"relief": 2, "stretch": 2, "strength": 1, "movement": 1},
    "mobility": {"relief": 1, "stretch": 3, "strength": 2, "movement": 1},
    "strength": {"relief": 1, "stretch": 2, "strength": 4, "movement": 1},
}

#: the order of a session: move to warm up, strengthen, stretch warm muscles, then rest
SESSION_ORDER = {"movement": 0, "strength": 1, "stretch": 2, "relief": 3}

_CONDITION_WORDS: dict[Condition, str] = {
    "pregnancy": "during pregnancy",
    "recent_hip_replacement": "soon after a hip replacement",
    "osteoporosis": "with osteoporosis",
    "hernia": "with a hernia",
    "acute_flare": "during an acute flare",
}

_EQUIPMENT_WORDS = {
    "mat": "a mat",
    "chair": "a chair",
    "wall": "a wall",
    "bed": "a bed",
    "pillow": "a pillow",
    "step": "a step",
    "dowel": "a dowel or broom handle",
}


@dataclass(frozen=True)
class Pick:
    """An exercise chosen for a session, its starting dose and the reason for it."""

    exercise: Exercise
    dose: Dose
    reason: str


def unsuitable(
    exercise: Exercise, preferences: Preferences, *, check_level: bool = True
) -> str | None:
    """Return why an exercise is left out for this person, or None when it suits them.

    Args:
        exercise: the exercise.
        preferences: the person's equipment, level and conditions.
        check_level: False to allow any level (the progression rule moves people on).
    """
    reasons: list[str] = []
    conditions = sorted(set(exercise.contraindications) & preferences.conditions)
    if conditions:
        words = " or ".join(_CONDITION_WORDS[c] for c in conditions)
        reasons.append(f"not advised {words}")
    missing = sorted(set(exercise.equipment) - {"none"} - preferences.equipment)
    if missing:
        kit = " and ".join(_EQUIPMENT_WORDS.get(item, item) for item in missing)
        reasons.append(f"needs {kit}, which is not in the equipment you have")
    if check_level and preferences.level == "beginner" and exercise.level == "advanced":
        reasons.append(
            "an advanced exercise: the program can move on to it once the easier "
            "version feels easy"
        )
    if not reasons:
        return None
    text = "; ".join(reasons)
    return text[0].upper() + text[1:] + "."


def screen(
    exercises: Mapping[str, Exercise], preferences: Preferences
) -> tuple[list[Exercise], list[Excluded]]:
    """Split the library into the exercises that suit the person and those left out."""
    suitable: list[Exercise] = []
    excluded: list[Excluded] = []
    for exercise_id in sorted(exercises):
        exercise = exercises[exercise_id]
        why = unsuitable(exercise, preferences)
        if why is None:
            suitable.append(exercise)
        else:
            excluded.append(Excluded(exercise_id=exercise_id, reason=why))
    return suitable, excluded


def related(a: Exercise, b: Exercise, exercises: Mapping[str, Exercise]) -> bool:
    """Return whether two exercises are the same, or one is a harder version of the other."""
    return a.id == b.id or b.id in _chain(a, exercises) or a.id in _chain(b, exercises)


def _chain(exercise: Exercise, exercises: Mapping[str, Exercise]) -> set[str]:
    """Return the ids reachable from an exercise by progressions, or by regressions."""
    out: set[str] = set()
    for link in ("progression", "regression"):
        current: Exercise | None = exercise
        while current is not None:
            following = getattr(current, link)
            if following is None or following in out or following == exercise.id:
                break
            out.add(following)
            current = exercises.get(following)
    return out


def choose(
    phase: Phase,
    suitable: list[Exercise],
    needs: list[Need],
    preferences: Preferences,
    library: Mapping[str, Exercise],
) -> list[Pick]:
    """Choose the exercises of a session in one phase, within the minutes a day.

    Candidates are tried in the order of :func:`psoas.program.order.candidates`. One is
    skipped when it would break the time, the number of exercises or the category's
    cap, or when it or an easier or harder version of it is already in. Picks that are
    not required fill only about 85% of the minutes (:data:`HEADROOM`), to leave room
    for the doses to grow; a required pick may use the rest, with sets taken off its
    dose if it would not fit otherwise.

    Returns:
        The picks in session order (movement, strength, stretches, rest).
    """
    pool = sorted(
        (exercise for exercise in suitable if phase in exercise.phases),
        key=lambda exercise: rank(exercise, needs),
    )
    budget = preferences.minutes_per_day * 60
    picks: list[Pick] = []
    used = 0.0
    for exercise, reason, required in candidates(phase, pool, needs, suitable):
        if len(picks) >= MAX_EXERCISES[preferences.minutes_per_day]:
            break
        taken = [pick.exercise for pick in picks]
        if any(related(exercise, t, library) for t in taken):
            continue
        in_category = sum(t.category == exercise.category for t in taken)
        if in_category >= CAPS[phase].get(exercise.category, 0):
            continue
        room = (budget if required else budget * HEADROOM) - used
        dose = _fit(exercise.dose, room) if required else exercise.dose
        if dose is None or dose.seconds() > room:
            continue
        picks.append(Pick(exercise, dose, reason))
        used += dose.seconds()
    if preferences.level == "intermediate" and phase != "settle":
        picks = _step_up_chains(picks, pool, budget, library)
    return sorted(picks, key=lambda pick: SESSION_ORDER[pick.exercise.category])


def _fit(dose: Dose, seconds: float) -> Dose | None:
    """Return the dose with as few sets removed as it takes to fit, or None."""
    current: Dose | None = dose
    while current is not None and current.seconds() > seconds:
        current = fewer_sets(current)
    return current


def _step_up_chains(
    picks: list[Pick],
    pool: list[Exercise],
    budget: float,
    library: Mapping[str, Exercise],
) -> list[Pick]:
    """Start an intermediate one step up each chain, where the harder version suits."""
    out = list(picks)
    for index, pick in enumerate(picks):
        harder = next((e for e in pool if e.id == pick.exercise.progression), None)
        if harder is None:
            continue
        others = [p.exercise for i, p in enumerate(out) if i != index]
        if any(related(harder, other, library) for other in others):
            continue
        used = sum(p.dose.seconds() for i, p in enumerate(out) if i != index)
        if used + harder.dose.seconds() > budget:
            continue
        reason = (
            f"{pick.reason} You start with {lower_first(harder.name)}, one step up from "
            f"{lower_first(pick.exercise.name)}, because you are used to exercise."
        )
        out[index] = Pick(harder, harder.dose, reason)
    return out
