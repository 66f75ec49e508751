from __future__ import annotations

from django.urls import path

from psoas_web.learn import views

app_name = "learn"
urlpatterns = [
    path("", views.index, name="index"),
    path("anatomy/", views.anatomy, name="anatomy"),
    path("exercises/", views.exercises, name="exercises"),
    path("exercises/<slug:exercise_id>/", views.exercise, name="exercise"),
    path("sources/", views.sources, name="sources"),
    path("<slug:topic_id>/", views.topic, name="topic"),
]
