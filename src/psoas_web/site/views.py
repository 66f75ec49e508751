"""Home, privacy and health-check pages."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    """The landing page: what psoas is, the safety notice, and where to start."""
    return render(request, "site/home.html")


@require_GET
def privacy(request: HttpRequest) -> HttpResponse:
    """What we store, who sees it, and how to export or delete it."""
    return render(request, "site/privacy.html")


@require_GET
def health(request: HttpRequest) -> JsonResponse:
    """A bare view for load balancers and for the web benchmark's baseline."""
    return JsonResponse({"status": "ok"})
