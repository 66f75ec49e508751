"""Template context shared by every page."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from psoas.knowledge import default_knowledge_base

NAV = [
    ("learn:index", "Learn"),
    ("assessment:start", "Assess"),
    ("programs:detail", "Program"),
    ("journal:dashboard", "Journal"),
    ("reports:summary", "Report"),
]


def site(request: HttpRequest) -> dict[str, Any]:
    """Return the navigation and the knowledge base for every template."""
    return {"nav": NAV, "kb": default_knowledge_base()}
