"""Pages about the API for people (personal API tokens). Placeholder until built."""

from __future__ import annotations

from django.urls import path

from psoas_web.site import views

app_name = "api_pages"
urlpatterns = [path("", views.home, name="tokens")]
