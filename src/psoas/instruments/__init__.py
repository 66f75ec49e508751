"""Scoring of the outcome instruments (NPRS, RMDQ, PSFS) and reading of change.

The minimal important changes come from the knowledge base (``instruments.yaml``), so a
reading always matches what the learn pages say.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from psoas.knowledge import KnowledgeBase

#: for each instrument, whether a lower score is better
LOWER_IS_BETTER: dict[str, bool] = {"nprs": True, "rmdq": True, "psfs": False}


def score_rmdq(items: Sequence[bool]) -> int:
    """Return the RMDQ score: the number of the 24 statements ticked (0..24).

    Raises:
        ValueError: unless there are exactly 24 answers.
    """
    if len(items) != 24:
        raise ValueError(f"the RMDQ has 24 items, got {len(items)}")
    return sum(1 for item in items if item is True)


def score_psfs(scores: Sequence[int]) -> float:
    """Return the PSFS score: the mean of the activity ratings (0..10), to one decimal.

    Raises:
        ValueError: when no activity is rated or a rating is outside 0..10.
    """
    if not scores:
        raise ValueError("the PSFS needs at least one rated activity")
    for score in scores:
        if not 0 <= score <= 10:
            raise ValueError(f"a PSFS rating must be 0..10, got {score}")
    return round(sum(scores) / len(scores), 1)


@dataclass(frozen=True)
class Change:
    """How a score moved between two times, read against the minimal important change."""

    instrument: str
    before: float
    after: float
    points: float  # after - before
    percent: float | None  # change relative to before, when before is not 0
    direction: Literal["better", "worse", "same"]
    meaningful: bool  # reaches the minimal important change in points or percent

    def describe(self) -> str:
        """Return the change in plain words."""
        size = abs(self.points)
        amount = f"{size:g} point{'s' if size != 1 else ''}"
        if self.direction == "same":
            return f"{self.instrument.upper()}: no change ({self.after:g})."
        reach = (
            "a change big enough to matter to most people"
            if self.meaningful
            else "smaller than the change that usually matters"
        )
        return (
            f"{self.instrument.upper()}: {self.before:g} → {self.after:g}, "
            f"{amount} {self.direction}; {reach}."
        )


def read_change(
    instrument: str, before: float, after: float, kb: KnowledgeBase
) -> Change:
    """Return how ``after`` compares with ``before`` on ``instrument``.

    A change is meaningful when it reaches the instrument's minimal important change in
    points, or in percent of the baseline where the knowledge base gives one (e.g. NPRS:
    2 points or 30%).
    """
    mic = kb.instruments[instrument].mic
    points = after - before
    improvement = -points if LOWER_IS_BETTER[instrument] else points
    percent = round(100 * points / before, 1) if before else None
    meaningful = abs(points) >= mic.points or (
        percent is not None and mic.percent is not None and abs(percent) >= mic.percent
    )
    direction: Literal["better", "worse", "same"] = (
        "same" if points == 0 else "better" if improvement > 0 else "worse"
    )
    return Change(instrument, before, after, points, percent, direction, meaningful)


def mic_text(instrument: str, kb: KnowledgeBase) -> str:
    """Return, in plain words, what size of change on ``instrument`` is meaningful."""
    mic = kb.instruments[instrument].mic
    size = f"{mic.points:g} points"
    if mic.percent is not None:
        size += f" or {mic.percent:g}%"
    better = "fall" if LOWER_IS_BETTER[instrument] else "rise"
    return f"A {better} of about {size} is the smallest change that usually matters."
