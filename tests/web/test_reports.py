"""The report for a professional: the summary, its PDF, and read-only share links."""

from __future__ import annotations

import datetime
import hashlib
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.db import connection
from django.test import Client
from django.utils import timezone

import psoas
from psoas.knowledge import default_knowledge_base
from psoas.program import Preferences, build_program
from psoas_web import services
from psoas_web.reports import services as reports
from psoas_web.reports.models import ShareLink
from psoas_web.reports.summary import build_summary, one_line

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
TODAY = datetime.date(2026, 11, 25)


def _assess(person: User, example: str) -> psoas.Result:
    answers = json.loads((EXAMPLES / f"{example}.json").read_text(encoding="utf-8"))
    result = psoas.assess(answers)
    services.save_result(person, answers, result)
    return result


def _with_program(person: User, result: psoas.Result, start: datetime.date) -> Any:
    program = build_program(result, Preferences(days_per_week=3, weeks=6), today=start)
    return services.save_program(person, program.model_dump(mode="json"))


@pytest.fixture
def seeded(
    owner: User, other: User, log_first_sessions: Callable[..., None]
) -> dict[str, Any]:
    """The owner: a desk worker with a program; the other person: a runner."""
    result = _assess(owner, "desk_worker")
    stored = _with_program(owner, result, timezone.localdate() - datetime.timedelta(7))
    log_first_sessions(owner, stored, 2)
    _assess(other, "runner")
    return {"program": stored}


# -- sign-in is needed for the person's own pages --------------------------------------


@pytest.mark.parametrize("path", ["/report/", "/report/pdf/", "/report/share/"])
def test_anonymous_visitor_is_sent_to_sign_in(anon_client: Client, path: str) -> None:
    response = anon_client.get(path)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_anonymous_visitor_cannot_make_or_revoke_links(
    anon_client: Client, owner: User
) -> None:
    link, _ = reports.create_share_link(owner, days=7, label="")
    assert anon_client.post("/report/share/", {"days": "7"}).status_code == 302
    response = anon_client.post(f"/report/share/{link.id}/revoke/")
    assert response.status_code == 302
    link.refresh_from_db()
    assert link.revoked_at is None
    assert ShareLink.objects.count() == 1


# -- the summary -----------------------------------------------------------------------


def test_summary_shows_the_owners_data_and_none_of_the_other_persons(
    owner_client: Client, seeded: dict[str, Any]
) -> None:
    response = owner_client.get("/report/")
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    text = response.content.decode()
    assert "alice" in text
    assert "9.5 h/day" in text  # the desk worker's sitting time
    assert "Total sitting time" in text
    assert "Now in week 2 of 6" in text
    assert "2 of 3</strong> planned sessions" in text
    assert "55 km/week" not in text  # the runner's running
    assert "bob" not in text
    assert "not a diagnosis" in text


def test_other_person_sees_only_their_own_summary(
    other_client: Client, seeded: dict[str, Any]
) -> None:
    text = other_client.get("/report/").content.decode()
    assert "55 km/week" in text
    assert "9.5 h/day" not in text
    assert "alice" not in text
    assert "No active program" in text


def test_summary_of_a_person_with_nothing_stored_says_so(owner_client: Client) -> None:
    text = owner_client.get("/report/").content.decode()
    assert "No assessment stored yet" in text
    assert "No active program" in text
    assert "No scores recorded yet" in text


def test_summary_names_red_flags_answered_yes_in_plain_words(owner: User) -> None:
    _assess(owner, "urgent_infection")
    s = build_summary(owner, today=TODAY)
    assert s.screen is not None
    assert s.screen.level in {"urgent", "emergency"}
    kb = default_knowledge_base()
    questions = {flag.question for flag in kb.red_flags.values()}
    assert s.screen.red_flags
    assert all(q in questions for q in s.screen.red_flags)


def test_summary_reads_the_change_between_first_and_latest_scores(owner: User) -> None:
    _assess(owner, "desk_worker")  # NPRS 4, RMDQ 7, PSFS 5
    later = json.loads((EXAMPLES / "desk_worker.json").read_text(encoding="utf-8"))
    later["pain"]["nprs_now"] = 1
    result = psoas.assess(later)
    newest = services.save_result(owner, later, result)
    type(newest).objects.filter(id=newest.id).update(
        created_at=timezone.now() + datetime.timedelta(days=14)
    )
    s = build_summary(owner, today=TODAY)
    pain = next(t for t in s.trends if t.name.startswith("Pain"))
    assert (pain.first, pain.latest, pain.readings) == (4, 1, 2)
    assert "better" in pain.reading
    assert "matter" in pain.reading
    rmdq = next(t for t in s.trends if t.name.startswith("Disability"))
    assert "no change" in rmdq.reading


