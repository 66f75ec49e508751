from __future__ import annotations

from django.urls import path

from psoas_web.reports import views

app_name = "reports"
urlpatterns = [
    path("", views.summary, name="summary"),
    path("pdf/", views.pdf, name="pdf"),
    path("share/", views.share_list, name="share_list"),
    path("share/<str:link_id>/revoke/", views.share_revoke, name="share_revoke"),
    path("s/<str:token>/", views.shared, name="shared"),
]
