"""The coach settings form: working hours and days, the break rhythm, the seating note."""

from __future__ import annotations

from typing import Any

from django import forms
from pydantic import ValidationError

from psoas_web.coach import core
from psoas_web.coach.services import SEATING_NOTE_MAX_CHARS

DAYS = (
    (0, "Monday"),
    (1, "Tuesday"),
    (2, "Wednesday"),
    (3, "Thursday"),
    (4, "Friday"),
    (5, "Saturday"),
    (6, "Sunday"),
)


def _minutes(label: str, low: int, high: int, help_text: str) -> forms.IntegerField:
    return forms.IntegerField(
        label=label, min_value=low, max_value=high, help_text=help_text
    )


class SettingsForm(forms.Form):
    work_start = forms.TimeField(
        label="Working day starts at",
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
    )
    work_end = forms.TimeField(
        label="Working day ends at",
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
    )
    work_days = forms.TypedMultipleChoiceField(
        label="Working days",
        choices=DAYS,
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Choose at least one working day."},
    )
    micro_every_min = _minutes(
        "Short break every (minutes of sitting)",
        5,
        240,
        "30 minutes or less is recommended.",
    )
    micro_s = _minutes(
        "Length of a short break (seconds)", 30, 90, "Between 30 and 90 seconds."
    )
    long_every_min = _minutes(
        "Longer movement break every (minutes)", 10, 480, "For example every 2 hours."
    )
    long_min = _minutes(
        "Length of a longer break (minutes)", 1, 30, "Between 1 and 30."
    )
    postpone_min = _minutes("Postpone a break by (minutes)", 1, 60, "Between 1 and 60.")
    max_postpones_per_day = _minutes(
        "Postpones allowed each day",
        0,
        20,
        "After that, the coach asks you to take it or skip it.",
    )
    seating_note = forms.CharField(
        label="Your seating and desk set-up",
        required=False,
        max_length=SEATING_NOTE_MAX_CHARS,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="For example: chair height, screen position, a standing desk, what you "
        "would like to change. Only you see this note.",
    )

    @classmethod
    def initial_from(
        cls, settings: core.CoachSettings, seating_note: str
    ) -> dict[str, Any]:
        values = settings.model_dump()
        values["work_days"] = sorted(settings.work_days)
        values["seating_note"] = seating_note
        return values

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("work_start"), data.get("work_end")
        if start is not None and end is not None and end <= start:
            self.add_error("work_end", "The working day must end after it starts.")
        return data

    def coach_settings(self, current: core.CoachSettings) -> core.CoachSettings | None:
        """The settings the form describes (keeping `current`'s other values), or None."""
        data = {k: v for k, v in self.cleaned_data.items() if k != "seating_note"}
        data["work_days"] = frozenset(data["work_days"])
        try:
            return type(current).model_validate({**current.model_dump(), **data})
        except ValidationError as error:
            for problem in error.errors():
                self.add_error(
                    None, str(problem.get("msg", "This value is not allowed."))
                )
            return None
