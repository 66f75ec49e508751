"""The learn area: topics, anatomy figure, exercise library and sources, with their citations."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest
from django.test import Client
from django.utils.html import escape

from psoas.knowledge import default_knowledge_base
from psoas.knowledge.model import Statement
from psoas_web.learn.citations import Citations

KB = default_knowledge_base()
UNVERIFIED = "not verified against a published source"


class Page(HTMLParser):
    """The tags of a page, as (tag, attributes, open elements above it)."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str], tuple[str, ...]]] = []
        self.stack: list[str] = []
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, {k: v or "" for k, v in attrs}, tuple(self.stack)))
        if tag not in {"br", "img", "input", "link", "meta", "path", "circle", "rect"}:
            self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in self.stack:
            while self.stack and self.stack.pop() != tag:
                pass

    def ids(self) -> set[str]:
        return {attrs["id"] for _, attrs, _ in self.tags if "id" in attrs}

    def local_refs(self) -> list[str]:
        return [
            attrs["href"][1:]
            for tag, attrs, _ in self.tags
            if tag == "a" and attrs.get("href", "").startswith("#src-")
        ]


def get(client: Client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def assert_statement_shown(html: str, statement: Statement) -> None:
    at = html.index(escape(statement.text))
    after = html[at : at + len(escape(statement.text)) + 2500]
    for source_id in statement.sources:
        assert f'href="#src-{source_id}"' in after.split("</p>")[0].split("</li>")[0]
    if not statement.verified:
        assert UNVERIFIED in after.split("</p>")[0].split("</li>")[0]


def assert_refs_resolve(html: str) -> None:
    page = Page(html)
    refs = page.local_refs()
    assert refs, "the page cites no source"
    ids = page.ids()
    assert set(refs) <= ids
    numbers = [
        int(n) for n in re.findall(r'<li id="src-[a-z0-9_]+" value="(\d+)"', html)
    ]
    assert numbers == list(range(1, len(numbers) + 1))


def assert_no_external_resources(html: str) -> None:
    page = Page(html)
    for tag, attrs, above in page.tags:
        for name in ("src", "srcset", "data", "poster"):
            assert not re.match(r"\s*(https?:)?//", attrs.get(name, "")), (tag, attrs)
        if tag == "link":
            assert not re.match(r"\s*(https?:)?//", attrs.get("href", "")), attrs
        if tag == "a" and re.match(r"\s*(https?:)?//", attrs.get("href", "")):
            assert "noopener" in attrs.get("rel", "").split(), attrs
            assert "ol" in above, attrs  # only the list of sources links outside


# -- index ---------------------------------------------------------------------------------


@pytest.mark.parametrize("who", ["anon_client", "owner_client"])
def test_index_lists_every_topic_and_the_ways_in(
    who: str, request: pytest.FixtureRequest
) -> None:
    html = get(request.getfixturevalue(who), "/learn/")
    for topic in KB.topics.values():
        assert f'href="/learn/{topic.id}/"' in html
        assert escape(topic.title) in html
        assert escape(topic.summary) in html
    for url in ("/learn/anatomy/", "/learn/exercises/", "/learn/sources/"):
        assert f'href="{url}"' in html
    assert_no_external_resources(html)


# -- topics --------------------------------------------------------------------------------


@pytest.mark.parametrize("topic_id", list(KB.topics))
def test_every_topic_shows_its_statements_with_numbered_sources(
    anon_client: Client, topic_id: str
) -> None:
    topic = KB.topics[topic_id]
    html = get(anon_client, f"/learn/{topic_id}/")
    assert escape(topic.title) in html
    for section in topic.sections:
        assert escape(section.heading) in html
        for statement in section.statements:
            assert_statement_shown(html, statement)
    cited = {
        s for section in topic.sections for st in section.statements for s in st.sources
    }
    for source_id in cited:
        assert f'id="src-{source_id}"' in html
        assert escape(KB.sources[source_id].citation) in html
    assert_refs_resolve(html)
    assert_no_external_resources(html)


def test_unverified_statements_say_so(anon_client: Client) -> None:
    minor = KB.muscles["psoas_minor"]
    unverified = [note for note in minor.notes if not note.verified]
    assert unverified
    html = get(anon_client, "/learn/anatomy/")
    for statement in unverified:
        assert_statement_shown(html, statement)
    verified = next(note for note in minor.notes if note.verified)
    at = html.index(escape(verified.text))
    assert UNVERIFIED not in html[at : html.index("</li>", at)]


def test_source_links_go_to_the_literature(anon_client: Client) -> None:
    html = get(anon_client, "/learn/iliopsoas/")
    page = Page(html)
    outside = [
        a for t, a, _ in page.tags if t == "a" and a.get("href", "").startswith("http")
    ]
    assert outside
    assert all(a["rel"].split()[0] == "noopener" for a in outside)
    with_doi = next(s for s in KB.sources.values() if s.doi and not s.url)
    sources_html = get(anon_client, "/learn/sources/")
    assert f'href="https://doi.org/{with_doi.doi}"' in sources_html


@pytest.mark.parametrize("url", ["/learn/no_such_topic/", "/learn/Nope!/"])
def test_unknown_topic_is_404(anon_client: Client, url: str) -> None:
    assert anon_client.get(url).status_code == 404


# -- anatomy -------------------------------------------------------------------------------


@pytest.mark.parametrize("who", ["anon_client", "owner_client", "other_client"])
def test_anatomy_figure_has_one_selectable_part_per_muscle(
    who: str, request: pytest.FixtureRequest
) -> None:
    html = get(request.getfixturevalue(who), "/learn/anatomy/")
    page = Page(html)
    in_figure = [
        attrs
        for tag, attrs, above in page.tags
        if tag == "a" and "svg" in above and "data-part" in attrs
    ]
    assert sorted(a["data-part"] for a in in_figure) == sorted(KB.muscles)
    for attrs in in_figure:
        muscle = KB.muscles[attrs["data-part"]]
        assert attrs["href"] == f"#{muscle.id}"
        assert attrs["aria-label"] == muscle.name
    svg = html[html.index("<svg") : html.index("</svg>")]
    assert "<title" in svg
    assert "<desc" in svg
    assert 'static/psoas/learn/anatomy.js"' in html


def test_anatomy_panels_show_attachments_nerves_and_sources(
    anon_client: Client,
) -> None:
    html = get(anon_client, "/learn/anatomy/")
    page = Page(html)
    ids = page.ids()
    panels = [a for t, a, _ in page.tags if t == "section" and "data-panel" in a]
    assert len(panels) == len(KB.muscles)
    assert not any("hidden" in a for a in panels)  # without JavaScript, all are shown
    for muscle in KB.muscles.values():
        assert muscle.id in ids
        assert f'data-panel="{muscle.id}"' in html
        for statement in (muscle.origin, muscle.insertion, muscle.nerve_supply):
            assert_statement_shown(html, statement)
        for statement in [*muscle.actions, *muscle.neighbours, *muscle.notes]:
            assert_statement_shown(html, statement)
    for label in (
        "Starts at (origin)",
        "Ends at (insertion)",
        "Nerve supply",
        "What it does",
    ):
        assert label in html
    assert_refs_resolve(html)
    assert_no_external_resources(html)


def test_anatomy_script_is_served(anon_client: Client) -> None:
    for path in ("/static/psoas/learn/anatomy.js", "/static/psoas/learn/learn.css"):
        response = anon_client.get(path)
        assert response.status_code == 200
        response.close()


# -- exercises -----------------------------------------------------------------------------


@pytest.mark.parametrize("exercise_id", list(KB.exercises))
def test_every_exercise_page_has_its_animated_picture_and_steps(
    anon_client: Client, exercise_id: str
) -> None:
    exercise = KB.exercises[exercise_id]
    html = get(anon_client, f"/learn/exercises/{exercise_id}/")
    svg = html[html.index("<svg") : html.index("</svg>")]
    assert "<animate" in svg
    assert escape(exercise.name) in svg
    for step in exercise.steps:
        assert escape(step) in html
    assert escape(exercise.purpose) in html
    assert_statement_shown(html, exercise.why)
    for caution in exercise.cautions:
        assert_statement_shown(html, caution)
    for source_id in exercise.sources:
        assert f'id="src-{source_id}"' in html
    for other in (exercise.regression, exercise.progression):
        if other:
            assert f'href="/learn/exercises/{other}/"' in html
    assert_refs_resolve(html)
    assert_no_external_resources(html)


def test_exercise_page_gives_the_dose_in_words(owner_client: Client) -> None:
    from psoas.program.dose import describe

    exercise = KB.exercises["half_kneeling_hip_flexor_stretch"]
    html = get(owner_client, f"/learn/exercises/{exercise.id}/")
    assert (
        escape(describe(exercise.dose, category=exercise.category).capitalize()[:12])
        in html
    )
    assert "you have had a hip replaced recently" in html


def test_library_lists_every_exercise(anon_client: Client) -> None:
    html = get(anon_client, "/learn/exercises/")
    for exercise in KB.exercises.values():
        assert f'href="/learn/exercises/{exercise.id}/"' in html
    assert_no_external_resources(html)


@pytest.mark.parametrize(
    ("query", "keep"),
    [
        ("category=stretch", lambda e: e.category == "stretch"),
        ("position=desk", lambda e: "desk" in e.positions),
        (
            "category=strength&position=floor",
            lambda e: e.category == "strength" and "floor" in e.positions,
        ),
    ],
)
def test_library_filters_by_category_and_position(
    anon_client: Client, query: str, keep: object
) -> None:
    html = get(anon_client, f"/learn/exercises/?{query}")
    shown = set(re.findall(r'<h2><a href="/learn/exercises/([a-z0-9_]+)/"', html))
    assert callable(keep)
    wanted = {e.id for e in KB.exercises.values() if keep(e)}
    assert wanted
    assert shown == wanted


def test_library_ignores_an_unknown_filter_value(anon_client: Client) -> None:
    html = get(anon_client, "/learn/exercises/?category=flying")
    shown = set(re.findall(r'<h2><a href="/learn/exercises/([a-z0-9_]+)/"', html))
    assert shown == set(KB.exercises)
    assert "errorlist" in html


def test_unknown_exercise_is_404(anon_client: Client, owner_client: Client) -> None:
    assert anon_client.get("/learn/exercises/no_such_exercise/").status_code == 404
    assert owner_client.get("/learn/exercises/no_such_exercise/").status_code == 404


# -- sources -------------------------------------------------------------------------------


@pytest.mark.parametrize("who", ["anon_client", "owner_client"])
def test_sources_page_lists_every_source(
    who: str, request: pytest.FixtureRequest
) -> None:
    html = get(request.getfixturevalue(who), "/learn/sources/")
    for source in KB.sources.values():
        assert f'id="src-{source.id}"' in html
        assert escape(source.citation) in html
    assert "systematic review" in html
    assert_no_external_resources(html)


@pytest.mark.parametrize(
    "url",
    [
        "/learn/",
        "/learn/causes/",
        "/learn/anatomy/",
        "/learn/exercises/",
        "/learn/sources/",
    ],
)
def test_pages_only_answer_reads(owner_client: Client, url: str) -> None:
    assert owner_client.post(url).status_code == 405


# -- citations -----------------------------------------------------------------------------


def test_citations_number_sources_in_order_of_first_use() -> None:
    citations = Citations(KB.sources)
    first = citations.cite(Statement(text="x", sources=["a2", "a1"]))
    second = citations.cite(
        Statement(text="y", sources=["a3", "a1", "a1"], verified=False)
    )
    assert [(r.number, r.source.id) for r in first.refs] == [(1, "a2"), (2, "a1")]
    assert [(r.number, r.source.id) for r in second.refs] == [(2, "a1"), (3, "a3")]
    assert not second.verified
    assert [r.source.id for r in citations.sources] == ["a2", "a1", "a3"]
    assert citations.sources[0].anchor == "src-a2"
