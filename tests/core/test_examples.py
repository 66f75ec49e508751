"""Every example answers document gives its expected result (in process)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

import psoas

EXAMPLES = Path(__file__).parents[2] / "examples"
NAMES = sorted(
    p.name.removesuffix(".json")
    for p in EXAMPLES.glob("*.json")
    if ".expected" not in p.name
)


def contains(actual: Any, expected: Any, path: str = "") -> list[str]:
    """Return where ``actual`` differs from the parts that ``expected`` names."""
    if isinstance(expected, dict):
        if not isinstance(actual, dict):
            return [f"{path}: expected an object"]
        out = []
        for key, value in expected.items():
            if key not in actual:
                out.append(f"{path}.{key}: missing")
            else:
                out.extend(contains(actual[key], value, f"{path}.{key}"))
        return out
    if isinstance(expected, list) and expected and isinstance(expected[0], dict):
        if not isinstance(actual, list) or len(actual) != len(expected):
            return [f"{path}: expected {len(expected)} entries, got {actual!r}"]
        return [
            d
            for i, e in enumerate(expected)
            for d in contains(actual[i], e, f"{path}[{i}]")
        ]
    return [] if actual == expected else [f"{path}: {actual!r} != {expected!r}"]


def test_there_are_at_least_eight_examples() -> None:
    assert len(NAMES) >= 8


@pytest.mark.parametrize("name", NAMES)
def test_example_gives_its_expected_result(name: str) -> None:
    answers = json.loads((EXAMPLES / f"{name}.json").read_text())
    expected = json.loads((EXAMPLES / f"{name}.expected.json").read_text())
    result = psoas.assess(answers).to_json_dict()
    assert contains(result, expected) == []
