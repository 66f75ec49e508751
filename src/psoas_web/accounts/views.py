"""Views of the accounts area: sign up, sign in and out, settings, export, delete.

Password reset and change are Django's own views with our templates (urls.py).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.contrib import messages
from django.contrib.auth import login as auth_login
from django.contrib.auth import logout as auth_logout
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import LoginView
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from psoas_web.accounts import services
from psoas_web.accounts.export import export_json as export_document
from psoas_web.accounts.export import stored_counts
from psoas_web.accounts.fhir import bundle_json
from psoas_web.accounts.forms import DeleteAccountForm, LoginForm, SignupForm

if TYPE_CHECKING:
    from django.contrib.auth.models import User
    from django.forms import Form

# The model backend, named when signing someone in without `authenticate`
# (right after sign-up), since settings list axes' backend as well.
MODEL_BACKEND = "django.contrib.auth.backends.ModelBackend"


def _next_url(request: HttpRequest) -> str:
    """The `next` parameter if it points into this site, else the dashboard."""
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if candidate and url_has_allowed_host_and_scheme(
        candidate,
        allowed_hosts={request.get_host()},
        require_https=request.is_secure(),
    ):
        return candidate
    return reverse("journal:dashboard")


def _after_sign_in(request: HttpRequest, user: User) -> HttpResponseRedirect:
    """Store a pending anonymous assessment for `user`, then go on."""
    if services.claim_pending_assessment(request, user) is not None:
        messages.success(request, "Your assessment has been saved to your account.")
    return HttpResponseRedirect(_next_url(request))


class SignInView(LoginView):
    """Django's sign-in view; django-axes counts the failures in `authenticate`."""

    form_class = LoginForm
    template_name = "accounts/login.html"
    redirect_authenticated_user = True

    def form_valid(self, form: Form) -> HttpResponse:
        assert isinstance(form, LoginForm)  # noqa: S101 (narrows the type for mypy)
        user = form.get_user()
        auth_login(self.request, user)
        return _after_sign_in(self.request, user)

    def get_default_redirect_url(self) -> str:
        return reverse("journal:dashboard")


login = SignInView.as_view()


@require_POST
def logout(request: HttpRequest) -> HttpResponse:
    """Sign out (POST only, so a link or an image cannot sign anyone out)."""
    auth_logout(request)
    messages.info(request, "You have signed out.")
    return redirect("site:home")


@sensitive_post_parameters("password1", "password2")
@csrf_protect
@never_cache
@require_http_methods(["GET", "POST"])
def signup(request: HttpRequest) -> HttpResponse:
    """Create an account and sign in with it."""
    if request.user.is_authenticated:
        return redirect(_next_url(request))
    form = SignupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            user = services.create_account(
                form.cleaned_data["username"],
                form.cleaned_data["email"],
                form.cleaned_data["password1"],
            )
        except ValueError:  # taken in the moment between the check and the write
            form.add_error(
                "username", "That user name is taken. Please choose another one."
            )
        else:
            auth_login(request, user, backend=MODEL_BACKEND)
            messages.success(
                request, f"Welcome, {user.get_username()}. Your account is ready."
            )
            return _after_sign_in(request, user)
    return render(
        request,
        "accounts/signup.html",
        {"form": form, "next": request.GET.get("next", "")},
    )


@require_GET
@login_required
def settings(request: HttpRequest) -> HttpResponse:
    """Account details and links to export, change the password, tokens and delete."""
    return render(request, "accounts/settings.html")


@sensitive_post_parameters("password")
@never_cache
@require_http_methods(["GET", "POST"])
@login_required
def delete(request: HttpRequest) -> HttpResponse:
    """Delete the account and all its data after the person types name and password."""
    user = request.user
    assert not user.is_anonymous  # noqa: S101 (login_required; narrows the type)
    form = DeleteAccountForm(user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.delete_account(user)
        auth_logout(request)
        messages.success(
            request,
            "Your account and everything stored with it have been deleted. "
            "Thank you for using psoas.",
        )
        return redirect("site:home")
    return render(
        request,
        "accounts/delete.html",
        {"form": form, "stored": stored_counts(user)},
    )


def _attachment(content: str, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response


def _filename(suffix: str) -> str:
    stamp = timezone.now().strftime("%Y-%m-%d")
    return f"psoas-{stamp}{suffix}"


@require_GET
@login_required
def export_json(request: HttpRequest) -> HttpResponse:
    """Download everything stored for this person as JSON."""
    user = request.user
    assert not user.is_anonymous  # noqa: S101 (login_required; narrows the type)
    return _attachment(
        export_document(user),
        "application/json; charset=utf-8",
        _filename(".json"),
    )


@require_GET
@login_required
def export_fhir(request: HttpRequest) -> HttpResponse:
    """Download this person's assessments and pain scores as a FHIR R4B Bundle."""
    user = request.user
    assert not user.is_anonymous  # noqa: S101 (login_required; narrows the type)
    return _attachment(
        bundle_json(user),
        "application/fhir+json; charset=utf-8",
        _filename("-fhir.json"),
    )
