"""The order in which a session's candidates are tried, for one phase.

1. The picks every session of the phase has: a hip-flexor stretch and a strengthening
   exercise (required from the mobility phase on: their dose is trimmed to fit), and a
   resting position in the settle phase.
2. A movement break, when sitting is the person's main group of needs.
3. The best exercise for each need that nothing listed so far answers.
4. The phase's lead category (stretches in mobility, strengthening in strength): the
   best for each need in turn, three rounds, then the rest of that category.
5. A movement break, when sitting is a need but not the main one.
6. The best of any category for each need in turn, three rounds.
7. A general set: the remaining stretches and strengthening exercises.

"Best for a need" ranks exercises by how much of the need's group they answer, then by
how specific they are to it (the share of their ``good_for`` in that group), then by
their overall score, lower psoas load, easier level and id.
"""

from __future__ import annotations

from psoas.knowledge.model import Exercise, Phase
from psoas.program.needs import Need, connect

Candidate = tuple[Exercise, str, bool]  # (exercise, reason, required)

LOAD = {"low": 0, "moderate": 1, "high": 2}
LEVEL = {"beginner": 0, "intermediate": 1, "advanced": 2}

#: the category each phase leads with, after the picks every session has
_LEAD: dict[Phase, str | None] = {
    "settle": None,
    "mobility": "stretch",
    "strength": "strength",
}
_GENERAL = (
    "Part of a balanced general set: exercise of any kind helps a little, and no one "
    "type is clearly best"
)
_STRETCH_WHY = "Every session has a stretch for the front of the hip"
_STRENGTH_WHY = "Every session has one exercise that strengthens the hips or trunk"
_RELIEF_WHY = "The first weeks start with a resting position"
_MOVEMENT_WHY = "Breaking up sitting is part of every session"


def rank(exercise: Exercise, needs: list[Need]) -> tuple[int, int, int, str]:
    """Return the sort key: best score first, then lower psoas load, easier level, id."""
    score = sum(need.weight for need in needs if need.target in exercise.good_for)
    return (-score, LOAD[exercise.psoas_load], LEVEL[exercise.level], exercise.id)


def is_hip_flexor_stretch(exercise: Exercise) -> bool:
    """Return whether an exercise is a stretch whose targets include the hip flexors."""
    words = ("psoas", "hip flexor", "iliacus")
    return exercise.category == "stretch" and any(
        word in target.lower() for target in exercise.targets for word in words
    )


def candidates(
    phase: Phase, pool: list[Exercise], needs: list[Need], suitable: list[Exercise]
) -> list[Candidate]:
    """Return the candidates of a session in the order they are tried.

    Args:
        phase: the phase.
        pool: the suitable exercises of the phase, ranked with :func:`rank`.
        needs: the person's needs, strongest first.
        suitable: every suitable exercise; the required picks fall back on these when
            the phase has no hip-flexor stretch or no strengthening exercise.
    """
    others = sorted(
        (e for e in suitable if e not in pool), key=lambda e: rank(e, needs)
    )
    out: list[Candidate] = []

    def first(options: list[Exercise], why: str, *, required: bool) -> None:
        if phase == "settle":  # the gentlest first while things settle
            options = sorted(
                options, key=lambda e: (LOAD[e.psoas_load], LEVEL[e.level])
            )
        if options:
            out.append((options[0], _reason(options[0], needs, why), required))

    stretches = [e for e in pool if is_hip_flexor_stretch(e)] or [
        e for e in others if is_hip_flexor_stretch(e)
    ]
    strength = [e for e in pool if e.category == "strength"] or [
        e for e in others if e.category == "strength"
    ]
    movement = [e for e in pool if e.category == "movement"]
    if phase == "strength":
        first(strength, _STRENGTH_WHY, required=True)
        first(stretches, _STRETCH_WHY, required=True)
    else:
        first(stretches, _STRETCH_WHY, required=phase == "mobility")
        if phase == "settle":
            first(
                [e for e in pool if e.category == "relief"], _RELIEF_WHY, required=False
            )
        first(strength, _STRENGTH_WHY, required=phase == "mobility")
    sits = any(need.group == "sitting" for need in needs)
    main = _main_group(needs)
    if main == "sitting":
        first(movement, _MOVEMENT_WHY, required=False)
    _each_need(out, pool, needs, None, rounds=1, uncovered_only=True)
    lead = _LEAD[phase]
    if lead is not None:
        _each_need(out, pool, needs, lead, rounds=3)
        out.extend(
            (e, _reason(e, needs, _GENERAL), False) for e in pool if e.category == lead
        )
    if sits and main != "sitting":
        first(movement, _MOVEMENT_WHY, required=False)
    _each_need(out, pool, needs, None, rounds=3)
    out.extend(
        (e, _reason(e, needs, _GENERAL), False)
        for e in pool
        if e.category in {"stretch", "strength"}
    )
    return out


def _main_group(needs: list[Need]) -> str | None:
    """Return the group whose needs weigh most in total (the first such, on a tie)."""
    totals: dict[str, int] = {}
    for need in needs:
        totals[need.group] = totals.get(need.group, 0) + need.weight
    return max(totals, key=lambda group: totals[group]) if totals else None


def _for_need(exercise: Exercise, need: Need, needs: list[Need]) -> tuple[object, ...]:
    group = [n for n in needs if n.group == need.group]
    answered = sum(n.weight for n in group if n.target in exercise.good_for)
    share = sum(n.target in exercise.good_for for n in group) / max(
        1, len(exercise.good_for)
    )
    return (-answered, -share, rank(exercise, needs))


def _each_need(
    out: list[Candidate],
    pool: list[Exercise],
    needs: list[Need],
    category: str | None,
    *,
    rounds: int,
    uncovered_only: bool = False,
) -> None:
    """Append each need's best exercise not listed yet, then each need's next best."""
    for _ in range(rounds):
        for need in needs:
            listed = {exercise.id for exercise, _, _ in out}
            if uncovered_only and any(
                need.target in exercise.good_for for exercise, _, _ in out
            ):
                continue
            options = [
                e
                for e in pool
                if need.target in e.good_for
                and e.id not in listed
                and (category is None or e.category == category)
            ]
            if options:
                best = min(options, key=lambda e: _for_need(e, need, needs))
                out.append((best, connect(need, best), False))


def _reason(exercise: Exercise, needs: list[Need], fallback: str) -> str:
    """Return the reason from the strongest need the exercise answers, else the fallback.

    Needs of the person's main group come first, so a runner who also sits a lot reads
    about running.
    """
    main = _main_group(needs)
    for need in sorted(needs, key=lambda n: n.group != main):
        if need.target in exercise.good_for:
            return connect(need, exercise)
    return f"{fallback}. {exercise.purpose}"
