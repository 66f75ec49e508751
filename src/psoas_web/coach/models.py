"""The sit-less coach's records: every prompt and answer, and each person's settings."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models

SOURCES = (("cli", "Desktop or terminal"), ("web", "Browser page"))


class CoachEvent(models.Model):
    """One thing that happened in the coach: a prompt offered, or the person's answer.

    `kind` is one of the core's event kinds (`prompt`, `done`, `skipped`,
    `postponed`, `self_break`, `idle_break`, `ignored`, `escalated`); `break_kind`
    (micro or long) and `exercise_id` go with prompts and answers to them ("" when
    there is none); `reason`
    is the optional reason given for a skip.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="coach_events",
    )
    at = models.DateTimeField()
    kind = models.CharField(max_length=16)
    break_kind = models.CharField(max_length=8, blank=True, default="")
    exercise_id = models.CharField(max_length=64, blank=True, default="")
    reason = models.CharField(max_length=200, blank=True, default="")
    source = models.CharField(max_length=8, choices=SOURCES)

    class Meta:
        ordering = ("at",)
        indexes = (models.Index(fields=("person", "at"), name="coach_event_person_at"),)

    def __str__(self) -> str:
        return f"Coach {self.kind} at {self.at:%Y-%m-%d %H:%M}"


class CoachSettingsRecord(models.Model):
    """One person's coach settings (the core's `CoachSettings` as JSON) and seating note."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    person = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="coach_settings",
    )
    settings = models.JSONField(default=dict, blank=True)
    seating_note = models.TextField(blank=True, default="")
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return "Coach settings"
