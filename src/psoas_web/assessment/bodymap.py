"""The shapes of the body map: front and back figures, one or two shapes per region.

Coordinates are in the figure's own units (200 wide, centred on x = 100). In the
front view the person's right side is on the viewer's left.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from typing import Any

from psoas.knowledge.model import Region

# (region, kind, x, y, w, h, r): rect = x, y, width, height, corner radius;
# ellipse = centre x, centre y, radius x, radius y
Shape = tuple[str, str, int, int, int, int, int]


def _pair(
    region: str, kind: str, x: int, y: int, w: int, h: int, r: int = 0
) -> list[Shape]:
    """A shape and its mirror image on the other side of the body."""
    mirror_x = 200 - x - (w if kind == "rect" else 0)
    return [(region, kind, x, y, w, h, r), (region, kind, mirror_x, y, w, h, r)]


FRONT: list[Shape] = [
    ("abdomen", "rect", 72, 128, 56, 64, 14),
    ("pelvis", "rect", 74, 196, 52, 22, 8),
    *_pair("hip_side", "ellipse", 57, 234, 6, 16),
    *_pair("hip_front", "ellipse", 75, 232, 11, 11),
    *_pair("groin", "ellipse", 92, 242, 7, 10),
    *_pair("thigh_front", "rect", 66, 258, 28, 60, 10),
    *_pair("knee", "ellipse", 82, 336, 13, 12),
    *_pair("leg_below_knee", "rect", 72, 354, 22, 56, 9),
]
BACK: list[Shape] = [
    ("upper_back", "rect", 66, 78, 68, 70, 14),
    ("low_back", "rect", 70, 152, 60, 44, 12),
    *_pair("hip_side", "ellipse", 57, 234, 6, 16),
    *_pair("glute", "ellipse", 81, 238, 18, 17),
    ("pelvis", "ellipse", 100, 212, 15, 12, 0),
    *_pair("knee", "ellipse", 82, 336, 13, 12),
    *_pair("leg_below_knee", "rect", 72, 354, 22, 56, 9),
]


def views(
    regions: Mapping[str, Region], ticked: Collection[str]
) -> list[dict[str, Any]]:
    """The two figures for the template, with each shape's name and state."""

    def shapes(items: list[Shape], view: str) -> list[dict[str, Any]]:
        return [
            {
                "region": region,
                "name": regions[region].name,
                "kind": kind,
                "x": x,
                "y": y,
                "w": w,
                "h": h,
                "r": r,
                "on": region in ticked,
            }
            for region, kind, x, y, w, h, r in items
            if region in regions and view in regions[region].views
        ]

    return [
        {
            "label": "Front",
            "x": 0,
            "shapes": shapes(FRONT, "front"),
            "left_x": 24,
            "left_word": "Right",
            "right_x": 176,
            "right_word": "Left",
        },
        {
            "label": "Back",
            "x": 220,
            "shapes": shapes(BACK, "back"),
            "left_x": 24,
            "left_word": "Left",
            "right_x": 176,
            "right_word": "Right",
        },
    ]
