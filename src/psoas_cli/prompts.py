"""Ask questions in the terminal: arrow-key menus on a terminal, numbered menus otherwise.

The interview talks only to the :class:`Prompter` protocol, so it runs the same with
questionary in a terminal, with plain numbered menus when input is piped, and with a
scripted fake in the tests.
"""

from __future__ import annotations

import math
import re
import sys
import textwrap
from collections.abc import Callable
from typing import IO, Any, Protocol, TypeVar

import click

T = TypeVar("T")

#: (value, label) pairs of a menu
Options = list[tuple[str, str]]

#: how many unreadable answers in a row the plain prompter accepts before stopping
MAX_ATTEMPTS = 5

#: questionary numbers at most this many options (1-9, 0, a-z); longer menus use arrows only
_MAX_SHORTCUTS = 36

_WIDTH = 80

#: the widest a terminal line gets, however wide the terminal: long lines are hard to read
_MAX_COLUMNS = 100

#: the start of a numbered or bulleted line, e.g. "  12) " or "- "
_LIST_ITEM = re.compile(r"^\s*(?:\d+[.)]|-)\s+")


class InterviewStopped(click.ClickException):
    """The questions could not go on (input ended, or too many unreadable answers)."""

    exit_code = 1


class Prompter(Protocol):
    """What the interview needs from a terminal."""

    def choose(
        self, question: str, options: Options, *, default: str | None = None
    ) -> str:
        """Return the value of the chosen option."""
        ...

    def choose_many(self, question: str, options: Options) -> list[str]:
        """Return the values of the ticked options, in menu order (none is an answer)."""
        ...

    def number(
        self,
        question: str,
        *,
        minimum: float,
        maximum: float | None,
        integer: bool = False,
    ) -> float | None:
        """Return a number in range, or None when the answer is left blank."""
        ...

    def text(self, question: str, *, max_length: int) -> str:
        """Return the text typed ("" when left blank)."""
        ...

    def say(self, text: str, *, style: str = "") -> None:
        """Show ``text`` (a rich style such as "bold" where the terminal supports it)."""
        ...


def describe_range(minimum: float, maximum: float | None, *, integer: bool) -> str:
    """Return the allowed range in words, e.g. "a whole number from 0 to 10"."""
    kind = "a whole number" if integer else "a number"
    low = _show(minimum)
    if maximum is None:
        return f"{kind} of {low} or more"
    return f"{kind} from {low} to {_show(maximum)}"


def parse_number(
    answer: str, *, minimum: float, maximum: float | None, integer: bool
) -> float | None:
    """Return the number in ``answer``, None for a blank answer; raise ValueError if not allowed.

    The ValueError's message names the allowed range.
    """
    answer = answer.strip().replace(",", ".")
    if not answer:
        return None
    problem = f"Please enter {describe_range(minimum, maximum, integer=integer)}, "
    problem += "or leave it blank to skip."
    try:
        value = float(answer)
    except ValueError:
        raise ValueError(problem) from None
    in_range = minimum <= value and (maximum is None or value <= maximum)
    if not math.isfinite(value) or not in_range or (integer and not value.is_integer()):
        raise ValueError(problem)
    return value


def _show(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)


