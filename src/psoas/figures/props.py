"""The props of a scene as drawing primitives (centimetres, y up)."""

from __future__ import annotations

import math
from dataclasses import dataclass

from psoas.figures.body import Body, Point, add
from psoas.figures.scene import size
from psoas.knowledge.figure import Plane, Prop

LINE = "#8a919b"
FILL = "#eef1f4"
MAT = "#b9d3dc"
PILLOW = "#e4eaf6"
WOOD = "#b7791f"


@dataclass(frozen=True)
class Shape:
    """A drawing primitive: a rounded path through points, or a rectangle."""

    name: str
    points: tuple[Point, ...]  # a path; for a rectangle, two opposite corners
    stroke: str
    width: float
    fill: str = "none"
    rect: bool = False
    radius: float = 0.0  # corner radius of a rectangle
    closed: bool = False

    def bounds(self) -> tuple[float, float, float, float]:
        """Return (min x, min y, max x, max y) including the stroke."""
        pad = self.width / 2
        xs = [p[0] for p in self.points]
        ys = [p[1] for p in self.points]
        return (min(xs) - pad, min(ys) - pad, max(xs) + pad, max(ys) + pad)


def _rect(
    name: str, x: float, y: float, w: float, h: float, fill: str, r: float
) -> Shape:
    return Shape(name, ((x, y), (x + w, y + h)), LINE, 1.2, fill, rect=True, radius=r)


def _line(name: str, *points: Point, width: float = 3.0, color: str = LINE) -> Shape:
    return Shape(name, points, color, width)


def scene_shapes(prop: Prop, plane: Plane) -> list[Shape]:
    """Return the shapes of a prop fixed in the scene (not the floor, pillow or dowel)."""
    w, h = size(prop)
    x, y = prop.x, prop.y
    kind = prop.kind
    if plane == "above" or kind in ("mat", "step", "wall"):
        fill = MAT if kind == "mat" else FILL
        radius = min(w, h) / 2 if plane == "above" and kind == "pillow" else 2.0
        return [_rect(kind, x, y, w, h, fill, 0.8 if kind == "mat" else radius)]
    if kind == "chair":
        back_x = x if prop.back == "left" else x + w
        front_x = x + w if prop.back == "left" else x
        top = y + h
        return [
            _line("chair", (back_x, y), (back_x, top + 42)),
            _line("chair", (front_x, y), (front_x, top)),
            _line("chair", (x, top), (x + w, top), width=4.5),
        ]
    if kind == "bed":
        return [
            _line("bed", (x + 4, y), (x + 4, y + h - 14)),
            _line("bed", (x + w - 4, y), (x + w - 4, y + h - 14)),
            _rect("bed", x, y + h - 16, w, 16, FILL, 4.0),
        ]
    if kind == "desk":
        return [
            _line("desk", (x + 4, y), (x + 4, y + h)),
            _line("desk", (x + w - 4, y), (x + w - 4, y + h)),
            _rect("desk", x, y + h - 4, w, 4, FILL, 1.0),
        ]
    return []


def pillow(prop: Prop) -> Shape:
    """Return a pillow: a soft rounded rectangle."""
    w, h = size(prop)
    return Shape("pillow", ((prop.x, prop.y), (prop.x + w, prop.y + h)), LINE, 1.2, PILLOW,
                 rect=True, radius=min(w, h) / 2)  # fmt: skip


def dowel(body: Body) -> Shape:
    """Return a dowel held along the back: head, upper back and sacrum touch it."""
    hip, shoulder = body.points["hip"], body.points["shoulder"]
    length = math.dist(hip, shoulder) or 1.0
    up = ((shoulder[0] - hip[0]) / length, (shoulder[1] - hip[1]) / length)
    back = (-up[1], up[0])  # the trunk's front turned half a turn
    base = add(hip, back, 13.5)
    return _line("dowel", add(base, up, -8), add(base, up, 84), width=3.2, color=WOOD)


def floor(left: float, right: float, y: float = 0.0) -> Shape:
    """Return the floor line from ``left`` to ``right``."""
    return _line("floor", (left, y), (right, y), width=1.5)
