from __future__ import annotations

from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "psoas_web.accounts"
    label = "psoas_accounts"
    default_auto_field = "django.db.models.BigAutoField"
