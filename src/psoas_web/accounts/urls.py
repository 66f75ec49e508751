from __future__ import annotations

from django.urls import path

from psoas_web.accounts import views

app_name = "accounts"
urlpatterns = [
    path("login/", views.login, name="login"),
    path("logout/", views.logout, name="logout"),
    path("signup/", views.signup, name="signup"),
    path("settings/", views.settings, name="settings"),
]
