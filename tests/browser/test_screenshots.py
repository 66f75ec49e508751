"""Screenshots of the main pages for the README, saved to docs/screenshots/.

On demand only (they are skipped otherwise):

    .venv/bin/python -m pytest -m screenshots tests/browser/test_screenshots.py

Each page is taken at a phone width (390×844) and a laptop width (1280×800), from
the top and at most two screens tall; the pages in DARK also in the dark colour
scheme. The person has the desk
worker's assessment, a program started three weeks ago, four weeks of journal
entries and a few sessions, so the charts and the report have something to show.
"""

from __future__ import annotations

import datetime
import random
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.urls import reverse
from playwright.sync_api import BrowserContext, Page, expect

pytestmark = [pytest.mark.browser, pytest.mark.screenshots]

OUT = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
SIZES = {
    "phone": {"width": 390, "height": 844},
    "laptop": {"width": 1280, "height": 800},
}
DARK = {"home", "result", "program", "session", "dashboard"}


@pytest.fixture
def history(seeded: dict[str, Any]) -> dict[str, Any]:
    """Four weeks of journal entries and sessions on top of `seeded`."""
    from psoas_web import services
    from psoas_web.journal import services as journal

    person, stored = seeded["person"], seeded["program"]
    today = datetime.date.today()
    rng = random.Random(7)  # noqa: S311 (not for security)
    for back in range(28, -1, -1):
        day = today - datetime.timedelta(days=back)
        journal.save_entry(
            person,
            day,
            nprs=max(1, min(10, 6 - (28 - back) // 7 + rng.randint(-1, 1))),
            sitting_hours=round(rng.uniform(6, 10) - (28 - back) / 14, 1),
            rmdq=max(0, 9 - (28 - back) // 7 * 2) if back % 7 == 0 else None,
        )
    # a program that started three weeks ago, with the sessions done so far
    import psoas
    from psoas.program import build_program
    from psoas.program.model import Preferences

    start_day = today - datetime.timedelta(days=21)
    result = psoas.assess(seeded["assessment"].answers)
    program = build_program(result, Preferences(), today=start_day)
    stored = services.save_program(
        person, program.model_dump(mode="json"), assessment_id=seeded["assessment"].id
    )
    for week in program.weeks:
        for day in week.session_days[:-1]:
            if day >= today:
                continue
            start = datetime.datetime.combine(day, datetime.time(8), datetime.UTC)
            saved = services.save_session(
                person,
                stored,
                day=day,
                week=week.week,
                completed=[p.exercise_id for p in week.exercises],
                skipped=[],
                pain_before=4,
                pain_during=4,
                pain_after=3,
                new_red_flag=False,
                stopped="",
                started_at=start,
                finished_at=start + datetime.timedelta(minutes=11),
            )
            services.record_settled(person, saved.id, True)
    seeded["program"] = stored
    return seeded


def home(page: Page) -> None:
    page.goto("/")


def anatomy(page: Page) -> None:
    page.goto(reverse("learn:anatomy"))


def body_map(page: Page) -> None:
    page.goto(reverse("assessment:start"))
    page.get_by_role(
        "button", name=re.compile("^(Start the questions|Start again)")
    ).click()
    for _ in range(3):
        page.get_by_role("button", name="Save and continue").click()
    for region in ("low_back", "hip_front", "groin"):
        page.locator(f'[data-bodymap] [data-region="{region}"]').first.click()
    expect(page.get_by_role("checkbox", name="Groin")).to_be_checked()
    page.get_by_role("group", name="Which side?").get_by_label("Right").check()


def emergency(page: Page) -> None:
    page.goto(reverse("assessment:start"))
    page.get_by_role(
        "button", name=re.compile("^(Start the questions|Start again)")
    ).click()
    page.get_by_role("radio", name="Yes", exact=True).first.check()
    page.get_by_role("button", name="Save and continue").click()
    expect(page).to_have_url(re.compile("/emergency/$"))


def session(page: Page) -> None:
    page.clock.install()
    page.goto(reverse("programs:session"))
    page.get_by_role("button", name="No, none of these: start").click()
    page.get_by_role("button", name="3", exact=True).click()
    doses = page.evaluate(
        "() => JSON.parse(document.getElementById('session-doses').textContent)"
    )
    hold = next((i for i, d in enumerate(doses) if d["dose"].get("hold_s")), 0)
    for _ in range(hold):  # skip to the first exercise with a hold timer
        page.get_by_role("button", name="Skip this exercise").click()
        page.locator("#skip-reasons button[data-reason]").first.click()
        page.get_by_role("button", name="3", exact=True).click()
    page.locator("#timer").get_by_role("button", name="Start").click()
    page.clock.run_for(4000)
    page.clock.pause_at(page.evaluate("Date.now()") + 1)


PUBLIC: dict[str, Callable[[Page], None]] = {
    "home": home,
    "anatomy": anatomy,
    "assessment-body-map": body_map,
    "emergency": emergency,
}
PRIVATE: dict[str, Callable[[Page, dict[str, Any]], None]] = {
    "result": lambda page, s: page.goto(
        reverse("assessment:result", args=[s["assessment"].id])
    ),
    "program": lambda page, _s: page.goto(reverse("programs:detail")),
    "session": lambda page, _s: session(page),
    "dashboard": lambda page, _s: page.goto(reverse("journal:dashboard")),
    "report": lambda page, _s: page.goto(reverse("reports:summary")),
}


def shoot(page: Page, name: str, size: str, scheme: str) -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    suffix = "-dark" if scheme == "dark" else ""
    expect(page.get_by_role("main")).to_be_visible()
    # the whole page, but no taller than two screens: enough for the README
    width, height = SIZES[size]["width"], SIZES[size]["height"]
    total = page.evaluate("document.documentElement.scrollHeight")
    page.screenshot(
        path=OUT / f"{name}-{size}{suffix}.png",
        full_page=True,
        clip={"x": 0, "y": 0, "width": width, "height": min(total, 2 * height)},
    )


def schemes(name: str) -> list[str]:
    return ["light", "dark"] if name in DARK else ["light"]


@pytest.mark.parametrize("size", list(SIZES))
def test_public_pages(size: str, new_context: Callable[..., BrowserContext]) -> None:
    for name, visit in PUBLIC.items():
        for scheme in schemes(name):
            context = new_context(viewport=SIZES[size], color_scheme=scheme)
            page = context.new_page()
            visit(page)
            shoot(page, name, size, scheme)
            context.close()


@pytest.mark.parametrize("size", list(SIZES))
def test_private_pages(
    size: str,
    new_context: Callable[..., BrowserContext],
    sign_in: Callable[[BrowserContext, Any], None],
    history: dict[str, Any],
) -> None:
    for name, visit in PRIVATE.items():
        for scheme in schemes(name):
            context = new_context(viewport=SIZES[size], color_scheme=scheme)
            sign_in(context, history["person"])
            page = context.new_page()
            visit(page, history)
            shoot(page, name, size, scheme)
            context.close()
