"""Accounts: sign up, sign in (rate-limited), sign out, password reset and change,
settings, and deleting the account with everything stored with it."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core import mail
from django.test import Client
from django.urls import reverse

import psoas
from psoas_web import services
from psoas_web.records.models import Assessment
from web.conftest import PASSWORD

NEW_PASSWORD = "a quiet walk by the river 77"  # noqa: S105 (test accounts only)
ANSWERS: dict[str, Any] = {
    "version": 1,
    "pain": {"regions": ["low_back", "groin"], "nprs_now": 4},
}


def _store_assessment(person: User) -> Assessment:
    result = psoas.assess(ANSWERS)
    return services.save_result(person, ANSWERS, result)


def _signup(client: Client, **overrides: str) -> Any:
    data = {
        "username": "carol",
        "email": "carol@example.org",
        "password1": NEW_PASSWORD,
        "password2": NEW_PASSWORD,
    } | overrides
    return client.post(reverse("accounts:signup"), data)


def _login(client: Client, username: str, password: str, **extra: str) -> Any:
    return client.post(
        reverse("accounts:login"), {"username": username, "password": password} | extra
    )


def _signed_in_as(client: Client) -> str | None:
    key = client.session.get("_auth_user_id")
    return User.objects.get(pk=key).username if key else None


# sign up


def test_signup_page_shows_the_form(anon_client: Client) -> None:
    response = anon_client.get(reverse("accounts:signup"))
    assert response.status_code == 200
    text = response.content.decode()
    assert '<label for="id_username">User name' in text
    assert 'name="password2"' in text


def test_signup_creates_the_user_signs_in_and_hashes_with_argon2(
    anon_client: Client,
) -> None:
    response = _signup(anon_client)
    assert response.status_code == 302
    assert response["Location"] == reverse("journal:dashboard")
    user = User.objects.get(username="carol")
    assert user.email == "carol@example.org"
    assert user.password.startswith("argon2")
    assert user.check_password(NEW_PASSWORD)
    assert _signed_in_as(anon_client) == "carol"


def test_signup_goes_to_a_safe_next_and_ignores_another_site(db: Any) -> None:
    client = Client()
    response = _signup(client, next="/learn/")
    assert response["Location"] == "/learn/"
    client = Client()
    response = _signup(client, username="dave", next="https://evil.example/")
    assert response["Location"] == reverse("journal:dashboard")


def test_signup_with_a_taken_username_says_so(anon_client: Client, owner: User) -> None:
    response = _signup(anon_client, username="Alice")
    assert response.status_code == 200
    assert "That user name is taken" in response.content.decode()
    assert User.objects.count() == 1
    assert _signed_in_as(anon_client) is None


def test_signup_with_a_weak_password_says_why(anon_client: Client) -> None:
    response = _signup(anon_client, password1="12345678", password2="12345678")
    assert response.status_code == 200
    text = response.content.decode()
    assert "too common" in text
    assert "entirely numeric" in text
    assert not User.objects.filter(username="carol").exists()


def test_signup_with_mismatched_passwords_says_so(anon_client: Client) -> None:
    response = _signup(anon_client, password2=NEW_PASSWORD + "x")
    assert response.status_code == 200
    assert "didn’t match" in response.content.decode()
    assert not User.objects.filter(username="carol").exists()


def test_signup_when_signed_in_goes_to_the_dashboard(owner_client: Client) -> None:
    response = owner_client.get(reverse("accounts:signup"))
    assert response.status_code == 302
    assert response["Location"] == reverse("journal:dashboard")


def test_signup_stores_the_pending_assessment(anon_client: Client) -> None:
    session = anon_client.session
    session["psoas_pending_answers"] = ANSWERS
    session["psoas_pending_completed"] = True
    session.save()
    response = _signup(anon_client)
    assert response.status_code == 302
    user = User.objects.get(username="carol")
    assert Assessment.objects.filter(person=user).count() == 1
    assert "psoas_pending_answers" not in anon_client.session


# sign in and out


def test_login_page_shows_the_form_and_the_reset_link(anon_client: Client) -> None:
    response = anon_client.get(reverse("accounts:login"))
    assert response.status_code == 200
    assert reverse("accounts:password_reset") in response.content.decode()


def test_login_signs_in_and_goes_to_the_dashboard(
    anon_client: Client, owner: User
) -> None:
    response = _login(anon_client, "alice", PASSWORD)
    assert response.status_code == 302
    assert response["Location"] == reverse("journal:dashboard")
    assert _signed_in_as(anon_client) == "alice"


def test_login_follows_a_safe_next_only(owner: User) -> None:
    client = Client()
    assert _login(client, "alice", PASSWORD, next="/report/")["Location"] == "/report/"
    client = Client()
    response = _login(client, "alice", PASSWORD, next="//evil.example/x")
    assert response["Location"] == reverse("journal:dashboard")


def test_login_stores_the_pending_assessment(anon_client: Client, owner: User) -> None:
    session = anon_client.session
    session["psoas_pending_answers"] = ANSWERS
    session["psoas_pending_completed"] = True
    session.save()
    _login(anon_client, "alice", PASSWORD)
    assert Assessment.objects.filter(person=owner).count() == 1


def test_login_with_a_wrong_password_says_so_calmly(
    anon_client: Client, owner: User
) -> None:
    response = _login(anon_client, "alice", "wrong")
    assert response.status_code == 200
    assert "do not match an account" in response.content.decode()
    assert _signed_in_as(anon_client) is None


def test_five_wrong_passwords_lock_sign_in_even_with_the_right_one(
    anon_client: Client, owner: User
) -> None:
    for _ in range(4):
        assert _login(anon_client, "alice", "wrong").status_code == 200
    fifth = _login(anon_client, "alice", "wrong")
    assert fifth.status_code == 429
    sixth = _login(anon_client, "alice", PASSWORD)
    assert sixth.status_code == 429
    text = sixth.content.decode()
    assert "Sign-in is paused" in text
    assert "try again in 15 minutes" in text
    assert _signed_in_as(anon_client) is None
    # Another person on the same address is not locked out.
    other_client = Client()
    User.objects.create_user("erin", password=PASSWORD)
    assert _login(other_client, "erin", PASSWORD).status_code == 302


def test_logout_is_post_only(owner_client: Client) -> None:
    assert owner_client.get(reverse("accounts:logout")).status_code == 405
    assert _signed_in_as(owner_client) == "alice"
    response = owner_client.post(reverse("accounts:logout"))
    assert response.status_code == 302
    assert response["Location"] == reverse("site:home")
    assert _signed_in_as(owner_client) is None


def test_logout_when_anonymous_goes_home(anon_client: Client) -> None:
    assert anon_client.post(reverse("accounts:logout")).status_code == 302


# password reset and change


def test_password_reset_sends_one_email_with_a_working_link(
    anon_client: Client, owner: User
) -> None:
    response = anon_client.post(
        reverse("accounts:password_reset"), {"email": "alice@example.org"}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:password_reset_done")
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["alice@example.org"]
    assert "psoas" in message.subject
    match = re.search(
        r"http://testserver(/accounts/password/reset/\S+/)", str(message.body)
    )
    assert match is not None
    page = anon_client.get(match.group(1), follow=True)
    assert page.status_code == 200
    assert page.context["validlink"]
    set_url = page.redirect_chain[-1][0]
    done = anon_client.post(
        set_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}
    )
    assert done["Location"] == reverse("accounts:password_reset_complete")
    owner.refresh_from_db()
    assert owner.check_password(NEW_PASSWORD)
    assert owner.password.startswith("argon2")
    # The link works only once.
    again = anon_client.get(match.group(1), follow=True)
    assert not again.context["validlink"]


def test_password_reset_for_an_unknown_address_sends_nothing(
    anon_client: Client, owner: User
) -> None:
    response = anon_client.post(
        reverse("accounts:password_reset"), {"email": "nobody@example.org"}
    )
    assert response.status_code == 302  # the same answer: no hint who has an account
    assert len(mail.outbox) == 0


@pytest.mark.parametrize(
    "name",
    ["password_reset", "password_reset_done", "password_reset_complete"],
)
def test_password_reset_pages_render(anon_client: Client, name: str) -> None:
    assert anon_client.get(reverse(f"accounts:{name}")).status_code == 200


def test_password_change(owner_client: Client, owner: User) -> None:
    assert owner_client.get(reverse("accounts:password_change")).status_code == 200
    response = owner_client.post(
        reverse("accounts:password_change"),
        {
            "old_password": PASSWORD,
            "new_password1": NEW_PASSWORD,
            "new_password2": NEW_PASSWORD,
        },
    )
    assert response["Location"] == reverse("accounts:password_change_done")
    owner.refresh_from_db()
    assert owner.check_password(NEW_PASSWORD)
    assert _signed_in_as(owner_client) == "alice"
    assert owner_client.get(response["Location"]).status_code == 200


def test_password_change_needs_sign_in(anon_client: Client) -> None:
    response = anon_client.get(reverse("accounts:password_change"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


# settings


def test_settings_show_the_account_and_the_links(owner_client: Client) -> None:
    response = owner_client.get(reverse("accounts:settings"))
    assert response.status_code == 200
    text = response.content.decode()
    assert "alice@example.org" in text
    for name in ("export_json", "export_fhir", "password_change", "delete"):
        assert reverse(f"accounts:{name}") in text
    assert 'href="/api/tokens/"' in text


def test_settings_show_each_person_their_own_account(other_client: Client) -> None:
    text = other_client.get(reverse("accounts:settings")).content.decode()
    assert "bob@example.org" in text
    assert "alice" not in text


def test_settings_need_sign_in(anon_client: Client) -> None:
    response = anon_client.get(reverse("accounts:settings"))
    assert response.status_code == 302
    assert (
        response["Location"] == reverse("accounts:login") + "?next=/accounts/settings/"
    )


# delete


def test_delete_page_names_what_will_go(owner_client: Client, owner: User) -> None:
    _store_assessment(owner)
    response = owner_client.get(reverse("accounts:delete"))
    assert response.status_code == 200
    assert "1 assessment" in response.content.decode()


def test_delete_needs_sign_in(anon_client: Client, owner: User) -> None:
    response = anon_client.post(
        reverse("accounts:delete"), {"username": "alice", "password": PASSWORD}
    )
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))
    assert User.objects.filter(username="alice").exists()


@pytest.mark.parametrize(
    ("username", "password", "problem"),
    [
        ("bob", PASSWORD, "not your user name"),
        ("alice", "wrong", "password is not right"),
        ("", "", "This field is required"),
    ],
)
def test_delete_needs_the_right_confirmation(
    owner_client: Client,
    owner: User,
    other: User,
    username: str,
    password: str,
    problem: str,
) -> None:
    _store_assessment(owner)
    response = owner_client.post(
        reverse("accounts:delete"), {"username": username, "password": password}
    )
    assert response.status_code == 200
    assert problem in response.content.decode()
    assert User.objects.filter(pk=owner.pk).exists()
    assert Assessment.objects.filter(person=owner).count() == 1


def test_delete_removes_the_user_and_their_data_only(
    owner_client: Client, owner: User, other: User
) -> None:
    import datetime

    from django.apps import apps

    from psoas_web.accounts.export import personal_models

    _store_assessment(owner)
    _store_assessment(owner)
    _store_assessment(other)
    journal = apps.get_model("psoas_journal", "JournalEntry")
    journal._default_manager.create(
        person=owner, day=datetime.date(2026, 11, 2), nprs=4
    )
    response = owner_client.post(
        reverse("accounts:delete"),
        {"username": "alice", "password": PASSWORD},
        follow=True,
    )
    assert response.redirect_chain[-1][0] == reverse("site:home")
    assert "have been deleted" in response.content.decode()
    assert not User.objects.filter(username="alice").exists()
    assert Assessment.objects.filter(person_id=owner.pk).count() == 0
    assert Assessment.objects.filter(person=other).count() == 1
    for model in personal_models():
        assert not model._default_manager.filter(person_id=owner.pk).exists()
    assert _signed_in_as(owner_client) is None


def test_delete_is_get_or_post_only(owner_client: Client) -> None:
    assert owner_client.put(reverse("accounts:delete")).status_code == 405
