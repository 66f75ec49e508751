"""The error the program generator raises when the assessment does not allow a program."""

from __future__ import annotations

from psoas.errors import PsoasError


class ProgramNotAllowed(PsoasError):  # noqa: N818 (the name the API promises)
    """The safety screen does not allow an exercise program (yet).

    Attributes:
        why: ``"emergency"``, ``"urgent"`` or ``"incomplete"``: what stands in the way.
    """

    def __init__(self, why: str, message: str) -> None:
        self.why = why
        super().__init__(message)
