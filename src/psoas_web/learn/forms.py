"""The filter of the exercise library."""

from __future__ import annotations

from typing import get_args

from django import forms

from psoas.knowledge.model import Exercise, Position

CATEGORY_WORDS = {
    "stretch": "Stretches",
    "strength": "Strengthening",
    "relief": "Relief and resting positions",
    "movement": "Moving more",
}

POSITION_WORDS: dict[str, str] = {
    "desk": "At a desk",
    "standing": "Standing",
    "floor": "On the floor",
    "bed": "On a bed",
    "chair": "On a chair",
}

_CATEGORIES = get_args(Exercise.model_fields["category"].annotation)


class ExerciseFilter(forms.Form):
    """Narrow the library by kind of exercise and by where you do it."""

    category = forms.ChoiceField(
        label="Kind",
        required=False,
        choices=[("", "All kinds"), *((c, CATEGORY_WORDS[c]) for c in _CATEGORIES)],
    )
    position = forms.ChoiceField(
        label="Where",
        required=False,
        choices=[
            ("", "Anywhere"),
            *((p, POSITION_WORDS[p]) for p in get_args(Position)),
        ],
    )
