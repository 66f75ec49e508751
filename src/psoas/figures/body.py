"""The body: joint angles -> points in centimetres (x right, y up, floor at y = 0).

Angles are the ones described in :mod:`psoas.knowledge.figure`. A direction is an angle
measured clockwise from straight up, so 0 is up, 90 is right (the figure's front when it
stands), 180 is down.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from psoas.knowledge.figure import Limbs, Plane, Pose, Side

Point = tuple[float, float]
SIDES: tuple[Side, Side] = ("near", "far")

# segment lengths (cm), for an adult about 175 cm tall
TRUNK = 52.0  # hip joint to the base of the neck
SHOULDER = 46.0  # hip joint to the shoulder joint, along the trunk
NECK = 7.0
HEAD_R = 11.0
THIGH = 44.0
SHANK = 44.0
SOLE = 7.0  # ankle joint above the sole
HEEL = 5.0  # heel behind the ankle
TOE = 16.0  # toes in front of the ankle
UPPER_ARM = 30.0
FOREARM = 27.0  # elbow to the wrist
HAND = 11.0  # wrist to the fingertips
PALM = 6.0  # wrist to the middle of the palm
HIP_HALF = 9.0  # half the width of the pelvis (front view)
SHOULDER_HALF = 15.0  # half the width of the shoulders (front view)
RECEDE = (-0.35, 0.35)  # front view: how a centimetre away from the viewer is drawn

# stroke widths (cm)
W_TORSO = 24.0
W_TORSO_FRONT = 28.0
W_NECK = 10.0
W_THIGH = 14.0
W_SHANK = 11.0
W_FOOT = 6.0
W_UPPER_ARM = 10.0
W_FOREARM = 8.0
W_HAND = 6.5


def direction(angle: float) -> Point:
    """Return the unit vector of ``angle`` degrees clockwise from straight up."""
    rad = math.radians(angle)
    return (math.sin(rad), math.cos(rad))


def add(p: Point, v: Point, k: float = 1.0) -> Point:
    """Return ``p + k * v``."""
    return (p[0] + k * v[0], p[1] + k * v[1])


@dataclass(frozen=True)
class Part:
    """One drawn piece of the body: a rounded stroke through ``points``, or a disc."""

    name: str  # e.g. "near thigh", "head"
    points: tuple[Point, ...]
    width: float  # stroke width; for a disc, its radius
    tone: str  # "near", "far" or "body"
    disc: bool = False
    filled: bool = False

    def bounds(self) -> tuple[float, float, float, float]:
        """Return (min x, min y, max x, max y) including the stroke or radius."""
        pad = self.width if self.disc else self.width / 2
        xs = [p[0] for p in self.points]
        ys = [p[1] for p in self.points]
        return (min(xs) - pad, min(ys) - pad, max(xs) + pad, max(ys) + pad)


@dataclass(frozen=True)
class Body:
    """A posed body: its parts in drawing order (far side first), and named points."""

    parts: tuple[Part, ...]
    points: dict[str, Point]
    psoas: tuple[Point, Point, Point, Point]  # L1, L4, pelvic brim, lesser trochanter

    def moved(self, dx: float, dy: float) -> Body:
        """Return the body shifted by (dx, dy)."""

        def shift(p: Point) -> Point:
            return (p[0] + dx, p[1] + dy)

        parts = tuple(
            Part(
                p.name,
                tuple(shift(q) for q in p.points),
                p.width,
                p.tone,
                p.disc,
                p.filled,
            )
            for p in self.parts
        )
        points = {name: shift(p) for name, p in self.points.items()}
        a, b, c, d = self.psoas
        return Body(parts, points, (shift(a), shift(b), shift(c), shift(d)))

    def lowest(self) -> float:
        """Return the lowest y of any part, strokes included."""
        return min(part.bounds()[1] for part in self.parts)


def _leg(
    side: str, hip: Point, limbs: Limbs, trunk: float, plane: Plane
) -> tuple[list[Part], dict[str, Point], float]:
    """Return the parts and points of one leg, and the thigh's direction."""
    sign = -1.0 if (plane == "front" and side == "far") else 1.0
    thigh_dir = trunk + 180 - sign * limbs.hip
    knee = add(hip, direction(thigh_dir), THIGH)
    if plane == "front":  # the knee bends away from the viewer: the shin recedes
        bend = math.radians(limbs.knee)
        ankle = add(knee, direction(thigh_dir), SHANK * math.cos(bend))
        ankle = add(ankle, RECEDE, SHANK * math.sin(bend))
        along = (ankle[0] - knee[0], ankle[1] - knee[1])
        length = math.hypot(*along) or 1.0
        unit = (along[0] / length, along[1] / length)
        heel = add(ankle, unit, 1.0)
        toe = add(ankle, unit, 5.0)
        foot = (ankle, toe, heel)
    else:
        shank_dir = thigh_dir + limbs.knee
        ankle = add(knee, direction(shank_dir), SHANK)
        foot_dir = shank_dir - 90 - limbs.ankle
        sole = direction(foot_dir + 90)
        heel = add(add(ankle, direction(foot_dir), -HEEL), sole, SOLE)
        toe = add(add(ankle, direction(foot_dir), TOE), sole, SOLE - 2)
        foot = (ankle, toe, heel)
    parts = [
        Part(f"{side} thigh", (hip, knee), W_THIGH, side),
        Part(f"{side} shin", (knee, ankle), W_SHANK, side),
        Part(f"{side} foot", foot, W_FOOT, side, filled=True),
    ]
    points = {f"{side}_knee": knee, f"{side}_heel": heel, f"{side}_toe": toe}
    return parts, points, thigh_dir


