"""The forms of the assessment wizard, built from the knowledge base.

Each form reads its initial values from the answers document (contract version 1)
with :meth:`StepForm.initial_from` and writes what was answered back into it with
:meth:`StepForm.apply`. A question left blank, skipped or answered "Not sure"
leaves its field out of the document: in the contract, missing means unanswered.
"""

from __future__ import annotations

from typing import Any

from django import forms

from psoas.assess.fields import SLEEP_LABELS, UNIT_WORDS, field_spec
from psoas.knowledge import KnowledgeBase, Urgency, default_knowledge_base

Document = dict[str, Any]

YES_NO_UNSURE = [("yes", "Yes"), ("no", "No"), ("unsure", "Not sure")]
YES_NO_SKIP = [("yes", "Yes"), ("no", "No"), ("skip", "Skip")]
SIDES = [
    ("left", "Left"),
    ("right", "Right"),
    ("both", "Both sides"),
    ("central", "In the middle"),
]
SEXES = [("female", "Female"), ("male", "Male"), ("other", "Other")]
SLEEP_POSITIONS = list(SLEEP_LABELS.items())
PSFS_ROWS = 5
RMDQ_ITEMS = 24


def _range_messages(label: str, low: float, high: float | None) -> dict[str, str]:
    span = f"from {low:g} to {high:g}" if high is not None else f"of {low:g} or more"
    message = f"{label}: enter a number {span}."
    return {
        "invalid": message,
        "min_value": message,
        "max_value": message,
        "max_decimal_places": message,
    }


def _nprs(label: str, help_text: str) -> forms.IntegerField:
    return forms.IntegerField(
        label=label,
        required=False,
        min_value=0,
        max_value=10,
        help_text=help_text,
        error_messages=dict.fromkeys(
            ("invalid", "min_value", "max_value"),
            f"{label}: enter a whole number from 0 to 10.",
        ),
        widget=forms.NumberInput(attrs={"inputmode": "numeric", "step": 1}),
    )


def _number(value: float) -> float | int:
    """Whole numbers as int, so the document reads naturally."""
    return int(value) if float(value).is_integer() else float(value)


def _tri(value: object) -> str:
    return {True: "yes", False: "no"}.get(value, "") if isinstance(value, bool) else ""


def _drop_empty(document: Document, *keys: str) -> None:
    for key in keys:
        if key in document and not document[key]:
            del document[key]


class StepForm(forms.Form):
    """A form of the wizard that reads from and writes to the answers document."""

    kb: KnowledgeBase

    def __init__(self, *args: Any, kb: KnowledgeBase | None = None, **kwargs: Any):
        self.kb = kb or default_knowledge_base()
        super().__init__(*args, **kwargs)
        self.build()

    def build(self) -> None:
        """Add the fields that depend on the knowledge base."""

    @classmethod
    def initial_from(cls, document: Document, kb: KnowledgeBase) -> dict[str, Any]:
        raise NotImplementedError

    def apply(self, document: Document) -> None:
        """Write the cleaned answers into ``document``."""
        raise NotImplementedError


class RedFlagsForm(StepForm):
    """The red-flag questions of one urgency level, Yes / No / Not sure each."""

    def __init__(self, *args: Any, urgency: Urgency, **kwargs: Any):
        self.urgency_level = urgency
        super().__init__(*args, **kwargs)

    def flag_ids(self) -> list[str]:
        return [
            flag.id
            for flag in self.kb.red_flags.values()
            if flag.urgency is self.urgency_level
        ]

    def build(self) -> None:
        for flag_id in self.flag_ids():
            flag = self.kb.red_flags[flag_id]
            self.fields[flag_id] = forms.ChoiceField(
                label=flag.question,
                choices=YES_NO_UNSURE,
                required=False,
                widget=forms.RadioSelect,
            )

    def groups(self) -> list[tuple[str, list[forms.BoundField]]]:
        """Return the fields grouped by red-flag group, in knowledge-base order."""
        grouped: dict[str, list[forms.BoundField]] = {}
        for flag_id in self.flag_ids():
            group = self.kb.red_flags[flag_id].group
            grouped.setdefault(group, []).append(self[flag_id])
        return list(grouped.items())

    @classmethod
    def initial_from(cls, document: Document, kb: KnowledgeBase) -> dict[str, Any]:
        flags = document.get("red_flags") or {}
        return {key: _tri(value) for key, value in flags.items()}

    def apply(self, document: Document) -> None:
        flags = dict(document.get("red_flags") or {})
        for flag_id in self.flag_ids():
            answer = self.cleaned_data.get(flag_id)
            if answer in {"yes", "no"}:
                flags[flag_id] = answer == "yes"
            else:
                flags.pop(flag_id, None)
        document["red_flags"] = flags
        _drop_empty(document, "red_flags")


