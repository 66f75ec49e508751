from __future__ import annotations

from django.apps import AppConfig


class JournalConfig(AppConfig):
    name = "psoas_web.journal"
    label = "psoas_journal"
    default_auto_field = "django.db.models.BigAutoField"
