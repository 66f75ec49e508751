"""Instrument scoring against published scoring rules, and the reading of change."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

import psoas
from contract import document
from psoas.instruments import read_change, score_psfs, score_rmdq

KB = psoas.load_knowledge_base()


@pytest.mark.parametrize(
    ("ticked", "score"),
    [
        (set(), 0),
        ({1}, 1),
        ({2, 3, 8, 11, 15, 18, 21}, 7),
        (set(range(1, 25)), 24),
    ],
)
def test_rmdq_score_is_the_number_of_statements_ticked(
    ticked: set[int], score: int
) -> None:
    # Roland & Morris 1983: one point per statement ticked, 0..24
    items = [i in ticked for i in range(1, 25)]
    assert score_rmdq(items) == score
    result = psoas.assess(document(instruments={"rmdq": items}))
    assert result.instruments.rmdq is not None
    assert (result.instruments.rmdq.score, result.instruments.rmdq.of) == (score, 24)


def test_rmdq_needs_exactly_24_answers() -> None:
    with pytest.raises(ValueError, match="24 items, got 23"):
        score_rmdq([False] * 23)


@pytest.mark.parametrize(
    ("scores", "mean"),
    [
        ([4, 5, 6], 5.0),
        ([3, 2], 2.5),
        ([10], 10.0),
        ([1, 2, 2], 1.7),
        ([0, 0, 0, 0, 1], 0.2),
    ],
)
def test_psfs_score_is_the_mean_activity_rating(scores: list[int], mean: float) -> None:
    # Stratford 1995: the mean of the activity ratings, 0 (unable) .. 10 (as before)
    assert score_psfs(scores) == mean


@given(st.lists(st.booleans(), min_size=24, max_size=24))
def test_rmdq_score_stays_in_range(items: list[bool]) -> None:
    assert 0 <= score_rmdq(items) <= 24


@given(st.lists(st.integers(0, 10), min_size=1, max_size=5))
def test_psfs_score_stays_in_range(scores: list[int]) -> None:
    assert 0 <= score_psfs(scores) <= 10


@pytest.mark.parametrize(
    ("before", "after", "meaningful", "direction"),
    [
        (8, 6, True, "better"),  # 2 points (Farrar 2001: about 2 points or 30%)
        (8, 7, False, "better"),  # 1 point, 12.5%
        (3, 2, True, "better"),  # 1 point but 33%
        (5, 5, False, "same"),
        (4, 7, True, "worse"),
    ],
)
def test_nprs_change_reading(
    before: int, after: int, meaningful: bool, direction: str
) -> None:
    change = read_change("nprs", before, after, KB)
    assert (change.meaningful, change.direction) == (meaningful, direction)


def test_rmdq_change_of_five_points_matters_and_two_does_not() -> None:
    # Ostelo 2008: 5 points or 30%
    assert read_change("rmdq", 20, 15, KB).meaningful
    assert not read_change("rmdq", 20, 18, KB).meaningful


def test_psfs_rise_is_better() -> None:
    change = read_change("psfs", 4.0, 6.5, KB)
    assert change.direction == "better"
    assert change.meaningful


def test_nprs_reported_with_its_meaningful_change() -> None:
    result = psoas.assess(document(pain={"nprs_now": 5, "nprs_worst_week": 7}))
    assert result.instruments.nprs is not None
    assert (result.instruments.nprs.now, result.instruments.nprs.worst_week) == (5, 7)
    assert "2 points or 30%" in result.instruments.nprs.meaningful_change


def test_instruments_not_answered_are_left_out_of_the_json() -> None:
    data = psoas.assess(document()).to_json_dict()
    assert data["instruments"] == {}


def test_rmdq_items_are_the_original_24_statements() -> None:
    items = KB.instruments["rmdq"].items
    assert len(items) == 24
    assert items[0].startswith("I stay at home most of the time because of my back")
    assert items[-1].startswith("I stay in bed most of the time because of my back")
