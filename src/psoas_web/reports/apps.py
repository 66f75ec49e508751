from __future__ import annotations

from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "psoas_web.reports"
    label = "psoas_reports"
    default_auto_field = "django.db.models.BigAutoField"
