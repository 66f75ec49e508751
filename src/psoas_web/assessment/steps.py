"""The steps of the assessment wizard, in order: red flags first."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from psoas.knowledge import KnowledgeBase, Urgency
from psoas_web.assessment import forms


@dataclass(frozen=True)
class Step:
    slug: str
    title: str
    intro: str
    form: type[forms.StepForm]
    template: str
    urgency: Urgency | None = None  # set on the red-flag steps
    optional: bool = False

    @property
    def is_red_flags(self) -> bool:
        return self.urgency is not None

    def make_form(
        self, kb: KnowledgeBase, document: dict[str, Any], data: Any = None
    ) -> forms.StepForm:
        extra: dict[str, Any] = {"kb": kb}
        if self.urgency is not None:
            extra["urgency"] = self.urgency
        if data is not None:
            return self.form(data, **extra)
        return self.form(initial=self.form.initial_from(document, kb), **extra)


STEPS: tuple[Step, ...] = (
    Step(
        "safety-1",
        "Warning signs that need help straight away",
        "These first questions look for signs that something other than a muscle "
        "may be going on and needs a doctor now. Answer for how things are at the "
        "moment. If you are not sure, choose “Not sure”.",
        forms.RedFlagsForm,
        "assessment/step_flags.html",
        urgency=Urgency.EMERGENCY,
    ),
    Step(
        "safety-2",
        "Signs that need a doctor within a day or so",
        "A few more safety questions. Any “Yes” here means a doctor should look at "
        "you soon; it does not mean something serious is certain.",
        forms.RedFlagsForm,
        "assessment/step_flags.html",
        urgency=Urgency.URGENT,
    ),
    Step(
        "safety-3",
        "Things a doctor should know about",
        "The last safety questions. These are worth mentioning to a doctor, "
        "but they rarely need urgent care.",
        forms.RedFlagsForm,
        "assessment/step_flags.html",
        urgency=Urgency.SOON,
    ),
    Step(
        "pain",
        "Where it hurts",
        "Mark where you feel the pain, then how strong it is and how long you have "
        "had it.",
        forms.PainForm,
        "assessment/step_pain.html",
    ),
    Step(
        "symptoms",
        "How the pain behaves",
        "These questions show how well your pain fits the pattern described for the "
        "iliopsoas. Skip any you cannot answer.",
        forms.SymptomsForm,
        "assessment/step_symptoms.html",
    ),
    Step(
        "daily-life",
        "Your typical day",
        "Sitting, driving, running, lifting and sleep. Rough numbers are fine; "
        "leave a box empty to skip it.",
        forms.ExposuresForm,
        "assessment/step_exposures.html",
    ),
    Step(
        "self-test",
        "Optional: the Thomas self-test",
        "A simple test you can do on the edge of a firm bed, ideally with someone to "
        "help. Skip it if you prefer, or if any of the cautions apply to you.",
        forms.ThomasForm,
        "assessment/step_thomas.html",
        optional=True,
    ),
    Step(
        "measures",
        "Optional: how much it limits you",
        "Two short questionnaires that make change over time easier to see. Both "
        "are optional.",
        forms.MeasuresForm,
        "assessment/step_measures.html",
        optional=True,
    ),
)

SLUGS = {step.slug: index for index, step in enumerate(STEPS)}
LAST_RED_FLAG_STEP = max(i for i, s in enumerate(STEPS) if s.is_red_flags)

#: headings for the red-flag groups of the knowledge base
GROUP_TITLES = {
    "cauda_equina": "Nerves at the base of the spine",
    "neuro": "Nerves and strength in the legs",
    "cancer": "Past illness and general health",
    "infection": "Fever and infection",
    "hip": "The hip joint",
    "fracture": "Injuries and bones",
    "aaa": "The main artery in the abdomen",
    "cardiac": "Chest",
    "visceral": "The abdomen and groin",
    "inflammatory": "Long-standing stiffness",
    "pregnancy": "Pregnancy",
    "severity": "How severe the pain is",
    "course": "How it is going",
}
