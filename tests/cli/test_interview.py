"""The interactive assessment: the interview, the two prompters and the real terminal.

In-process tests drive :func:`run_interview` with a scripted prompter over a tiny
knowledge base built here, so that content edits never break them. The subprocess and
pexpect tests run the installed ``psoas assess`` against the shipped knowledge base.
"""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import click
import pytest

import psoas
from psoas.assess.answers import EXPOSURE_FIELDS
from psoas.assess.fields import field_spec
from psoas.knowledge import KnowledgeBase, Urgency
from psoas.knowledge.load import check_references
from psoas.knowledge.model import (
    Band,
    Exposure,
    Instrument,
    Mic,
    Pattern,
    PatternFeature,
    RedFlag,
    ReferredSymptom,
    Region,
    SelfTest,
    SelfTestResult,
    Source,
    Statement,
    Triage,
    UrgencyLevel,
)
from psoas_cli.interview import run_interview
from psoas_cli.prompts import (
    MAX_ATTEMPTS,
    InterviewStopped,
    Options,
    PlainPrompter,
    QuestionaryPrompter,
)

# --- a tiny knowledge base ---------------------------------------------------------------


def _said(text: str) -> Statement:
    return Statement(text=text, sources=["s1"])


def _flag(flag_id: str, urgency: Urgency) -> RedFlag:
    return RedFlag(
        id=flag_id,
        group=flag_id.split("_")[0],
        question=f"Question {flag_id}?",
        could_be="could be a sign of something",
        urgency=urgency,
        sources=["s1"],
    )


def _exposure(field: str, unit: str, bands: list[Band]) -> Exposure:
    return Exposure(
        id=field,
        name=field.replace("_", " "),
        definition=f"How much {field}.",
        field=field,
        unit=unit,
        bands=bands,
        evidence=_said("evidence"),
        advice=_said("advice"),
        threshold_note="a threshold",
    )


def _instrument(instrument_id: str, items: list[str]) -> Instrument:
    return Instrument(
        id=instrument_id,
        name=instrument_id.upper(),
        instructions=f"How to fill in {instrument_id}.",
        min_score=0,
        max_score=len(items) or 10,
        items=items,
        attribution="test",
        licence=_said("licence"),
        mic=Mic(points=2, note=_said("mic")),
        sources=["s1"],
    )


def _triage() -> Triage:
    levels = [
        UrgencyLevel(
            id=level,
            title=f"Title {level.value}",
            message=f"Message {level.value}.",
            safety_net="If things change, get help.",
            sources=["s1"],
        )
        for level in Urgency
    ]
    return Triage(
        levels=levels,
        combinations=[],
        raises=[],
        incomplete_message="Finish the screen.",
        referred_message="See a doctor about these.",
    )


def _pattern() -> Pattern:
    thomas = SelfTest(
        id="thomas_test",
        name="Thomas test",
        purpose="A rough look at the front of the hip.",
        steps=["Lie back.", "Let one leg hang."],
        caveats=[_said("Not reliable.")],
        results=[
            SelfTestResult(id="negative", label="Thigh level", meaning=_said("fine")),
            SelfTestResult(
                id="thigh_raised",
                label="Thigh raised",
                meaning=_said("maybe short"),
                pattern_weight=1,
            ),
        ],
    )
    features = [
        PatternFeature(
            id="worse_rising_from_sitting",
            question="Worse getting up from sitting?",
            direction="for",
            weight=2,
            note=_said("for"),
        ),
        PatternFeature(
            id="leg_pain_below_knee",
            question="Pain below the knee?",
            direction="against",
            weight=2,
            note=_said("against"),
        ),
    ]
    return Pattern(
        moderate_from=2,
        high_from=4,
        evidence_note=_said("weak evidence"),
        features=features,
        self_tests=[thomas],
    )


def _referred(symptom_id: str, floor: Urgency) -> ReferredSymptom:
    return ReferredSymptom(
        id=symptom_id,
        name=symptom_id.replace("_", " "),
        question=f"{symptom_id}?",
        explanation=_said("commoner causes"),
        min_urgency=floor,
    )


