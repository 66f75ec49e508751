from __future__ import annotations

from django.urls import path

from psoas_web.assessment import views

app_name = "assessment"
urlpatterns = [
    path("", views.start, name="start"),
    path("step/<slug:slug>/", views.step, name="step"),
    path("emergency/", views.emergency, name="emergency"),
    path("result/", views.result, name="result"),
    path("result/<uuid:assessment_id>/", views.stored_result, name="result"),
    path("change/", views.change, name="change"),
    path("history/", views.history, name="list"),
]
