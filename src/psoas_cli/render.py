"""Readable terminal output (rich) for results, history and learn pages."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from rich.console import Console, Group
from rich.markup import escape
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from psoas.instruments import read_change
from psoas.knowledge import KnowledgeBase, Statement, Urgency

if TYPE_CHECKING:
    from psoas.assess.result import Result

LEVEL_STYLE = {
    Urgency.EMERGENCY: "bold white on red",
    Urgency.URGENT: "bold red",
    Urgency.SOON: "bold yellow",
    Urgency.SELF_CARE: "bold green",
}
LEVEL_WORD = {
    Urgency.EMERGENCY: "EMERGENCY",
    Urgency.URGENT: "URGENT",
    Urgency.SOON: "SEE SOMEONE SOON",
    Urgency.SELF_CARE: "SELF-CARE",
}
DISCLAIMER = (
    "psoas is not a diagnosis and does not replace care from a doctor or therapist."
)


def bullets(items: Iterable[tuple[str, str]]) -> Table:
    """Return (marker, text) rows laid out with a hanging indent."""
    grid = Table.grid(padding=(0, 1))
    grid.add_column(width=4, justify="right", no_wrap=True)
    grid.add_column(ratio=1)
    for marker, text in items:
        grid.add_row(marker, text)
    return grid


def console() -> Console:
    """Return a console for standard output (no colour when it is not a terminal)."""
    return Console(highlight=False, soft_wrap=False)


def urgency_panel(result: Result) -> Panel:
    """Return the triage message boxed and titled in the colour of its urgency."""
    level = result.triage.level
    return Panel(
        Text(result.triage.message),
        title=Text(f" {LEVEL_WORD[level]}: {result.triage.title} ", LEVEL_STYLE[level]),
        title_align="left",
        border_style=LEVEL_STYLE[level].replace("bold ", "").replace("white on ", ""),
    )


def render_result(
    result: Result, kb: KnowledgeBase, out: Console | None = None
) -> None:
    """Print a result for people: the urgency first, then (if safe) the rest."""
    out = out or console()
    level = result.triage.level
    out.print(urgency_panel(result))
    if result.triage.unanswered and level in {Urgency.SELF_CARE, Urgency.SOON}:
        out.print(
            f"[yellow]{len(result.triage.unanswered)} safety question(s) not answered.[/]"
        )
    if level in {Urgency.SELF_CARE, Urgency.SOON}:
        _pattern(result, kb, out)
        _exposures(result, out)
        _instruments(result, out)
    out.print("\n[bold]What to do next[/]")
    out.print(bullets((f"{n}.", escape(s)) for n, s in enumerate(result.next_steps, 1)))
    out.print(
        f"\n[dim]Sources ({len(result.sources)}): {', '.join(result.sources)}. "
        "Run 'psoas learn sources' to read them in full.[/]"
    )
    out.print(f"[dim italic]{DISCLAIMER}[/]")


def _label(item_id: str, kb: KnowledgeBase) -> str:
    if item_id in kb.features:
        return str(kb.features[item_id].question).rstrip("?")
    if item_id in kb.regions:
        return f"pain in the {kb.regions[item_id].name.lower()}"
    if item_id in kb.referred:
        return kb.referred[item_id].name
    if item_id == "thomas_test":
        return "Thomas self-test: thigh stays raised"
    return item_id


def _pattern(result: Result, kb: KnowledgeBase, out: Console) -> None:
    pattern = result.psoas_pattern
    out.print(
        f"\n[bold]How well your pain fits an iliopsoas pattern:[/] {pattern.level}"
        f" [dim](score {pattern.score})[/]"
    )
    rows = [("[green]+[/]", escape(_label(item, kb))) for item in pattern.supporting]
    rows += [("[red]-[/]", escape(_label(item, kb))) for item in pattern.against]
    rows.append(("", f"[dim]{escape(pattern.evidence_note)}[/]"))
    out.print(bullets(rows))


def _exposures(result: Result, out: Console) -> None:
    if not result.exposures:
        return
    table = Table(title="Your daily exposures", title_justify="left", show_lines=False)
    table.add_column("Exposure")
    table.add_column("You said", justify="right")
    table.add_column("Level")
    table.add_column("Threshold")
    colour = {"high": "red", "moderate": "yellow", "low": "green"}
    for exposure in result.exposures:
        value = _value(exposure.value)
        table.add_row(
            exposure.name,
            f"{value} {exposure.unit}".strip(),
            f"[{colour[exposure.level]}]{exposure.level}[/]",
            _short_threshold(exposure.threshold),
        )
    out.print()
    out.print(table)


def _short_threshold(note: str) -> str:
    """Return the first clause of a threshold note: "8 hours a day or more is high"."""
    first = note.split(";")[0].split(". ")[0].split(" (")[0].split(", ")[0].strip()
    return first if len(first) <= 60 else first[:57] + "..."


def _value(value: float | str | bool) -> str:  # noqa: FBT001
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return f"{value:g}"
    return str(value).replace("_", " ")


def _instruments(result: Result, out: Console) -> None:
    scores = result.instruments
    lines = []
    if scores.nprs is not None:
        parts = []
        if scores.nprs.now is not None:
            parts.append(f"now {scores.nprs.now}/10")
        if scores.nprs.worst_week is not None:
            parts.append(f"worst this week {scores.nprs.worst_week}/10")
        lines.append(f"Pain (NPRS): {', '.join(parts)}")
    if scores.rmdq is not None:
        lines.append(f"Roland-Morris disability: {scores.rmdq.score}/{scores.rmdq.of}")
    if scores.psfs is not None:
        lines.append(f"Activities you find hard (PSFS): mean {scores.psfs.mean:g}/10")
    if lines:
        out.print("\n[bold]Scores[/]")
        for line in lines:
            out.print(f"  {escape(line)}")


def render_history(
    stored: Sequence[Any], kb: KnowledgeBase, where: str, out: Console | None = None
) -> None:
    """Print stored assessments, newest first, and the change from the oldest shown."""
    out = out or console()
    if not stored:
        out.print(f"No assessments stored yet ({where}). Run: psoas assess --save")
        return
    table = Table(title=f"Your assessments ({where})", title_justify="left")
    for column in ("Date", "Level", "Pattern", "Pain now", "RMDQ", "PSFS", "Id"):
        table.add_column(column)
    for item in stored:
        r = item.result
        scores = r.get("instruments", {})
        level = Urgency(r["triage"]["level"])
        table.add_row(
            item.created_at.strftime("%Y-%m-%d %H:%M"),
            f"[{LEVEL_STYLE[level]}]{level.value}[/]",
            r["psoas_pattern"]["level"],
            _score(scores.get("nprs", {}).get("now")),
            _score(scores.get("rmdq", {}).get("score")),
            _score(scores.get("psfs", {}).get("mean")),
            str(item.id)[:8],
        )
    out.print(table)
    if len(stored) >= 2:
        since = stored[-1].created_at.strftime("%Y-%m-%d %H:%M")
        out.print(f"\n[bold]Change since {since}[/]")
        for line in _changes(stored[-1].result, stored[0].result, kb):
            out.print(f"  {escape(line)}")


def _score(value: object) -> str:
    return (
        "-"
        if value is None
        else f"{value:g}"
        if isinstance(value, float)
        else str(value)
    )


def _changes(
    first: dict[str, Any], last: dict[str, Any], kb: KnowledgeBase
) -> Iterable[str]:
    pairs = {
        "nprs": ("nprs", "now"),
        "rmdq": ("rmdq", "score"),
        "psfs": ("psfs", "mean"),
    }
    for instrument, (key, field) in pairs.items():
        before = first.get("instruments", {}).get(key, {}).get(field)
        after = last.get("instruments", {}).get(key, {}).get(field)
        if before is not None and after is not None:
            yield read_change(instrument, before, after, kb).describe()


def render_topics(kb: KnowledgeBase, out: Console | None = None) -> None:
    """Print the list of learn topics."""
    out = out or console()
    table = Table(title="Topics (psoas learn TOPIC)", title_justify="left")
    table.add_column("Topic")
    table.add_column("What it covers")
    for topic in kb.topics.values():
        table.add_row(topic.id, topic.summary)
    table.add_row(
        "sources", "Every source the knowledge base cites, with its evidence level."
    )
    out.print(table)


def render_sources(kb: KnowledgeBase, out: Console | None = None) -> None:
    """Print every source of the knowledge base with its evidence level."""
    out = out or console()
    table = Table(title="Sources of the knowledge base", title_justify="left")
    table.add_column("Id", no_wrap=True)
    table.add_column("Evidence", no_wrap=True)
    table.add_column("Citation")
    for source in kb.sources.values():
        link = source.url or (f"https://doi.org/{source.doi}" if source.doi else "")
        table.add_row(
            source.id, source.evidence.replace("_", " "), f"{source.citation} {link}"
        )
    out.print(table)


def render_topic(kb: KnowledgeBase, topic_id: str, out: Console | None = None) -> None:
    """Print one learn page with numbered references to its sources."""
    out = out or console()
    topic = kb.topics[topic_id]
    refs: dict[str, int] = {}
    out.print(
        Panel(Text(topic.summary), title=Text(topic.title, "bold"), title_align="left")
    )
    for section in topic.sections:
        out.print(f"\n[bold]{escape(section.heading)}[/]")
        out.print(
            bullets(_statement(statement, refs) for statement in section.statements)
        )
    if topic_id == "iliopsoas":
        for muscle in kb.muscles.values():
            out.print(_muscle(muscle, refs))
    out.print("\n[bold]Sources[/]")
    for source_id, number in refs.items():
        source = kb.sources[source_id]
        link = source.url or (f"https://doi.org/{source.doi}" if source.doi else "")
        out.print(f"  [dim][{number}] {escape(source.citation)} {escape(link)}[/]")
    out.print(f"[dim italic]{DISCLAIMER}[/]")


def _statement(statement: Statement, refs: dict[str, int]) -> tuple[str, str]:
    numbers = [refs.setdefault(s, len(refs) + 1) for s in statement.sources]
    marks = "".join(f"[{n}]" for n in numbers)
    caveat = "" if statement.verified else " (not verified against a published source)"
    return "•", f"{escape(statement.text)} [dim]{escape(marks)}{caveat}[/]"


def _muscle(muscle: Any, refs: dict[str, int]) -> Group:
    rows: list[Any] = [
        Text(f"\n{muscle.name}", "bold"),
        bullets([("", escape(muscle.summary))]),
    ]
    for label, field in (
        ("Starts at", "origin"),
        ("Ends at", "insertion"),
        ("Nerves", "nerve_supply"),
        ("Blood supply", "blood_supply"),
    ):
        statement = getattr(muscle, field)
        if statement is not None:
            rows.append(f"  [italic]{label}:[/]")
            rows.append(bullets([_statement(statement, refs)]))
    for label, items in (
        ("What it does", muscle.actions),
        ("Neighbours", muscle.neighbours),
        ("Notes", muscle.notes),
    ):
        if items:
            rows.append(f"  [italic]{label}:[/]")
            rows.append(bullets(_statement(s, refs) for s in items))
    return Group(*rows)
