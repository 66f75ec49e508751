from __future__ import annotations

from django.apps import AppConfig


class ProgramsConfig(AppConfig):
    name = "psoas_web.programs"
    label = "psoas_programs"
    default_auto_field = "django.db.models.BigAutoField"
