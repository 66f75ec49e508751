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


class StoredProgram(models.Model):
    """A personal program as the core built it (``Program.model_dump(mode="json")``).

    A person has at most one active program: saving a new one deactivates the old,
    which stays for the history of sessions logged against it.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="programs",
    )
    assessment = models.ForeignKey(
        Assessment,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="programs",
    )
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    program = models.JSONField()
    active = models.BooleanField(default=True)
    # The knowledge base the program was built from (also inside `program`), kept
    # as a column so programs from an older library can be found.
    kb_version = models.CharField(max_length=64)

    class Meta:
        ordering = ("-created_at",)
        constraints = (
            models.UniqueConstraint(
                fields=("person",),
                condition=models.Q(active=True),
                name="one_active_program_per_person",
            ),
        )

    def __str__(self) -> str:
        state = "active" if self.active else "inactive"
        return f"Program {self.id} ({state})"


def _pain_in_range(field: str) -> models.CheckConstraint:
    return models.CheckConstraint(
        condition=models.Q(**{f"{field}__isnull": True})
        | models.Q(**{f"{field}__gte": 0, f"{field}__lte": 10}),
        name=f"session_{field}_0_to_10",
    )


class Stopped(models.TextChoices):
    """Why a session ended early; "" when it ran to the end."""

    NO = "", "Not stopped"
    QUIT = "quit", "Quit"
    RED_FLAG = "red_flag", "Red flag"


class ExerciseSession(models.Model):
    """One guided session: what was done and skipped, and the pain around it."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="exercise_sessions",
    )
    program = models.ForeignKey(
        StoredProgram, on_delete=models.CASCADE, related_name="sessions"
    )
    day = models.DateField(db_index=True)
    started_at = models.DateTimeField()
    finished_at = models.DateTimeField(null=True, blank=True)
    week = models.PositiveSmallIntegerField()
    completed = models.JSONField(default=list)  # exercise ids, in the order done
    skipped = models.JSONField(default=list)  # [{"exercise_id": ..., "reason": ...}]
    pain_before = models.PositiveSmallIntegerField(null=True, blank=True)
    pain_during = models.PositiveSmallIntegerField(null=True, blank=True)  # highest
    pain_after = models.PositiveSmallIntegerField(null=True, blank=True)
    settled_next_morning = models.BooleanField(null=True, blank=True)
    new_red_flag = models.BooleanField(default=False)
    stopped = models.CharField(
        max_length=16, choices=Stopped.choices, default=Stopped.NO, blank=True
    )

    class Meta:
        ordering = ("day", "started_at")
        constraints = (
            _pain_in_range("pain_before"),
            _pain_in_range("pain_during"),
            _pain_in_range("pain_after"),
        )

    def __str__(self) -> str:
        return f"Session {self.id} on {self.day}"
