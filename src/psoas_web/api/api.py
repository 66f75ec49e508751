"""The REST API (django-ninja) under /api/v1/, with its OpenAPI document."""

from __future__ import annotations

from ninja import NinjaAPI

api = NinjaAPI(
    title="psoas API",
    version="1",
    description="Assessments, programs, journal entries and sessions of the signed-in person.",
    urls_namespace="api",
)
