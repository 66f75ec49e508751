from __future__ import annotations

from django.urls import path

from psoas_web.journal import views

app_name = "journal"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("entry/", views.entry, name="entry"),
    path("entry/<str:day>/", views.entry, name="entry"),
    path("entries/", views.entry_list, name="list"),
]
