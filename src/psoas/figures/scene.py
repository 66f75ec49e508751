"""A figure at a moment of its movement: the blended pose, placed in its scene.

``s`` runs from 0 (the start pose) through 0.5 (the mid pose, if any) to 1 (the end pose).
"""

from __future__ import annotations

from psoas.figures.body import SIDES, Body, pose_body
from psoas.knowledge.figure import BodyPoint, Figure, Limbs, Pose, Prop, PsoasState

#: default (width, height) of each prop, in centimetres
PROP_SIZE: dict[str, tuple[float, float]] = {
    "floor": (0.0, 0.0),
    "mat": (190.0, 2.5),
    "chair": (42.0, 45.0),
    "bed": (200.0, 55.0),
    "wall": (8.0, 210.0),
    "pillow": (40.0, 12.0),
    "step": (35.0, 18.0),
    "desk": (70.0, 74.0),
    "dowel": (0.0, 0.0),
}


def size(prop: Prop) -> tuple[float, float]:
    """Return the (width, height) of ``prop``: its own, or the default for its kind."""
    width, height = PROP_SIZE[prop.kind]
    return (prop.width or width, prop.height or height)


def ground(figure: Figure) -> float:
    """Return the height a figure rests on: the top of its mat, or the floor."""
    mats = [p for p in figure.props if p.kind == "mat"]
    if figure.view.plane == "above" or not mats:
        return 0.0
    return max(m.y + size(m)[1] for m in mats)


def _mix(a: float, b: float, s: float) -> float:
    if s <= 0:
        return a
    if s >= 1:
        return b
    return a + (b - a) * s


def _limbs(a: Limbs, b: Limbs, s: float) -> Limbs:
    return Limbs.model_construct(  # between two valid poses, so valid itself
        hip=_mix(a.hip, b.hip, s),
        knee=_mix(a.knee, b.knee, s),
        ankle=_mix(a.ankle, b.ankle, s),
        shoulder=_mix(a.shoulder, b.shoulder, s),
        elbow=_mix(a.elbow, b.elbow, s),
        wrist=_mix(a.wrist, b.wrist, s),
    )


def blend(a: Pose, b: Pose, s: float) -> Pose:
    """Return the pose ``s`` of the way from ``a`` to ``b`` (angles move evenly)."""
    near, far = (_limbs(a.side(side), b.side(side), s) for side in SIDES)
    state: PsoasState = a.psoas if s < 0.5 else b.psoas
    return Pose.model_construct(
        trunk=_mix(a.trunk, b.trunk, s),
        head=_mix(a.head, b.head, s),
        near=near,
        far=far,
        breath=_mix(a.breath, b.breath, s),
        psoas=state,
    )


def offset(body: Body, rule: Pose, rest_on: float) -> tuple[float, float]:
    """Return how far to move ``body`` so the anchor of ``rule`` sits where it says."""
    anchor = body.points[rule.anchor]
    dx = rule.x - anchor[0]
    dy = rest_on - body.lowest() if rule.y is None else rule.y - anchor[1]
    return dx, dy


def _leg_of(figure: Figure, s: float) -> tuple[Pose, Pose, float]:
    """Return the two poses around ``s`` and how far between them it is."""
    if figure.mid is None:
        return figure.start, figure.end, s
    if s <= 0.5:
        return figure.start, figure.mid, s * 2
    return figure.mid, figure.end, s * 2 - 1


def frame(figure: Figure, s: float) -> tuple[Body, PsoasState]:
    """Return the placed body at ``s`` and the state of its iliopsoas.

    Args:
        figure: the figure.
        s: 0 for the start pose, 1 for the end pose, in between for a blend.

    Returns:
        The body in scene coordinates (cm, y up) and the iliopsoas state.
    """
    a, b, t = _leg_of(figure, min(1.0, max(0.0, s)))
    pose = blend(a, b, t)
    body = pose_body(pose, figure.view.plane, figure.psoas_side)
    rest_on = ground(figure)
    (ax, ay), (bx, by) = offset(body, a, rest_on), offset(body, b, rest_on)
    return body.moved(_mix(ax, bx, t), _mix(ay, by, t)), pose.psoas


def _swap(point: BodyPoint) -> BodyPoint:
    swapped = {"near": "far", "far": "near"}
    side, _, rest = point.partition("_")
    if side in swapped:
        return f"{swapped[side]}_{rest}"  # type: ignore[return-value]
    return point


def mirrored(figure: Figure) -> Figure:
    """Return ``figure`` with the near and far sides of every pose swapped."""

    def swap(pose: Pose | None) -> Pose | None:
        if pose is None:
            return None
        near, far = pose.side("far"), pose.side("near")
        return pose.model_copy(
            update={"near": near, "far": far, "anchor": _swap(pose.anchor)}
        )

    return figure.model_copy(
        update={
            "start": swap(figure.start),
            "mid": swap(figure.mid),
            "end": swap(figure.end),
        }
    )


def _ease(t: float) -> float:
    return t * t * (3 - 2 * t)


def cycle_frame(figure: Figure, phase: float) -> tuple[Body, PsoasState]:
    """Return the body ``phase`` (0 to 1) of the way through one cycle of the movement.

    A back-and-forth cycle pauses at the start, moves to the end, pauses and comes back.
    A stride moves evenly from the start to the end, then on to the start again with the
    sides swapped, so the legs keep walking forwards.
    """
    phase %= 1.0
    if figure.view.cycle == "stride":
        if phase < 0.5:
            return frame(figure, phase * 2)
        s = phase * 2 - 1
        body, _ = frame(mirrored(figure), s)
        return body, frame(figure, 1 - s)[1]
    if phase < 0.1 or phase >= 0.95:
        s = 0.0
    elif phase < 0.45:
        s = _ease((phase - 0.1) / 0.35)
    elif phase < 0.6:
        s = 1.0
    else:
        s = 1.0 - _ease((phase - 0.6) / 0.35)
    return frame(figure, s)
