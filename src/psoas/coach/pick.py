"""Which movement a micro-break offers."""

from __future__ import annotations

from collections.abc import Sequence

from psoas.knowledge import KnowledgeBase


def desk_exercises(kb: KnowledgeBase) -> list[str]:
    """Return the ids of the library's desk-friendly exercises, in library order."""
    return [e.id for e in kb.exercises.values() if "desk" in e.positions]


def pick_exercise(
    kb: KnowledgeBase, program_exercise_ids: Sequence[str], *, n: int
) -> str:
    """Return the exercise for the n-th micro-break, rotating deterministically.

    Desk-friendly exercises that are in the person's program come first; when the
    program has none of them, every desk-friendly exercise of the library takes part.

    Args:
        kb: the knowledge base.
        program_exercise_ids: the exercise ids of the person's program (may be empty).
        n: the break's number (0, 1, 2, ...).
    """
    desk = desk_exercises(kb)
    if not desk:
        msg = "the knowledge base has no desk-friendly exercise"
        raise ValueError(msg)
    in_program = set(program_exercise_ids)
    preferred = [e for e in desk if e in in_program]
    pool = preferred or desk
    return pool[n % len(pool)]
