"""The interactive assessment: ask the questions and build an answers document (version 1).

Red flags come first, one question each. An answer that makes the screen an emergency stops
the questions at once, and an urgent screen stops them after the last red flag: the result
then says to get help, and questions about exercise would only delay that. Only answered
fields go into the document; a skipped question leaves its field out.
"""

from __future__ import annotations

from typing import Any, get_args

from psoas.assess.answers import Answers, PsfsActivity, ThomasReading
from psoas.assess.fields import SLEEP_LABELS, UNIT_WORDS, field_spec
from psoas.assess.triage import triage
from psoas.knowledge import KnowledgeBase, Urgency
from psoas.knowledge.model import Exposure, SelfTest
from psoas_cli.prompts import Options, Prompter

Document = dict[str, Any]

NO_YES_UNSURE: Options = [("no", "No"), ("yes", "Yes"), ("unsure", "Not sure")]
NO_YES_SKIP: Options = [("no", "No"), ("yes", "Yes"), ("skip", "Skip")]
NO_YES: Options = [("no", "No"), ("yes", "Yes")]
SIDES: Options = [
    ("left", "Left"),
    ("right", "Right"),
    ("both", "Both sides"),
    ("central", "In the middle"),
    ("skip", "Skip"),
]
THOMAS_READINGS: tuple[str, ...] = get_args(ThomasReading)
PSFS_MAX = 5
PSFS_ACTIVITY_LENGTH = 200
RMDQ_ITEMS = 24

INTRO = (
    "A few questions about your back and hip pain (about 10 minutes).\n"
    "This is not a diagnosis and does not replace a doctor or physiotherapist.\n\n"
    "First come {count} safety questions about warning signs that need a doctor. "
    'If you are not sure about one, choose "Not sure".\n'
    "You can stop at any time with Ctrl-C."
)


def run_interview(kb: KnowledgeBase, prompter: Prompter) -> Document:
    """Ask the questions and return an answers document (version 1).

    The document always validates with :func:`psoas.assess.validate_answers` against ``kb``.
    It stops early, with only the red flags answered so far, when the screen reaches
    ``emergency`` (at once) or ``urgent`` (after the last red flag).
    """
    prompter.say(INTRO.format(count=len(kb.red_flags)))
    document: Document = {"version": 1}
    flags, level = screen_red_flags(kb, prompter)
    if flags:
        document["red_flags"] = flags
    if level is Urgency.EMERGENCY:
        prompter.say(
            "\nThank you. Because of that answer the questions stop here. "
            "Please read the advice below now.",
            style="bold",
        )
        return document
    if level is Urgency.URGENT:
        prompter.say(
            "\nThank you. Your answers mean a doctor should see you today, so the "
            "questions stop here. Please read the advice below.",
            style="bold",
        )
        return document
    _ask_the_rest(kb, prompter, document)
    prompter.say("\nThank you. Here is what your answers suggest.", style="bold")
    return document


def _ask_the_rest(kb: KnowledgeBase, prompter: Prompter, document: Document) -> None:
    parts: list[tuple[str, Any]] = [
        ("pain", ask_pain(kb, prompter)),
        ("referred", ask_referred(kb, prompter)),
        ("exposures", ask_exposures(kb, prompter)),
        ("self_tests", ask_self_tests(kb, prompter)),
        ("instruments", ask_instruments(kb, prompter)),
    ]
    for key, value in parts:
        if value is not None and value != {}:  # an empty "referred" list is an answer
            document[key] = value


def screen_red_flags(
    kb: KnowledgeBase, prompter: Prompter
) -> tuple[dict[str, bool], Urgency]:
    """Ask every red flag in screening order; stop at once when the level is emergency.

    Returns the answered flags ("Not sure" leaves a flag out) and the level they give.
    """
    flags: dict[str, bool] = {}
    level = Urgency.SELF_CARE
    total = len(kb.red_flags)
    for number, flag in enumerate(kb.red_flags.values(), start=1):
        answer = prompter.choose(f"({number}/{total}) {flag.question}", NO_YES_UNSURE)
        if answer != "unsure":
            flags[flag.id] = answer == "yes"
        level = triage(Answers(version=1, red_flags=flags), kb).level
        if level is Urgency.EMERGENCY:
            break
    return flags, level


