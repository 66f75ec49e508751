"""The program's outputs: the iCalendar file, the printable handout (HTML) and its PDF."""

from __future__ import annotations

import json
import re
import zlib
from datetime import date, datetime, time, timedelta
from html.parser import HTMLParser
from pathlib import Path

import pytest
from icalendar import Calendar

import psoas
from psoas.errors import PsoasError
from psoas.knowledge import KnowledgeBase, Urgency, default_knowledge_base
from psoas.knowledge.model import Dose
from psoas.program import build_program
from psoas.program import handout as handout_module
from psoas.program.dose import describe
from psoas.program.handout import (
    PdfUnavailable,
    render_handout_html,
    render_handout_pdf,
)
from psoas.program.ics import UnknownTimeZoneError, program_to_ics
from psoas.program.model import Preferences, Program

EXAMPLES = Path(__file__).parents[2] / "examples"
TODAY = date(2025, 6, 2)


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return default_knowledge_base()


def make_program(
    kb: KnowledgeBase, name: str = "desk_worker", **preferences: object
) -> Program:
    answers = psoas.validate_answers(
        json.loads((EXAMPLES / f"{name}.json").read_text()), kb
    )
    result = psoas.assess(answers, kb)
    return build_program(
        result, Preferences.model_validate(preferences), today=TODAY, kb=kb
    )


@pytest.fixture(scope="module")
def program(kb: KnowledgeBase) -> Program:
    return make_program(kb)


@pytest.fixture(scope="module")
def html(program: Program, kb: KnowledgeBase) -> str:
    return render_handout_html(program, kb)


def events(data: bytes) -> list[Calendar]:
    return list(Calendar.from_ical(data).walk("VEVENT"))


# -- iCalendar -------------------------------------------------------------------


def test_calendar_has_one_event_per_session_day(
    program: Program, kb: KnowledgeBase
) -> None:
    found = events(program_to_ics(program, kb))
    days = [day for week in program.weeks for day in week.session_days]
    assert len(found) == len(days) > 0
    assert sorted(e.decoded("dtstart").date() for e in found) == sorted(days)
    for event in found:
        for name in ("DTSTART", "DTEND", "UID", "SUMMARY", "DTSTAMP", "DESCRIPTION"):
            assert name in event
    assert len({str(e["UID"]) for e in found}) == len(found)


def test_calendar_events_last_as_long_as_the_session(
    program: Program, kb: KnowledgeBase
) -> None:
    by_day = {day: week for week in program.weeks for day in week.session_days}
    for event in events(program_to_ics(program, kb)):
        start, end = event.decoded("dtstart"), event.decoded("dtend")
        week = by_day[start.date()]
        minutes = (end - start) / timedelta(minutes=1)
        work = sum(p.minutes for p in week.exercises)
        assert work <= minutes < work + 1
        assert minutes <= program.preferences.minutes_per_day
        assert f"{int(minutes)}-minute session (week {week.week}," in str(
            event["SUMMARY"]
        )


def test_calendar_description_lists_the_weeks_exercises_and_the_safety_line(
    program: Program, kb: KnowledgeBase
) -> None:
    by_day = {day: week for week in program.weeks for day in week.session_days}
    for event in events(program_to_ics(program, kb)):
        description = str(event["DESCRIPTION"])
        week = by_day[event.decoded("dtstart").date()]
        for prescription in week.exercises:
            assert prescription.name in description
        assert "clearly worse" in description
        assert "bladder or bowel" in description
        assert "emergency" in description


def test_calendar_is_the_same_bytes_every_time(
    program: Program, kb: KnowledgeBase
) -> None:
    assert program_to_ics(program, kb) == program_to_ics(program, kb)


def test_a_different_program_gets_different_uids(
    program: Program, kb: KnowledgeBase
) -> None:
    other = make_program(kb, minutes_per_day=20)
    uids = {str(e["UID"]) for e in events(program_to_ics(program, kb))}
    other_uids = {str(e["UID"]) for e in events(program_to_ics(other, kb))}
    assert uids.isdisjoint(other_uids)


def test_calendar_has_the_required_calendar_properties(
    program: Program, kb: KnowledgeBase
) -> None:
    calendar = Calendar.from_ical(program_to_ics(program, kb))
    assert str(calendar["VERSION"]) == "2.0"
    assert "psoas" in str(calendar["PRODID"])
    assert str(calendar["CALSCALE"]) == "GREGORIAN"
    stamp = events(program_to_ics(program, kb))[0].decoded("dtstamp")
    assert stamp.date() == program.created


