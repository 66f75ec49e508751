"""Typed records of the knowledge base.

Each YAML file under ``data/`` is validated into these frozen models at load time. Every
medical statement is a :class:`Statement`: its text and the ids of the sources behind it.
The format, with one example per file, is described in ``data/README.md``.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

Id = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*$", max_length=64)]
SourceIds = Annotated[list[Id], Field(min_length=1)]
Text = Annotated[str, Field(min_length=1)]


class Record(BaseModel):
    """Base for every knowledge-base record: frozen, and unknown fields are errors."""

    model_config = ConfigDict(frozen=True, extra="forbid")


class Urgency(StrEnum):
    """How soon a person should get help. Ordered from most to least urgent."""

    EMERGENCY = "emergency"
    URGENT = "urgent"
    SOON = "soon"
    SELF_CARE = "self_care"

    @property
    def rank(self) -> int:
        """Return 3 for emergency down to 0 for self-care (higher is more urgent)."""
        return _URGENCY_RANK[self]

    @classmethod
    def from_rank(cls, rank: int) -> Urgency:
        """Return the level for a rank, clamped to the valid range."""
        clamped = max(0, min(3, rank))
        return next(level for level, r in _URGENCY_RANK.items() if r == clamped)


_URGENCY_RANK: dict[Urgency, int] = {
    Urgency.EMERGENCY: 3,
    Urgency.URGENT: 2,
    Urgency.SOON: 1,
    Urgency.SELF_CARE: 0,
}


class EvidenceLevel(StrEnum):
    """How strong a source is, roughly from strongest to weakest."""

    GUIDELINE = "guideline"
    SYSTEMATIC_REVIEW = "systematic_review"
    TRIAL = "trial"
    COHORT = "cohort"
    CROSS_SECTIONAL = "cross_sectional"
    CASE_SERIES = "case_series"
    CASE_REPORT = "case_report"
    REFERENCE = "reference"  # anatomy texts, dictionaries, clinical summaries
    PATIENT_INFORMATION = "patient_information"  # NHS and hospital leaflets
    EXPERT_OPINION = "expert_opinion"
    SECONDARY = "secondary"  # summaries, mirrors and press coverage of another source


class Statement(Record):
    """One medical statement and the sources behind it.

    ``verified: false`` marks a statement that our facts brief flags as "not verified here":
    it is shown with a note that it rests on general professional knowledge.
    """

    text: Text
    sources: SourceIds
    verified: bool = True


class Source(Record):
    """A reference that statements cite."""

    id: Id
    short: Text  # a short display name, e.g. "NICE NG59 (2016)"
    citation: Text
    url: str | None = None
    doi: str | None = None
    evidence: EvidenceLevel
    brief_key: str | None = (
        None  # the key in shared/reference/clinical-facts.md, e.g. "R1"
    )


class RedFlag(Record):
    """A yes/no screening question whose "yes" may mean it is not the psoas at all."""

    id: Id
    group: Id  # e.g. cauda_equina, cancer, infection, fracture, aaa, visceral
    question: Text  # plain-language yes/no question, in our words
    could_be: Text  # "could be a sign of ..." (never a diagnosis)
    urgency: Urgency  # the minimum level for this flag alone
    sources: SourceIds
    verified: bool = True

    @model_validator(mode="after")
    def _never_self_care(self) -> RedFlag:
        if self.urgency is Urgency.SELF_CARE:
            raise ValueError("a red flag can never be at self_care")
        return self


class UrgencyLevel(Record):
    """What we say at one urgency level."""

    id: Urgency
    title: Text  # e.g. "Call an ambulance or go to an emergency department now"
    message: Text
    safety_net: Text  # what to do if things change; part of every message
    sources: SourceIds


class CombinationRule(Record):
    """Raise the level when flags occur together.

    The rule fires when every group in ``all_of`` has at least one flag present, each group
    matched by a different flag. A group lists flag ids or prefixes ending in ``*``
    (``ces_*``).
    """

    id: Id
    description: Text
    all_of: Annotated[list[list[str]], Field(min_length=2)]
    level: Urgency
    sources: SourceIds


class RaiseRule(Record):
    """A risk modifier: when ``trigger`` is present, every other flag goes up ``by`` levels."""

    id: Id
    description: Text
    trigger: Id
    by: Annotated[int, Field(ge=1, le=3)] = 1
    sources: SourceIds


class Triage(Record):
    """The contents of ``triage.yaml``."""

    levels: list[UrgencyLevel]
    combinations: list[CombinationRule]
    raises: list[RaiseRule]
    incomplete_message: Text  # added when the screen is not complete
    referred_message: (
        Text  # added when referred symptoms set the level to at least soon
    )


class Region(Record):
    """A body region a person can mark as painful."""

    id: Id
    name: Text
    views: list[Literal["front", "back"]]
    pattern_weight: int = 0  # > 0 supports an iliopsoas pattern, < 0 points elsewhere
    note: Statement | None = None  # required when pattern_weight is not 0

    @model_validator(mode="after")
    def _weight_needs_a_source(self) -> Region:
        if self.pattern_weight and self.note is None:
            raise ValueError("a region with a pattern_weight needs a note with sources")
        return self


class PatternFeature(Record):
    """A symptom feature that fits an iliopsoas pattern or points elsewhere."""

    id: Id
    question: Text
    direction: Literal["for", "against"]
    weight: Annotated[int, Field(ge=1, le=5)]
    note: Statement  # what the feature means and how strong the evidence is


class SelfTestResult(Record):
    """One possible reading of a self-test."""

    id: Id
    label: Text
    meaning: Statement
    pattern_weight: int = 0


class SelfTest(Record):
    """A self-test a person can do safely at home, with its caveats."""

    id: Id
    name: Text
    purpose: Text
    steps: list[Text]
    caveats: list[Statement]
    results: list[SelfTestResult]


class Pattern(Record):
    """How the iliopsoas-pattern score is read (``pattern.yaml``)."""

    moderate_from: int
    high_from: int
    evidence_note: Statement
    features: list[PatternFeature]
    self_tests: list[SelfTest]


class ReferredSymptom(Record):
    """A symptom the article links to the psoas, which has commoner causes elsewhere."""

    id: Id
    name: Text
    question: Text
    explanation: Statement
    min_urgency: Urgency
    pattern_weight: int = 0


class Band(Record):
    """One band of an exposure: the first band whose bounds hold gives the level."""

    level: Literal["high", "moderate", "low"]
    min: float | None = None  # inclusive
    max: float | None = None  # exclusive
    equals: str | bool | None = None


class Exposure(Record):
    """A daily exposure named as a cause, with how it is measured and read."""

    id: Id
    name: Text
    definition: Text
    field: Id  # the field under ``exposures`` in the answers document
    unit: str  # "h/day", "min", "km/week", "kg", "" for categories
    bands: Annotated[list[Band], Field(min_length=1)]
    priority: int = 0  # breaks ties in the ranking: higher first
    evidence: Statement
    advice: Statement
    threshold_note: Text  # the threshold in plain words, e.g. "more than 8 hours a day"


class Mic(Record):
    """A minimal important change: points, or percent of the baseline."""

    points: float
    percent: float | None = None
    note: Statement


class Instrument(Record):
    """An outcome instrument we may reproduce (see the licence table in the sources)."""

    id: Id
    name: Text
    instructions: Text
    min_score: int
    max_score: int
    items: list[Text] = []  # item text, only where the licence allows it
    attribution: Text
    licence: Statement
    mic: Mic
    sources: SourceIds


class Professional(Record):
    """A kind of professional a person can see, and when each fits."""

    id: Id
    name: Text
    what_they_do: Statement
    fits_when: list[Statement]
    for_levels: list[
        Urgency
    ]  # the urgency levels at which we suggest this professional


class Muscle(Record):
    """Anatomy of one muscle of the iliopsoas group."""

    id: Id
    name: Text
    summary: Text
    origin: Statement
    insertion: Statement
    nerve_supply: Statement
    blood_supply: Statement | None = None
    actions: list[Statement]
    neighbours: list[Statement] = []
    notes: list[Statement] = []


class Section(Record):
    """A section of a learn page."""

    heading: Text
    statements: list[Statement]


class Topic(Record):
    """A learn page (``psoas learn TOPIC``)."""

    id: Id
    title: Text
    summary: Text
    sections: list[Section]


Condition = Literal[
    "pregnancy", "recent_hip_replacement", "osteoporosis", "hernia", "acute_flare"
]
Equipment = Literal["none", "mat", "chair", "wall", "bed", "pillow", "step", "dowel"]
Position = Literal["desk", "standing", "floor", "bed", "chair"]
Phase = Literal["settle", "mobility", "strength"]


class Dose(Record):
    """How much of an exercise: sets of reps, or of holds, or reps each held.

    ``rep_s`` is the tempo (seconds one repetition takes); with ``hold_s`` and ``rest_s``
    it gives the time an exercise takes, which the program uses to fit the minutes a
    person has, and the animated illustration uses for its pace.
    """

    sets: Annotated[int, Field(ge=1, le=5)]
    reps: Annotated[int, Field(ge=1, le=30)] | None = None
    hold_s: Annotated[int, Field(ge=1, le=600)] | None = None
    per_side: bool = False
    rest_s: Annotated[int, Field(ge=0, le=180)] = 30
    rep_s: Annotated[float, Field(ge=1, le=10)] = 3.0

    @model_validator(mode="after")
    def _reps_or_hold(self) -> Dose:
        if self.reps is None and self.hold_s is None:
            raise ValueError("a dose needs reps, hold_s or both")
        return self

    def seconds(self) -> float:
        """Return the time the dose takes, rests between sets included."""
        reps = self.reps or 1
        per_rep = (self.hold_s or 0) + (self.rep_s if self.reps else 0)
        work = reps * per_rep * (2 if self.per_side else 1)
        return self.sets * work + (self.sets - 1) * self.rest_s


class Exercise(Record):
    """One exercise of the library (``exercises/<id>.yaml``)."""

    id: Id
    name: Text
    category: Literal["stretch", "strength", "relief", "movement"]
    purpose: Text
    targets: Annotated[list[Text], Field(min_length=1)]  # muscles, in plain words
    positions: Annotated[list[Position], Field(min_length=1)]
    equipment: Annotated[list[Equipment], Field(min_length=1)]  # ["none"] if nothing
    level: Literal["beginner", "intermediate", "advanced"]
    phases: Annotated[list[Phase], Field(min_length=1)]  # program phases it suits
    good_for: list[Id] = []  # exposure ids (and "iliopsoas_pattern") it is chosen for
    psoas_load: Literal["low", "moderate", "high"]  # how hard it works the psoas
    start: Text  # the starting position
    steps: Annotated[list[Text], Field(min_length=1)]
    cues: list[Text]
    mistakes: list[Text]
    dose: Dose
    max_dose: Dose  # the most the program will progress to before moving on
    regression: Id | None = None  # an easier exercise
    progression: Id | None = None  # a harder exercise
    no_safer_variant: Text | None = None  # why, when there is no regression
    contraindications: list[Condition] = []
    cautions: list[Statement] = []
    why: Statement  # why it is in the library, with its evidence
    sources: SourceIds