def ask_pain(kb: KnowledgeBase, prompter: Prompter) -> Document:
    """Ask where the pain is, how bad, for how long, and what makes it worse."""
    prompter.say("\nAbout your pain", style="bold")
    pain: Document = {}
    regions = prompter.choose_many(
        "Where do you feel the pain? Tick every area that hurts.",
        [(region.id, region.name) for region in kb.regions.values()],
    )
    if regions:
        pain["regions"] = regions
    side = prompter.choose("Which side is the pain on?", SIDES)
    if side != "skip":
        pain["side"] = side
    _ask_nprs(kb, prompter, pain)
    weeks = prompter.number(
        "How long have you had this pain, in weeks? (For a few days, type 0.5.)",
        minimum=0,
        maximum=None,
    )
    if weeks is not None:
        pain["duration_weeks"] = _tidy(weeks)
    features = _ask_features(kb, prompter)
    if features:
        pain["features"] = features
    return pain


def _ask_nprs(kb: KnowledgeBase, prompter: Prompter, pain: Document) -> None:
    nprs = kb.instruments.get("nprs")
    if nprs is not None:
        prompter.say("\n" + nprs.instructions)
    questions = {
        "nprs_now": "How bad is the pain right now, from 0 to 10?",
        "nprs_worst_week": "How bad was it at its worst in the past week, from 0 to 10?",
    }
    for key, question in questions.items():
        score = prompter.number(question, minimum=0, maximum=10, integer=True)
        if score is not None:
            pain[key] = int(score)


def _ask_features(kb: KnowledgeBase, prompter: Prompter) -> dict[str, bool]:
    features: dict[str, bool] = {}
    for feature in kb.pattern.features:
        answer = prompter.choose(feature.question, NO_YES_SKIP)
        if answer != "skip":
            features[feature.id] = answer == "yes"
    return features


def ask_referred(kb: KnowledgeBase, prompter: Prompter) -> list[str] | None:
    """Ask which referred symptoms the person has; an empty list means none."""
    if not kb.referred:
        return None
    prompter.say("\nOther symptoms", style="bold")
    return prompter.choose_many(
        "Do you also have any of these? Tick any that apply; it is fine to tick none.",
        [(symptom.id, symptom.name) for symptom in kb.referred.values()],
    )


def ask_exposures(kb: KnowledgeBase, prompter: Prompter) -> Document:
    """Ask about a typical day: one question per exposure field in the knowledge base."""
    if not kb.exposures:
        return {}
    prompter.say(
        "\nYour typical day\nRough figures are fine. Press Enter to skip any question.",
        style="bold",
    )
    exposures: Document = {}
    for exposure in kb.exposures.values():
        if exposure.field in exposures:
            continue
        value = _ask_exposure(exposure, prompter)
        if value is not None:
            exposures[exposure.field] = value
    return exposures


def _ask_exposure(exposure: Exposure, prompter: Prompter) -> Any:
    spec = field_spec(exposure.field)
    question = f"{exposure.name}: {exposure.definition}"
    if spec.kind == "bool":
        answer = prompter.choose(question, NO_YES_SKIP)
        return None if answer == "skip" else answer == "yes"
    if spec.kind == "choice":
        options = [
            (value, SLEEP_LABELS.get(value, _words(value))) for value in spec.choices
        ]
        answer = prompter.choose(question, [*options, ("skip", "Skip")])
        return None if answer == "skip" else answer
    unit = UNIT_WORDS.get(exposure.unit, exposure.unit)
    value = prompter.number(
        f"{question} ({unit})" if unit else question,
        minimum=spec.minimum,
        maximum=spec.maximum,
        integer=spec.integer,
    )
    if value is None:
        return None
    return int(value) if spec.integer else _tidy(value)


