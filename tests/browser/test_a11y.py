"""Accessibility: axe-core finds no serious or critical violation on each main page.

Each page is checked in the light and then the dark colour scheme (colour contrast
is the rule most likely to differ), without loading it twice. Pages that need an account are opened signed in
as a person with a stored assessment and program (the `seeded` fixture); the
wizard's steps are reached by answering the steps before them.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.urls import reverse
from playwright.sync_api import BrowserContext, Page, expect

pytestmark = pytest.mark.browser

SEVERE = {"serious", "critical"}
_axe = Axe()


def severe_violations(page: Page) -> list[str]:
    """Return each serious or critical violation: rule, impact, targets, why."""
    response = _axe.run(page).response
    return [
        f"{v['id']} ({v['impact']}): {v['help']}"
        + "".join(
            f"\n    {node['target']}: {node.get('failureSummary', '')}"
            for node in v["nodes"]
        )
        for v in response["violations"]
        if v["impact"] in SEVERE
    ]


# Each page: how to reach it from a fresh page (signed in or not, per `PRIVATE`).


def go(name: str, *args: Any) -> Callable[[Page, dict[str, Any]], None]:
    """Open the page named `name` (with `args`) and check it answered 200."""

    def visit(page: Page, _seeded: dict[str, Any]) -> None:
        response = page.goto(reverse(name, args=args))
        assert response is not None
        assert response.status == 200, f"{name}: HTTP {response.status}"

    return visit


def topic(page: Page, seeded: dict[str, Any]) -> None:
    from psoas.knowledge import default_knowledge_base

    first = next(iter(default_knowledge_base().topics))
    go("learn:topic", first)(page, seeded)


def exercise(page: Page, seeded: dict[str, Any]) -> None:
    go("learn:exercise", "half_kneeling_hip_flexor_stretch")(page, seeded)


def red_flag_step(page: Page, seeded: dict[str, Any]) -> None:
    go("assessment:start")(page, seeded)
    page.get_by_role("button", name="Start the questions").click()
    expect(page.get_by_role("radio", name="Yes", exact=True).first).to_be_visible()


def body_map_step(page: Page, seeded: dict[str, Any]) -> None:
    red_flag_step(page, seeded)
    for _ in range(3):  # the safety steps, left unanswered
        page.get_by_role("button", name="Save and continue").click()
    expect(page.get_by_role("checkbox", name="Lower back")).to_be_visible()
    page.get_by_role("checkbox", name="Lower back").check()  # a region drawn "on"


def emergency(page: Page, seeded: dict[str, Any]) -> None:
    red_flag_step(page, seeded)
    page.get_by_role("radio", name="Yes", exact=True).first.check()
    page.get_by_role("button", name="Save and continue").click()
    expect(page).to_have_url(re.compile("/emergency/$"))


def result(page: Page, seeded: dict[str, Any]) -> None:
    go("assessment:result", seeded["assessment"].id)(page, seeded)


def session_timer(page: Page, seeded: dict[str, Any]) -> None:
    """The guided session with the first exercise's timer on screen."""
    go("programs:session")(page, seeded)
    page.get_by_role("button", name="No, none of these: start").click()
    page.get_by_role("button", name="2", exact=True).click()
    page.locator("#timer").get_by_role("button", name="Start").click()
    expect(page.get_by_role("timer")).to_be_visible()


PAGES: dict[str, Callable[[Page, dict[str, Any]], None]] = {
    "home": go("site:home"),
    "learn index": go("learn:index"),
    "learn topic": topic,
    "anatomy": go("learn:anatomy"),
    "exercises": go("learn:exercises"),
    "exercise": exercise,
    "assessment start": go("assessment:start"),
    "red-flag step": red_flag_step,
    "body map step": body_map_step,
    "emergency": emergency,
    "result": result,
    "sign in": go("accounts:login"),
    "sign up": go("accounts:signup"),
    "dashboard": go("journal:dashboard"),
    "journal entry": go("journal:entry"),
    "program": go("programs:detail"),
    "guided session": go("programs:session"),
    "guided session, timer": session_timer,
    "report": go("reports:summary"),
    "share links": go("reports:share_list"),
    "API tokens": go("api_pages:tokens"),
}
PRIVATE = {
    "result",
    "dashboard",
    "journal entry",
    "program",
    "guided session",
    "guided session, timer",
    "report",
    "share links",
    "API tokens",
}


@pytest.mark.parametrize("name", list(PAGES))
def test_no_serious_violations(
    name: str,
    new_context: Callable[..., BrowserContext],
    sign_in: Callable[[BrowserContext, Any], None],
    request: pytest.FixtureRequest,
) -> None:
    context = new_context()
    seeded: dict[str, Any] = {}
    if name in PRIVATE:
        seeded = request.getfixturevalue("seeded")
        sign_in(context, seeded["person"])
    page = context.new_page()
    PAGES[name](page, seeded)
    expect(page.get_by_role("main")).to_be_visible()
    problems = []
    for scheme in ("light", "dark"):  # the same page, both colour schemes
        page.emulate_media(color_scheme=scheme)
        problems += [f"[{scheme}] {p}" for p in severe_violations(page)]
    assert not problems, f"{name}:\n" + "\n".join(problems)
