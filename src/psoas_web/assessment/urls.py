from __future__ import annotations

from django.urls import path

from psoas_web.assessment import views

app_name = "assessment"
urlpatterns = [
    path("", views.start, name="start"),
]