def build_tiny_kb() -> KnowledgeBase:
    """Three red flags (emergency, urgent, soon) and one of everything else."""
    flags = [
        _flag("ces_saddle_numbness", Urgency.EMERGENCY),
        _flag("cancer_history", Urgency.URGENT),
        _flag("pregnancy", Urgency.SOON),
    ]
    high_low = [Band(level="high", min=8), Band(level="low")]
    exposures = [
        _exposure("sitting_hours_per_day", "h/day", high_low),
        _exposure("lifts_with_twisting", "", [Band(level="high", equals=True)]),
        _exposure("sleep_position", "", [Band(level="low")]),
        _exposure("core_training_days_per_week", "days/week", [Band(level="low")]),
    ]
    kb = KnowledgeBase(
        version="test",
        sources={
            "s1": Source(id="s1", short="S1", citation="S1", evidence="guideline")
        },
        triage=_triage(),
        red_flags={flag.id: flag for flag in flags},
        regions={
            "low_back": Region(id="low_back", name="Lower back", views=["back"]),
            "hip_front": Region(
                id="hip_front", name="Front of the hip", views=["front"]
            ),
        },
        pattern=_pattern(),
        referred={
            "bloating": _referred("bloating", Urgency.SOON),
            "radiating_leg_pain": _referred("radiating_leg_pain", Urgency.SELF_CARE),
        },
        exposures={exposure.id: exposure for exposure in exposures},
        instruments={
            "nprs": _instrument("nprs", []),
            "rmdq": _instrument("rmdq", [f"Statement {n}." for n in range(1, 25)]),
            "psfs": _instrument("psfs", []),
        },
        professionals={},
        muscles={},
        topics={},
        exercises={},
        figures={},
    )
    assert check_references(kb) == []
    return kb


@pytest.fixture(scope="module")
def tiny_kb() -> KnowledgeBase:
    return build_tiny_kb()


# --- a scripted prompter -----------------------------------------------------------------


class ScriptedPrompter:
    """Gives canned answers in order and records every question it was asked.

    It checks each answer against what the interview offered (the options, the range),
    so a wrong range or a missing option fails here, as it would for a person.
    """

    def __init__(self, answers: list[Any]) -> None:
        self.answers = list(answers)
        self.asked: list[str] = []
        self.said: list[str] = []

    def _next(self, question: str) -> Any:
        self.asked.append(question)
        if not self.answers:
            pytest.fail(f"asked a question the script did not expect: {question!r}")
        return self.answers.pop(0)

    def choose(
        self, question: str, options: Options, *, default: str | None = None
    ) -> str:
        answer = self._next(question)
        assert answer in [value for value, _ in options], (question, answer, options)
        return str(answer)

    def choose_many(self, question: str, options: Options) -> list[str]:
        answer = self._next(question)
        assert set(answer) <= {value for value, _ in options}, (question, answer)
        return list(answer)

    def number(
        self,
        question: str,
        *,
        minimum: float,
        maximum: float | None,
        integer: bool = False,
    ) -> float | None:
        answer = self._next(question)
        if answer is None:
            return None
        assert minimum <= answer, question
        assert maximum is None or answer <= maximum, question
        assert not integer or float(answer).is_integer(), question
        return float(answer)

    def text(self, question: str, *, max_length: int) -> str:
        answer = str(self._next(question))
        assert len(answer) <= max_length
        return answer

    def say(self, text: str, *, style: str = "") -> None:
        self.said.append(text)


DESK_WORKER = {
    "sitting_hours_per_day": 10,
    "longest_sitting_bout_minutes": 120,
    "driving_hours_per_day": 0.5,
    "core_training_days_per_week": 0,
    "lifts_with_twisting": "no",
    "sleep_position": "side_curled",
}


def desk_worker_script(
    kb: KnowledgeBase, *, red_flags: list[str] | None = None
) -> list[Any]:
    """Answers for a desk worker with front-of-hip pain, in the order they are asked."""
    script: list[Any] = red_flags or ["no"] * len(kb.red_flags)
    script += [["low_back", "hip_front"], "left", 4, 6, 8]
    script += ["yes" if f.direction == "for" else "no" for f in kb.pattern.features]
    script += [[]]  # no referred symptoms
    for field in dict.fromkeys(exposure.field for exposure in kb.exposures.values()):
        skip = None if field_spec(field).kind == "number" else "skip"
        script.append(DESK_WORKER.get(field, skip))
    script += ["yes", "thigh_raised", "negative"]  # Thomas test, left then right
    script += ["yes", ["0", "4"]]  # RMDQ: statements 1 and 5
    script += ["yes", "getting out of the car", 4, ""]  # PSFS: one activity, then done
    return script


