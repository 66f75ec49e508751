"""Load the knowledge base: YAML files -> validated, cross-checked, immutable records."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from psoas.errors import KnowledgeBaseError
from psoas.knowledge.figure import Figure
from psoas.knowledge.model import (
    Exercise,
    Exposure,
    Instrument,
    Muscle,
    Pattern,
    PatternFeature,
    Professional,
    RedFlag,
    ReferredSymptom,
    Region,
    Source,
    Statement,
    Topic,
    Triage,
    Urgency,
    UrgencyLevel,
)

try:  # libyaml is ~10x faster; PyYAML's wheels ship it
    _Loader: Any = yaml.CSafeLoader
except AttributeError:  # pragma: no cover
    _Loader = yaml.SafeLoader

M = TypeVar("M", bound=BaseModel)

#: the files of the knowledge base, in load order
FILES = (
    "meta.yaml",
    "sources.yaml",
    "triage.yaml",
    "red_flags.yaml",
    "regions.yaml",
    "pattern.yaml",
    "referred.yaml",
    "exposures.yaml",
    "instruments.yaml",
    "professionals.yaml",
    "anatomy.yaml",
    "topics.yaml",
)
#: folders holding one record per file, the file named after the record's id
DIRS = ("exercises", "figures")


@dataclass(frozen=True)
class KnowledgeBase:
    """Every record of the knowledge base, by id, in file order."""

    version: str  # the declared version plus a digest of the files' contents
    sources: Mapping[str, Source]
    triage: Triage
    red_flags: Mapping[str, RedFlag]
    regions: Mapping[str, Region]
    pattern: Pattern
    referred: Mapping[str, ReferredSymptom]
    exposures: Mapping[str, Exposure]
    instruments: Mapping[str, Instrument]
    professionals: Mapping[str, Professional]
    muscles: Mapping[str, Muscle]
    topics: Mapping[str, Topic]
    exercises: Mapping[str, Exercise]
    figures: Mapping[str, Figure]

    def level(self, urgency: Urgency) -> UrgencyLevel:
        """Return what we say at ``urgency``."""
        return next(level for level in self.triage.levels if level.id is urgency)

    @property
    def features(self) -> Mapping[str, PatternFeature]:
        """Return the pattern features by id."""
        return {feature.id: feature for feature in self.pattern.features}

    def records(self) -> Iterable[tuple[str, BaseModel]]:
        """Yield ("file: id", record) for every record, and the two single-record files."""
        yield "triage.yaml", self.triage
        yield "pattern.yaml", self.pattern
        for name, mapping in (
            ("red_flags.yaml", self.red_flags),
            ("regions.yaml", self.regions),
            ("referred.yaml", self.referred),
            ("exposures.yaml", self.exposures),
            ("instruments.yaml", self.instruments),
            ("professionals.yaml", self.professionals),
            ("anatomy.yaml", self.muscles),
            ("topics.yaml", self.topics),
        ):
            for record_id, record in mapping.items():
                yield f"{name}: {record_id}", record
        for record_id, exercise in self.exercises.items():
            yield f"exercises/{record_id}.yaml", exercise


def default_data_dir() -> Path:
    """Return the directory of the knowledge base shipped with psoas."""
    return Path(str(resources.files("psoas.knowledge") / "data"))


@cache
def default_knowledge_base() -> KnowledgeBase:
    """Return the shipped knowledge base, loaded once per process."""
    return load_knowledge_base()


def load_knowledge_base(data_dir: Path | None = None) -> KnowledgeBase:
    """Load, validate and cross-check the knowledge base in ``data_dir``.

    Args:
        data_dir: a directory holding the files in :data:`FILES`; the shipped one if None.

    Returns:
        The knowledge base.

    Raises:
        KnowledgeBaseError: listing every problem, each naming file, record and field.
    """
    directory = data_dir or default_data_dir()
    problems: list[str] = []
    raw: dict[str, Any] = {}
    digest = hashlib.sha256()
    for name in FILES:
        path = directory / name
        try:
            text = path.read_bytes()
        except OSError as exc:
            problems.append(f"{name}: cannot be read ({exc.strerror or exc})")
            continue
        digest.update(text)
        try:
            raw[name] = yaml.load(text, Loader=_Loader)  # noqa: S506 (a safe loader)
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            where = f" (line {mark.line + 1}, column {mark.column + 1})" if mark else ""
            problems.append(
                f"{name}: not valid YAML{where}: {getattr(exc, 'problem', exc)}"
            )
    folders: dict[str, dict[str, Any]] = {}
    for folder in DIRS:
        folders[folder] = {}
        for path in sorted((directory / folder).glob("*.yaml")):
            text = path.read_bytes()
            digest.update(path.name.encode() + text)
            name = f"{folder}/{path.name}"
            try:
                folders[folder][name] = yaml.load(text, Loader=_Loader)  # noqa: S506
            except yaml.YAMLError as exc:
                problems.append(f"{name}: not valid YAML{_where(exc)}: {_problem(exc)}")
    if problems:
        raise KnowledgeBaseError(problems)

    def records(name: str, key: str, model: type[M]) -> dict[str, M]:
        return _records(name, raw[name], key, model, problems)

    def single(name: str, model: type[M]) -> M | None:
        return _single(name, raw[name], model, problems)

    meta = raw["meta.yaml"] if isinstance(raw["meta.yaml"], dict) else {}
    declared = str(meta.get("version", "")) or "0"
    sources = records("sources.yaml", "sources", Source)
    triage = single("triage.yaml", Triage)
    red_flags = records("red_flags.yaml", "red_flags", RedFlag)
    regions = records("regions.yaml", "regions", Region)
    pattern = single("pattern.yaml", Pattern)
    referred = records("referred.yaml", "referred", ReferredSymptom)
    exposures = records("exposures.yaml", "exposures", Exposure)
    instruments = records("instruments.yaml", "instruments", Instrument)
    professionals = records("professionals.yaml", "professionals", Professional)
    muscles = records("anatomy.yaml", "muscles", Muscle)
    topics = records("topics.yaml", "topics", Topic)
    exercises = _folder(folders["exercises"], Exercise, problems)
    figures = _folder(folders["figures"], Figure, problems)
    if problems or triage is None or pattern is None:
        raise KnowledgeBaseError(problems)

    kb = KnowledgeBase(
        version=f"{declared}+{digest.hexdigest()[:12]}",
        sources=sources,
        triage=triage,
        red_flags=red_flags,
        regions=regions,
        pattern=pattern,
        referred=referred,
        exposures=exposures,
        instruments=instruments,
        professionals=professionals,
        muscles=muscles,
        topics=topics,
        exercises=exercises,
        figures=figures,
    )
    problems.extend(check_references(kb))
    if problems:
        raise KnowledgeBaseError(problems)
    return kb


def _records(
    name: str, data: Any, key: str, model: type[M], problems: list[str]
) -> dict[str, M]:
    if not isinstance(data, dict) or not isinstance(data.get(key), list):
        problems.append(f"{name}: expected a mapping with a list under '{key}'")
        return {}
    out: dict[str, M] = {}
    for index, item in enumerate(data[key]):
        label = _label(key, index, item)
        try:
            record = model.model_validate(item)
        except ValidationError as exc:
            problems.extend(f"{name}: {label}: {line}" for line in _errors(exc))
            continue
        record_id = str(getattr(record, "id"))  # noqa: B009 (every listed model has an id)
        if record_id in out:
            problems.append(f"{name}: {label}: id: duplicate id '{record_id}'")
        out[record_id] = record
    return out


def _folder(files: dict[str, Any], model: type[M], problems: list[str]) -> dict[str, M]:
    """Validate one-record files; each file's stem must be its record's id."""
    out: dict[str, M] = {}
    for name, data in files.items():
        stem = name.rsplit("/", 1)[-1].removesuffix(".yaml")
        try:
            record = model.model_validate(data)
        except ValidationError as exc:
            problems.extend(f"{name}: {line}" for line in _errors(exc))
            continue
        record_id = str(getattr(record, "id"))  # noqa: B009
        if record_id != stem:
            problems.append(
                f"{name}: id: '{record_id}' must match the file name '{stem}'"
            )
        out[record_id] = record
    return out


def _where(exc: yaml.YAMLError) -> str:
    mark = getattr(exc, "problem_mark", None)
    return f" (line {mark.line + 1}, column {mark.column + 1})" if mark else ""


def _problem(exc: yaml.YAMLError) -> str:
    return str(getattr(exc, "problem", None) or exc)


def _single(name: str, data: Any, model: type[M], problems: list[str]) -> M | None:
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        problems.extend(f"{name}: {line}" for line in _errors(exc))
        return None


def _label(key: str, index: int, item: Any) -> str:
    record_id = item.get("id") if isinstance(item, dict) else None
    return f"{key}[{index}]" + (f" (id={record_id})" if record_id else "")


def _errors(exc: ValidationError) -> Iterable[str]:
    for error in exc.errors():
        path = ".".join(str(part) for part in error["loc"]) or "(record)"
        yield f"{path}: {error['msg']}"


def _statements(obj: Any) -> Iterable[tuple[str, Statement]]:
    """Yield (path, statement) for every Statement nested in ``obj``."""
    if isinstance(obj, Statement):
        yield "", obj
    elif isinstance(obj, BaseModel):
        for field in type(obj).model_fields:
            for path, statement in _statements(getattr(obj, field)):
                yield f"{field}{'.' + path if path else ''}", statement
    elif isinstance(obj, list | tuple):
        for index, item in enumerate(obj):
            for path, statement in _statements(item):
                yield f"[{index}]{'.' + path if path else ''}", statement


def _cited(obj: Any, path: str = "") -> Iterable[tuple[str, str]]:
    """Yield (path, source id) for every source cited anywhere in ``obj``."""
    if isinstance(obj, BaseModel):
        for field in type(obj).model_fields:
            value = getattr(obj, field)
            where = f"{path}.{field}" if path else field
            if field == "sources":
                yield from ((where, source) for source in value)
            else:
                yield from _cited(value, where)
    elif isinstance(obj, list | tuple):
        for index, item in enumerate(obj):
            yield from _cited(item, f"{path}[{index}]")


def check_references(kb: KnowledgeBase) -> list[str]:
    """Return a line for every reference in ``kb`` that does not resolve."""
    problems: list[str] = []
    for where, record in kb.records():
        for path, source in _cited(record):
            if source not in kb.sources:
                problems.append(f"{where}: {path}: unknown source '{source}'")

    levels = {level.id for level in kb.triage.levels}
    for missing in sorted(set(Urgency) - levels, key=lambda u: -u.rank):
        problems.append(f"triage.yaml: levels: no entry for level '{missing}'")
    for rule in kb.triage.combinations:
        for group in rule.all_of:
            for pattern in group:
                if not _matches_any(pattern, kb.red_flags):
                    problems.append(
                        f"triage.yaml: combinations ({rule.id}): all_of: "
                        f"'{pattern}' matches no red flag"
                    )
    for raise_rule in kb.triage.raises:
        if raise_rule.trigger not in kb.red_flags:
            problems.append(
                f"triage.yaml: raises ({raise_rule.id}): trigger: "
                f"unknown red flag '{raise_rule.trigger}'"
            )
    from psoas.assess.answers import EXPOSURE_FIELDS

    for exposure in kb.exposures.values():
        if exposure.field not in EXPOSURE_FIELDS:
            problems.append(
                f"exposures.yaml: {exposure.id}: field: '{exposure.field}' is not an "
                "exposures field of the answers document"
            )
    problems.extend(_check_exercises(kb))
    return problems


def _check_exercises(kb: KnowledgeBase) -> Iterable[str]:
    targets = set(kb.exposures) | {"iliopsoas_pattern"}
    for exercise in kb.exercises.values():
        where = f"exercises/{exercise.id}.yaml"
        for field in ("regression", "progression"):
            other = getattr(exercise, field)
            if other is not None and other not in kb.exercises:
                yield f"{where}: {field}: unknown exercise '{other}'"
        if exercise.regression is None and exercise.no_safer_variant is None:
            yield f"{where}: regression: name a safer variant, or say why in no_safer_variant"
        for target in exercise.good_for:
            if target not in targets:
                yield f"{where}: good_for: '{target}' is not an exposure id or iliopsoas_pattern"
        if exercise.id not in kb.figures:
            yield f"{where}: no figure: add figures/{exercise.id}.yaml"
    for figure_id in kb.figures:
        if figure_id not in kb.exercises:
            yield f"figures/{figure_id}.yaml: id: no exercise '{figure_id}'"


def _matches_any(pattern: str, ids: Mapping[str, object]) -> bool:
    return any(matches(pattern, flag) for flag in ids)


def matches(pattern: str, flag_id: str) -> bool:
    """Return whether ``flag_id`` matches an id or a ``prefix*`` pattern."""
    if pattern.endswith("*"):
        return flag_id.startswith(pattern[:-1])
    return flag_id == pattern


def walk_statements(kb: KnowledgeBase) -> Iterable[tuple[str, Statement]]:
    """Yield (where, statement) for every Statement in the knowledge base."""
    for where, record in kb.records():
        for path, statement in _statements(record):
            yield f"{where}: {path}", statement
