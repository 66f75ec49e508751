"""How well the answers fit an iliopsoas pattern, with the ids for and against."""

from __future__ import annotations

from dataclasses import dataclass, field

from psoas.assess.answers import Answers
from psoas.assess.result import Level
from psoas.knowledge import KnowledgeBase


@dataclass
class PatternScore:
    """A transparent score: every id that moved it, and the sources behind each."""

    level: Level
    score: int
    supporting: list[str] = field(default_factory=list)
    against: list[str] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)


def score_pattern(answers: Answers, kb: KnowledgeBase) -> PatternScore:
    """Add the weights of the features, regions, referred symptoms and self-tests given.

    Features answered "yes" add (``for``) or subtract (``against``) their weight; regions,
    referred symptoms and the Thomas test carry signed weights. The sum is read against
    the thresholds in ``pattern.yaml``.
    """
    out = PatternScore(level="low", score=0)
    pain = answers.pain

    def count(item_id: str, weight: int, sources: list[str]) -> None:
        if weight == 0:
            return
        out.score += weight
        (out.supporting if weight > 0 else out.against).append(item_id)
        out.sources.extend(sources)

    if pain is not None:
        features = pain.features or {}
        for feature in kb.pattern.features:
            if features.get(feature.id) is True:
                sign = 1 if feature.direction == "for" else -1
                count(feature.id, sign * feature.weight, feature.note.sources)
        for region_id in dict.fromkeys(pain.regions or []):
            region = kb.regions[region_id]
            count(
                region_id,
                region.pattern_weight,
                region.note.sources if region.note else [],
            )
    for symptom_id in dict.fromkeys(answers.referred or []):
        symptom = kb.referred[symptom_id]
        count(symptom_id, symptom.pattern_weight, symptom.explanation.sources)
    thomas = answers.self_tests.thomas_test if answers.self_tests else None
    if thomas is not None:
        test = next(t for t in kb.pattern.self_tests if t.id == "thomas_test")
        readings = {r.id: r for r in test.results}
        sides = [side for side in (thomas.left, thomas.right) if side in readings]
        if sides:
            best = max(
                (readings[side] for side in sides), key=lambda r: abs(r.pattern_weight)
            )
            count(test.id, best.pattern_weight, best.meaning.sources)

    if out.score >= kb.pattern.high_from:
        out.level = "high"
    elif out.score >= kb.pattern.moderate_from:
        out.level = "moderate"
    out.sources.extend(kb.pattern.evidence_note.sources)
    return out
