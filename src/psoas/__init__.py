"""psoas: safe, measured self-help for psoas-related low back and hip pain.

The core is pure Python: a knowledge base in data files and plain functions over typed
data. It never imports Django, the web layer or the command line.

    >>> import psoas
    >>> result = psoas.assess({"version": 1, "red_flags": {"chest_pain": True}})
    >>> result.triage.level
    <Urgency.EMERGENCY: 'emergency'>
"""

from __future__ import annotations

from psoas.assess import AnswersError, assess, validate_answers
from psoas.assess.answers import Answers
from psoas.assess.result import Result
from psoas.knowledge import KnowledgeBase, Urgency, load_knowledge_base

__version__ = "0.1.0"

__all__ = [
    "Answers",
    "AnswersError",
    "KnowledgeBase",
    "Result",
    "Urgency",
    "__version__",
    "assess",
    "load_knowledge_base",
    "validate_answers",
]
