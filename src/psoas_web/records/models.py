from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models


class Level(models.TextChoices):
    """The triage levels of the result document, most urgent first.

    The same vocabulary as `psoas.Urgency`; tests/db checks they stay equal.
    """

    EMERGENCY = "emergency"
    URGENT = "urgent"
    SOON = "soon"
    SELF_CARE = "self_care"


class Assessment(models.Model):
    """One completed assessment: the answers given and the result computed from them."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="assessments",
    )
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    answers = models.JSONField()
    result = models.JSONField()
    level = models.CharField(max_length=16, choices=Level.choices, db_index=True)
    # Which engine and knowledge base produced `result`, so it can be explained
    # (or recomputed) after either changes.
    engine_version = models.CharField(max_length=64)
    kb_version = models.CharField(max_length=64)

    class Meta:
        ordering = ("-created_at",)

    def __str__(self) -> str:
        return f"Assessment {self.id} ({self.level})"