def _arm(
    side: str, shoulder: Point, limbs: Limbs, trunk: float, plane: Plane
) -> tuple[list[Part], dict[str, Point]]:
    sign = -1.0 if (plane == "front" and side == "far") else 1.0
    upper_dir = trunk + 180 - sign * limbs.shoulder
    elbow = add(shoulder, direction(upper_dir), UPPER_ARM)
    if plane == "front":
        fore_dir = upper_dir
        wrist = add(
            elbow, direction(fore_dir), FOREARM * math.cos(math.radians(limbs.elbow))
        )
        hand_dir = fore_dir
        hand_length = HAND * math.cos(math.radians(limbs.elbow))
    else:
        fore_dir = upper_dir - limbs.elbow
        wrist = add(elbow, direction(fore_dir), FOREARM)
        hand_dir = fore_dir - limbs.wrist
        hand_length = HAND
    tip = add(wrist, direction(hand_dir), hand_length)
    hand = add(wrist, direction(hand_dir), hand_length * PALM / HAND)
    parts = [
        Part(f"{side} upper arm", (shoulder, elbow), W_UPPER_ARM, side),
        Part(f"{side} forearm", (elbow, wrist), W_FOREARM, side),
        Part(f"{side} hand", (wrist, tip), W_HAND, side),
    ]
    return parts, {f"{side}_elbow": elbow, f"{side}_hand": hand}


def pose_body(pose: Pose, plane: Plane = "side", psoas_side: Side = "near") -> Body:
    """Return the body in ``pose`` with the hip joint at the origin.

    Args:
        pose: the joint angles.
        plane: "side", "front" or "above" (see :mod:`psoas.knowledge.figure`).
        psoas_side: "near" or "far", the leg whose iliopsoas is traced.

    Returns:
        The parts in drawing order and the named points.
    """
    trunk = pose.trunk
    up = direction(trunk)
    front = direction(trunk + 90)
    pelvis: Point = (0.0, 0.0)
    neck = add(pelvis, up, TRUNK)
    shoulder = add(pelvis, up, SHOULDER)
    head_dir = trunk + pose.head
    lateral = 0.0 if plane == "front" else 1.5
    head = add(
        add(neck, direction(head_dir), NECK + HEAD_R), direction(head_dir + 90), lateral
    )
    if plane == "front":
        hips = {
            "near": add(pelvis, front, HIP_HALF),
            "far": add(pelvis, front, -HIP_HALF),
        }
        shoulders = {
            "near": add(shoulder, front, SHOULDER_HALF),
            "far": add(shoulder, front, -SHOULDER_HALF),
        }
    else:
        hips = {"near": pelvis, "far": pelvis}
        shoulders = {"near": shoulder, "far": shoulder}

    points: dict[str, Point] = {"hip": pelvis, "shoulder": shoulder, "head": head}
    legs: dict[str, list[Part]] = {}
    arms: dict[str, list[Part]] = {}
    thigh_dirs: dict[str, float] = {}
    for side in SIDES:
        limbs = pose.side(side)
        leg, leg_points, thigh_dirs[side] = _leg(side, hips[side], limbs, trunk, plane)
        arm, arm_points = _arm(side, shoulders[side], limbs, trunk, plane)
        legs[side], arms[side] = leg, arm
        points.update(leg_points)
        points.update(arm_points)

    torso_width = W_TORSO_FRONT if plane == "front" else W_TORSO
    torso = [
        Part("torso", (add(pelvis, up, 2), add(pelvis, up, 44)), torso_width, "body")
    ]
    if plane == "front":
        torso += [
            Part("pelvis", (hips["far"], hips["near"]), 18, "body"),
            Part("shoulders", (shoulders["far"], shoulders["near"]), 12, "body"),
        ]
    belly_r = 9.0
    rise = 0.0 if plane == "front" else 2 + 4 * pose.breath
    belly = add(add(pelvis, up, 16), front, rise)
    torso.append(Part("belly", (belly,), belly_r, "body", disc=True))
    torso.append(Part("neck", (add(pelvis, up, 44), head), W_NECK, "body"))
    face = [Part("head", (head,), HEAD_R, "body", disc=True)]
    if plane != "front":
        nose = add(
            add(head, direction(head_dir + 90), HEAD_R - 0.5), direction(head_dir), -1
        )
        face.append(Part("nose", (nose,), 2.6, "body", disc=True))

    parts = [*arms["far"], *legs["far"], *torso, *face, *legs["near"], *arms["near"]]
    hip = hips[psoas_side]
    thigh = thigh_dirs[psoas_side]
    if plane == "front":
        inward = -1.0 if psoas_side == "near" else 1.0
        l1 = add(add(pelvis, up, 22), front, 2 * -inward)
        l4 = add(add(pelvis, up, 9), front, 4 * -inward)
        brim = add(add(hip, up, 5), front, -2 * -inward)
        trochanter = add(add(hip, direction(thigh), 9), front, 3 * inward)
    else:
        l1 = add(add(pelvis, up, 22), front, 5)
        l4 = add(add(pelvis, up, 9), front, 6.5)
        brim = add(add(pelvis, front, 10), up, 1)
        trochanter = add(add(pelvis, direction(thigh), 10), direction(thigh - 90), -1.5)
    return Body(tuple(parts), points, (l1, l4, brim, trochanter))
