"""What a program answers: the person's exposures and pattern, as ranked needs in plain words.

Each need names a target that exercises list in ``good_for`` (an exposure id or
``iliopsoas_pattern``), a weight (high 3, moderate 2) and a sentence about the person
("You sit about 9.5 hours a day") that starts the reason for each exercise chosen for it.
"""

from __future__ import annotations

from dataclasses import dataclass

from psoas.assess.result import ExposureResult, Result
from psoas.knowledge.model import Exercise

WEIGHT = {"high": 3, "moderate": 2}

#: exposures grouped by what the program does about them
GROUPS = {
    "prolonged_sitting": "sitting",
    "sitting_bouts": "sitting",
    "driving": "sitting",
    "running_volume": "running",
    "hill_sprint": "running",
    "walking_hiking_volume": "running",
    "heavy_lifting": "lifting",
    "lifting_frequency": "lifting",
    "typical_lift": "lifting",
    "twisting_lifts": "lifting",
    "sleep_position": "sleep",
    "weak_core": "core",
    "iliopsoas_pattern": "pattern",
}

#: what an exercise of a category does for a group of needs, in our own words
_CONNECT = {
    ("sitting", "stretch"): (
        "this stretch works on the front of the hip, which stays shortened while you sit"
    ),
    ("sitting", "strength"): (
        "this works the buttock and trunk muscles, which have little to do while you sit"
    ),
    (
        "sitting",
        "movement",
    ): "a few minutes of movement breaks up long spells of sitting",
    ("running", "stretch"): (
        "this keeps the front of the hip, which works in every stride, moving through its "
        "full range"
    ),
    ("running", "strength"): (
        "stronger buttock and hip muscles help share the load that running and hills put "
        "on the front of the hip"
    ),
    ("lifting", "strength"): (
        "this trains the hips and trunk for the bending and lifting you do, with the back "
        "held steady"
    ),
    ("core", "strength"): (
        "this builds trunk endurance with the knees bent, a way of working the trunk that "
        "asks little of the psoas"
    ),
    ("sleep", "relief"): (
        "resting on your side with a pillow between the knees keeps the hips and low back "
        "level instead of twisted"
    ),
    ("pattern", "stretch"): (
        "this stretch works gently on the front of the hip, where your answers point"
    ),
    ("pattern", "strength"): (
        "this works the hips and trunk while asking little of the psoas itself"
    ),
    ("pattern", "relief"): (
        "this position lets the hip flexors rest, which often eases pain of this kind"
    ),
}


@dataclass(frozen=True)
class Need:
    """Something the program answers, with its weight and the words for it."""

    target: str  # an exposure id or "iliopsoas_pattern"
    weight: int
    phrase: str  # about the person, e.g. "You sit about 9.5 hours a day"
    value: float | str | bool | None = None  # the answer behind an exposure

    @property
    def group(self) -> str:
        """Return the group of the need: sitting, running, lifting, sleep, core or pattern."""
        return GROUPS.get(self.target, "other")


def needs_of(result: Result) -> list[Need]:
    """Return the needs of a result: exposures rated high or moderate, then the pattern.

    A curled side sleeper is a need even though the exposure is rated low: the program
    answers it with position advice, not because the position is harmful.

    Returns:
        The needs, highest weight first; equal weights keep the result's ranking.
    """
    out: list[Need] = []
    for exposure in result.exposures:
        if exposure.level in WEIGHT:
            weight = WEIGHT[exposure.level]
            out.append(Need(exposure.id, weight, _phrase(exposure), exposure.value))
        elif exposure.id == "sleep_position" and exposure.value == "side_curled":
            weight = WEIGHT["moderate"]
            out.append(Need(exposure.id, weight, _phrase(exposure), exposure.value))
    pattern = result.psoas_pattern.level
    if pattern in WEIGHT:
        fits = "fit" if pattern == "high" else "partly fit"
        phrase = f"Your answers {fits} a pattern of pain from the iliopsoas"
        out.append(Need("iliopsoas_pattern", WEIGHT[pattern], phrase))
    return sorted(out, key=lambda need: -need.weight)


#: in place of the links above that promise little work for the psoas, when it works more
_NOT_LOW = {
    ("core", "strength"): (
        "this builds trunk endurance with the knees bent, which keeps the work of the "
        "psoas and the load on the low back moderate"
    ),
    ("pattern", "strength"): (
        "this works the hips and trunk with the knees bent, which keeps the work of the "
        "psoas moderate"
    ),
}


def connect(need: Need, exercise: Exercise) -> str:
    """Return the reason an exercise answers a need, in one or two plain sentences."""
    key = (need.group, exercise.category)
    link = _CONNECT.get(key)
    if exercise.psoas_load != "low" and key in _NOT_LOW:
        link = _NOT_LOW[key]
    if link is None:
        return f"{need.phrase}. {exercise.purpose}"
    return f"{need.phrase}: {link}."


def _phrase(exposure: ExposureResult) -> str:
    value = exposure.value
    number = f"{value:g}" if isinstance(value, int | float) else str(value)
    hours = "hour" if value == 1 else "hours"
    phrases = {
        "prolonged_sitting": f"You sit about {number} {hours} a day",
        "sitting_bouts": f"You often sit for {number} minutes without a break",
        "driving": f"You drive for about {number} {hours} a day",
        "running_volume": f"You run about {number} km a week",
        "walking_hiking_volume": f"You walk or hike about {number} km a week",
        "hill_sprint": f"You do about {number} hill, sprint or kicking sessions a week",
        "heavy_lifting": f"You lift loads of up to {number} kg",
        "lifting_frequency": f"You lift something about {number} times a day",
        "typical_lift": f"The loads you usually lift weigh about {number} kg",
        "twisting_lifts": "You often lift with your trunk bent or twisted",
        "weak_core": (
            "You do no trunk or strength training in a usual week"
            if value in (0, 0.0)
            else f"You do trunk or strength training on only {number} day a week"
        ),
    }
    if exposure.id == "sleep_position":
        return {
            "side_curled": "You sleep curled up on your side",
            "front": "You usually sleep on your front",
        }.get(str(value), f"You usually sleep in the {value} position")
    return phrases.get(exposure.id, f"Your {exposure.name.lower()} is {exposure.level}")
