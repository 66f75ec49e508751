"""Views of the accounts area (placeholders until the area is built)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def login(request: HttpRequest) -> HttpResponse:
    return render(request, "site/placeholder.html", {"area": "accounts"})


def logout(request: HttpRequest) -> HttpResponse:
    return render(request, "site/placeholder.html", {"area": "accounts"})


def signup(request: HttpRequest) -> HttpResponse:
    return render(request, "site/placeholder.html", {"area": "accounts"})


def settings(request: HttpRequest) -> HttpResponse:
    return render(request, "site/placeholder.html", {"area": "accounts"})
