"""Views of the learn area (placeholders until the area is built)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def index(request: HttpRequest) -> HttpResponse:
    return render(request, "site/placeholder.html", {"area": "learn"})
