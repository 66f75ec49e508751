"""Triage: route red-flag answers to an urgency level before any advice is given."""

from __future__ import annotations

from dataclasses import dataclass

from psoas.assess.answers import Answers
from psoas.knowledge import KnowledgeBase, Urgency
from psoas.knowledge.load import matches


@dataclass(frozen=True)
class Triage:
    """The outcome of the screen, before it is put into words."""

    level: Urgency
    complete: bool
    present: list[str]  # red flags answered yes, highest effective urgency first
    unanswered: list[str]
    rules: list[str]  # combination and raise rules that fired
    referred_raised: bool  # referred symptoms set the level to at least soon
    sources: list[str]


def triage(answers: Answers, kb: KnowledgeBase) -> Triage:
    """Return the urgency level for ``answers``: the highest level present wins.

    Each flag has a minimum level of its own; raise rules (e.g. first back pain over 50)
    lift every other flag; combination rules lift the level when flags occur together;
    referred symptoms and an incomplete screen make it at least ``soon``. Every step takes
    a maximum, so adding a red flag can never lower the level.
    """
    given = answers.red_flags or {}
    present = [flag for flag in kb.red_flags if given.get(flag) is True]
    unanswered = [flag for flag in kb.red_flags if flag not in given]
    rank = {flag: kb.red_flags[flag].urgency.rank for flag in present}
    rules: list[str] = []
    sources: list[str] = []

    for rule in kb.triage.raises:
        if rule.trigger in rank:
            lifted = [flag for flag in rank if flag != rule.trigger]
            for flag in lifted:
                rank[flag] += rule.by
            if lifted:
                rules.append(rule.id)
                sources.extend(rule.sources)
    level = max(rank.values(), default=Urgency.SELF_CARE.rank)

    for combination in kb.triage.combinations:
        if _fires(combination.all_of, present):
            rules.append(combination.id)
            sources.extend(combination.sources)
            level = max(level, combination.level.rank)

    referred_raised = False
    for symptom in answers.referred or []:
        floor = kb.referred[symptom].min_urgency.rank
        if floor > Urgency.SELF_CARE.rank:
            referred_raised = True
            sources.extend(kb.referred[symptom].explanation.sources)
        level = max(level, floor)

    if unanswered:
        level = max(level, Urgency.SOON.rank)

    order = list(kb.red_flags)
    present.sort(key=lambda flag: (-min(rank[flag], 3), order.index(flag)))
    for flag in present:
        sources.extend(kb.red_flags[flag].sources)
    return Triage(
        level=Urgency.from_rank(level),
        complete=not unanswered,
        present=present,
        unanswered=unanswered,
        rules=rules,
        referred_raised=referred_raised,
        sources=sources,
    )


def _fires(all_of: list[list[str]], present: list[str]) -> bool:
    """Return whether each group matches a present flag, a different flag per group."""
    candidates = [[f for f in present if any(matches(p, f) for p in g)] for g in all_of]
    return _assign(candidates, frozenset())


def _assign(candidates: list[list[str]], used: frozenset[str]) -> bool:
    if not candidates:
        return True
    return any(
        _assign(candidates[1:], used | {flag})
        for flag in candidates[0]
        if flag not in used
    )
