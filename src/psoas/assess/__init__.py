"""The assessment engine: validation, triage, pattern, exposures, instruments."""

from __future__ import annotations

from psoas.assess.engine import ENGINE_VERSION, assess
from psoas.assess.validate import parse_answers_json, validate_answers
from psoas.errors import AnswersError

__all__ = [
    "ENGINE_VERSION",
    "AnswersError",
    "assess",
    "parse_answers_json",
    "validate_answers",
]
