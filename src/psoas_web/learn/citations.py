"""Number the sources a page cites, in the order its statements first cite them.

A page builds one :class:`Citations`, passes every statement through :meth:`Citations.cite`
and shows :attr:`Citations.sources` at the bottom: each statement's references are numbers
that link to the matching entry of that list (``#src-<id>``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from psoas.knowledge.model import EvidenceLevel

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping

    from psoas.knowledge.model import Source, Statement

#: evidence levels in plain words
EVIDENCE_WORDS: dict[EvidenceLevel, str] = {
    EvidenceLevel.GUIDELINE: "clinical guideline",
    EvidenceLevel.SYSTEMATIC_REVIEW: "systematic review",
    EvidenceLevel.TRIAL: "clinical trial",
    EvidenceLevel.COHORT: "cohort study",
    EvidenceLevel.CROSS_SECTIONAL: "cross-sectional study",
    EvidenceLevel.CASE_SERIES: "case series",
    EvidenceLevel.CASE_REPORT: "case report",
    EvidenceLevel.REFERENCE: "reference text",
    EvidenceLevel.PATIENT_INFORMATION: "patient information",
    EvidenceLevel.EXPERT_OPINION: "expert opinion",
    EvidenceLevel.SECONDARY: "secondary summary",
}


@dataclass(frozen=True)
class ShownSource:
    """A source as a page lists it: its number on the page, link and evidence in words."""

    number: int
    source: Source

    @property
    def anchor(self) -> str:
        """The id of its entry in the page's list of sources."""
        return f"src-{self.source.id}"

    @property
    def link(self) -> str | None:
        """Where to read it: its web address, else its DOI as a link, else nothing."""
        if self.source.url:
            return self.source.url
        if self.source.doi:
            return f"https://doi.org/{self.source.doi}"
        return None

    @property
    def evidence(self) -> str:
        """Its evidence level in plain words."""
        return EVIDENCE_WORDS[self.source.evidence]


@dataclass(frozen=True)
class CitedStatement:
    """A statement with the page numbers of its sources."""

    text: str
    verified: bool
    refs: tuple[ShownSource, ...]


@dataclass
class Citations:
    """The sources one page cites, numbered in order of first citation."""

    catalogue: Mapping[str, Source]
    _shown: dict[str, ShownSource] = field(default_factory=dict)

    def number(self, source_ids: Iterable[str]) -> tuple[ShownSource, ...]:
        """Return the shown sources for ``source_ids``, numbering new ones."""
        refs: list[ShownSource] = []
        for source_id in source_ids:
            shown = self._shown.get(source_id)
            if shown is None:
                shown = ShownSource(len(self._shown) + 1, self.catalogue[source_id])
                self._shown[source_id] = shown
            if shown not in refs:
                refs.append(shown)
        return tuple(sorted(refs, key=lambda ref: ref.number))

    def cite(self, statement: Statement) -> CitedStatement:
        """Return ``statement`` with the numbers of its sources."""
        return CitedStatement(
            statement.text, statement.verified, self.number(statement.sources)
        )

    def cite_all(self, statements: Iterable[Statement]) -> list[CitedStatement]:
        """Return every statement of ``statements`` with its source numbers."""
        return [self.cite(statement) for statement in statements]

    @property
    def sources(self) -> list[ShownSource]:
        """Every cited source, by number."""
        return sorted(self._shown.values(), key=lambda ref: ref.number)
