"""Figure data: the poses that illustrate each exercise (``figures/<exercise-id>.yaml``).

A figure is a stick person drawn from joint angles, seen from one side. The renderer in
:mod:`psoas.figures` turns it into SVG. The conventions, in degrees:

* The person faces right when standing. ``trunk`` is the angle of the line from the hips
  to the neck, measured from straight up, positive leaning forward: 0 standing, 90 lying
  face down (head right), -90 lying on the back (head left).
* ``head`` is relative to the trunk, positive nodding forward (chin to chest).
* For each side (``near``, the side facing the viewer, drawn dark; ``far``, drawn light):

  - ``hip``: the thigh against the line of the trunk, positive bending forward (flexion),
    negative behind the trunk (extension): 0 standing, 90 sitting.
  - ``knee``: bend of the knee, 0 straight, never backwards.
  - ``ankle``: 0 with the foot at a right angle to the shin, positive toes up
    (dorsiflexion), negative toes pointed (plantarflexion).
  - ``shoulder``: the upper arm against the trunk, positive forward and up: 0 arm by the
    side, 90 pointing forward, 180 overhead, negative behind.
  - ``elbow``: bend of the elbow, 0 straight.
  - ``wrist``: the hand against the line of the forearm, positive bending the same way as
    the elbow: 90 puts the hand flat on the floor under a straight, upright arm.

* Placement: the body point ``anchor`` (the hip joint by default) is put at ``x``
  centimetres from the origin; when ``y`` is given it is put at that height, otherwise the
  figure is lowered until its lowest point rests on the floor (or on the mat, if there is
  one). Adult proportions: about 175 cm tall.
* ``view.plane``: ``side`` (as above), ``front`` (the body's front faces the viewer, for
  side planks: ``hip`` and ``shoulder`` then move the limb out to the side, ``knee`` makes
  the shin recede behind the body, drawn up and to the left, ``elbow`` points the forearm
  at the viewer, drawn shortened; ``near`` is the lower side in a side plank), or
  ``above`` (a side-lying person seen from the ceiling: no floor line, a mat or bed is
  drawn as the background).
* ``view.cycle``: ``back_and_forth`` (start to end, a pause, and back) or ``stride`` (start
  to end, then on to the start again with the sides swapped, for walking).
* The iliopsoas: each pose says whether the iliopsoas on ``psoas_side`` is ``stretched``,
  ``working`` (holding the leg against load) or ``resting``. The model checks that a
  stretched hip is at or behind the line of the trunk and that a hip clearly behind it
  (``hip`` below ``STRETCHED_BELOW``) is marked stretched.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, model_validator

from psoas.knowledge.model import Id, Record, Text

PsoasState = Literal["stretched", "working", "resting"]
Side = Literal["near", "far"]
Plane = Literal["side", "front", "above"]
PropKind = Literal[
    "floor", "mat", "chair", "bed", "wall", "pillow", "step", "desk", "dowel"
]
BodyPoint = Literal[
    "hip",
    "shoulder",
    "head",
    "near_knee",
    "far_knee",
    "near_heel",
    "far_heel",
    "near_toe",
    "far_toe",
    "near_hand",
    "far_hand",
    "near_elbow",
    "far_elbow",
]

#: a hip angle below this (degrees of extension) must be marked ``stretched``
STRETCHED_BELOW = -10.0

Trunk = Annotated[float, Field(ge=-135, le=135)]
Head = Annotated[float, Field(ge=-60, le=60)]
Hip = Annotated[float, Field(ge=-45, le=150)]
Knee = Annotated[float, Field(ge=0, le=160)]
Ankle = Annotated[float, Field(ge=-90, le=45)]
Shoulder = Annotated[float, Field(ge=-70, le=190)]
Elbow = Annotated[float, Field(ge=0, le=160)]
Wrist = Annotated[float, Field(ge=-90, le=90)]
Breath = Annotated[float, Field(ge=0, le=1)]
Cm = Annotated[float, Field(ge=-400, le=400)]
Size = Annotated[float, Field(gt=0, le=400)]


class Limbs(Record):
    """The joint angles of one side of the body, in degrees (0 = standing, arm by side)."""

    hip: Hip = 0
    knee: Knee = 0
    ankle: Ankle = 0
    shoulder: Shoulder = 0
    elbow: Elbow = 0
    wrist: Wrist = 0


class Pose(Record):
    """One position of the whole body, and where it is placed."""

    trunk: Trunk
    head: Head = 0
    near: Limbs = Limbs()
    far: Limbs | None = None  # None: the same angles as ``near``
    breath: Breath = 0  # how far the belly rises with a breath in (0 out, 1 full)
    anchor: BodyPoint = "hip"
    x: Cm = 0
    y: Cm | None = None  # None: rest the lowest point on the floor or mat
    psoas: PsoasState = "resting"

    def side(self, side: Side) -> Limbs:
        """Return the angles of ``side``."""
        if side == "far" and self.far is not None:
            return self.far
        return self.near


class Prop(Record):
    """Something in the scene: a floor, mat, chair, bed, wall, pillow, step, desk or dowel.

    ``x`` and ``y`` are the bottom-left corner in centimetres (the floor is at ``y`` 0);
    ``width`` and ``height`` default to a typical size for the kind. A floor needs none of
    them; a dowel is held along the back and takes none of them.
    """

    kind: PropKind
    x: Cm = 0
    y: Cm = 0
    width: Size | None = None
    height: Size | None = None
    back: Literal["left", "right"] = "left"  # chair: the side of its backrest

    @model_validator(mode="after")
    def _dowel_is_held(self) -> Prop:
        placed = self.x or self.y or self.width or self.height
        if self.kind == "dowel" and placed:
            raise ValueError(
                "a dowel is drawn along the back: give it no position or size"
            )
        return self


class View(Record):
    """How the figure is seen."""

    plane: Plane = "side"
    still: Literal["start", "mid", "end"] = "end"  # the pose a still picture shows
    # back_and_forth: start -> end, pause, and back the same way; stride: start -> end,
    # then on to start again with the sides swapped (walking: end mirrors start)
    cycle: Literal["back_and_forth", "stride"] = "back_and_forth"


class Figure(Record):
    """The illustration of one exercise: its props, and the poses it moves between."""

    id: Id  # the exercise id
    alt: Text  # what the picture shows, in plain words, for screen readers and captions
    view: View = View()
    props: list[Prop] = Field(default_factory=list)
    psoas_side: Side = "near"  # the side whose iliopsoas is drawn
    start: Pose
    mid: Pose | None = None  # an optional pose passed through half-way
    end: Pose  # repeat the start pose for a still hold

    def poses(self) -> list[Pose]:
        """Return the poses in order: start, mid (if any), end."""
        return [p for p in (self.start, self.mid, self.end) if p is not None]

    @model_validator(mode="after")
    def _still_pose_exists(self) -> Figure:
        if self.view.still == "mid" and self.mid is None:
            raise ValueError("view.still is mid but there is no mid pose")
        return self

    @model_validator(mode="after")
    def _stride_ends_mirrored(self) -> Figure:
        start, end = self.start, self.end
        mirrored = end.side("near") == start.side("far") and end.side(
            "far"
        ) == start.side("near")
        if self.view.cycle == "stride" and not mirrored:
            raise ValueError(
                "a stride cycle needs an end pose with the sides of the start"
            )
        return self

    @model_validator(mode="after")
    def _psoas_fits_the_hip(self) -> Figure:
        for name, pose in (("start", self.start), ("mid", self.mid), ("end", self.end)):
            if pose is None:
                continue
            hip = pose.side(self.psoas_side).hip
            if self.view.plane == "front":
                if pose.psoas == "stretched":
                    raise ValueError(
                        f"{name}: a front view cannot show a stretched psoas"
                    )
                continue
            if pose.psoas == "stretched" and hip > 0:
                raise ValueError(
                    f"{name}: psoas is stretched but the {self.psoas_side} hip is bent "
                    f"forward ({hip:g}°); a stretched hip is at 0 or below"
                )
            if hip < STRETCHED_BELOW and pose.psoas != "stretched":
                raise ValueError(
                    f"{name}: the {self.psoas_side} hip is behind the trunk ({hip:g}°), "
                    "so its psoas is stretched: mark it psoas: stretched"
                )
        return self
