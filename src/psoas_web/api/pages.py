"""The personal API tokens page, for people: list, make (shown once) and revoke."""

from __future__ import annotations

import uuid

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from psoas_web.api import services
from psoas_web.api.models import ApiToken


class TokenForm(forms.Form):
    name = forms.CharField(
        label="Name of the new token",
        max_length=services.NAME_MAX,
        help_text="What will use it, e.g. “clinic intake” or “my script”.",
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )


@login_required
@never_cache
@require_http_methods(["GET", "POST"])
def tokens(request: HttpRequest) -> HttpResponse:
    """List the person's tokens; on POST make one and show it, this once only."""
    form = TokenForm(request.POST or None)
    created: tuple[ApiToken, str] | None = None
    if request.method == "POST" and form.is_valid():
        try:
            created = services.create_token(request.user, form.cleaned_data["name"])  # type: ignore[arg-type]
        except ValueError as exc:
            form.add_error("name", str(exc).capitalize() + ".")
        else:
            form = TokenForm()
    context = {
        "form": form,
        "tokens": services.list_tokens(request.user),  # type: ignore[arg-type]
        "created": created[1] if created else None,
        "created_name": created[0].name if created else "",
    }
    return render(request, "api/tokens.html", context)


def get_token_for_user(request: HttpRequest, token_id: uuid.UUID) -> ApiToken:
    """The person's token with this id; 404 for anyone else's or an unknown id."""
    try:
        return ApiToken.objects.get(person=request.user, id=token_id)  # type: ignore[misc]
    except ApiToken.DoesNotExist:
        raise Http404("No such token") from None


@login_required
@require_POST
def revoke(request: HttpRequest, token_id: uuid.UUID) -> HttpResponse:
    """Revoke one of the person's tokens: it stops working at once."""
    token = get_token_for_user(request, token_id)
    services.revoke_token(request.user, token.id)  # type: ignore[arg-type]
    messages.success(
        request, f"The token “{token.name}” is revoked; it no longer works."
    )
    return redirect("api_pages:tokens")


app_name = "api_pages"
urlpatterns = [
    path("", tokens, name="tokens"),
    path("<uuid:token_id>/revoke/", revoke, name="revoke"),
]
