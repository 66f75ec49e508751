"""The form for making a share link."""

from __future__ import annotations

from django import forms

from psoas_web.reports.services import LABEL_MAX

DAYS_CHOICES = [("1", "1 day"), ("7", "7 days"), ("30", "30 days")]


class ShareLinkForm(forms.Form):
    """Who the link is for (optional) and how long it works."""

    label = forms.CharField(
        label="Who is it for? (optional)",
        max_length=LABEL_MAX,
        required=False,
        help_text="A note for you, e.g. “Physio, Dr Lee”. The reader does not see it.",
        error_messages={
            "max_length": f"Keep the note to {LABEL_MAX} characters or fewer."
        },
    )
    days = forms.TypedChoiceField(
        label="The link stops working after",
        choices=DAYS_CHOICES,
        coerce=int,
        initial="7",
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choose how long the link works.",
            "invalid_choice": "Choose 1, 7 or 30 days.",
        },
    )