def test_calendar_times_are_floating_local_times_by_default(
    program: Program, kb: KnowledgeBase
) -> None:
    for event in events(program_to_ics(program, kb, at=time(18, 15))):
        start = event.decoded("dtstart")
        assert isinstance(start, datetime)
        assert start.tzinfo is None
        assert (start.hour, start.minute) == (18, 15)


def test_calendar_in_a_time_zone_names_it_and_defines_it(
    program: Program, kb: KnowledgeBase
) -> None:
    data = program_to_ics(program, kb, tz="Europe/Berlin")
    assert b"DTSTART;TZID=Europe/Berlin:" in data
    calendar = Calendar.from_ical(data)
    assert [str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")] == ["Europe/Berlin"]
    start = events(data)[0].decoded("dtstart")
    assert start.utcoffset() == timedelta(hours=2)  # summer time in June


def test_unknown_time_zone_is_refused(program: Program, kb: KnowledgeBase) -> None:
    with pytest.raises(UnknownTimeZoneError, match="Mars/Olympus"):
        program_to_ics(program, kb, tz="Mars/Olympus")


# -- doses in words --------------------------------------------------------------


@pytest.mark.parametrize(
    ("dose", "category", "words"),
    [
        (Dose(sets=2, reps=10, per_side=True), "strength", "2 sets of 10, each side; rest 30 s"),
        (Dose(sets=1, reps=8, rest_s=0), "strength", "8 times"),
        (Dose(sets=3, hold_s=30, per_side=True, rest_s=15), "stretch", "3 holds of 30 s, each side; rest 15 s"),
        (Dose(sets=1, hold_s=90), "relief", "1 hold of 1 min 30 s"),
        (Dose(sets=3, reps=6, hold_s=10, rest_s=60), "strength", "3 sets of 6, holding each 10 s; rest 1 min"),
        (Dose(sets=1, hold_s=300), "movement", "5 min"),
        (Dose(sets=2, hold_s=120, rest_s=0), "movement", "2 bouts of 2 min"),
    ],
)  # fmt: skip
def test_dose_reads_as_plain_words(dose: Dose, category: str, words: str) -> None:
    assert describe(dose, category=category) == words


# -- the handout (HTML) ----------------------------------------------------------


class Page(HTMLParser):
    """Collects what the tests look at: text, links, and each exercise card."""

    def __init__(self) -> None:
        super().__init__()
        self.text: list[str] = []
        self.links: list[tuple[str, str, str]] = []
        self.cards: dict[str, dict[str, object]] = {}
        self.classes: set[str] = set()
        self.styles: list[str] = []
        self._card: str | None = None
        self._depth = 0
        self._in_h3 = False
        self._in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = {k: v or "" for k, v in attrs}
        self.classes.update(attributes.get("class", "").split())
        for name in ("src", "href", "xlink:href", "data", "srcset", "action"):
            if name in attributes:
                self.links.append((tag, name, attributes[name]))
        if "style" in attributes:
            self.styles.append(attributes["style"])
        if tag == "style":
            self._in_style = True
        if tag == "article" and "card" in attributes.get("class", ""):
            self._card = attributes["id"].removeprefix("exercise-")
            self.cards[self._card] = {"svg": 0, "name": ""}
            self._depth = 0
        if self._card is not None and tag == "article":
            self._depth += 1
        if self._card is not None and tag == "svg":
            self.cards[self._card]["svg"] = int(str(self.cards[self._card]["svg"])) + 1
        self._in_h3 = tag == "h3"

    def handle_endtag(self, tag: str) -> None:
        if tag == "style":
            self._in_style = False
        if tag == "h3":
            self._in_h3 = False
        if self._card is not None and tag == "article":
            self._depth -= 1
            if self._depth == 0:
                self._card = None

    def handle_data(self, data: str) -> None:
        if self._in_style:
            self.styles.append(data)
            return
        self.text.append(data)
        if self._in_h3 and self._card is not None:
            self.cards[self._card]["name"] = data.strip()


def parse(html: str) -> Page:
    page = Page()
    page.feed(html)
    page.close()
    return page


def words(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def test_handout_shows_every_exercise_of_the_program_with_its_illustration(
    program: Program, html: str
) -> None:
    page = parse(html)
    in_program = {p.exercise_id: p.name for w in program.weeks for p in w.exercises}
    assert set(page.cards) == set(in_program)
    for exercise_id, name in in_program.items():
        assert page.cards[exercise_id]["name"] == name
        assert page.cards[exercise_id]["svg"] == 1


def test_handout_explains_each_exercise_step_by_step_with_its_dose_and_reason(
    program: Program, kb: KnowledgeBase, html: str
) -> None:
    text = words(" ".join(parse(html).text))
    for week in program.weeks:
        for p in week.exercises:
            exercise = kb.exercises[p.exercise_id]
            for part in (exercise.purpose, exercise.start, *exercise.steps, p.reason):
                assert words(part) in text
            assert describe(p.dose, category=exercise.category) in text


def test_handout_has_the_safety_box_with_the_levels_safety_net(
    program: Program, kb: KnowledgeBase, html: str
) -> None:
    page = parse(html)
    text = words(" ".join(page.text))
    assert "safety" in page.classes
    assert "when to stop and get help" in text
    assert words(kb.level(Urgency(program.assessment.level)).safety_net) in text
    assert "bladder or bowel" in text
    assert "5 out of 10" in text


def test_handout_for_a_see_someone_soon_result_says_so_and_uses_its_safety_net(
    kb: KnowledgeBase,
) -> None:
    program = make_program(kb, "referred_symptoms", equipment={"none"})
    assert program.assessment.level == "soon"
    text = words(" ".join(parse(render_handout_html(program, kb)).text))
    soon = kb.level(Urgency.SOON)
    assert f"Your assessment advised: {soon.title.lower()}" in text
    assert words(soon.safety_net) in text
    assert "No equipment." in text


def test_handout_has_a_schedule_row_for_every_week(program: Program, html: str) -> None:
    text = words(" ".join(parse(html).text))
    for week in program.weeks:
        assert f"Week {week.week}" in text
        for day in week.session_days:
            assert f"{day:%a} {day.day}" in text


def test_handout_lists_its_sources(
    program: Program, kb: KnowledgeBase, html: str
) -> None:
    text = words(" ".join(parse(html).text))
    assert "Sources" in text
    for source_id in program.sources:
        assert words(kb.sources[source_id].citation) in text


def test_handout_loads_nothing_from_outside(html: str) -> None:
    page = parse(html)
    for tag, name, value in page.links:
        assert value.startswith("#"), f"<{tag} {name}={value!r}>"
    for style in page.styles:
        assert "url(" not in style.replace("url(#", "")
        assert "@import" not in style
        assert "@font-face" not in style
    assert "<script" not in html.lower()


def test_handout_escapes_text_from_the_program(
    program: Program, kb: KnowledgeBase
) -> None:
    tampered = program.model_copy(
        update={"advice": ["<b>bold</b> & <script>x</script>"]}
    )
    html = render_handout_html(tampered, kb)
    assert "&lt;script&gt;x&lt;/script&gt;" in html
    assert "<script>" not in html


def test_handout_figures_keep_their_ids_apart(program: Program, html: str) -> None:
    ids = re.findall(r'\sid="([^"]+)"', html)
    assert len(ids) == len(set(ids))


# -- the handout (PDF) -----------------------------------------------------------


def pdf_pages(data: bytes) -> int:
    chunks = [data]
    for match in re.finditer(rb"stream\r?\n(.*?)\r?\nendstream", data, re.S):
        try:
            chunks.append(zlib.decompress(match.group(1)))
        except zlib.error:
            continue
    return len(re.findall(rb"/Type\s*/Page(?![s\w])", b"".join(chunks)))


def test_handout_pdf_is_a_pdf_with_pages(program: Program, kb: KnowledgeBase) -> None:
    data = render_handout_pdf(program, kb)
    assert data.startswith(b"%PDF-")
    assert pdf_pages(data) >= 2


def test_missing_pdf_libraries_give_a_clear_message(
    program: Program, kb: KnowledgeBase, monkeypatch: pytest.MonkeyPatch
) -> None:
    def missing() -> None:
        raise OSError("cannot load library 'libpango-1.0-0': no such file")

    monkeypatch.setattr(handout_module, "_import_weasyprint", missing)
    with pytest.raises(PdfUnavailable) as caught:
        render_handout_pdf(program, kb)
    message = str(caught.value)
    assert isinstance(caught.value, PsoasError)
    assert "libpango-1.0-0" in message
    assert "libpangoft2-1.0-0" in message
    assert "--html" in message