def test_evidence_note_fits_on_one_line() -> None:
    note = default_knowledge_base().pattern.evidence_note.text
    line = one_line(note)
    assert line.startswith(note.split(". ")[0])
    assert len(line) <= 160
    assert "\n" not in line


def test_summary_page_offers_print_with_a_fallback_without_javascript(
    owner_client: Client,
) -> None:
    text = owner_client.get("/report/").content.decode()
    assert "data-print" in text
    assert "<noscript>" in text
    assert "psoas/reports/print.js" in text


# -- the PDF ---------------------------------------------------------------------------


def test_pdf_is_a_pdf_of_the_owners_summary(
    owner_client: Client, seeded: dict[str, Any]
) -> None:
    response = owner_client.get("/report/pdf/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert "attachment" in response["Content-Disposition"]
    assert "no-store" in response["Cache-Control"]


def test_pdf_without_its_system_libraries_is_a_clear_503(
    owner_client: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    import builtins

    real_import = builtins.__import__

    def no_pango(name: str, *args: Any, **kwargs: Any) -> Any:
        if name == "weasyprint":
            raise OSError("cannot load library 'libpango-1.0-0'")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_pango)
    response = owner_client.get("/report/pdf/")
    assert response.status_code == 503
    text = response.content.decode()
    assert "libpango-1.0-0" in text
    assert "print it from your browser" in text


# -- share links -----------------------------------------------------------------------


def _make_link(client: Client, label: str = "Physio Lee", days: str = "7") -> str:
    response = client.post("/report/share/", {"label": label, "days": days})
    assert response.status_code == 200
    url: str = response.context["new_url"]
    assert url in response.content.decode()
    return url.split("/report/s/")[1].rstrip("/")


def test_making_a_link_shows_the_token_once_and_stores_only_its_hash(
    owner_client: Client, owner: User
) -> None:
    token = _make_link(owner_client)
    link = ShareLink.objects.get(person=owner)
    assert link.token_hash == hashlib.sha256(token.encode()).hexdigest()
    assert link.label == "Physio Lee"
    days = (link.expires_at - link.created_at).total_seconds() / 86400
    assert round(days) == 7
    # The token is in no column of any table.
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            cursor.execute(f'SELECT * FROM "{table}"')  # noqa: S608 - our own names
            assert not any(token in str(row) for row in cursor.fetchall()), table
    # ... and the list shows it no more.
    again = owner_client.get("/report/share/").content.decode()
    assert token not in again
    assert "Physio Lee" in again
    assert "Active" in again


def test_a_bad_choice_of_days_is_refused_with_a_message(
    owner_client: Client, owner: User
) -> None:
    response = owner_client.post("/report/share/", {"label": "x", "days": "365"})
    assert response.status_code == 400
    assert "Choose 1, 7 or 30 days." in response.content.decode()
    assert not ShareLink.objects.exists()


def test_service_refuses_bad_input_and_stores_nothing(owner: User) -> None:
    with pytest.raises(ValueError, match="days must be one of 1, 7, 30"):
        reports.create_share_link(owner, days=2, label="")
    with pytest.raises(ValueError, match="at most 80 characters"):
        reports.create_share_link(owner, days=1, label="x" * 81)
    assert not ShareLink.objects.exists()


def test_shared_link_works_without_sign_in_and_shows_the_owners_summary(
    owner_client: Client, anon_client: Client, seeded: dict[str, Any], owner: User
) -> None:
    token = _make_link(owner_client)
    response = anon_client.get(f"/report/s/{token}/")
    assert response.status_code == 200
    text = response.content.decode()
    assert "alice" in text
    assert "9.5 h/day" in text
    assert "55 km/week" not in text
    assert '<form method="post" action="/report/share/' not in text  # read-only
    assert response["X-Robots-Tag"].startswith("noindex")
    assert response["Cache-Control"] == "no-store"
    assert response["Referrer-Policy"] == "no-referrer"
    link = ShareLink.objects.get(person=owner)
    assert link.view_count == 1
    assert link.last_viewed_at is not None


def test_revoked_link_is_a_calm_404(
    owner_client: Client, anon_client: Client, owner: User
) -> None:
    token = _make_link(owner_client)
    link = ShareLink.objects.get(person=owner)
    response = owner_client.post(f"/report/share/{link.id}/revoke/")
    assert response.status_code == 302
    link.refresh_from_db()
    assert link.revoked_at is not None
    gone = anon_client.get(f"/report/s/{token}/")
    assert gone.status_code == 404
    assert "This link is not available" in gone.content.decode()
    assert gone["X-Robots-Tag"].startswith("noindex")
    assert "Revoked" in owner_client.get("/report/share/").content.decode()


def test_expired_link_is_a_404(
    owner_client: Client, anon_client: Client, owner: User
) -> None:
    token = _make_link(owner_client, days="1")
    ShareLink.objects.filter(person=owner).update(
        expires_at=timezone.now() - datetime.timedelta(seconds=1)
    )
    assert anon_client.get(f"/report/s/{token}/").status_code == 404
    assert "Expired" in owner_client.get("/report/share/").content.decode()
    assert ShareLink.objects.get(person=owner).view_count == 0


@pytest.mark.parametrize("token", ["nope", "x" * 43, "x" * 500])
def test_unknown_token_is_a_404(anon_client: Client, owner: User, token: str) -> None:
    reports.create_share_link(owner, days=7, label="")
    assert anon_client.get(f"/report/s/{token}/").status_code == 404


def test_resolve_finds_only_working_links(owner: User) -> None:
    link, token = reports.create_share_link(owner, days=30, label="")
    assert reports.resolve(token) == link
    assert reports.resolve(token[:-1] + ("A" if token[-1] != "A" else "B")) is None
    reports.revoke(owner, link.id)
    assert reports.resolve(token) is None


def test_other_person_cannot_revoke_nor_see_the_owners_link(
    owner_client: Client, other_client: Client, owner: User
) -> None:
    _make_link(owner_client, label="Chiropractor Ames")
    link = ShareLink.objects.get(person=owner)
    response = other_client.post(f"/report/share/{link.id}/revoke/")
    assert response.status_code == 404
    link.refresh_from_db()
    assert link.revoked_at is None
    assert (
        "Chiropractor Ames" not in other_client.get("/report/share/").content.decode()
    )
    with pytest.raises(ShareLink.DoesNotExist):
        reports.revoke(User.objects.get(username="bob"), link.id)


@pytest.mark.parametrize(
    "link_id", ["not-a-uuid", "0b9f6a52-6a1e-4f7e-9d0c-2a3c5d6e7f80"]
)
def test_revoking_an_unknown_link_is_a_404(owner_client: Client, link_id: str) -> None:
    assert owner_client.post(f"/report/share/{link_id}/revoke/").status_code == 404


def test_revoke_needs_a_post(owner_client: Client, owner: User) -> None:
    link, _ = reports.create_share_link(owner, days=7, label="")
    assert owner_client.get(f"/report/share/{link.id}/revoke/").status_code == 405
    link.refresh_from_db()
    assert link.revoked_at is None


def test_posts_without_csrf_token_are_refused(owner: User) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(owner)
    assert client.post("/report/share/", {"days": "7"}).status_code == 403
    assert not ShareLink.objects.exists()
    link, _ = reports.create_share_link(owner, days=7, label="")
    assert client.post(f"/report/share/{link.id}/revoke/").status_code == 403
    link.refresh_from_db()
    assert link.revoked_at is None


def test_links_go_when_their_owner_is_deleted(owner: User) -> None:
    reports.create_share_link(owner, days=7, label="")
    owner.delete()
    assert not ShareLink.objects.exists()


def test_trends_include_the_journal_of_the_person_only(
    owner: User, other: User
) -> None:
    from django.apps import apps

    try:
        entry = apps.get_model("psoas_journal", "JournalEntry")
    except LookupError:
        pytest.skip("the journal app has no JournalEntry model")
    entry.objects.create(person=owner, day=datetime.date(2026, 11, 1), nprs=7)
    entry.objects.create(person=owner, day=datetime.date(2026, 11, 20), nprs=3, rmdq=5)
    entry.objects.create(person=other, day=datetime.date(2026, 11, 25), nprs=9)
    s = build_summary(owner, today=TODAY)
    pain = next(t for t in s.trends if t.name.startswith("Pain"))
    assert (pain.first, pain.latest, pain.readings) == (7, 3, 2)
    assert pain.latest_day == datetime.date(2026, 11, 20)
    assert "4 points better" in pain.reading
    rmdq = next(t for t in s.trends if t.name.startswith("Disability"))
    assert rmdq.reading == "One reading so far."
