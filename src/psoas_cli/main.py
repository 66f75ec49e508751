"""The ``psoas`` command line.

Pure commands (assess, learn, schema, kb) use only the core. Storage commands (``--save``,
history) set up the database layer inside the command, so that ``psoas assess --json``
stays fast and never loads Django.
"""

from __future__ import annotations

import importlib
import json
import sys
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, ClassVar, NoReturn

import click

import psoas
from psoas.errors import AnswersError, KnowledgeBaseError
from psoas.knowledge import default_knowledge_base, load_knowledge_base

if TYPE_CHECKING:
    from psoas.assess.result import Result

#: exit status for invalid input, as the contract requires
EXIT_INVALID = 2


class LazyGroup(click.Group):
    """A group whose bigger commands are imported only when they run.

    ``psoas assess --json`` must start fast; plan, session and coach pull in rich,
    Jinja2 and more, so they load on first use (and for ``--help``).
    """

    lazy: ClassVar[dict[str, str]] = {
        "plan": "psoas_cli.plan:plan",
        "exercises": "psoas_cli.plan:exercises",
        "session": "psoas_cli.session:session",
        "coach": "psoas_cli.coach:coach",
    }

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted([*super().list_commands(ctx), *self.lazy])

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name in self.lazy:
            module_name, attribute = self.lazy[cmd_name].split(":")
            command = getattr(importlib.import_module(module_name), attribute)
            assert isinstance(command, click.Command)  # noqa: S101 (our own table)
            return command
        return super().get_command(ctx, cmd_name)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(psoas.__version__, prog_name="psoas")
def cli() -> None:
    """psoas: safe, measured self-help for psoas-related low back and hip pain.

    Not a diagnosis and not a substitute for care: the assessment screens for warning
    signs first and tells you when to see a doctor.
    """


@cli.command()
@click.option(
    "--answers",
    "answers_file",
    type=click.File("rb"),
    help="An answers document (JSON); '-' reads standard input. Without it, the questions "
    "are asked interactively.",
)
@click.option(
    "--json", "as_json", is_flag=True, help="Print the result document as JSON."
)
@click.option(
    "--save", is_flag=True, help="Store the answers and result in the database."
)
def assess(answers_file: IO[bytes] | None, *, as_json: bool, save: bool) -> None:
    """Screen for warning signs, then read the pain pattern and daily exposures."""
    kb = _knowledge_base()
    if answers_file is not None:
        answers = _read_answers(answers_file.read(), kb)
    else:
        from psoas_cli.interview import run_interview
        from psoas_cli.prompts import make_prompter

        try:
            answers = psoas.validate_answers(run_interview(kb, make_prompter()), kb)
        except AnswersError as exc:  # an interview always builds a valid document
            _fail(exc.problems)
    result = psoas.assess(answers, kb)
    if as_json:
        click.echo(json.dumps(result.to_json_dict(), indent=2, ensure_ascii=False))
    else:
        from psoas_cli.render import render_result

        render_result(result, kb)
    if save:
        _save(answers.model_dump(mode="json", exclude_none=True), result)


def _read_answers(data: bytes, kb: psoas.KnowledgeBase) -> psoas.Answers:
    from psoas.assess import parse_answers_json

    try:
        return parse_answers_json(data, kb)
    except AnswersError as exc:
        _fail(exc.problems)


def _fail(problems: list[str]) -> NoReturn:
    click.echo(
        f"psoas: the answers document has {len(problems)} problem"
        f"{'s' if len(problems) != 1 else ''}; nothing was stored:",
        err=True,
    )
    for problem in problems:
        click.echo(f"  {problem}", err=True)
    sys.exit(EXIT_INVALID)


def _save(document: dict[str, Any], result: Result) -> None:
    from psoas_web import services

    services.setup()
    saved = services.save_result(services.local_person(), document, result)
    click.echo(
        f"Saved assessment {saved.id} ({services.database_description()}).", err=True
    )


