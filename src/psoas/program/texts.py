"""The program's advice and program-level reasons, each with the sources behind it.

The wording is ours; the facts come from the sources named next to each text.
"""

from __future__ import annotations

from collections.abc import Sequence

from psoas.knowledge import KnowledgeBase
from psoas.program.model import PhasePlan, Preferences
from psoas.program.needs import Need

#: how many exposures' advice the program repeats (the rest is in the assessment)
EXPOSURE_ADVICE = 4

_PAIN_RULE = (
    "During the exercises, pain up to about 5 out of 10 is acceptable as long as it has "
    "settled by the next morning. If it is worse than that, or still there the next "
    "morning, do less next time; if your pain keeps getting worse, stop the exercises "
    "and see your GP.",
    ["x17", "x18", "s1", "s2"],
)
_PILLOW = (
    "When you sleep curled up on your side, try a pillow between your knees: it keeps the "
    "top knee level with the hip, so the hips and low back rest without a twist. Curling "
    "up is not harmful in itself, so keep the position if it is comfortable.",
    ["e24", "e25", "psoas_team"],
)
_RUNNING_LOAD = (
    "Keep hill, sprint and kicking sessions steady for the first few weeks of this "
    "program rather than adding more, and build weekly distance back up only gradually. "
    "If the front of the hip or the groin hurts more during a run than about 5 out of 10, "
    "or is still sore the next morning, ease off speed and hills first.",
    ["b6", "b7", "e16", "x17"],
)
_PREGNANCY = (
    "You answered that you are or may be pregnant: check this program with your "
    "midwife, GP or physiotherapist before you start. Exercises that are not advised in "
    "pregnancy are left out, and later in pregnancy avoid lying flat on your back for "
    "long.",
    ["s6", "psoas_team"],
)
_CONDITIONS = (
    "Exercises not advised with what you told us about your health are left out. If a "
    "surgeon, doctor or physiotherapist has given you limits of your own, theirs come "
    "first.",
    ["psoas_team"],
)


def advice_for(
    needs: Sequence[Need], preferences: Preferences, kb: KnowledgeBase
) -> tuple[list[str], list[str]]:
    """Return the program's advice, safety first, and the sources behind it."""
    parts: list[tuple[str, list[str]]] = []
    if "pregnancy" in preferences.conditions:
        parts.append(_PREGNANCY)
    if preferences.conditions - {"pregnancy"}:
        parts.append(_CONDITIONS)
    parts.append(_PAIN_RULE)
    exposures = [need for need in needs if need.target in kb.exposures]
    if any(need.target in {"running_volume", "hill_sprint"} for need in needs):
        parts.append(_RUNNING_LOAD)
    if any(n.target == "sleep_position" and n.value == "side_curled" for n in needs):
        parts.append(_PILLOW)
    for need in exposures[:EXPOSURE_ADVICE]:
        statement = kb.exposures[need.target].advice
        parts.append((" ".join(statement.text.split()), list(statement.sources)))
    texts = list(dict.fromkeys(text for text, _ in parts))
    sources = [source for _, ids in parts for source in ids]
    return texts, sources


def reasons_for(
    needs: Sequence[Need], preferences: Preferences, phases: Sequence[PhasePlan]
) -> tuple[list[str], list[str]]:
    """Return why the program looks the way it does, and the sources behind it."""
    parts: list[tuple[str, list[str]]] = []
    if needs:
        told = "; ".join(need.phrase[0].lower() + need.phrase[1:] for need in needs[:4])
        parts.append((f"Chosen for what you told us: {told}.", []))
    else:
        parts.append(
            (
                "Nothing in your answers stood out, so this is a general set for the "
                "hips and trunk.",
                [],
            )
        )
    spans = ", ".join(f"{p.name.lower()} {_weeks(p.weeks)}" for p in phases)
    parts.append(
        (
            f"The program runs for {preferences.weeks} weeks: {spans}. Doses start low, "
            "stay there while things settle, and then step up a little each week.",
            [],
        )
    )
    parts.append(
        (
            f"Each session fits in {preferences.minutes_per_day} minutes, on "
            f"{preferences.days_per_week} days a week.",
            [],
        )
    )
    parts.append(
        (
            "Stretches are held for 10 to 30 seconds and repeated to about a minute for "
            "each side; strengthening starts light, at 2 sets of about 8 to 12 "
            "repetitions, and builds towards 3.",
            ["x14", "x15", "x16"],
        )
    )
    parts.append(
        (
            "On average, exercise helps long-lasting low back pain a little, and no one "
            "type has been shown to beat the others. Stretching the hip flexors on its own "
            "has not been shown to do better than no stretching, which is why the "
            "stretches come with strengthening and movement.",
            ["x1", "x3", "x4", "x5", "b13"],
        )
    )
    parts.append(
        (
            "Leg lifts and sit-ups are done in bent-knee forms, such as marching on your "
            "back and curl-ups, because straight-leg raises and full sit-ups make the psoas "
            "work hard and press on the lower spine.",
            ["x13", "a26"],
        )
    )
    parts.append(
        (
            "After each session, note the highest pain during it and, the next morning, "
            "whether it has settled: the program steps up, holds or steps down by that "
            "rule, which comes from tendon rehabilitation and is applied to back and hip "
            "pain by extension.",
            ["x17", "x18"],
        )
    )
    return [text for text, _ in parts], [s for _, ids in parts for s in ids]


def _weeks(weeks: list[int]) -> str:
    if len(weeks) == 1:
        return f"in week {weeks[0]}"
    return f"in weeks {weeks[0]}–{weeks[-1]}"
