from __future__ import annotations

from django.apps import AppConfig


class RecordsConfig(AppConfig):
    """Assessments and, later, the other things a person keeps in psoas."""

    name = "psoas_web.records"
    default_auto_field = "django.db.models.BigAutoField"
