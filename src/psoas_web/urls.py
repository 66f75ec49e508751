"""URL map: one include per user-visible area, and the REST API under /api/v1/."""

from __future__ import annotations

from django.urls import include, path

from psoas_web.api.api import api

urlpatterns = [
    path("", include("psoas_web.site.urls")),
    path("accounts/", include("psoas_web.accounts.urls")),
    path("learn/", include("psoas_web.learn.urls")),
    path("assess/", include("psoas_web.assessment.urls")),
    path("program/", include("psoas_web.programs.urls")),
    path("journal/", include("psoas_web.journal.urls")),
    path("report/", include("psoas_web.reports.urls")),
    path("coach/", include("psoas_web.coach.urls")),
    path("api/v1/", api.urls),
    path("api/tokens/", include("psoas_web.api.pages")),
]
