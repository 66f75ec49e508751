from __future__ import annotations

from django.urls import path

from psoas_web.site import views

app_name = "site"
urlpatterns = [
    path("", views.home, name="home"),
    path("privacy/", views.privacy, name="privacy"),
    path("healthz", views.health, name="health"),
]