# --- the interview, in process -----------------------------------------------------------


def test_emergency_answer_stops_the_questions_at_once(tiny_kb: KnowledgeBase) -> None:
    prompter = ScriptedPrompter(["yes"])

    document = run_interview(tiny_kb, prompter)

    assert prompter.asked == ["(1/3) Question ces_saddle_numbness?"]
    assert document == {"version": 1, "red_flags": {"ces_saddle_numbness": True}}
    assert psoas.assess(document, tiny_kb).triage.level is Urgency.EMERGENCY


def test_urgent_screen_stops_after_the_last_red_flag(tiny_kb: KnowledgeBase) -> None:
    prompter = ScriptedPrompter(["no", "yes", "no"])

    document = run_interview(tiny_kb, prompter)

    assert len(prompter.asked) == 3
    assert document["red_flags"] == {
        "ces_saddle_numbness": False,
        "cancer_history": True,
        "pregnancy": False,
    }
    assert set(document) == {"version", "red_flags"}
    assert psoas.assess(document, tiny_kb).triage.level is Urgency.URGENT


def test_desk_worker_with_no_red_flags_gets_self_care(tiny_kb: KnowledgeBase) -> None:
    prompter = ScriptedPrompter(desk_worker_script(tiny_kb))

    document = run_interview(tiny_kb, prompter)

    assert prompter.answers == []
    psoas.validate_answers(document, tiny_kb)
    assert document == {
        "version": 1,
        "red_flags": {
            "ces_saddle_numbness": False,
            "cancer_history": False,
            "pregnancy": False,
        },
        "pain": {
            "regions": ["low_back", "hip_front"],
            "side": "left",
            "nprs_now": 4,
            "nprs_worst_week": 6,
            "duration_weeks": 8,
            "features": {
                "worse_rising_from_sitting": True,
                "leg_pain_below_knee": False,
            },
        },
        "referred": [],
        "exposures": {
            "sitting_hours_per_day": 10,
            "lifts_with_twisting": False,
            "sleep_position": "side_curled",
            "core_training_days_per_week": 0,
        },
        "self_tests": {"thomas_test": {"left": "thigh_raised", "right": "negative"}},
        "instruments": {
            "rmdq": [n in {0, 4} for n in range(24)],
            "psfs": [{"activity": "getting out of the car", "score": 4}],
        },
    }
    assert psoas.assess(document, tiny_kb).triage.level is Urgency.SELF_CARE


def test_not_sure_leaves_the_flag_unanswered(tiny_kb: KnowledgeBase) -> None:
    script = desk_worker_script(tiny_kb, red_flags=["no", "unsure", "no"])

    document = run_interview(tiny_kb, ScriptedPrompter(script))

    assert document["red_flags"] == {"ces_saddle_numbness": False, "pregnancy": False}
    result = psoas.assess(document, tiny_kb)
    assert result.triage.complete is False
    assert result.triage.unanswered == ["cancer_history"]
    assert result.triage.level is Urgency.SOON


def test_skipped_and_declined_questions_leave_their_fields_out(
    tiny_kb: KnowledgeBase,
) -> None:
    script: list[Any] = ["no", "no", "no"]  # red flags
    script += [[], "skip", None, None, None, "skip", "skip"]  # pain, all skipped
    script += [["bloating"]]  # referred
    script += [None, "skip", "skip", None]  # exposures, all skipped
    script += ["no", "no", "no"]  # Thomas test, RMDQ and PSFS declined

    document = run_interview(tiny_kb, ScriptedPrompter(script))

    assert document == {
        "version": 1,
        "red_flags": {
            "ces_saddle_numbness": False,
            "cancer_history": False,
            "pregnancy": False,
        },
        "referred": ["bloating"],
    }
    assert psoas.assess(document, tiny_kb).triage.level is Urgency.SOON


def test_a_soon_flag_does_not_stop_the_questions(tiny_kb: KnowledgeBase) -> None:
    script = desk_worker_script(tiny_kb, red_flags=["no", "no", "yes"])

    document = run_interview(tiny_kb, ScriptedPrompter(script))

    assert document["red_flags"]["pregnancy"] is True
    assert "exposures" in document
    assert psoas.assess(document, tiny_kb).triage.level is Urgency.SOON


