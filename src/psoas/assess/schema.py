"""The JSON Schema of the answers document, generated from the models and the knowledge base."""

from __future__ import annotations

from typing import Any

from psoas.assess.answers import Answers
from psoas.knowledge import KnowledgeBase


def answers_schema(kb: KnowledgeBase) -> dict[str, Any]:
    """Return the JSON Schema (2020-12) of the answers document.

    The shape comes from :class:`Answers`; the ids a document may use (red flags, regions,
    pattern features, referred symptoms) come from ``kb``, so the schema names them all.
    """
    schema = Answers.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = "https://psoas.invalid/schema/answers-v1.json"
    schema["title"] = "psoas answers document, version 1"
    defs = schema["$defs"]
    _restrict_keys(schema["properties"]["red_flags"], list(kb.red_flags))
    _restrict_keys(defs["Pain"]["properties"]["features"], list(kb.features))
    _restrict_items(defs["Pain"]["properties"]["regions"], list(kb.regions))
    _restrict_items(schema["properties"]["referred"], list(kb.referred))
    return schema


def _object_branch(prop: dict[str, Any]) -> dict[str, Any]:
    return next(
        b for b in prop.get("anyOf", [prop]) if b.get("type") in {"object", "array"}
    )


def _restrict_keys(prop: dict[str, Any], ids: list[str]) -> None:
    branch = _object_branch(prop)
    branch["propertyNames"] = {"enum": ids}


def _restrict_items(prop: dict[str, Any], ids: list[str]) -> None:
    branch = _object_branch(prop)
    branch["items"] = {"type": "string", "enum": ids}
