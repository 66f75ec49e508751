"""The share links a person makes so a professional can read their summary."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models


class ShareLink(models.Model):
    """A read-only link to a person's summary that expires and can be revoked.

    Only a SHA-256 of the link's secret token is stored; the token itself is shown
    once, right after the link is made.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="share_links",
    )
    token_hash = models.CharField(max_length=64, unique=True)
    label = models.CharField(max_length=80, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField(db_index=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    last_viewed_at = models.DateTimeField(null=True, blank=True)
    view_count = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ("-created_at",)

    def __str__(self) -> str:
        return f"Share link {self.id}"
