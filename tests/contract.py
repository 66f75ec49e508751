"""The ids and levels fixed by shared/contract/assessment.md, copied here on purpose.

The tests compare the knowledge base and the engine against this copy, so that a change
to the data that breaks the contract fails loudly.
"""

EMERGENCY = [
    "ces_saddle_numbness", "ces_bladder_change", "ces_incontinence", "ces_sexual_change",
    "ces_bilateral_leg", "infection_sepsis_signs", "hip_hot_swollen",
    "fracture_major_trauma", "hip_fall_nonweightbearing", "aaa_rupture",
    "aaa_known_new_pain", "chest_pain", "visceral_appendix_burst", "visceral_groin_lump",
]  # fmt: skip
URGENT = [
    "neuro_progressive_weakness", "neuro_gait_change", "cancer_history",
    "cancer_weight_loss", "cancer_night_rest_pain", "cancer_thoracic_pain",
    "cancer_strain_pain", "infection_fever", "psoas_abscess_pattern",
    "fracture_fragility", "structural_deformity", "aaa_possible", "visceral_kidney",
    "visceral_appendix", "severe_uncontrolled_pain",
]  # fmt: skip
SOON = [
    "neuro_persistent_sciatica", "age_new_onset", "infection_risk_factors", "axspa_ibp",
    "axspa_associated", "pregnancy", "not_improving",
]  # fmt: skip
LEVEL_OF = (
    dict.fromkeys(EMERGENCY, "emergency")
    | dict.fromkeys(URGENT, "urgent")
    | dict.fromkeys(SOON, "soon")
)
RED_FLAGS = EMERGENCY + URGENT + SOON

REGIONS = [
    "low_back", "upper_back", "hip_front", "hip_side", "groin", "pelvis", "glute",
    "thigh_front", "knee", "leg_below_knee", "abdomen",
]  # fmt: skip
FEATURES = [
    "worse_rising_from_sitting", "hard_to_stand_upright_after_sitting",
    "eased_lying_knees_bent", "worse_resisted_hip_flexion", "worse_hip_extension",
    "front_hip_snap", "worse_stairs_or_uphill", "worse_fast_running_or_kicking",
    "leg_pain_below_knee", "numbness_or_tingling", "morning_stiffness_over_30_min",
    "worse_lying_on_side", "worse_bending_forward",
]  # fmt: skip
REFERRED = [
    "bladder_pain", "radiating_leg_pain", "stomach_pain", "bloating", "constipation",
    "acid_reflux", "ibs_symptoms",
]  # fmt: skip
LEVELS = ["emergency", "urgent", "soon", "self_care"]
RANK = {"emergency": 3, "urgent": 2, "soon": 1, "self_care": 0}


def screen(**yes: bool) -> dict[str, bool]:
    """Return a complete red-flag screen: every flag False except those given."""
    flags = dict.fromkeys(RED_FLAGS, False)
    flags.update(yes)
    return flags


def document(**parts: object) -> dict[str, object]:
    """Return an answers document (version 1) with a complete, clear screen by default."""
    doc: dict[str, object] = {"version": 1, "red_flags": screen()}
    doc.update(parts)
    return doc
