"""Personal API tokens: only a hash of each token is stored."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models


class ApiToken(models.Model):
    """One personal API token of one person.

    The token itself is shown once, when it is made; only its SHA-256 hash is kept.
    `hint` is the start of the token (the `psoas_` prefix and a few characters), so
    a person can tell their tokens apart. A revoked token stays listed, unusable.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="api_tokens",
    )
    name = models.CharField(max_length=100)
    token_hash = models.CharField(max_length=64, unique=True)
    hint = models.CharField(max_length=16)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ("-created_at",)

    def __str__(self) -> str:
        return f"API token {self.name!r} ({self.hint}…)"

    @property
    def active(self) -> bool:
        """True while the token can be used."""
        return self.revoked_at is None