def test_psfs_stops_at_five_and_drops_an_unscored_activity(
    tiny_kb: KnowledgeBase,
) -> None:
    script = desk_worker_script(tiny_kb)
    psfs: list[Any] = ["yes", "walking", None]  # no score: left out
    for n in range(5):
        psfs += [f"activity {n}", n]
    script[-4:] = psfs  # five scored activities, then no sixth question

    document = run_interview(tiny_kb, ScriptedPrompter(script))

    assert [a["activity"] for a in document["instruments"]["psfs"]] == [
        f"activity {n}" for n in range(5)
    ]


def test_exposure_ranges_come_from_the_answers_model() -> None:
    specs = {field: field_spec(field) for field in EXPOSURE_FIELDS}

    assert (
        specs["sitting_hours_per_day"].minimum,
        specs["sitting_hours_per_day"].maximum,
    ) == (
        0,
        24,
    )
    assert specs["longest_sitting_bout_minutes"].maximum == 1440
    assert specs["running_km_per_week"].maximum is None
    assert specs["typical_lift_kg"].kind == "number"
    core = specs["core_training_days_per_week"]
    assert (core.minimum, core.maximum, core.integer) == (0, 7, True)
    assert specs["lifts_with_twisting"].kind == "bool"
    assert specs["sleep_position"].choices == (
        "back",
        "side_straight",
        "side_curled",
        "front",
        "mixed",
    )


def test_the_shipped_knowledge_base_desk_worker_gets_self_care() -> None:
    kb = psoas.knowledge.default_knowledge_base()

    document = run_interview(kb, ScriptedPrompter(desk_worker_script(kb)))

    result = psoas.assess(document, kb)
    assert result.triage.complete is True
    assert result.triage.level is Urgency.SELF_CARE
    assert set(document["exposures"]) >= {"sitting_hours_per_day", "sleep_position"}


# --- the plain prompter ------------------------------------------------------------------

NO_YES_UNSURE: Options = [("no", "No"), ("yes", "Yes"), ("unsure", "Not sure")]


def plain(typed: str) -> tuple[PlainPrompter, io.StringIO]:
    out = io.StringIO()
    return PlainPrompter(io.StringIO(typed), out), out


def test_plain_menu_is_numbered_and_takes_a_number_or_a_value() -> None:
    prompter, out = plain("2\nnot sure\n")

    assert prompter.choose("Any pain?", NO_YES_UNSURE) == "yes"
    assert prompter.choose("Any pain?", NO_YES_UNSURE) == "unsure"
    assert "  1) No   2) Yes   3) Not sure\n" in out.getvalue()


def test_plain_menu_asks_again_after_an_unreadable_answer() -> None:
    prompter, out = plain("7\nmaybe\n1\n")

    assert prompter.choose("Any pain?", NO_YES_UNSURE) == "no"
    assert out.getvalue().count("Please type a number from 1 to 3.") == 2


def test_plain_menu_gives_up_after_too_many_unreadable_answers() -> None:
    prompter, _ = plain("x\n" * MAX_ATTEMPTS)

    with pytest.raises(InterviewStopped, match="could not be read"):
        prompter.choose("Any pain?", NO_YES_UNSURE)


def test_plain_prompter_stops_clearly_when_input_ends() -> None:
    prompter, _ = plain("")

    with pytest.raises(InterviewStopped, match="input ended") as caught:
        prompter.choose("Any pain?", NO_YES_UNSURE)
    assert isinstance(caught.value, click.ClickException)


def test_plain_multi_select_reads_comma_separated_numbers() -> None:
    options: Options = [("a", "Apple"), ("b", "Banana"), ("c", "Cherry")]
    prompter, _ = plain("3, 1\n\n4\n2\n")

    assert prompter.choose_many("Fruit?", options) == ["a", "c"]
    assert prompter.choose_many("Fruit?", options) == []
    assert prompter.choose_many("Fruit?", options) == ["b"]  # after "4" is refused


def test_plain_multi_select_reads_numbers_not_values_when_values_are_digits() -> None:
    options: Options = [("0", "First"), ("1", "Second")]
    prompter, out = plain("0\n1\n")  # "0" is not on the menu, though a value is "0"

    assert prompter.choose_many("Tick?", options) == ["0"]
    assert "'0' is not on the list" in out.getvalue()


def test_plain_number_names_the_range_and_allows_a_skip() -> None:
    prompter, out = plain("11\n2.5\nseven\n7\n\n")

    assert prompter.number("Pain?", minimum=0, maximum=10, integer=True) == 7
    assert prompter.number("Pain?", minimum=0, maximum=10, integer=True) is None
    text = out.getvalue()
    assert text.count("Please enter a whole number from 0 to 10") == 3


