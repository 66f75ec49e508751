from __future__ import annotations

from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "psoas_web.api"
    label = "psoas_api"
    default_auto_field = "django.db.models.BigAutoField"
