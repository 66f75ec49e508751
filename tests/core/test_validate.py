"""Bad answers documents get every problem named with its JSON path."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import psoas
from contract import document
from psoas.errors import AnswersError


def problems(doc: Any) -> list[str]:
    with pytest.raises(AnswersError) as caught:
        psoas.assess(doc)
    return caught.value.problems


@pytest.mark.parametrize(
    ("doc", "expected"),
    [
        (
            {"version": 1, "pain": {"nprs_now": 14}},
            "pain.nprs_now: must be 0..10, got 14",
        ),
        (
            {"version": 1, "pain": {"nprs_worst_week": -1}},
            "pain.nprs_worst_week: must be 0..10, got -1",
        ),
        (
            {"version": 1, "pain": {"nprs_now": 2.5}},
            "pain.nprs_now: must be a whole number, got 2.5",
        ),
        (
            {"version": 1, "pain": {"nprs_now": True}},
            "pain.nprs_now: must be a whole number, got true",
        ),
        (
            {"version": 1, "exposures": {"sitting_hours_per_day": 25}},
            "exposures.sitting_hours_per_day: must be 0..24, got 25",
        ),
        (
            {"version": 1, "exposures": {"running_km_per_week": -3}},
            "exposures.running_km_per_week: must be 0 or more, got -3",
        ),
        (
            {"version": 1, "exposures": {"sleep_position": "hammock"}},
            "exposures.sleep_position: must be one of 'back', 'side_straight', 'side_curled', 'front' or 'mixed', got \"hammock\"",
        ),
        (
            {"version": 1, "red_flags": {"chest_pain": "yes"}},
            'red_flags.chest_pain: must be true or false, got "yes"',
        ),
        (
            {"version": 1, "red_flags": {"headache": True}},
            "red_flags.headache: unknown red-flag id 'headache'",
        ),
        (
            {"version": 1, "pain": {"regions": ["low_back", "elbow"]}},
            "pain.regions[1]: unknown region 'elbow'",
        ),
        (
            {"version": 1, "pain": {"features": {"itchy": True}}},
            "pain.features.itchy: unknown pattern-feature id 'itchy'",
        ),
        (
            {"version": 1, "referred": ["hiccups"]},
            "referred[0]: unknown referred-symptom id 'hiccups'",
        ),
        (
            {"version": 1, "instruments": {"rmdq": [True] * 23}},
            "instruments.rmdq: must have exactly 24 answers (true/false), got 23",
        ),
        (
            {"version": 1, "instruments": {"psfs": [{"activity": "", "score": 3}]}},
            "instruments.psfs[0].activity: must not be empty",
        ),
        (
            {
                "version": 1,
                "instruments": {"psfs": [{"activity": "stairs", "score": 11}]},
            },
            "instruments.psfs[0].score: must be 0..10, got 11",
        ),
        ({"version": 1, "colour": "blue"}, "colour: unknown field"),
        ({"version": 2}, "version: must be one of 1, got 2"),
        ({}, "version: required"),
        ([], "(document): must be a JSON object, got a list"),
    ],
)
def test_problem_is_named_with_its_path(doc: Any, expected: str) -> None:
    assert expected in problems(doc)


def test_every_problem_is_reported_at_once() -> None:
    found = problems(
        {
            "version": 1,
            "pain": {"nprs_now": 14, "regions": ["elbow"]},
            "red_flags": {"headache": True},
            "exposures": {"sitting_hours_per_day": -1},
        }
    )
    assert len(found) == 4
    assert {p.split(":")[0] for p in found} == {
        "pain.nprs_now",
        "pain.regions[0]",
        "red_flags.headache",
        "exposures.sitting_hours_per_day",
    }


def test_json_text_is_parsed_and_checked() -> None:
    from psoas.assess import parse_answers_json

    kb = psoas.load_knowledge_base()
    with pytest.raises(AnswersError) as caught:
        parse_answers_json("{not json", kb)
    assert caught.value.problems[0].startswith("(document): not valid JSON")


def test_nan_is_not_a_number_we_accept() -> None:
    kb = psoas.load_knowledge_base()
    from psoas.assess import parse_answers_json

    with pytest.raises(AnswersError):
        parse_answers_json(
            '{"version": 1, "exposures": {"running_km_per_week": NaN}}', kb
        )


json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-100, 100)
    | st.floats(allow_nan=False)
    | st.text(max_size=5),
    lambda children: (
        st.lists(children, max_size=3)
        | st.dictionaries(st.text(max_size=8), children, max_size=3)
    ),
    max_leaves=10,
)


@given(
    key=st.sampled_from(
        [
            "pain",
            "exposures",
            "instruments",
            "self_tests",
            "person",
            "red_flags",
            "referred",
        ]
    ),
    value=json_values,
)
def test_random_documents_never_crash(key: str, value: Any) -> None:
    problems: list[str] = []
    try:
        result = psoas.assess({"version": 1, key: value})
    except AnswersError as exc:
        problems = exc.problems
    else:
        assert result.triage.level in {"emergency", "urgent", "soon", "self_care"}
        return
    assert problems
    assert all(":" in p for p in problems)


@given(
    nprs=st.integers().filter(lambda n: not 0 <= n <= 10),
    hours=st.floats(allow_nan=False).filter(lambda h: not 0 <= h <= 24),
)
def test_out_of_range_values_always_name_their_path(nprs: int, hours: float) -> None:
    found = problems(
        document(pain={"nprs_now": nprs}, exposures={"sitting_hours_per_day": hours})
    )
    paths = {p.split(":")[0] for p in found}
    assert paths == {"pain.nprs_now", "exposures.sitting_hours_per_day"}