def test_plain_text_allows_blank_and_limits_length() -> None:
    prompter, out = plain("abcdef\nabc\n\n")

    assert prompter.text("Activity?", max_length=5) == "abc"
    assert prompter.text("Activity?", max_length=5) == ""
    assert "Please keep it to 5 characters" in out.getvalue()


# --- the questionary prompter, in process ------------------------------------------------


@pytest.fixture
def keys() -> Iterator[Any]:
    """Feed keystrokes to questionary through a prompt_toolkit pipe."""
    from prompt_toolkit.application import create_app_session
    from prompt_toolkit.input import create_pipe_input
    from prompt_toolkit.output import DummyOutput

    with (
        create_pipe_input() as pipe,
        create_app_session(input=pipe, output=DummyOutput()),
    ):
        yield pipe


def test_questionary_number_key_then_enter_chooses(keys: Any) -> None:
    keys.send_text("2\r")

    assert QuestionaryPrompter().choose("Any pain?", NO_YES_UNSURE) == "yes"


def test_questionary_arrow_keys_choose_and_space_ticks(keys: Any) -> None:
    keys.send_text("\x1b[B\x1b[B\r")  # down, down, Enter
    keys.send_text(" \x1b[B\x1b[B \r")  # tick the first and third
    prompter = QuestionaryPrompter()

    assert prompter.choose("Any pain?", NO_YES_UNSURE) == "unsure"
    assert prompter.choose_many("Where?", NO_YES_UNSURE) == ["no", "unsure"]


def test_questionary_number_refuses_out_of_range_then_skips(keys: Any) -> None:
    keys.send_text("12\r\x7f\x7f\r")  # refused, erased, then blank = skip

    assert QuestionaryPrompter().number("Pain?", minimum=0, maximum=10) is None


def test_questionary_ctrl_c_aborts(keys: Any) -> None:
    keys.send_text("\x03")

    with pytest.raises(click.Abort):
        QuestionaryPrompter().choose("Any pain?", NO_YES_UNSURE)


# --- the real command --------------------------------------------------------------------


def psoas_command() -> str:
    found = Path(sys.executable).parent / "psoas"
    return str(found) if found.exists() else shutil.which("psoas") or "psoas"


def command_env(tmp_path: Path) -> dict[str, str]:
    env = dict(os.environ, PSOAS_DATA_DIR=str(tmp_path), NO_COLOR="1")
    env.update(TERM="xterm-256color", PROMPT_TOOLKIT_NO_CPR="1", COLUMNS="120")
    return env


def test_piped_yes_to_the_first_red_flag_prints_the_emergency_advice(
    tmp_path: Path,
) -> None:
    done = subprocess.run(
        [psoas_command(), "assess"],
        input="2\n",
        capture_output=True,
        text=True,
        env=command_env(tmp_path),
        timeout=60,
        check=False,
    )

    assert done.returncode == 0, done.stderr
    assert "1) No   2) Yes   3) Not sure" in done.stdout
    assert done.stdout.count("Type a number") == 1  # no second question
    assert "emergency" in done.stdout.lower()


def test_piped_input_that_ends_early_stops_with_a_clear_message(tmp_path: Path) -> None:
    done = subprocess.run(
        [psoas_command(), "assess"],
        input="1\n1\n",
        capture_output=True,
        text=True,
        env=command_env(tmp_path),
        timeout=60,
        check=False,
    )

    assert done.returncode == 1
    assert "input ended before the questions were finished" in done.stderr


def test_pressing_2_in_a_real_terminal_gives_the_emergency_advice(
    tmp_path: Path,
) -> None:
    pexpect = pytest.importorskip("pexpect")
    child = pexpect.spawn(
        psoas_command(),
        ["assess"],
        env=command_env(tmp_path),
        dimensions=(40, 120),
        encoding="utf-8",
        timeout=30,
    )
    try:
        child.expect(r"\(1/\d+\)")
        child.expect(r"Your answer:")  # the questionary menu, not the numbered one
        child.expect(r"Not sure")
        child.send("2")
        child.send("\r")
        child.expect(r"(?i)emergency")
        child.expect(pexpect.EOF)
    finally:
        child.close()
    assert child.exitstatus == 0
