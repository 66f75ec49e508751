"""The forms of the program area: preferences for a new program, the next-morning answer."""

from __future__ import annotations

from typing import Any

from django import forms

MINUTES = [
    ("5", "5 minutes a day"),
    ("10", "10 minutes a day"),
    ("20", "20 minutes a day"),
]
LEVELS = [
    ("beginner", "Beginner: gentle versions throughout"),
    ("intermediate", "Intermediate: harder versions after the settling weeks"),
]
#: equipment a person may have ("none" is always assumed)
EQUIPMENT = [
    ("mat", "A mat or a rug to lie on"),
    ("chair", "A steady chair"),
    ("wall", "A clear stretch of wall"),
    ("bed", "A bed"),
    ("pillow", "A pillow or a folded towel"),
    ("step", "A stair or a sturdy step"),
    ("dowel", "A broom handle or a light stick"),
]
DEFAULT_EQUIPMENT = ["mat", "chair", "wall", "bed", "pillow", "dowel"]
#: health conditions the program must respect, with what ticking them does
CONDITIONS = [
    ("pregnancy", "I am pregnant."),
    ("recent_hip_replacement", "I have had a hip replaced in the last months."),
    ("osteoporosis", "I have osteoporosis, or have broken a bone easily."),
    ("hernia", "I have a hernia."),
    ("acute_flare", "My pain is in a bad flare-up right now."),
]
SETTLED = [("yes", "Yes"), ("no", "No"), ("unsure", "Not sure")]


class ProgramForm(forms.Form):
    """What a person tells us before a program is made."""

    minutes = forms.TypedChoiceField(
        label="How much time do you have each exercise day?",
        choices=MINUTES,
        initial="10",
        widget=forms.RadioSelect,
        error_messages={"required": "Choose 5, 10 or 20 minutes."},
    )
    days = forms.TypedChoiceField(
        label="How many days a week will you exercise?",
        choices=[(str(n), f"{n} days") for n in range(2, 8)],
        coerce=int,
        initial="5",
        help_text="Rest days are part of the plan; 3 to 5 days suits most people.",
        error_messages={"required": "Choose from 2 to 7 days."},
    )
    weeks = forms.TypedChoiceField(
        label="How many weeks should the program last?",
        choices=[(str(n), f"{n} weeks") for n in range(6, 13)],
        coerce=int,
        initial="8",
        help_text="From 6 to 12 weeks. Changes in muscles and habits take a few weeks.",
        error_messages={"required": "Choose from 6 to 12 weeks."},
    )
    level = forms.ChoiceField(
        label="Where do you want to start?",
        choices=LEVELS,
        initial="beginner",
        widget=forms.RadioSelect,
        error_messages={"required": "Choose beginner or intermediate."},
    )
    equipment = forms.MultipleChoiceField(
        label="What do you have at home?",
        choices=EQUIPMENT,
        initial=DEFAULT_EQUIPMENT,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Exercises that need something you do not have are left out.",
    )
    conditions = forms.MultipleChoiceField(
        label="Does any of these apply to you?",
        choices=CONDITIONS,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Tick all that apply. Each exercise that may not suit someone "
        "with that condition is then left out, and the page says which and why. "
        "It is still worth asking your doctor or physiotherapist.",
    )

    def initial_from(self, preferences: dict[str, Any]) -> None:
        """Fill the form with the preferences of an earlier program."""
        self.initial = {
            "minutes": str(preferences.get("minutes_per_day", 10)),
            "days": str(preferences.get("days_per_week", 5)),
            "weeks": str(preferences.get("weeks", 8)),
            "level": preferences.get("level", "beginner"),
            "equipment": [
                e
                for e in preferences.get("equipment", DEFAULT_EQUIPMENT)
                if e != "none"
            ],
            "conditions": list(preferences.get("conditions", [])),
        }


class SettledForm(forms.Form):
    """Did the pain after the last session settle by the next morning?"""

    session_id = forms.UUIDField(widget=forms.HiddenInput)
    settled = forms.ChoiceField(
        choices=SETTLED,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose yes, no or not sure."},
    )
