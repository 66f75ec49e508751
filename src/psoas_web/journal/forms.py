"""The daily journal form."""

from __future__ import annotations

from typing import Any

from django import forms

from psoas.knowledge import KnowledgeBase

RMDQ_ITEMS = 24
PAIN_CHOICES = [(str(n), str(n)) for n in range(11)]
PAIN_ERROR = (
    "Pain must be a whole number from 0 (no pain) to 10 (the worst you can imagine)."
)
RATING_ERROR = "Each rating must be a whole number from 0 to 10."


class EntryForm(forms.Form):
    """One day: pain, sitting, weekly questionnaires, new warning signs and a note."""

    nprs = forms.TypedChoiceField(
        label="Pain today",
        choices=PAIN_CHOICES,
        coerce=int,
        empty_value=None,
        required=False,
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": PAIN_ERROR},
    )
    sitting_hours = forms.FloatField(
        label="Hours spent sitting today",
        required=False,
        min_value=0,
        max_value=24,
        widget=forms.NumberInput(attrs={"step": "0.5", "inputmode": "decimal"}),
        error_messages={
            "invalid": "Sitting hours must be a number, for example 7.5.",
            "min_value": "Sitting hours cannot be below 0.",
            "max_value": "Sitting hours cannot be more than 24.",
        },
    )
    rmdq_answered = forms.BooleanField(
        label=(
            "I have read all 24 sentences: save my score today, even if I ticked none."
        ),
        required=False,
    )
    new_red_flags = forms.MultipleChoiceField(
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": "That warning sign is not one we know."},
    )
    note = forms.CharField(
        label="Anything else about today",
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(
        self,
        *args: Any,
        kb: KnowledgeBase,
        activities: list[str],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.activities = activities
        self.fields["new_red_flags"].choices = [  # type: ignore[attr-defined]
            (flag.id, flag.question) for flag in kb.red_flags.values()
        ]
        statements = kb.instruments["rmdq"].items
        for number, statement in enumerate(statements, start=1):
            self.fields[f"rmdq_{number}"] = forms.BooleanField(
                label=statement, required=False
            )
        for index, activity in enumerate(activities):
            self.fields[f"psfs_{index}"] = forms.TypedChoiceField(
                label=activity,
                choices=[("", "Not rated today"), *PAIN_CHOICES],
                coerce=int,
                empty_value=None,
                required=False,
                error_messages={"invalid_choice": RATING_ERROR},
            )

    def rmdq_fields(self) -> list[forms.BoundField]:
        return [self[f"rmdq_{n}"] for n in range(1, RMDQ_ITEMS + 1)]

    def psfs_fields(self) -> list[forms.BoundField]:
        return [self[f"psfs_{i}"] for i in range(len(self.activities))]

    def rmdq_items(self) -> list[bool] | None:
        """Return the 24 answers when the questionnaire was done today, else None."""
        items = [
            bool(self.cleaned_data.get(f"rmdq_{n}")) for n in range(1, RMDQ_ITEMS + 1)
        ]
        if any(items) or self.cleaned_data.get("rmdq_answered"):
            return items
        return None

    def psfs_items(self) -> list[dict[str, Any]]:
        """Return the activities rated today with their ratings."""
        return [
            {"activity": activity, "score": score}
            for index, activity in enumerate(self.activities)
            if (score := self.cleaned_data.get(f"psfs_{index}")) is not None
        ]
