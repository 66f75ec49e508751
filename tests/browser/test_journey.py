"""The journeys a person takes, in a real browser, asserting what they see.

(a) A new person signs up, answers the assessment like the desk worker of
    examples/desk_worker.json (no warning signs, front of the hip and lower back
    picked on the body map), reads the self-care result, makes a program, does a
    guided session (hold timers driven by Playwright's clock), writes today's journal
    entry and opens the report for a professional.
(b) Someone without an account answers "Yes" to the first emergency question and
    lands on the emergency page, with no further questions.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from psoas.knowledge import Urgency, default_knowledge_base

pytestmark = pytest.mark.browser

NEXT = "Save and continue"
PASSPHRASE = "a calm long passphrase 9"  # noqa: S105 (a test account)
SELF_CARE = default_knowledge_base().level(Urgency.SELF_CARE)


def answer_all_red_flags_no(page: Page) -> int:
    """On a red-flag step, answer "No" to every question; return how many."""
    questions = page.locator("form.wizard fieldset.question")
    count = questions.count()
    for index in range(count):
        questions.nth(index).get_by_role("radio", name="No", exact=True).check()
    return count


def nav(page: Page, name: str) -> None:
    """Follow a link of the main navigation."""
    page.get_by_role("navigation", name="Main").get_by_role("link", name=name).click()


def heading(page: Page, name: str | re.Pattern[str]) -> None:
    expect(page.get_by_role("heading", level=1)).to_have_text(name)


def test_sign_up_to_report(page: Page, live_server: Any) -> None:
    # Home → sign up
    page.goto("/")
    heading(page, re.compile("psoas", re.IGNORECASE))
    page.get_by_role("banner").get_by_role("link", name="Sign up").click()
    heading(page, "Create an account")
    page.get_by_label("User name").fill("sam")
    page.get_by_label("E-mail address").fill("sam@example.org")
    page.get_by_label(re.compile(r"^Password:?$")).fill(PASSPHRASE)
    page.get_by_label(re.compile(r"^Password (again|confirmation)")).fill(PASSPHRASE)
    page.get_by_role("button", name="Create my account").click()
    expect(page.get_by_role("status")).to_contain_text("Your account is ready")
    expect(page.get_by_role("banner").get_by_role("link", name="sam")).to_be_visible()

    # The assessment: safety questions first, all "No"
    nav(page, "Assess")
    heading(page, "Check your back or hip pain")
    expect(
        page.get_by_text("your result will be saved to your account")
    ).to_be_visible()
    page.get_by_role("button", name="Start the questions").click()
    answered = 0
    for title in (
        "Warning signs that need help straight away",
        "Signs that need a doctor within a day or so",
        "Things a doctor should know about",
    ):
        heading(page, title)
        answered += answer_all_red_flags_no(page)
        page.get_by_role("button", name=NEXT).click()
    assert answered == 36  # every red flag of the contract, so the screen is complete

    # Where it hurts: the body map ticks the matching boxes
    heading(page, "Where it hurts")
    low_back = page.get_by_role("checkbox", name="Lower back")
    hip_front = page.get_by_role("checkbox", name="Front of the hip")
    expect(low_back).not_to_be_checked()
    page.locator('[data-bodymap] [data-region="low_back"]').first.click()
    page.locator('[data-bodymap] [data-region="hip_front"]').first.click()
    expect(low_back).to_be_checked()
    expect(hip_front).to_be_checked()
    page.get_by_role("checkbox", name="Groin").check()  # the list works as well
    page.get_by_role("group", name="Which side?").get_by_label("Right").check()
    page.get_by_label("Pain now (0 to 10)").fill("4")
    page.get_by_label("Worst pain in the past week (0 to 10)").fill("6")
    page.get_by_label("How many weeks have you had this pain?").fill("8")
    page.get_by_role("button", name=NEXT).click()

    # How the pain behaves: a few features
    heading(page, "How the pain behaves")
    for question, answer in (
        ("Is the pain worse when you get up from sitting?", "Yes"),
        ("After sitting for a while, do you find it hard to stand up", "Yes"),
        ("Does lying down with your hips and knees bent", "Yes"),
        ("Does it hurt at the front of the hip or groin when the leg", "Yes"),
    ):
        group = page.get_by_role("group", name=re.compile(re.escape(question)))
        group.get_by_role("radio", name=answer, exact=True).check()
    page.get_by_role("button", name=NEXT).click()

    # Your typical day: the desk worker's exposures
    heading(page, "Your typical day")
    page.get_by_label("Total sitting time").fill("9.5")
    page.get_by_label("Longest spell of sitting without a break").fill("150")
    page.get_by_label("Walking and hiking distance").fill("10")
    page.get_by_role("group", name="Usual sleeping position").get_by_label(
        "On my back"
    ).check()
    page.get_by_role("button", name=NEXT).click()

    # The optional steps are skipped with "Save and continue" / "See my result"
    heading(page, "Optional: the Thomas self-test")
    page.get_by_role("button", name=NEXT).click()
    heading(page, "Optional: how much it limits you")
    page.get_by_role("button", name="See my result").click()

    # The result: self-care banner, the pattern, and the way to a program
    heading(page, "Your result")
    banner = page.locator("section.banner.self_care")
    expect(banner).to_contain_text(SELF_CARE.title)
    expect(page.get_by_text(re.compile(r"^Saved "))).to_be_visible()
    expect(
        page.get_by_role("heading", name="How well your pain fits an iliopsoas pattern")
    ).to_be_visible()
    page.get_by_role("link", name="See my exercise program").click()

    # The program: made from the assessment
    heading(page, "Your exercise program")
    page.get_by_role("button", name="Make my program").click()
    expect(page.get_by_role("status")).to_contain_text("Your program is ready")
    heading(page, "Your exercise program")
    expect(page.get_by_role("heading", name=re.compile(r"^Week 1: "))).to_be_visible()
    first_exercise = page.locator("ol.exercise-list > li h3").first.inner_text()
    assert first_exercise

    # The guided session, with the clock under the test's control
    page.clock.install()
    page.get_by_role("link", name=re.compile(r"^Start (today's|a) session$")).click()
    heading(page, "Today's session")
    page.get_by_role("button", name="No, none of these: start").click()
    expect(
        page.get_by_role("heading", name=re.compile("how much pain"))
    ).to_be_focused()
    page.get_by_role("button", name="2", exact=True).click()
    total = page.locator("li.exercise").count()
    doses = page.evaluate(
        "() => JSON.parse(document.getElementById('session-doses').textContent)"
    )
    holds = [i for i, d in enumerate(doses) if d["dose"].get("hold_s")]
    assert holds, "expected at least one exercise with a hold in the first session"
    for index in range(total):
        do_exercise(page, index, total, timed=index == holds[0])
    expect(
        page.get_by_role("heading", name="Well done. How much pain do you have now?")
    ).to_be_visible()
    page.get_by_role("button", name="1", exact=True).click()
    expect(page.get_by_role("heading", name="Well done", exact=True)).to_be_visible()
    expect(page.get_by_role("status")).to_have_text(
        f"Saved: {total} of {total} exercises done."
    )
    page.get_by_role("link", name="Back to my program").click()
    heading(page, "Your exercise program")

    # The journal: today's entry, with the session just done
    nav(page, "Journal")
    heading(page, "Your progress")
    page.get_by_role("link", name="Add today's entry").click()
    heading(page, re.compile(r"^Today"))
    expect(page.locator(".sessions-today")).to_contain_text(f"{total} exercises done")
    page.get_by_role("radio", name="3", exact=True).check()
    page.get_by_label("Hours spent sitting today").fill("8")
    page.get_by_role("button", name="Save today's entry").click()
    expect(page.get_by_role("status")).to_contain_text("is saved")
    expect(page.get_by_role("link", name="Change today's entry")).to_be_visible()

    # The report: the screen and the program
    nav(page, "Report")
    heading(page, "Summary for a professional")
    expect(page.get_by_text("Person: sam")).to_be_visible()
    screen = page.get_by_role("region", name="Safety screen")
    expect(screen).to_contain_text(SELF_CARE.title)
    expect(screen).to_contain_text("Every warning-sign question was answered.")
    program = page.get_by_role("region", name="Exercise program")
    expect(program).to_contain_text(re.compile(r"Now in week 1 of \d+"))
    expect(program.get_by_role("cell", name=first_exercise)).to_be_visible()
    sessions = page.get_by_role("region", name="Sessions done")
    expect(sessions).to_be_visible()


def do_exercise(page: Page, index: int, total: int, *, timed: bool) -> None:
    """Do exercise `index`: the first with its timers, the others marked done."""
    item = page.locator("li.exercise").nth(index)
    expect(item.get_by_text(f"Exercise {index + 1} of {total}")).to_be_visible()
    timer = item.locator("#timer")
    timer.get_by_role("button", name="Start").click()
    after = page.get_by_role("heading", name="Pain right now, after this exercise?")
    if timed:  # a hold: the countdown runs down on its own, sped up by the clock
        clock = timer.get_by_role("timer")
        expect(clock).to_have_text(re.compile(r"^\d+ s$"))
        first = int(clock.inner_text().split()[0])
        page.clock.run_for(1500)
        expect(clock).to_have_text(f"{first - 1} s")
        seconds = page.evaluate(
            "() => psoasSession.state.steps.reduce((t, s) => t + s.seconds, 0)"
        )
        page.clock.run_for(int(seconds * 1000) + 1000)
    advance = timer.get_by_role(
        "button", name=re.compile("^(Done early|Set done|Skip the rest)$")
    )
    for _ in range(200):
        if after.is_visible():
            break
        advance.first.click()
    expect(after).to_be_visible()
    page.get_by_role("button", name="2", exact=True).click()


def test_emergency_answer_stops_the_questions(page: Page) -> None:
    page.goto("/assess/")
    page.get_by_role("button", name="Start the questions").click()
    heading(page, "Warning signs that need help straight away")
    first = page.locator("form.wizard fieldset.question").first
    first.get_by_role("radio", name="Yes", exact=True).check()
    page.get_by_role("button", name=NEXT).click()

    expect(page).to_have_url(re.compile(r"/assess/emergency/$"))
    heading(page, "Call your local emergency number now")
    expect(page.get_by_role("alert")).to_contain_text("Emergency")
    expect(page.get_by_text("The questions stop here")).to_be_visible()
    # no further questions: no wizard form, no way on to the next step
    expect(page.locator("form.wizard")).to_have_count(0)
    expect(page.get_by_role("button", name=NEXT)).to_have_count(0)
    expect(page.get_by_role("radio")).to_have_count(0)
