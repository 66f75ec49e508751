"""Browser tests: Debian's Chromium, driven by Playwright, against a live Django server.

One headless Chromium per test module (a fresh profile, no network besides the
live server); each test gets a new browser context (cookies, storage) and a
page at 1280×800 whose relative URLs resolve against the live server.

Chromium comes from the Debian package (`/usr/bin/chromium`), never from
`playwright install`. Without it the browser tests are skipped, except under
CI=true, where they fail: CI must run them.

Screenshot tests (marker `screenshots`) only run when asked for: `-m screenshots`.
"""

from __future__ import annotations

import datetime
import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:  # Django is set up in tests/conftest.py, after this file is imported
    from django.contrib.auth.models import User
    from playwright.sync_api import Browser, BrowserContext, Page, Playwright
    from pytest_django.live_server_helper import LiveServer

CHROMIUM = Path(os.getenv("PSOAS_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
LAPTOP = {"width": 1280, "height": 800}
PHONE = {"width": 390, "height": 844}
PASSWORD = "correct horse battery staple 42"  # noqa: S105 (test accounts only)
EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def pytest_collection_modifyitems(
    config: pytest.Config, items: list[pytest.Item]
) -> None:
    on_demand = "screenshots" in (config.option.markexpr or "")
    for item in items:
        if item.get_closest_marker("screenshots") and not on_demand:
            item.add_marker(
                pytest.mark.skip(reason="screenshots: run with -m screenshots")
            )


# One browser per test module (not per session), so that Playwright's event loop
# is gone before the other test directories run.
@pytest.fixture(scope="module")
def playwright() -> Iterator[Playwright]:
    if not CHROMIUM.exists():
        reason = f"{CHROMIUM} is missing: apt-get install chromium"
        if os.getenv("CI") == "true":
            pytest.fail(f"CI must run the browser tests, but {reason}")
        pytest.skip(reason)
    from playwright.sync_api import expect, sync_playwright

    expect.set_options(timeout=10_000)  # a loaded CI machine is slow to paint
    # Playwright's sync API runs an event loop in this thread, so Django refuses
    # ORM calls here (the test's own seeding, the live server's database set-up)
    # unless told they are safe. They are plain sync code; allow them for as long
    # as the loop exists, and no longer.
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        with sync_playwright() as p:
            yield p


@pytest.fixture(scope="module")
def browser(playwright: Playwright) -> Iterator[Browser]:
    # launch() gives the browser a fresh temporary profile, removed on close.
    browser = playwright.chromium.launch(
        executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
    )
    yield browser
    browser.close()


@pytest.fixture
def new_context(
    browser: Browser, live_server: LiveServer, transactional_db: Any
) -> Iterator[Callable[..., BrowserContext]]:
    """Open browser contexts on the live server; all closed after the test."""
    opened: list[BrowserContext] = []

    def open_context(**options: Any) -> BrowserContext:
        options.setdefault("viewport", LAPTOP)
        context = browser.new_context(base_url=live_server.url, **options)
        context.set_default_timeout(10_000)
        context.set_default_navigation_timeout(20_000)
        opened.append(context)
        return context

    yield open_context
    for context in opened:
        context.close()


@pytest.fixture
def page(new_context: Callable[..., BrowserContext]) -> Page:
    return new_context().new_page()


# Seeding: a person, signed in by cookie, with stored records -------------------


@pytest.fixture
def person(transactional_db: Any) -> User:
    from django.contrib.auth.models import User

    return User.objects.create_user("dana", "dana@example.org", PASSWORD)


@pytest.fixture
def sign_in(live_server: LiveServer) -> Callable[[BrowserContext, User], None]:
    """Give a browser context a signed-in session for a user, without the form."""
    from django.conf import settings
    from django.test import Client

    def sign_in(context: BrowserContext, user: User) -> None:
        client = Client()
        client.force_login(user)
        cookie = client.cookies[settings.SESSION_COOKIE_NAME]
        context.add_cookies(
            [{"name": cookie.key, "value": cookie.value, "url": live_server.url}]
        )

    return sign_in


@pytest.fixture
def seeded(person: User) -> dict[str, Any]:
    """`person` with the desk worker's assessment, a program built from it, one session."""
    import json

    import psoas
    from psoas.knowledge import default_knowledge_base
    from psoas.program import build_program
    from psoas.program.model import Preferences
    from psoas_web import services

    answers = json.loads((EXAMPLES / "desk_worker.json").read_text())
    result = psoas.assess(answers)
    assessment = services.save_result(person, answers, result)
    program = build_program(
        result, Preferences(), today=datetime.date.today(), kb=default_knowledge_base()
    )
    stored = services.save_program(
        person, program.model_dump(mode="json"), assessment_id=assessment.id
    )
    return {"person": person, "assessment": assessment, "program": stored}