@cli.command()
@click.option(
    "--json", "as_json", is_flag=True, help="Print the stored results as JSON."
)
@click.option("--limit", type=click.IntRange(min=1), help="Show only the newest N.")
def history(*, as_json: bool, limit: int | None) -> None:
    """List your stored assessments, newest first, with the change in scores."""
    from psoas_web import services

    services.setup()
    person = services.local_person()
    stored = services.list_assessments(person, limit=limit)
    if as_json:
        rows = [
            {
                "id": str(a.id),
                "created_at": a.created_at.isoformat(),
                "engine_version": a.engine_version,
                "kb_version": a.kb_version,
                "result": a.result,
            }
            for a in stored
        ]
        click.echo(json.dumps(rows, indent=2, ensure_ascii=False))
        return
    from psoas_cli.render import render_history

    render_history(stored, _knowledge_base(), services.database_description())


@cli.command()
@click.argument("topic", required=False)
def learn(topic: str | None) -> None:
    """Read about the iliopsoas, the causes, the symptoms and the evidence.

    Without TOPIC, lists the topics.
    """
    from psoas_cli.render import render_sources, render_topic, render_topics

    kb = _knowledge_base()
    if topic is None:
        render_topics(kb)
        return
    key = topic.replace("-", "_").lower()
    if key == "sources":
        render_sources(kb)
        return
    if key not in kb.topics:
        known = ", ".join([*kb.topics, "sources"])
        click.echo(f"psoas: no topic '{topic}'. Topics: {known}.", err=True)
        sys.exit(EXIT_INVALID)
    render_topic(kb, key)


@cli.group()
def schema() -> None:
    """Print the JSON Schema of a document."""


@schema.command("answers")
def schema_answers() -> None:
    """The answers document (version 1), with every id the knowledge base knows."""
    from psoas.assess.schema import answers_schema

    click.echo(json.dumps(answers_schema(_knowledge_base()), indent=2))


@schema.command("result")
def schema_result() -> None:
    """The result document (version 1)."""
    from psoas.assess.result import Result

    click.echo(json.dumps(Result.model_json_schema(), indent=2))


@cli.group()
def kb() -> None:
    """Work with the knowledge base."""


@kb.command("check")
@click.argument(
    "directory",
    required=False,
    type=click.Path(exists=True, file_okay=False, path_type=Path),
)
def kb_check(directory: Path | None) -> None:
    """Validate the knowledge base (the shipped one, or the one in DIRECTORY)."""
    try:
        loaded = load_knowledge_base(directory)
    except KnowledgeBaseError as exc:
        click.echo(
            f"psoas: {len(exc.problems)} problem(s) in the knowledge base:", err=True
        )
        for problem in exc.problems:
            click.echo(f"  {problem}", err=True)
        sys.exit(1)
    click.echo(
        f"Knowledge base {loaded.version} is valid: {len(loaded.sources)} sources, "
        f"{len(loaded.red_flags)} red flags, {len(loaded.pattern.features)} pattern "
        f"features, {len(loaded.exposures)} exposures, {len(loaded.topics)} topics."
    )


@cli.command()
@click.option(
    "--host", default="127.0.0.1", show_default=True, help="Address to listen on."
)
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535))
@click.option("--threads", default=8, show_default=True, type=click.IntRange(1, 64))
def serve(host: str, port: int, threads: int) -> None:
    """Bring the database up to date and serve the web application (waitress)."""
    import waitress

    from psoas_web import services

    services.setup()
    from psoas_web.wsgi import application

    click.echo(
        f"psoas is serving on http://{host}:{port}/ ({services.database_description()}). "
        "Press Ctrl-C to stop."
    )
    waitress.serve(application, host=host, port=port, threads=threads, ident="psoas")


def _knowledge_base() -> psoas.KnowledgeBase:
    try:
        return default_knowledge_base()
    except KnowledgeBaseError as exc:
        click.echo(f"psoas: the knowledge base is broken:\n{exc}", err=True)
        sys.exit(1)


def main() -> None:
    """Run the command line (the ``psoas`` console script)."""
    cli()