class PlainPrompter:
    """Numbered menus on plain streams, for pipes, scripts and screen readers."""

    def __init__(
        self, stdin: IO[str], stdout: IO[str], *, echo: bool | None = None
    ) -> None:
        """Read answers from ``stdin`` and write questions to ``stdout``.

        ``echo`` repeats each answer after its prompt, so that a transcript of piped input
        reads like a conversation; by default it is on when ``stdin`` is not a terminal.
        """
        self._in = stdin
        self._out = stdout
        self._echo = not stdin.isatty() if echo is None else echo

    def choose(
        self, question: str, options: Options, *, default: str | None = None
    ) -> str:
        self._write("\n" + _wrap(question) + "\n" + _menu(options))
        hint = " (Enter for the default)" if default is not None else ""
        return self._ask(
            f"Type a number{hint}: ",
            lambda answer: _pick(answer, options, default),
        )

    def choose_many(self, question: str, options: Options) -> list[str]:
        self._write("\n" + _wrap(question) + "\n" + _menu(options, inline=False))
        return self._ask(
            "Type the numbers that apply, separated by commas (Enter for none): ",
            lambda answer: _pick_many(answer, options),
        )

    def number(
        self,
        question: str,
        *,
        minimum: float,
        maximum: float | None,
        integer: bool = False,
    ) -> float | None:
        allowed = describe_range(minimum, maximum, integer=integer)
        self._write("\n" + _wrap(question) + "\n")
        return self._ask(
            f"Type {allowed} (Enter to skip): ",
            lambda answer: parse_number(
                answer, minimum=minimum, maximum=maximum, integer=integer
            ),
        )

    def text(self, question: str, *, max_length: int) -> str:
        self._write("\n" + _wrap(question) + "\n")
        return self._ask("> ", lambda answer: _check_length(answer, max_length))

    def say(self, text: str, *, style: str = "") -> None:
        self._write(_wrap(text) + "\n")

    def _ask(self, prompt: str, read: Callable[[str], T]) -> T:
        for _ in range(MAX_ATTEMPTS):
            self._write(prompt)
            line = self._in.readline()
            if not line:
                self._write("\n")
                raise InterviewStopped(
                    "the input ended before the questions were finished; "
                    "no result was produced."
                )
            if self._echo:
                self._write(line if line.endswith("\n") else line + "\n")
            try:
                return read(line.strip())
            except ValueError as exc:
                self._write(f"{exc}\n")
        raise InterviewStopped(
            f"{MAX_ATTEMPTS} answers in a row could not be read; stopping here. "
            "Run `psoas assess` again when you are ready."
        )

    def _write(self, text: str) -> None:
        self._out.write(text)
        self._out.flush()


def _wrap(text: str) -> str:
    """Wrap each line of ``text``; list items ("1. ", "- ") get a hanging indent."""
    return "\n".join(_fill(line) for line in text.splitlines())


def _fill(line: str) -> str:
    marker = _LIST_ITEM.match(line)
    indent = " " * len(marker.group(0)) if marker else ""
    return textwrap.fill(line, _WIDTH, subsequent_indent=indent) if line.strip() else ""


def _menu(options: Options, *, inline: bool = True) -> str:
    items = [f"{number}) {label}" for number, (_, label) in enumerate(options, start=1)]
    one_line = "   ".join(items)
    if inline and len(one_line) + 2 <= _WIDTH:
        return f"  {one_line}\n"
    return "".join(_fill(f"  {item}") + "\n" for item in items)


def _pick(answer: str, options: Options, default: str | None) -> str:
    if not answer and default is not None:
        return default
    found = _find(answer, options)
    if found is None:
        raise ValueError(f"Please type a number from 1 to {len(options)}.")
    return found


def _pick_many(answer: str, options: Options) -> list[str]:
    parts = [part.strip() for part in answer.replace(";", ",").split(",")]
    chosen = set()
    for part in filter(None, parts):
        found = _find(part, options)
        if found is None:
            raise ValueError(
                f"'{part}' is not on the list. Type numbers from 1 to {len(options)}, "
                "separated by commas, or press Enter for none."
            )
        chosen.add(found)
    return [value for value, _ in options if value in chosen]


def _find(answer: str, options: Options) -> str | None:
    """Return the option a number, value or label stands for."""
    if answer.isdigit():
        return options[int(answer) - 1][0] if 1 <= int(answer) <= len(options) else None
    wanted = answer.casefold()
    for value, label in options:
        if wanted and wanted in {value.casefold(), label.casefold()}:
            return value
    return None


