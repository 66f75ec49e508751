"""Figure data: the poses that illustrate each exercise (``figures/<exercise-id>.yaml``).

Placeholder: the renderer's pose model replaces this.
"""

from __future__ import annotations

from pydantic import ConfigDict

from psoas.knowledge.model import Id, Record


class Figure(Record):
    """The illustration of one exercise."""

    model_config = ConfigDict(frozen=True, extra="allow")

    id: Id  # the exercise id
