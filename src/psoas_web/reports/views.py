"""Views of the reports area (placeholders until the area is built)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def summary(request: HttpRequest) -> HttpResponse:
    return render(request, "site/placeholder.html", {"area": "reports"})
