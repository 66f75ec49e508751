"""Views of the coach area (placeholder until the area is built)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def page(request: HttpRequest) -> HttpResponse:
    return render(request, "site/placeholder.html", {"area": "coach"})
