from __future__ import annotations

from django.apps import AppConfig


class LearnConfig(AppConfig):
    name = "psoas_web.learn"
    label = "psoas_learn"
    default_auto_field = "django.db.models.BigAutoField"
