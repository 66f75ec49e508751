"""Exercise illustrations drawn from data: a side-view stick figure posed by joint angles.

Each exercise has a :class:`~psoas.knowledge.figure.Figure` (``figures/<id>.yaml``): the
props of its scene and the poses it moves between. :func:`render_svg` draws it as a still
SVG, or as an SVG that moves between the poses at the exercise's tempo (SMIL, with a still
picture for people who ask for reduced motion). The angle conventions are described in
:mod:`psoas.knowledge.figure`. The iliopsoas is drawn on top, as a line from the front of
the lumbar spine over the front of the hip to the inner thigh, blue when stretched, orange
when working and grey when resting.
"""

from __future__ import annotations

from psoas.figures.body import Body, pose_body
from psoas.figures.render import PSOAS_COLOURS, render_svg
from psoas.figures.scene import frame

__all__ = ["PSOAS_COLOURS", "Body", "frame", "pose_body", "render_svg"]
