"""What each exposures field accepts and how to word it, for every front end.

The ranges are read from :class:`psoas.assess.answers.Exposures`, so the terminal
interview and the web wizard can never drift from the contract's validation.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Annotated, Any, Final, Literal, get_args, get_origin

from psoas.assess.answers import Exposures

#: plain words for the sleep positions of the answers document
SLEEP_LABELS: Final = {
    "back": "On my back",
    "side_straight": "On my side, legs fairly straight",
    "side_curled": "Curled up on my side",
    "front": "On my front",
    "mixed": "It varies",
}

#: plain words for the knowledge base's exposure units
UNIT_WORDS: Final = {
    "h/day": "hours a day",
    "min": "minutes",
    "km/week": "km a week",
    "kg": "kg",
    "sessions/week": "sessions a week",
    "lifts/day": "lifts a day",
    "days/week": "days a week",
}


@dataclass(frozen=True)
class FieldSpec:
    """What an exposures field accepts."""

    kind: Literal["number", "bool", "choice"]
    minimum: float = 0
    maximum: float | None = None
    integer: bool = False
    choices: tuple[str, ...] = ()


def field_spec(field: str) -> FieldSpec:
    """Return what ``exposures.<field>`` accepts (range, whole numbers, or choices)."""
    inner = _strip_optional(Exposures.model_fields[field].annotation)
    if inner is bool:
        return FieldSpec("bool")
    if get_origin(inner) is Literal:
        return FieldSpec("choice", choices=get_args(inner))
    base = get_args(inner)[0] if get_origin(inner) is Annotated else inner
    low, high = bounds(inner)
    return FieldSpec("number", minimum=low or 0, maximum=high, integer=base is int)


def bounds(
    annotation: Any, extra: Sequence[Any] = ()
) -> tuple[float | None, float | None]:
    """Return the (ge, le) bounds declared in a field's annotation (and ``extra``).

    Pydantic moves the constraints of a plain ``Annotated`` field into the field's
    ``metadata``; pass that as ``extra``.
    """
    low = high = None
    for item in [*constraints(annotation), *extra]:
        if getattr(item, "ge", None) is not None:
            low = item.ge
        if getattr(item, "le", None) is not None:
            high = item.le
    return low, high


def constraints(annotation: Any) -> list[Any]:
    """Return the constraint objects (``Ge``, ``Le``...) in ``annotation``, unpacked."""
    out: list[Any] = []
    for item in getattr(annotation, "__metadata__", ()):
        out.extend(getattr(item, "metadata", [item]))  # a FieldInfo holds its own
    for arg in getattr(annotation, "__args__", ()) or ():
        out.extend(constraints(arg))
    return out


def _strip_optional(annotation: Any) -> Any:
    args = [arg for arg in get_args(annotation) if arg is not type(None)]
    if get_origin(annotation) is not Annotated and len(args) == 1:
        return args[0]
    return annotation
