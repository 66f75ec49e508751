"""Rank the daily exposures a person reports against the thresholds in the knowledge base."""

from __future__ import annotations

from dataclasses import dataclass

from psoas.assess.answers import Answers
from psoas.assess.result import Level
from psoas.knowledge import KnowledgeBase
from psoas.knowledge.model import Band, Exposure

_LEVEL_RANK: dict[Level, int] = {"high": 2, "moderate": 1, "low": 0}


@dataclass(frozen=True)
class RatedExposure:
    """One answered exposure and its level."""

    exposure: Exposure
    value: float | str | bool
    level: Level


def rate_exposures(answers: Answers, kb: KnowledgeBase) -> list[RatedExposure]:
    """Return every answered exposure, highest level first, then by priority."""
    given = answers.exposures
    if given is None:
        return []
    rated = []
    for exposure in kb.exposures.values():
        value = getattr(given, exposure.field)
        if value is None:
            continue
        rated.append(RatedExposure(exposure, value, _level(exposure.bands, value)))
    rated.sort(key=lambda r: (-_LEVEL_RANK[r.level], -r.exposure.priority))
    return rated


def _level(bands: list[Band], value: float | str | bool) -> Level:  # noqa: FBT001
    for band in bands:
        if _holds(band, value):
            return band.level
    return "low"


def _holds(band: Band, value: float | str | bool) -> bool:  # noqa: FBT001
    if band.equals is not None:
        return value == band.equals and type(value) is type(band.equals)
    if isinstance(value, bool | str):
        return False
    if band.min is not None and value < band.min:
        return False
    return not (band.max is not None and value >= band.max)