def ask_self_tests(kb: KnowledgeBase, prompter: Prompter) -> Document | None:
    """Offer the Thomas self-test; return the readings, or None when declined."""
    test = next((t for t in kb.pattern.self_tests if t.id == "thomas_test"), None)
    if test is None:
        return None
    prompter.say(f"\nOptional: {test.name}", style="bold")
    if (
        prompter.choose("Would you like to do the optional Thomas self-test?", NO_YES)
        == "no"
    ):
        return None
    _show_steps(test, prompter)
    options = _thomas_options(test)
    readings: Document = {}
    for side in ("left", "right"):
        readings[side] = prompter.choose(
            f"With your {side} leg hanging over the edge, what did you see?", options
        )
    return {"thomas_test": readings}


def _show_steps(test: SelfTest, prompter: Prompter) -> None:
    prompter.say("\n" + test.purpose)
    steps = "\n".join(f"{n}. {step}" for n, step in enumerate(test.steps, start=1))
    prompter.say(f"\nHow to do it\n{steps}")
    caveats = "\n".join(f"- {caveat.text}" for caveat in test.caveats)
    prompter.say(f"\nPlease note\n{caveats}")
    prompter.say("\nDo the test now, then come back and record what you saw.")


def _thomas_options(test: SelfTest) -> Options:
    options = [(r.id, r.label) for r in test.results if r.id in THOMAS_READINGS]
    if "not_done" not in {value for value, _ in options}:
        options.append(("not_done", "I did not do it on this side, or I am not sure"))
    return options


def ask_instruments(kb: KnowledgeBase, prompter: Prompter) -> Document:
    """Offer the optional questionnaires (RMDQ and PSFS)."""
    instruments: Document = {}
    rmdq = ask_rmdq(kb, prompter)
    if rmdq is not None:
        instruments["rmdq"] = rmdq
    psfs = ask_psfs(kb, prompter)
    if psfs:
        instruments["psfs"] = psfs
    return instruments


def ask_rmdq(kb: KnowledgeBase, prompter: Prompter) -> list[bool] | None:
    """Offer the Roland-Morris questionnaire; return 24 booleans in item order, or None."""
    rmdq = kb.instruments.get("rmdq")
    if rmdq is None or len(rmdq.items) != RMDQ_ITEMS:
        return None
    prompter.say(f"\nOptional: {rmdq.name}", style="bold")
    question = (
        f"Would you like to fill in the {rmdq.name}? It has 24 short statements, takes "
        "about 5 minutes, and helps you track change over time."
    )
    if prompter.choose(question, NO_YES) == "no":
        return None
    prompter.say("\n" + rmdq.instructions)
    ticked = prompter.choose_many(
        "Tick the statements that describe you today.",
        [(str(index), item) for index, item in enumerate(rmdq.items)],
    )
    return [str(index) in ticked for index in range(RMDQ_ITEMS)]


def ask_psfs(kb: KnowledgeBase, prompter: Prompter) -> list[Document] | None:
    """Offer the Patient-Specific Functional Scale; return up to 5 rated activities."""
    psfs = kb.instruments.get("psfs")
    if psfs is None:
        return None
    prompter.say(f"\nOptional: {psfs.name}", style="bold")
    question = (
        f"Would you like to rate up to {PSFS_MAX} activities your pain makes hard?"
    )
    if prompter.choose(question, NO_YES) == "no":
        return None
    prompter.say("\n" + psfs.instructions)
    activities: list[Document] = []
    while len(activities) < PSFS_MAX:
        activity = _ask_activity(prompter, len(activities) + 1)
        if activity is None:
            break
        if activity:
            activities.append(activity)
    return activities


def _ask_activity(prompter: Prompter, number: int) -> Document | None:
    """Return one rated activity, {} when its score was skipped, None when done."""
    name = prompter.text(
        f"Activity {number} (leave blank to finish)", max_length=PSFS_ACTIVITY_LENGTH
    ).strip()
    if not name:
        return None
    score = prompter.number(
        f'How well can you do "{name}" now? 0 = not at all, 10 = as well as before.',
        minimum=0,
        maximum=10,
        integer=True,
    )
    if score is None:
        prompter.say("No score given, so that activity is left out.")
        return {}
    return PsfsActivity(activity=name, score=int(score)).model_dump()


def _tidy(value: float) -> float | int:
    """Return whole numbers as int, so the document reads 6 rather than 6.0."""
    return int(value) if value.is_integer() else value


def _words(value: str) -> str:
    return value.replace("_", " ").capitalize()