def _check_length(answer: str, max_length: int) -> str:
    if len(answer) > max_length:
        raise ValueError(
            f"Please keep it to {max_length} characters (that was {len(answer)})."
        )
    return answer


class QuestionaryPrompter:
    """Arrow-key and number-key menus in a real terminal (questionary and rich).

    Each question is printed by rich, which wraps at word boundaries (prompt_toolkit would
    wrap mid-word), and the menu below it is headed "Your answer:".
    """

    def __init__(self) -> None:
        from rich.console import Console  # imported here: rich and questionary are slow

        self._console = Console(highlight=False)
        self._console.width = min(self._console.width, _MAX_COLUMNS)

    def choose(
        self, question: str, options: Options, *, default: str | None = None
    ) -> str:
        import questionary

        shortcuts = len(options) <= _MAX_SHORTCUTS
        keys = f"1–{min(len(options), 9)} or " if shortcuts else ""
        instruction = f"({keys}↑/↓, then Enter)"
        chosen: str = self._ask(
            questionary.select(
                self._message(question),
                choices=[
                    questionary.Choice(label, value=value) for value, label in options
                ],
                default=default,
                use_shortcuts=shortcuts,
                use_arrow_keys=True,
                use_jk_keys=False,
                instruction=instruction,
            )
        )
        return chosen

    def choose_many(self, question: str, options: Options) -> list[str]:
        import questionary

        instruction = "(↑/↓ to move, Space to tick, Enter when done; none is fine)"
        chosen: list[str] = self._ask(
            questionary.checkbox(
                self._message(question),
                choices=[
                    questionary.Choice(label, value=value) for value, label in options
                ],
                instruction=instruction,
                use_jk_keys=False,
            )
        )
        return chosen

    def number(
        self,
        question: str,
        *,
        minimum: float,
        maximum: float | None,
        integer: bool = False,
    ) -> float | None:
        import questionary

        def check(answer: str) -> bool | str:
            try:
                parse_number(answer, minimum=minimum, maximum=maximum, integer=integer)
            except ValueError as exc:
                return str(exc)
            return True

        hint = f"{describe_range(minimum, maximum, integer=integer)}; Enter to skip"
        answer: str = self._ask(
            questionary.text(self._message(question, hint), validate=check)
        )
        return parse_number(answer, minimum=minimum, maximum=maximum, integer=integer)

    def text(self, question: str, *, max_length: int) -> str:
        import questionary

        def check(answer: str) -> bool | str:
            try:
                _check_length(answer, max_length)
            except ValueError as exc:
                return str(exc)
            return True

        answer: str = self._ask(
            questionary.text(self._message(question), validate=check)
        )
        return answer.strip()

    def say(self, text: str, *, style: str = "") -> None:
        from rich.table import Table
        from rich.text import Text

        for line in text.splitlines() or [""]:
            marker = _LIST_ITEM.match(line)
            if marker is None:
                self._console.print(Text(line), style=style or None)
                continue
            item = Table.grid()  # a hanging indent for "1. " and "- " items
            item.add_column(no_wrap=True)
            item.add_column()
            item.add_row(Text(marker.group(0)), Text(line[marker.end() :]))
            self._console.print(item, style=style or None)

    def _message(self, question: str, hint: str = "") -> str:
        """Print the question (rich wraps it at word boundaries); return the prompt line."""
        self._console.print()
        self._console.print(question, markup=False)
        return f"Your answer ({hint}):" if hint else "Your answer:"

    def _ask(self, question: Any) -> Any:
        try:
            answer = question.unsafe_ask()
        except KeyboardInterrupt:
            answer = None
        if answer is None:
            self._console.print("\nStopped. No result was produced.", style="dim")
            raise click.Abort
        return answer


def make_prompter() -> Prompter:
    """Return arrow-key menus on a terminal, numbered menus when input or output is piped."""
    if sys.stdin.isatty() and sys.stdout.isatty():
        return QuestionaryPrompter()
    return PlainPrompter(sys.stdin, sys.stdout)
