"""Validate an answers document and report every problem with its JSON path."""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Mapping
from typing import Any

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from psoas.assess.answers import Answers
from psoas.assess.fields import bounds
from psoas.errors import AnswersError
from psoas.knowledge import KnowledgeBase


def validate_answers(document: Any, kb: KnowledgeBase) -> Answers:
    """Return the answers in ``document`` or raise listing every problem.

    Args:
        document: parsed JSON (a dict), or an :class:`Answers` already validated.
        kb: the knowledge base whose ids the document may use.

    Raises:
        AnswersError: with one line per problem, e.g. ``pain.nprs_now: must be 0..10,
            got 14``.
    """
    if isinstance(document, Answers):
        problems = list(_unknown_ids(document.model_dump(exclude_none=True), kb))
        if problems:
            raise AnswersError(problems)
        return document
    if not isinstance(document, Mapping):
        raise AnswersError(
            [f"(document): must be a JSON object, got {_kind(document)}"]
        )
    problems = list(_unknown_ids(document, kb))
    try:
        answers = Answers.model_validate(dict(document), strict=True)
    except ValidationError as exc:
        problems = [_message(error) for error in exc.errors()] + problems
        raise AnswersError(problems) from None
    if problems:
        raise AnswersError(problems)
    return answers


def parse_answers_json(text: str | bytes, kb: KnowledgeBase) -> Answers:
    """Parse JSON text and validate it; a JSON syntax error is reported like any problem."""
    try:
        document = json.loads(text, parse_constant=_reject_constant)
    except (ValueError, UnicodeDecodeError) as exc:
        raise AnswersError([f"(document): not valid JSON: {exc}"]) from None
    return validate_answers(document, kb)


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not allowed")


def _unknown_ids(document: Mapping[str, Any], kb: KnowledgeBase) -> Iterable[str]:
    """Yield a problem for every id that the knowledge base does not know."""
    flags = document.get("red_flags")
    if isinstance(flags, Mapping):
        for key in flags:
            if key not in kb.red_flags:
                yield f"red_flags.{key}: unknown red-flag id '{key}'"
    pain = document.get("pain")
    if isinstance(pain, Mapping):
        regions = pain.get("regions")
        if isinstance(regions, list):
            for index, region in enumerate(regions):
                if isinstance(region, str) and region not in kb.regions:
                    yield f"pain.regions[{index}]: unknown region '{region}'"
        features = pain.get("features")
        if isinstance(features, Mapping):
            known = kb.features
            for key in features:
                if key not in known:
                    yield f"pain.features.{key}: unknown pattern-feature id '{key}'"
    referred = document.get("referred")
    if isinstance(referred, list):
        for index, symptom in enumerate(referred):
            if isinstance(symptom, str) and symptom not in kb.referred:
                yield f"referred[{index}]: unknown referred-symptom id '{symptom}'"


def _path(loc: tuple[int | str, ...]) -> str:
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out or "(document)"


def _show(value: Any) -> str:
    if isinstance(value, float) and not math.isfinite(value):
        return str(value)
    try:
        text = json.dumps(value, ensure_ascii=False)
    except (TypeError, ValueError):
        text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _kind(value: Any) -> str:
    names = {dict: "an object", list: "a list", str: "a string", bool: "true/false"}
    if value is None:
        return "null"
    if isinstance(value, int | float) and not isinstance(value, bool):
        return "a number"
    return names.get(type(value), type(value).__name__)


def _message(error: ErrorDetails) -> str:
    loc = tuple(error["loc"])
    path = _path(loc)
    kind = error["type"]
    given = error.get("input")
    ctx = error.get("ctx") or {}
    if kind == "missing":
        return f"{path}: required"
    if kind == "extra_forbidden":
        return f"{path}: unknown field"
    if kind in {"greater_than_equal", "less_than_equal", "greater_than", "less_than"}:
        low, high = _bounds(loc)
        if low is not None and high is not None:
            return f"{path}: must be {_num(low)}..{_num(high)}, got {_show(given)}"
        return f"{path}: must be {_num(low or 0)} or more, got {_show(given)}"
    if kind in {"finite_number"}:
        return f"{path}: must be a finite number, got {_show(given)}"
    if kind in {"int_type", "int_from_float", "int_parsing"}:
        return f"{path}: must be a whole number, got {_show(given)}"
    if kind in {"float_type", "float_parsing"}:
        return f"{path}: must be a number, got {_show(given)}"
    if kind in {"bool_type", "bool_parsing"}:
        return f"{path}: must be true or false, got {_show(given)}"
    if kind in {"string_type"}:
        return f"{path}: must be a string, got {_show(given)}"
    if kind == "literal_error":
        return f"{path}: must be one of {ctx.get('expected', '')}, got {_show(given)}"
    if kind in {"dict_type", "model_type", "model_attributes_type"}:
        return f"{path}: must be an object, got {_kind(given)}"
    if kind == "list_type":
        return f"{path}: must be a list, got {_kind(given)}"
    if kind in {"too_short", "too_long", "string_too_short", "string_too_long"}:
        return _length_message(path, loc, kind, given, ctx)
    return f"{path}: {error['msg']}"


def _length_message(
    path: str, loc: tuple[int | str, ...], kind: str, given: Any, ctx: Mapping[str, Any]
) -> str:
    if isinstance(given, str):
        if kind == "string_too_short":
            return f"{path}: must not be empty"
        return f"{path}: must be at most {ctx.get('max_length')} characters"
    count = len(given) if isinstance(given, list | dict) else "?"
    if loc and loc[-1] == "rmdq":
        return f"{path}: must have exactly 24 answers (true/false), got {count}"
    if kind == "too_long":
        return f"{path}: must have at most {ctx.get('max_length')} entries, got {count}"
    return f"{path}: must have at least {ctx.get('min_length')} entries, got {count}"


def _num(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)


def _bounds(loc: tuple[int | str, ...]) -> tuple[float | None, float | None]:
    """Return the (ge, le) bounds of the field at ``loc`` in the answers model."""
    model: type[BaseModel] | None = Answers
    info = None
    for part in loc:
        if isinstance(part, int) or model is None:
            continue
        info = model.model_fields.get(part)
        if info is None:
            return None, None
        model = _model_in(info.annotation)
    if info is None:
        return None, None
    return bounds(info.annotation, info.metadata)


def _model_in(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()) or ():
        found = _model_in(arg)
        if found is not None:
            return found
    return None
