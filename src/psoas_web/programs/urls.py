from __future__ import annotations

from django.urls import path

from psoas_web.programs import views

app_name = "programs"
urlpatterns = [
    path("", views.detail, name="detail"),
]
