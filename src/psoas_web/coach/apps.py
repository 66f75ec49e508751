from __future__ import annotations

from django.apps import AppConfig


class CoachConfig(AppConfig):
    name = "psoas_web.coach"
    label = "psoas_coach"
    default_auto_field = "django.db.models.BigAutoField"