class PainForm(StepForm):
    """Where it hurts (the body map), how much, and for how long."""

    regions = forms.MultipleChoiceField(
        label="Where do you feel the pain?",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Tick every place that hurts, or tap it on the figures.",
    )
    side = forms.ChoiceField(
        label="Which side?",
        choices=SIDES,
        required=False,
        widget=forms.RadioSelect,
    )
    nprs_now = _nprs(
        "Pain now (0 to 10)", "0 means no pain; 10 the worst pain you can imagine."
    )
    nprs_worst_week = _nprs(
        "Worst pain in the past week (0 to 10)",
        "The same scale, for the worst moment of the last 7 days.",
    )
    duration_weeks = forms.DecimalField(
        label="How many weeks have you had this pain?",
        required=False,
        min_value=0,
        max_value=5200,
        decimal_places=1,
        help_text="A rough number is fine; under a week, enter 0.5.",
        error_messages=_range_messages("Weeks with this pain", 0, 5200),
        widget=forms.NumberInput(attrs={"inputmode": "decimal", "step": "0.5"}),
    )
    age_years = forms.IntegerField(
        label="Your age in years (optional)",
        required=False,
        min_value=0,
        max_value=120,
        error_messages=dict.fromkeys(
            ("invalid", "min_value", "max_value"),
            "Age: enter a whole number of years from 0 to 120.",
        ),
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
    sex = forms.ChoiceField(
        label="Sex (optional)",
        choices=SEXES,
        required=False,
        widget=forms.RadioSelect,
    )

    def build(self) -> None:
        field = self.fields["regions"]
        assert isinstance(field, forms.MultipleChoiceField)  # noqa: S101
        field.choices = [(r.id, r.name) for r in self.kb.regions.values()]

    def region_choices(self) -> list[tuple[str, str, bool, int]]:
        """(id, name, ticked, index) for each region, for the body map."""
        value = self["regions"].value() or []
        return [
            (region.id, region.name, region.id in value, index)
            for index, region in enumerate(self.kb.regions.values())
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        now, worst = data.get("nprs_now"), data.get("nprs_worst_week")
        if now is not None and worst is not None and worst < now:
            self.add_error(
                "nprs_worst_week",
                "Worst pain in the past week: this is lower than the pain now; "
                "please check both numbers.",
            )
        return data

    @classmethod
    def initial_from(cls, document: Document, kb: KnowledgeBase) -> dict[str, Any]:
        pain = document.get("pain") or {}
        person = document.get("person") or {}
        keys = ("regions", "side", "nprs_now", "nprs_worst_week", "duration_weeks")
        initial = {key: pain[key] for key in keys if key in pain}
        initial.update({k: person[k] for k in ("age_years", "sex") if k in person})
        return initial

    def apply(self, document: Document) -> None:
        data = self.cleaned_data
        pain = dict(document.get("pain") or {})
        person = dict(document.get("person") or {})
        pain["regions"] = list(data.get("regions") or [])
        for key in ("side", "nprs_now", "nprs_worst_week"):
            pain[key] = data.get(key)
        duration = data.get("duration_weeks")
        pain["duration_weeks"] = None if duration is None else _number(duration)
        person["age_years"] = data.get("age_years")
        person["sex"] = data.get("sex")
        pain = {k: v for k, v in pain.items() if v not in (None, "", [])}
        person = {k: v for k, v in person.items() if v not in (None, "")}
        document["pain"], document["person"] = pain, person
        _drop_empty(document, "pain", "person")


class SymptomsForm(StepForm):
    """How the pain behaves (pattern features) and other symptoms (referred)."""

    referred = forms.MultipleChoiceField(
        label="Do you also have any of these?",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Tick each one that applies; leave the others blank.",
    )

    def build(self) -> None:
        for feature in self.kb.pattern.features:
            self.fields[f"feature_{feature.id}"] = forms.ChoiceField(
                label=feature.question,
                choices=YES_NO_SKIP,
                required=False,
                widget=forms.RadioSelect,
            )
        field = self.fields["referred"]
        assert isinstance(field, forms.MultipleChoiceField)  # noqa: S101
        field.choices = [(s.id, s.question) for s in self.kb.referred.values()]

    def feature_fields(self) -> list[forms.BoundField]:
        return [self[f"feature_{f.id}"] for f in self.kb.pattern.features]

    @classmethod
    def initial_from(cls, document: Document, kb: KnowledgeBase) -> dict[str, Any]:
        features = (document.get("pain") or {}).get("features") or {}
        initial: dict[str, Any] = {
            f"feature_{key}": _tri(value) for key, value in features.items()
        }
        initial["referred"] = list(document.get("referred") or [])
        return initial

    def apply(self, document: Document) -> None:
        features = {}
        for feature in self.kb.pattern.features:
            answer = self.cleaned_data.get(f"feature_{feature.id}")
            if answer in {"yes", "no"}:
                features[feature.id] = answer == "yes"
        pain = dict(document.get("pain") or {})
        pain["features"] = features
        document["pain"] = {k: v for k, v in pain.items() if v not in (None, {}, [])}
        document["referred"] = list(self.cleaned_data.get("referred") or [])
        _drop_empty(document, "pain", "referred")


class ExposuresForm(StepForm):
    """The daily exposures named as causes, with the contract's ranges."""

    def build(self) -> None:
        for exposure in self.kb.exposures.values():
            name, help_text = exposure.name, exposure.definition
            if exposure.field == "sleep_position":
                self.fields[exposure.field] = forms.ChoiceField(
                    label=name,
                    choices=SLEEP_POSITIONS,
                    required=False,
                    widget=forms.RadioSelect,
                    help_text=help_text,
                )
            elif exposure.field == "lifts_with_twisting":
                self.fields[exposure.field] = forms.ChoiceField(
                    label=name,
                    choices=YES_NO_SKIP,
                    required=False,
                    widget=forms.RadioSelect,
                    help_text=help_text,
                )
            else:
                spec = field_spec(exposure.field)
                low, high, whole = spec.minimum, spec.maximum, spec.integer
                unit = UNIT_WORDS.get(exposure.unit, exposure.unit)
                label = f"{name} ({unit})"
                attrs = {"min": f"{low:g}", "step": "1" if whole else "any"}
                if high is not None:
                    attrs["max"] = f"{high:g}"
                field: forms.Field
                if whole:
                    field = forms.IntegerField(
                        min_value=int(low),
                        max_value=None if high is None else int(high),
                    )
                else:
                    field = forms.DecimalField(
                        min_value=low, max_value=high, decimal_places=2
                    )
                field.label, field.required, field.help_text = label, False, help_text
                field.error_messages.update(_range_messages(label, low, high))
                field.widget = forms.NumberInput(
                    attrs={**attrs, "inputmode": "numeric" if whole else "decimal"}
                )
                self.fields[exposure.field] = field

    @classmethod
    def initial_from(cls, document: Document, kb: KnowledgeBase) -> dict[str, Any]:
        exposures = dict(document.get("exposures") or {})
        if "lifts_with_twisting" in exposures:
            exposures["lifts_with_twisting"] = _tri(exposures["lifts_with_twisting"])
        return exposures

    def apply(self, document: Document) -> None:
        exposures: Document = {}
        for key, value in self.cleaned_data.items():
            if value is None or value in {"", "skip"}:
                continue
            if key == "lifts_with_twisting":
                exposures[key] = value == "yes"
            elif key == "sleep_position":
                exposures[key] = value
            else:
                exposures[key] = _number(value)
        document["exposures"] = exposures
        _drop_empty(document, "exposures")


class ThomasForm(StepForm):
    """The optional Thomas self-test: what was seen on each side."""

    def build(self) -> None:
        test = self.test()
        choices = [(r.id, r.label) for r in test.results]
        for side in ("left", "right"):
            self.fields[side] = forms.ChoiceField(
                label=f"{side.capitalize()} leg hanging",
                choices=choices,
                required=False,
                widget=forms.RadioSelect,
            )

    def test(self) -> Any:
        return next(t for t in self.kb.pattern.self_tests if t.id == "thomas_test")

    @classmethod
    def initial_from(cls, document: Document, kb: KnowledgeBase) -> dict[str, Any]:
        return dict((document.get("self_tests") or {}).get("thomas_test") or {})

    def apply(self, document: Document) -> None:
        reading = {
            side: self.cleaned_data[side]
            for side in ("left", "right")
            if self.cleaned_data.get(side)
        }
        document["self_tests"] = {"thomas_test": reading} if reading else {}
        _drop_empty(document, "self_tests")


class MeasuresForm(StepForm):
    """The optional RMDQ (24 statements) and PSFS (up to 5 activities)."""

    rmdq_none = forms.BooleanField(
        label="None of these sentences describes me today",
        required=False,
    )

    def build(self) -> None:
        for index, item in enumerate(self.kb.instruments["rmdq"].items):
            self.fields[f"rmdq_{index}"] = forms.BooleanField(
                label=item, required=False
            )
        for row in range(PSFS_ROWS):
            number = row + 1
            self.fields[f"psfs_activity_{row}"] = forms.CharField(
                label=f"Activity {number}",
                required=False,
                max_length=200,
                error_messages={
                    "max_length": f"Activity {number}: use at most 200 characters."
                },
            )
            self.fields[f"psfs_score_{row}"] = _nprs(
                f"Activity {number} score (0 to 10)",
                "0: cannot do it; 10: as well as before.",
            )

    def rmdq_fields(self) -> list[forms.BoundField]:
        return [self[f"rmdq_{i}"] for i in range(RMDQ_ITEMS)]

    def psfs_rows(self) -> list[tuple[forms.BoundField, forms.BoundField]]:
        return [
            (self[f"psfs_activity_{row}"], self[f"psfs_score_{row}"])
            for row in range(PSFS_ROWS)
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for row in range(PSFS_ROWS):
            activity = (data.get(f"psfs_activity_{row}") or "").strip()
            score = data.get(f"psfs_score_{row}")
            number = row + 1
            if activity and score is None and f"psfs_score_{row}" not in self.errors:
                self.add_error(
                    f"psfs_score_{row}",
                    f"Activity {number} score: give a number from 0 to 10 for "
                    f"“{activity}”, or clear the activity.",
                )
            if score is not None and not activity:
                self.add_error(
                    f"psfs_activity_{row}",
                    f"Activity {number}: name the activity this score is for.",
                )
        if data.get("rmdq_none") and any(
            data.get(f"rmdq_{i}") for i in range(RMDQ_ITEMS)
        ):
            self.add_error(
                "rmdq_none",
                "You ticked “none of these” and some sentences too: "
                "untick one of them.",
            )
        return data

    @classmethod
    def initial_from(cls, document: Document, kb: KnowledgeBase) -> dict[str, Any]:
        instruments = document.get("instruments") or {}
        initial: dict[str, Any] = {}
        rmdq = instruments.get("rmdq")
        if isinstance(rmdq, list):
            initial.update({f"rmdq_{i}": bool(v) for i, v in enumerate(rmdq)})
            initial["rmdq_none"] = not any(rmdq)
        for row, item in enumerate(instruments.get("psfs") or []):
            initial[f"psfs_activity_{row}"] = item.get("activity", "")
            initial[f"psfs_score_{row}"] = item.get("score")
        return initial

    def apply(self, document: Document) -> None:
        data = self.cleaned_data
        instruments: Document = {}
        ticks = [bool(data.get(f"rmdq_{i}")) for i in range(RMDQ_ITEMS)]
        if any(ticks) or data.get("rmdq_none"):
            instruments["rmdq"] = ticks
        psfs = [
            {"activity": activity, "score": data[f"psfs_score_{row}"]}
            for row in range(PSFS_ROWS)
            if (activity := (data.get(f"psfs_activity_{row}") or "").strip())
            and data.get(f"psfs_score_{row}") is not None
        ]
        if psfs:
            instruments["psfs"] = psfs
        document["instruments"] = instruments
        _drop_empty(document, "instruments")
