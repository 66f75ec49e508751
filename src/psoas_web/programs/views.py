"""Views of the programs area (placeholders until the area is built)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def detail(request: HttpRequest) -> HttpResponse:
    return render(request, "site/placeholder.html", {"area": "programs"})
