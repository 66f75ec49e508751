from __future__ import annotations

from django.urls import path

from psoas_web.coach import views

app_name = "coach"
urlpatterns = [
    path("", views.page, name="page"),
    path("event/", views.event, name="event"),
    path("settings/", views.settings_page, name="settings"),
    path("stats/", views.stats, name="stats"),
]
