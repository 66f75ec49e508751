from __future__ import annotations

from django.urls import path

from psoas_web.learn import views

app_name = "learn"
urlpatterns = [
    path("", views.index, name="index"),
]
