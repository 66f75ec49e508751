"""Forms of the accounts area: sign up, sign in and delete the account."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import (
    AuthenticationForm,
    PasswordChangeForm,
    PasswordResetForm,
    SetPasswordForm,
    UserCreationForm,
    UsernameField,
)
from django.contrib.auth.models import User

if TYPE_CHECKING:
    _UserCreationForm = UserCreationForm[User]
else:  # the class is generic only in django-stubs
    _UserCreationForm = UserCreationForm


def _plain_labels(kwargs: dict[str, Any]) -> dict[str, Any]:
    """Labels without Django's trailing colon."""
    kwargs.setdefault("label_suffix", "")
    return kwargs


class SignupForm(_UserCreationForm):
    """A user name, an e-mail address for password resets, and a password twice.

    Django's password validators (settings.AUTH_PASSWORD_VALIDATORS) run on the
    password; the user name must be free (compared without regard to case).
    """

    email = forms.EmailField(
        label="E-mail address",
        help_text="Only used to send you a link if you forget your password.",
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )

    class Meta:
        model = User
        fields = ("username", "email")
        field_classes = {"username": UsernameField}  # noqa: RUF012 (Django's shape)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **_plain_labels(kwargs))
        self.fields["username"].label = "User name"
        self.fields["username"].help_text = (
            "Up to 150 letters, digits and the signs @ . + - _ "
            "(no spaces). Only you see it."
        )
        self.fields["password2"].label = "Password again"
        self.fields["username"].widget.attrs.update(
            {"autocomplete": "username", "autocapitalize": "none"}
        )
        self.fields["password1"].widget.attrs["autocomplete"] = "new-password"
        self.fields["password2"].widget.attrs["autocomplete"] = "new-password"

    def clean_username(self) -> str:
        username: str = self.cleaned_data["username"]
        model = get_user_model()
        if model.objects.filter(username__iexact=username).exists():
            msg = "That user name is taken. Please choose another one."
            raise forms.ValidationError(msg, code="duplicate_username")
        return username


class LoginForm(AuthenticationForm):
    """Django's sign-in form with plainer labels.

    AuthenticationForm passes the request to `authenticate`, which django-axes
    needs to count failures per user name and address.
    """

    error_messages = {  # noqa: RUF012 (the same shape as Django's attribute)
        "invalid_login": (
            "That user name and password do not match an account. "
            "Check them and try again; both are case-sensitive."
        ),
        "inactive": "This account is switched off.",
    }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **_plain_labels(kwargs))
        self.fields["username"].label = "User name"
        self.fields["username"].widget.attrs["autocapitalize"] = "none"


class DeleteAccountForm(forms.Form):
    """Type your user name and your password to confirm that the account goes."""

    username = forms.CharField(
        label="Your user name",
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "none"}),
    )
    password = forms.CharField(
        label="Your password",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    def __init__(self, user: User, *args: Any, **kwargs: Any) -> None:
        self.user = user
        super().__init__(*args, **_plain_labels(kwargs))

    def clean_username(self) -> str:
        username: str = self.cleaned_data["username"]
        if username != self.user.get_username():
            msg = "That is not your user name. Type it exactly as shown above."
            raise forms.ValidationError(msg, code="wrong_username")
        return username

    def clean_password(self) -> str:
        password: str = self.cleaned_data["password"]
        if not self.user.check_password(password):
            msg = "That password is not right. Nothing has been deleted."
            raise forms.ValidationError(msg, code="wrong_password")
        return password


class PlainPasswordChangeForm(PasswordChangeForm):
    """Django's password change form, labels without the colon."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **_plain_labels(kwargs))
        self.fields["new_password2"].label = "New password again"


class PlainSetPasswordForm(SetPasswordForm):  # type: ignore[type-arg]
    """Django's set-password form (after a reset link), labels without the colon."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **_plain_labels(kwargs))
        self.fields["new_password2"].label = "New password again"


class PlainPasswordResetForm(PasswordResetForm):
    """Django's password reset form, labels without the colon."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **_plain_labels(kwargs))
        self.fields["email"].label = "E-mail address"
