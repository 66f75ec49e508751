from __future__ import annotations

from django.urls import path

from psoas_web.reports import views

app_name = "reports"
urlpatterns = [
    path("", views.summary, name="summary"),
]
