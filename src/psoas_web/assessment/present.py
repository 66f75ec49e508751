"""Turn a result document (contract version 1) into what the result page shows."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from psoas.assess.fields import UNIT_WORDS
from psoas.knowledge import KnowledgeBase, Urgency
from psoas_web.assessment.forms import SLEEP_POSITIONS

LEVEL_WORDS = {
    "emergency": "Emergency",
    "urgent": "Urgent",
    "soon": "See a doctor soon",
    "self_care": "Self-care",
}
PATTERN_WORDS = {
    "high": "Fits the pattern well",
    "moderate": "Fits the pattern in part",
    "low": "Does not fit the pattern well",
}
EXPOSURE_LEVELS = ("low", "moderate", "high")

# the exposure chart, in SVG user units
CHART_WIDTH = 360
BAR_MAX = 160
ROW_HEIGHT = 56


@dataclass(frozen=True)
class Bar:
    name: str
    value: str
    level: str
    y: int
    width: int


def banner(result: dict[str, Any], kb: KnowledgeBase) -> dict[str, Any]:
    """The urgency banner: level, heading word, title, message and flag lines."""
    triage = result["triage"]
    level = triage["level"]
    title = triage.get("title") or kb.level(Urgency(level)).title
    return {
        "level": level,
        "word": LEVEL_WORDS.get(level, level),
        "title": title,
        "message": triage.get("message", ""),
        "could_be": flag_lines(triage.get("red_flags", []), kb),
        "complete": triage.get("complete", False),
        "unanswered": len(triage.get("unanswered", [])),
    }


def flag_lines(flag_ids: list[str], kb: KnowledgeBase) -> list[dict[str, str]]:
    """The question and "could be" sentence of each red flag answered yes."""
    return [
        {
            "question": kb.red_flags[i].question,
            "could_be": _sentence(kb.red_flags[i].could_be),
        }
        for i in flag_ids
        if i in kb.red_flags
    ]


def _sentence(could_be: str) -> str:
    """ "could be a sign of ..." -> "Your answer could be a sign of ..." """
    text = could_be.strip().rstrip(".")
    if text.lower().startswith("could"):
        return f"Your answer {text}."
    return f"{text[:1].upper()}{text[1:]}."


def describe(item_id: str, kb: KnowledgeBase) -> str:
    """An id that moved the pattern score, in words."""
    if item_id in kb.features:
        return f"You answered yes: “{kb.features[item_id].question}”"
    if item_id in kb.regions:
        return f"Pain marked in: {kb.regions[item_id].name.lower()}"
    if item_id in kb.referred:
        return f"Also present: {kb.referred[item_id].name.lower()}"
    if item_id == "thomas_test":
        return "Your reading of the Thomas self-test"
    return item_id.replace("_", " ")


def pattern(result: dict[str, Any], kb: KnowledgeBase) -> dict[str, Any]:
    found = result["psoas_pattern"]
    return {
        "level": found["level"],
        "word": PATTERN_WORDS.get(found["level"], found["level"]),
        "supporting": [describe(i, kb) for i in found.get("supporting", [])],
        "against": [describe(i, kb) for i in found.get("against", [])],
        "evidence_note": found.get("evidence_note", ""),
    }


def format_value(value: object, unit: str) -> str:
    """9.5 and "h/day" -> "9.5 hours a day"; categories in words."""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int | float):
        words = UNIT_WORDS.get(unit, unit)
        first, _, rest = words.partition(" ")
        if value == 1 and first.endswith("s"):  # "1 hour a day", not "1 hours"
            words = f"{first[:-1]} {rest}".strip()
        return f"{value:g} {words}".strip()
    labels = dict(SLEEP_POSITIONS)
    return labels.get(str(value), str(value).replace("_", " "))


def exposure_bars(result: dict[str, Any]) -> tuple[list[Bar], int]:
    """The bars of the exposure chart and the chart's height.

    A bar's length is the level (low a third, moderate two thirds, high the whole
    track): the exposures have different units, so their values are not comparable,
    but their levels are. Each bar is labelled with its value, unit and level.
    """
    bars = []
    for row, item in enumerate(result.get("exposures", [])):
        level = item["level"]
        rank = EXPOSURE_LEVELS.index(level) + 1 if level in EXPOSURE_LEVELS else 1
        bars.append(
            Bar(
                name=item.get("name") or item["id"].replace("_", " ").capitalize(),
                value=format_value(item.get("value"), item.get("unit", "")),
                level=level,
                y=row * ROW_HEIGHT,
                width=round(BAR_MAX * rank / 3),
            )
        )
    return bars, max(1, len(bars)) * ROW_HEIGHT + 24


def instruments(result: dict[str, Any]) -> dict[str, Any]:
    return dict(result.get("instruments") or {})


def sources(result: dict[str, Any], kb: KnowledgeBase) -> list[dict[str, str]]:
    """Each source id as its short name, citation and a link when there is one."""
    out = []
    for source_id in result.get("sources", []):
        source = kb.sources.get(source_id)
        if source is None:
            continue
        href = source.url or (f"https://doi.org/{source.doi}" if source.doi else "")
        out.append(
            {
                "id": source_id,
                "short": source.short,
                "citation": source.citation,
                "href": href,
            }
        )
    return out


def result_context(result: dict[str, Any], kb: KnowledgeBase) -> dict[str, Any]:
    """Everything the result page shows, from a result document."""
    bars, height = exposure_bars(result)
    return {
        "banner": banner(result, kb),
        "pattern": pattern(result, kb),
        "bars": bars,
        "chart_height": height,
        "chart_width": CHART_WIDTH,
        "bar_max": BAR_MAX,
        "ticks": [round(BAR_MAX * i / 3) for i in (1, 2)],
        "axis": [
            (round(BAR_MAX * (2 * i + 1) / 6), word)
            for i, word in enumerate(EXPOSURE_LEVELS)
        ],
        "instruments": instruments(result),
        # the first step repeats the banner title, shown just above
        "next_steps": list(result.get("next_steps", []))[1:],
        "sources": sources(result, kb),
        "program_allowed": bool(result.get("program_allowed")),
        "urgent_or_worse": result["triage"]["level"] in {"emergency", "urgent"},
    }
