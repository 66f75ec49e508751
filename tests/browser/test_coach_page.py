"""The coach page in Chromium, its timing driven by Playwright's clock."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from django.contrib.auth.models import User
    from playwright.sync_api import BrowserContext, Page, Response

pytestmark = pytest.mark.browser

#: a Monday at 10:00, inside the default working hours
MONDAY_10 = datetime.datetime(2026, 11, 23, 10, 0, tzinfo=datetime.UTC)
#: a stand-in for the Notification API that counts permission requests
FAKE_NOTIFICATIONS = """
window.__asked = 0;
window.__shown = [];
class FakeNotification {
  constructor(title, options) { window.__shown.push(title); this.onclick = null; }
  close() {}
}
FakeNotification.permission = "default";
FakeNotification.requestPermission = () => {
  window.__asked += 1;
  FakeNotification.permission = "granted";
  return Promise.resolve("granted");
};
window.Notification = FakeNotification;
"""


@pytest.fixture
def coach_page(
    new_context: Callable[..., BrowserContext],
    sign_in: Callable[[BrowserContext, User], None],
    person: User,
) -> Page:
    context = new_context(timezone_id="UTC")
    sign_in(context, person)
    page = context.new_page()
    page.add_init_script(FAKE_NOTIFICATIONS)
    page.clock.install(time=MONDAY_10)
    page.goto("/coach/")
    return page


def _sent(kind: str) -> Callable[[Response], bool]:
    """Match the response to the page's POST of an event of `kind`."""

    def match(response: Response) -> bool:
        body = response.request.post_data or ""
        return response.url.endswith("/coach/event/") and f'"kind":"{kind}"' in body

    return match


def _kinds(person: User) -> list[str]:
    from psoas_web.coach.models import CoachEvent

    return list(CoachEvent.objects.filter(person=person).values_list("kind", flat=True))


def test_prompt_on_schedule_and_done_is_recorded(
    coach_page: Page, person: User
) -> None:
    page = coach_page
    assert page.evaluate("window.__asked") == 0  # never on load
    page.click("#coach-start")
    assert page.evaluate("window.__asked") == 1
    page.clock.run_for("29:00")
    assert page.is_hidden("#coach-prompt")
    with page.expect_response(_sent("prompt")):
        page.clock.run_for("01:01")
    assert page.is_visible("#coach-prompt")
    assert page.is_visible("#prompt-alert[role=alert]")
    assert page.locator(".coach-exercise:not([hidden]) svg").count() == 1
    assert page.evaluate("window.__shown.length") == 1
    with page.expect_response(_sent("done")):
        page.click("#prompt-done")
    assert page.is_hidden("#coach-prompt")
    assert _kinds(person) == ["prompt", "done"]
    assert page.inner_text("#coach-today").startswith("1 movement done")


def test_postpone_limit_and_skip_reason(coach_page: Page, person: User) -> None:
    from psoas.coach import CoachSettings
    from psoas_web.coach import services

    services.save_settings(person, CoachSettings(max_postpones_per_day=1))
    page = coach_page
    page.reload()
    page.click("#coach-start")
    with page.expect_response(_sent("prompt")):
        page.clock.run_for("30:01")
    with page.expect_response(_sent("postponed")):
        page.click("#prompt-postpone")
    page.wait_for_function("document.getElementById('coach-prompt').hidden")
    with page.expect_response(_sent("prompt")):
        page.clock.run_for("10:01")
    assert page.is_visible("#coach-prompt")
    assert page.is_disabled("#prompt-postpone")
    page.click("#prompt-skip")
    page.check("input[value='pain']")
    with page.expect_response(_sent("skipped")):
        page.click("#skip-form button[type=submit]")
    from psoas_web.coach.models import CoachEvent

    assert _kinds(person) == ["prompt", "postponed", "prompt", "skipped"]
    assert CoachEvent.objects.get(person=person, kind="skipped").reason == "pain"


def test_time_away_counts_as_a_break(coach_page: Page, person: User) -> None:
    page = coach_page
    page.click("#coach-start")
    page.clock.run_for("20:00")
    hide = """hidden => { Object.defineProperty(document, 'hidden',
      {configurable: true, get: () => hidden});
      document.dispatchEvent(new Event('visibilitychange')); }"""
    page.evaluate(hide, True)
    page.clock.run_for("05:00")
    with page.expect_response(_sent("idle_break")):
        page.evaluate(hide, False)
    assert "counted as a break" in page.inner_text("#coach-status")
    page.clock.run_for("10:00")  # the old schedule (30 minutes after the start) is gone
    assert page.is_hidden("#coach-prompt")
    assert _kinds(person) == ["idle_break"]
