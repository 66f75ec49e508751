"""Views of the reports area: the summary for a professional, its PDF, and share links.

The signed-in person sees and shares only their own summary. A share link opens a
read-only copy of its owner's summary without signing in, until it expires or is
revoked.
"""

from __future__ import annotations

import warnings
from pathlib import Path
from typing import TYPE_CHECKING

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.staticfiles import finders
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

import psoas
from psoas.program.handout import PDF_LIBRARIES, PdfUnavailable
from psoas_web.reports import services
from psoas_web.reports.forms import ShareLinkForm
from psoas_web.reports.models import ShareLink
from psoas_web.reports.summary import Summary, build_summary

if TYPE_CHECKING:
    from django.contrib.auth.models import User


def _person(request: HttpRequest) -> User:
    user = request.user
    assert user.is_authenticated  # noqa: S101 - guaranteed by login_required
    return user


def _summary_of(person: User) -> Summary:
    return build_summary(person, today=timezone.localdate())


def _private(response: HttpResponse) -> HttpResponse:
    """Keep a page of health data out of shared caches and the browser's cache."""
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_GET
def summary(request: HttpRequest) -> HttpResponse:
    """The one-page printable summary of the signed-in person."""
    context = {"s": _summary_of(_person(request)), "shared": False}
    return _private(render(request, "reports/summary.html", context))


@login_required
@require_GET
def pdf(request: HttpRequest) -> HttpResponse:
    """The same summary as a PDF (503 with what to install when PDFs cannot be made)."""
    s = _summary_of(_person(request))
    context = {"s": s, "version": psoas.__version__, "css": _report_css()}
    html = render_to_string("reports/pdf.html", context, request=request)
    try:
        data = write_pdf(html)
    except PdfUnavailable as exc:
        context = {"problem": str(exc), "libraries": PDF_LIBRARIES}
        response = render(request, "reports/pdf_unavailable.html", context, status=503)
        response["Retry-After"] = "3600"
        return _private(response)
    response = HttpResponse(data, content_type="application/pdf")
    name = f"psoas-summary-{s.today.isoformat()}.pdf"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return _private(response)


def _report_css() -> str:
    """Return the report's stylesheet, to inline in the PDF's HTML."""
    found = finders.find("psoas/reports/report.css")
    path = found[0] if isinstance(found, list) else found
    return Path(path).read_text(encoding="utf-8") if path else ""


def write_pdf(html: str) -> bytes:
    """Return ``html`` laid out as a PDF by WeasyPrint.

    Raises:
        PdfUnavailable: WeasyPrint cannot load its system libraries.
    """
    try:
        with warnings.catch_warnings():
            # WeasyPrint runs without HarfBuzz-Subset (fonts are embedded whole).
            warnings.filterwarnings(
                "ignore", message="HarfBuzz-Subset", category=DeprecationWarning
            )
            import weasyprint  # type: ignore[import-untyped]
    except OSError as exc:
        raise PdfUnavailable(_missing(exc)) from exc
    try:
        data: bytes = weasyprint.HTML(string=html).write_pdf()
    except OSError as exc:  # a library that loads lazily, e.g. a font back-end
        raise PdfUnavailable(_missing(exc)) from exc
    return data


def _missing(exc: OSError) -> str:
    return (
        f"WeasyPrint could not load its system libraries ({exc}). "
        f"The server needs {PDF_LIBRARIES}."
    )


@login_required
@require_http_methods(["GET", "POST"])
def share_list(request: HttpRequest) -> HttpResponse:
    """The person's share links, a form to make one, and a button to revoke each.

    A new link's address is shown once, in the response to the POST that made it:
    only its hash is stored, so it cannot be shown again.
    """
    form = ShareLinkForm(request.POST or None)
    new_url = None
    new_link = None
    if request.method == "POST" and form.is_valid():
        try:
            new_link, token = services.create_share_link(
                _person(request),
                days=form.cleaned_data["days"],
                label=form.cleaned_data["label"],
            )
        except ValueError as exc:
            form.add_error(None, str(exc))
        else:
            new_url = request.build_absolute_uri(
                reverse("reports:shared", args=[token])
            )
            form = ShareLinkForm()
    now = timezone.now()
    links = [
        (link, services.status(link, now=now))
        for link in services.list_links(_person(request))
    ]
    context = {"form": form, "links": links, "new_url": new_url, "new_link": new_link}
    status = 400 if request.method == "POST" and new_url is None else 200
    return _private(render(request, "reports/share_list.html", context, status=status))


@login_required
@require_POST
def share_revoke(request: HttpRequest, link_id: str) -> HttpResponse:
    """Stop one of the person's links from working (someone else's: 404)."""
    try:
        link = services.revoke(_person(request), link_id)
    except ShareLink.DoesNotExist:
        raise Http404("No such share link") from None
    name = f"“{link.label}”" if link.label else "The link"
    messages.success(request, f"{name} no longer works.")
    return redirect("reports:share_list")


@require_GET
def shared(request: HttpRequest, token: str) -> HttpResponse:
    """The read-only summary behind a share link; no sign-in needed."""
    link = services.resolve(token)
    if link is None:
        response = render(request, "reports/link_gone.html", status=404)
    else:
        services.record_view(link)
        context = {"s": _summary_of(link.person), "shared": True, "link": link}
        response = render(request, "reports/shared.html", context)
    response["Cache-Control"] = "no-store"
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Referrer-Policy"] = "no-referrer"
    return response
