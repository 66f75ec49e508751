"""The shipped knowledge base: valid, fully cross-referenced, sourced and safe."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from contract import FEATURES, LEVEL_OF, RED_FLAGS, REFERRED, REGIONS
from psoas.errors import KnowledgeBaseError
from psoas.knowledge import Urgency, load_knowledge_base
from psoas.knowledge.load import default_data_dir, walk_statements

KB = load_knowledge_base()


def test_ids_match_the_contract() -> None:
    assert list(KB.red_flags) == RED_FLAGS or set(KB.red_flags) == set(RED_FLAGS)
    assert set(KB.regions) == set(REGIONS)
    assert set(KB.features) == set(FEATURES)
    assert set(KB.referred) == set(REFERRED)


@pytest.mark.parametrize("flag", RED_FLAGS)
def test_red_flag_urgency_matches_the_contract(flag: str) -> None:
    assert KB.red_flags[flag].urgency == LEVEL_OF[flag]


def test_no_red_flag_at_self_care() -> None:
    assert all(f.urgency is not Urgency.SELF_CARE for f in KB.red_flags.values())


def test_every_level_has_a_message_with_safety_netting() -> None:
    for urgency in Urgency:
        level = KB.level(urgency)
        assert level.message.strip()
        assert level.safety_net.strip()


def test_every_medical_statement_cites_a_known_source() -> None:
    statements = list(walk_statements(KB))
    assert len(statements) > 100
    for where, statement in statements:
        assert statement.sources, where
        assert all(source in KB.sources for source in statement.sources), where


def test_red_flags_cite_known_sources() -> None:
    for flag in KB.red_flags.values():
        assert flag.sources
        assert all(source in KB.sources for source in flag.sources), flag.id


def test_unverified_statements_cite_the_team_note() -> None:
    for where, statement in walk_statements(KB):
        if not statement.verified:
            assert "psoas_team" in statement.sources, where


DIAGNOSTIC = re.compile(
    r"\b(you (have|are suffering from|are diagnosed with|definitely have) (a |an )?"
    r"(psoas syndrome|sciatica|cancer|cauda equina|abscess|appendicitis|aneurysm|fracture"
    r"|arthritis|tendinopathy|bursitis|infection|hernia|kidney stone)"
    r"|this (is|means) (definitely|certainly))",
    re.IGNORECASE,
)


def test_wording_is_never_diagnostic() -> None:
    texts = [s.text for _, s in walk_statements(KB)]
    texts += [f.could_be for f in KB.red_flags.values()]
    texts += [level.message for level in KB.triage.levels]
    assert not [text for text in texts if DIAGNOSTIC.search(text)]
    assert all(
        "could be" in f.could_be or "may" in f.could_be for f in KB.red_flags.values()
    )


def test_referred_symptoms_other_than_leg_pain_need_a_doctor() -> None:
    for symptom in KB.referred.values():
        expected = (
            Urgency.SELF_CARE if symptom.id == "radiating_leg_pain" else Urgency.SOON
        )
        assert symptom.min_urgency is expected


def test_instruments_ship_no_restricted_item_text() -> None:
    assert set(KB.instruments) == {"nprs", "rmdq", "psfs"}


def copy_kb(tmp_path: Path) -> Path:
    target = tmp_path / "kb"
    shutil.copytree(default_data_dir(), target)
    return target


def test_broken_yaml_names_the_file_and_line(tmp_path: Path) -> None:
    data = copy_kb(tmp_path)
    (data / "regions.yaml").write_text(
        "regions:\n  - id: low_back\n    name: [unclosed\n"
    )
    with pytest.raises(KnowledgeBaseError) as caught:
        load_knowledge_base(data)
    assert caught.value.problems[0].startswith("regions.yaml: not valid YAML (line ")


def test_bad_field_names_file_record_and_field(tmp_path: Path) -> None:
    data = copy_kb(tmp_path)
    path = data / "red_flags.yaml"
    text = path.read_text()
    path.write_text(text.replace("urgency: emergency", "urgency: whenever", 1))
    with pytest.raises(KnowledgeBaseError) as caught:
        load_knowledge_base(data)
    (problem,) = caught.value.problems
    assert problem.startswith(
        "red_flags.yaml: red_flags[0] (id=ces_saddle_numbness): urgency:"
    )


def test_red_flag_at_self_care_is_rejected(tmp_path: Path) -> None:
    data = copy_kb(tmp_path)
    path = data / "red_flags.yaml"
    path.write_text(
        path.read_text().replace("urgency: emergency", "urgency: self_care", 1)
    )
    with pytest.raises(KnowledgeBaseError, match="never be at self_care"):
        load_knowledge_base(data)


def test_unknown_source_is_reported(tmp_path: Path) -> None:
    data = copy_kb(tmp_path)
    path = data / "sources.yaml"
    path.write_text(path.read_text().replace("- id: s1\n", "- id: s1_renamed\n", 1))
    with pytest.raises(KnowledgeBaseError) as caught:
        load_knowledge_base(data)
    assert any("unknown source 's1'" in p for p in caught.value.problems)


def test_missing_file_is_reported(tmp_path: Path) -> None:
    data = copy_kb(tmp_path)
    (data / "topics.yaml").unlink()
    with pytest.raises(KnowledgeBaseError, match=r"topics.yaml: cannot be read"):
        load_knowledge_base(data)


def test_version_changes_with_the_content(tmp_path: Path) -> None:
    data = copy_kb(tmp_path)
    path = data / "topics.yaml"
    path.write_text(path.read_text() + "\n# an edit\n")
    assert load_knowledge_base(data).version != KB.version
