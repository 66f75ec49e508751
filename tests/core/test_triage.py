"""Red flags are routed to the right urgency before anything else is said."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

import psoas
from contract import LEVEL_OF, RANK, RED_FLAGS, REFERRED, document, screen


def level(doc: dict[str, object]) -> str:
    return str(psoas.assess(doc).triage.level)


def test_clear_complete_screen_is_self_care() -> None:
    result = psoas.assess(document())
    assert result.triage.level == "self_care"
    assert result.triage.complete is True
    assert result.triage.red_flags == []
    assert result.triage.unanswered == []
    assert result.program_allowed is True


@pytest.mark.parametrize("flag", RED_FLAGS)
def test_each_red_flag_alone_routes_to_its_contract_level(flag: str) -> None:
    result = psoas.assess(document(red_flags=screen(**{flag: True})))
    assert result.triage.level == LEVEL_OF[flag]
    assert result.triage.red_flags == [flag]
    assert result.program_allowed is (LEVEL_OF[flag] == "soon")


@pytest.mark.parametrize("flag", RED_FLAGS)
def test_a_red_flag_never_ends_in_self_care_advice(flag: str) -> None:
    result = psoas.assess(document(red_flags=screen(**{flag: True})))
    assert result.triage.level != "self_care"
    if LEVEL_OF[flag] in {"emergency", "urgent"}:
        assert not result.program_allowed
        assert not any(
            "program" in step and "start" in step for step in result.next_steps
        )


@pytest.mark.parametrize(
    ("flags", "expected"),
    [
        ({"neuro_progressive_weakness": True, "ces_bilateral_leg": True}, "emergency"),
        ({"neuro_gait_change": True, "ces_saddle_numbness": True}, "emergency"),
        ({"cancer_history": True, "neuro_gait_change": True}, "emergency"),
        ({"cancer_history": True, "ces_sexual_change": True}, "emergency"),
        ({"cancer_history": True, "neuro_persistent_sciatica": True}, "emergency"),
        ({"infection_risk_factors": True, "infection_fever": True}, "urgent"),
        ({"psoas_abscess_pattern": True, "infection_sepsis_signs": True}, "emergency"),
        ({"infection_fever": True, "infection_sepsis_signs": True}, "emergency"),
    ],
)
def test_combination_rules(flags: dict[str, bool], expected: str) -> None:
    result = psoas.assess(document(red_flags=screen(**flags)))
    assert result.triage.level == expected
    assert result.triage.rules, "the rule that fired is named"


def test_neuro_flags_alone_stay_urgent() -> None:
    flags = screen(neuro_progressive_weakness=True, neuro_gait_change=True)
    assert level(document(red_flags=flags)) == "urgent"


def test_risk_factors_alone_stay_soon() -> None:
    assert level(document(red_flags=screen(infection_risk_factors=True))) == "soon"


@pytest.mark.parametrize(
    ("other", "raised"),
    [
        ("not_improving", "urgent"),
        ("cancer_weight_loss", "emergency"),
        ("pregnancy", "urgent"),
    ],
)
def test_age_new_onset_raises_every_other_flag_one_level(
    other: str, raised: str
) -> None:
    result = psoas.assess(
        document(red_flags=screen(age_new_onset=True, **{other: True}))
    )
    assert result.triage.level == raised
    assert "age_new_onset_raises" in result.triage.rules


def test_age_new_onset_alone_is_soon() -> None:
    assert level(document(red_flags=screen(age_new_onset=True))) == "soon"


def test_red_flags_are_listed_highest_urgency_first() -> None:
    flags = screen(not_improving=True, chest_pain=True, cancer_weight_loss=True)
    result = psoas.assess(document(red_flags=flags))
    assert result.triage.red_flags == [
        "chest_pain",
        "cancer_weight_loss",
        "not_improving",
    ]


def test_incomplete_screen_is_never_self_care() -> None:
    flags = screen()
    del flags["chest_pain"], flags["pregnancy"]
    result = psoas.assess(document(red_flags=flags))
    assert result.triage.level == "soon"
    assert result.triage.complete is False
    assert result.triage.unanswered == ["chest_pain", "pregnancy"]
    assert result.program_allowed is False


def test_no_screen_at_all_lists_every_flag_as_unanswered() -> None:
    result = psoas.assess({"version": 1})
    assert result.triage.level == "soon"
    assert result.triage.unanswered == RED_FLAGS or set(
        result.triage.unanswered
    ) == set(RED_FLAGS)


def test_incomplete_screen_keeps_a_higher_level() -> None:
    result = psoas.assess({"version": 1, "red_flags": {"aaa_rupture": True}})
    assert result.triage.level == "emergency"
    assert result.triage.complete is False


@pytest.mark.parametrize("symptom", [s for s in REFERRED if s != "radiating_leg_pain"])
def test_referred_symptoms_make_the_level_at_least_soon(symptom: str) -> None:
    result = psoas.assess(document(referred=[symptom]))
    assert result.triage.level == "soon"
    assert result.program_allowed is True


def test_radiating_leg_pain_alone_stays_self_care() -> None:
    assert level(document(referred=["radiating_leg_pain"])) == "self_care"


def test_every_level_message_includes_safety_netting() -> None:
    kb = psoas.load_knowledge_base()
    docs = [
        document(),
        document(red_flags=screen(pregnancy=True)),
        document(red_flags=screen(cancer_weight_loss=True)),
        document(red_flags=screen(chest_pain=True)),
    ]
    for doc in docs:
        result = psoas.assess(doc, kb)
        safety_net = kb.level(result.triage.level).safety_net
        assert safety_net.strip() in result.triage.message


@given(
    base=st.dictionaries(st.sampled_from(RED_FLAGS), st.booleans()),
    extra=st.sampled_from(RED_FLAGS),
    referred=st.lists(st.sampled_from(REFERRED), max_size=3),
)
def test_adding_a_red_flag_never_lowers_the_level(
    base: dict[str, bool], extra: str, referred: list[str]
) -> None:
    before = psoas.assess({"version": 1, "red_flags": base, "referred": referred})
    after = psoas.assess(
        {"version": 1, "red_flags": {**base, extra: True}, "referred": referred}
    )
    assert RANK[after.triage.level] >= RANK[before.triage.level]
    if before.triage.level in {"emergency", "urgent"} or after.triage.level in {
        "emergency",
        "urgent",
    }:
        assert not after.program_allowed


def test_emergency_with_an_unfinished_screen_does_not_ask_to_finish_it() -> None:
    kb = psoas.load_knowledge_base()
    result = psoas.assess(
        {"version": 1, "red_flags": {"ces_saddle_numbness": True}}, kb
    )
    assert result.triage.level == "emergency"
    assert result.triage.complete is False
    assert kb.triage.incomplete_message.strip() not in result.triage.message
    soon = psoas.assess({"version": 1, "red_flags": {"chest_pain": False}}, kb)
    assert kb.triage.incomplete_message.strip() in soon.triage.message
