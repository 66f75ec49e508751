from __future__ import annotations

from django.urls import path

from psoas_web.programs import views

app_name = "programs"
urlpatterns = [
    path("", views.detail, name="detail"),
    path("new/", views.new, name="new"),
    path("calendar.ics", views.ics, name="ics"),
    path("handout/", views.handout, name="handout"),
    path("handout.pdf", views.handout_pdf, name="handout_pdf"),
    path("session/", views.session, name="session"),
    path("session/save/", views.session_save, name="session_save"),
    path("session/settled/", views.settled, name="settled"),
    path("session/warning/", views.warning, name="warning"),
]
