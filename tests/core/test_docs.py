"""Docs are tests: the knowledge-base format page and the README keep up with the code."""

from __future__ import annotations

import inspect
import re
from pathlib import Path

import pytest
from pydantic import BaseModel

from psoas.knowledge import model
from psoas.knowledge.load import FILES, default_data_dir

ROOT = Path(__file__).parents[2]
KB_README = (default_data_dir() / "README.md").read_text()
MODELS = [
    cls
    for _, cls in inspect.getmembers(model, inspect.isclass)
    if issubclass(cls, BaseModel)
    and cls.__module__ == model.__name__
    and cls is not model.Record
]


@pytest.mark.parametrize("cls", MODELS, ids=lambda cls: cls.__name__)
def test_every_knowledge_base_field_is_documented(cls: type[BaseModel]) -> None:
    missing = [f for f in cls.model_fields if not re.search(rf"\b{f}\b", KB_README)]
    assert missing == []


@pytest.mark.parametrize("name", FILES)
def test_every_knowledge_base_file_is_documented(name: str) -> None:
    assert name in KB_README


@pytest.mark.parametrize(
    "command",
    ["psoas assess", "--answers", "--json", "--save", "psoas history", "psoas learn",
     "psoas schema answers", "psoas kb check", "make run", "make test"],
)  # fmt: skip
def test_readme_shows_every_command(command: str) -> None:
    assert command in (ROOT / "README.md").read_text()
