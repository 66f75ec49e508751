"""The daily journal: pain, sitting, weekly questionnaires and new warning signs."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models


def _in_range(field: str, low: int, high: int) -> models.CheckConstraint:
    return models.CheckConstraint(
        condition=models.Q(**{f"{field}__isnull": True})
        | models.Q(**{f"{field}__gte": low, f"{field}__lte": high}),
        name=f"journal_{field}_{low}_to_{high}",
    )


class JournalEntry(models.Model):
    """One day of one person's journal.

    `rmdq` is the Roland-Morris score (0..24) and `psfs` the mean of the PSFS ratings
    (0..10); both are weekly and optional. `new_red_flags` lists the ids of the
    warning signs reported as new that day; when there are any, `triage_level` is
    the level the re-run of the safety screen gave ("" when it was not re-run).
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="journal_entries",
    )
    day = models.DateField()
    nprs = models.PositiveSmallIntegerField(null=True, blank=True)
    sitting_hours = models.FloatField(null=True, blank=True)
    rmdq = models.PositiveSmallIntegerField(null=True, blank=True)
    rmdq_items = models.JSONField(null=True, blank=True)  # 24 booleans, or None
    psfs = models.FloatField(null=True, blank=True)
    psfs_items = models.JSONField(default=list, blank=True)  # [{"activity", "score"}]
    new_red_flags = models.JSONField(default=list, blank=True)
    triage_level = models.CharField(max_length=16, blank=True, default="")
    note = models.TextField(blank=True, default="")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ("-day",)
        constraints = (
            models.UniqueConstraint(
                fields=("person", "day"), name="one_journal_entry_per_person_day"
            ),
            _in_range("nprs", 0, 10),
            _in_range("sitting_hours", 0, 24),
            _in_range("rmdq", 0, 24),
            _in_range("psfs", 0, 10),
        )

    def __str__(self) -> str:
        return f"Journal entry {self.day}"
