from __future__ import annotations

from django.apps import AppConfig


class AssessmentConfig(AppConfig):
    name = "psoas_web.assessment"
    label = "psoas_assessment"
    default_auto_field = "django.db.models.BigAutoField"
