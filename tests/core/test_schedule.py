"""One rule for "sessions done against planned so far", used by every page."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import psoas
from psoas.program import Preferences, build_program
from psoas.program.schedule import adherence

EXAMPLES = Path(__file__).parents[2] / "examples"
START = date(2026, 3, 2)
PROGRAM = build_program(
    psoas.assess(json.loads((EXAMPLES / "desk_worker.json").read_text())),
    Preferences(days_per_week=3),
    today=START,
)
DAYS = [d for week in PROGRAM.weeks for d in week.session_days]


def test_nothing_planned_before_the_start() -> None:
    assert adherence(PROGRAM, [], START) == (0, 0)


def test_today_counts_as_planned_only_once_done() -> None:
    first = DAYS[0]
    assert adherence(PROGRAM, [], first) == (0, 0)
    assert adherence(PROGRAM, [first], first) == (1, 1)
    assert adherence(PROGRAM, [], first + timedelta(days=1)) == (0, 1)


def test_every_session_done_is_full_adherence() -> None:
    after_week_two = PROGRAM.weeks[2].start
    done = [d for d in DAYS if d < after_week_two]
    assert adherence(PROGRAM, done, after_week_two) == (6, 6)


def test_an_extra_session_on_a_rest_day_still_counts() -> None:
    rest_day = next(
        START + timedelta(days=i)
        for i in range(7)
        if START + timedelta(days=i) not in DAYS
    )
    done, planned = adherence(PROGRAM, [rest_day], rest_day)
    assert done == 1
    assert planned >= done


def test_future_days_are_ignored() -> None:
    assert adherence(PROGRAM, [DAYS[5]], DAYS[0]) == (0, 0)
