"""Template context shared by every page."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import reverse

from psoas.knowledge import default_knowledge_base

NAV = [
    ("learn:index", "Learn"),
    ("assessment:start", "Assess"),
    ("programs:detail", "Program"),
    ("journal:dashboard", "Journal"),
    ("reports:summary", "Report"),
    ("coach:page", "Coach"),
]


def site(request: HttpRequest) -> dict[str, Any]:
    """Return the navigation (href, label, current) and the knowledge base."""
    nav = []
    for name, label in NAV:
        href = reverse(name)
        nav.append((href, label, request.path.startswith(href)))
    return {"nav": nav, "kb": default_knowledge_base()}
