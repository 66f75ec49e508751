"""The knowledge base: typed records loaded from the YAML files in ``data/``."""

from __future__ import annotations

from psoas.knowledge.load import (
    KnowledgeBase,
    default_knowledge_base,
    load_knowledge_base,
)
from psoas.knowledge.model import Statement, Urgency

__all__ = [
    "KnowledgeBase",
    "Statement",
    "Urgency",
    "default_knowledge_base",
    "load_knowledge_base",
]
