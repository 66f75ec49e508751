"""One exception hierarchy for the core. Messages name the file, record, field and value."""

from __future__ import annotations


class PsoasError(Exception):
    """Base class for every error the core raises on purpose."""


class KnowledgeBaseError(PsoasError):
    """A knowledge-base file is missing, malformed, or refers to something that does not exist.

    Attributes:
        problems: one line per problem, each naming the file, the record and the field.
    """

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("knowledge base is invalid:\n" + "\n".join(problems))


class AnswersError(PsoasError):
    """An answers document is invalid.

    Attributes:
        problems: every problem found, each starting with its JSON path,
            e.g. ``pain.nprs_now: must be 0..10, got 14``.
    """

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("\n".join(problems))
