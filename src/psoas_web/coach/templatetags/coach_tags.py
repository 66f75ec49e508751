"""The coach card of the journal dashboard, computed here so the journal view stays as is."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils import timezone

from psoas_web.coach import core, services

register = template.Library()


@register.simple_tag(takes_context=True)
def coach_today(context: dict[str, Any]) -> core.DayStats | None:
    """Today's coach numbers for the signed-in person, or None when signed out."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return None
    return services.day_stats(user, timezone.localdate())
