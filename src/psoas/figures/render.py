"""Render a figure as SVG text: a still picture, or one that moves with SMIL."""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from xml.sax.saxutils import escape

from psoas.figures.body import Body, Part, Point
from psoas.figures.props import Shape, dowel, floor, pillow, scene_shapes
from psoas.figures.scene import cycle_frame, frame
from psoas.knowledge.figure import Figure, PsoasState

TONES = {"near": "#23303d", "far": "#a9b5c2", "body": "#3f5163"}
HALO = "#ffffff"
PSOAS_COLOURS: dict[PsoasState, str] = {
    "stretched": "#2b6cb0",
    "working": "#dd6b20",
    "resting": "#7d8893",
}
PSOAS_WORDS: dict[PsoasState, str] = {
    "stretched": "blue where it is being stretched",
    "working": "orange where it is working",
    "resting": "grey where it is resting",
}
SAMPLES = 32  # frames per cycle of the animation
MARGIN = 8.0  # cm around the drawing
MOTION_CSS = (
    ".psoas-still{display:none}"
    "@media (prefers-reduced-motion:reduce){.psoas-motion{display:none}"
    ".psoas-still{display:inline}}"
)

Element = tuple[str, list[tuple[str, str]]]  # tag and attributes, in order


def num(value: float) -> str:
    """Return ``value`` with at most one decimal, never "-0"."""
    text = f"{value:.1f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def _xy(p: Point) -> str:
    return f"{num(p[0])} {num(-p[1])}"


def _path(points: Sequence[Point], *, closed: bool = False) -> str:
    d = "M" + " L".join(_xy(p) for p in points)
    return d + (" Z" if closed else "")


def _part(part: Part) -> list[Element]:
    cls = f"{part.tone} {part.name.replace(' ', '-')}"
    colour = TONES[part.tone]
    if part.disc:
        cx, cy = part.points[0]
        circle = [
            ("class", cls),
            ("cx", num(cx)),
            ("cy", num(-cy)),
            ("r", num(part.width)),
        ]
        return [("circle", [*circle, ("fill", colour)])]
    d = _path(part.points, closed=part.filled)
    fill = colour if part.filled else "none"
    out: list[Element] = []
    if part.tone == "near":
        halo = [("class", "halo"), ("d", d), ("stroke", HALO)]
        out.append(
            ("path", [*halo, ("stroke-width", num(part.width + 2.4)), ("fill", HALO)])
        )
    style = [("stroke", colour), ("stroke-width", num(part.width)), ("fill", fill)]
    out.append(("path", [("class", cls), ("d", d), *style]))
    return out


def _shape(shape: Shape) -> Element:
    base = [
        ("stroke", shape.stroke),
        ("stroke-width", num(shape.width)),
        ("fill", shape.fill),
    ]
    if shape.rect:
        (x0, y0), (x1, y1) = shape.points
        box = [
            ("x", num(min(x0, x1))),
            ("y", num(-max(y0, y1))),
            ("width", num(abs(x1 - x0))),
            ("height", num(abs(y1 - y0))),
            ("rx", num(shape.radius)),
        ]
        return ("rect", [("class", shape.name), *box, *base])
    d = _path(shape.points, closed=shape.closed)
    return ("path", [("class", shape.name), ("d", d), *base])


def _psoas(body: Body, state: PsoasState) -> list[Element]:
    """Return the iliopsoas: a line with a dot at its origin and at its insertion."""
    l1, l4, brim, trochanter = body.psoas
    d = f"M{_xy(l1)} L{_xy(l4)} Q{_xy(brim)} {_xy(trochanter)}"
    colour = PSOAS_COLOURS[state]
    line = [("d", d), ("fill", "none"), ("stroke-linecap", "round")]
    ends = [
        ("circle", [("class", f"iliopsoas-end iliopsoas-{state}"), ("cx", num(x)),
                    ("cy", num(-y)), ("r", "2.6"), ("fill", colour), ("stroke", HALO),
                    ("stroke-width", "1.2")])
        for x, y in (l1, trochanter)
    ]  # fmt: skip
    return [
        ("path", [("class", "halo"), *line, ("stroke", HALO), ("stroke-width", "6.5")]),
        ("path", [("class", f"iliopsoas iliopsoas-{state}"), *line, ("stroke", colour),
                  ("stroke-width", "3.4")]),
        *ends,
    ]  # fmt: skip


def _figure_elements(figure: Figure, body: Body, state: PsoasState) -> list[Element]:
    """Return the moving part of the picture: body, pillows, dowel and iliopsoas."""
    pillows = [_shape(pillow(p)) for p in figure.props if p.kind == "pillow"]
    held = [_shape(dowel(body)) for p in figure.props if p.kind == "dowel"]

    def drawn(tone: str) -> list[Element]:
        return [e for part in body.parts if part.tone == tone for e in _part(part)]

    return [
        *drawn("far"),
        *pillows,
        *drawn("body"),
        *held,
        *drawn("near"),
        *_psoas(body, state),
    ]


def _bounds(boxes: Iterable[tuple[float, float, float, float]]) -> tuple[float, ...]:
    boxes = list(boxes)
    return (
        min(b[0] for b in boxes),
        min(b[1] for b in boxes),
        max(b[2] for b in boxes),
        max(b[3] for b in boxes),
    )


def _write(element: Element, animations: Sequence[str] = ()) -> str:
    tag, attrs = element
    text = " ".join(f'{name}="{escape(value)}"' for name, value in attrs)
    if not animations:
        return f"<{tag} {text}/>"
    return f"<{tag} {text}>" + "".join(animations) + f"</{tag}>"


def _animated(frames: list[list[Element]], still: list[Element], dur: str) -> list[str]:
    out = []
    for index, element in enumerate(still):
        animations = []
        for position, (name, _) in enumerate(element[1]):
            values = [f[index][1][position][1] for f in frames]
            if len(set(values)) > 1:
                mode = (
                    ' calcMode="discrete"'
                    if name in ("class", "stroke", "fill")
                    else ""
                )
                animations.append(
                    f'<animate attributeName="{name}" dur="{dur}"{mode} '
                    f'repeatCount="indefinite" values="{";".join(values)}"/>'
                )
        out.append(_write(element, animations))
    return out


def _description(figure: Figure, states: list[PsoasState], motion: str) -> str:
    words = [PSOAS_WORDS[s] for s in dict.fromkeys(states)]
    return (
        f"{figure.alt} The iliopsoas is drawn as a line from the low back to the inner "
        f"thigh, {' and '.join(words)}.{motion}"
    )


def render_svg(
    figure: Figure,
    *,
    animated: bool = False,
    tempo_s: float = 3.0,
    width: int = 320,
    title: str | None = None,
) -> str:
    """Draw ``figure`` as an SVG document.

    Args:
        figure: the figure (poses and props) of one exercise.
        animated: move from the start pose to the end pose and back, with SMIL. People
            who ask for reduced motion see the still picture instead.
        tempo_s: seconds for one cycle (start, end and back), e.g. the exercise's
            ``dose.rep_s``.
        width: the width of the picture in pixels; the height follows the drawing.
        title: the accessible name, e.g. the exercise's name; the id in words if None.

    Returns:
        The SVG document as text; the same input always gives the same text.

    Raises:
        ValueError: if ``tempo_s`` or ``width`` is not positive.
    """
    if not (math.isfinite(tempo_s) and tempo_s > 0) or width <= 0:
        raise ValueError("tempo_s and width must be positive")
    still_s = {"start": 0.0, "mid": 0.5, "end": 1.0}[figure.view.still]
    body, state = frame(figure, still_s)
    still = _figure_elements(figure, body, state)
    keys = [cycle_frame(figure, i / SAMPLES) for i in range(SAMPLES)]
    keys.append(keys[0])
    extremes = [frame(figure, s) for s in (0.0, 0.5, 1.0)]
    plane = figure.view.plane
    scene = [s for p in figure.props if p.kind not in ("pillow", "dowel")
             for s in scene_shapes(p, plane)]  # fmt: skip
    boxes = [part.bounds() for b, _ in [*keys, *extremes] for part in b.parts]
    boxes += [s.bounds() for s in scene]
    boxes += [pillow(p).bounds() for p in figure.props if p.kind == "pillow"]
    boxes += [
        dowel(b).bounds()
        for b, _ in keys
        if any(p.kind == "dowel" for p in figure.props)
    ]
    boxes += [(x, y, x, y) for b, _ in keys for x, y in b.psoas]
    left, bottom, right, top = _bounds(boxes)
    if plane != "above":
        scene.append(floor(left - MARGIN, right + MARGIN))
        bottom = min(bottom, -1.0)
    left, bottom, right, top = (
        left - MARGIN,
        bottom - MARGIN,
        right + MARGIN,
        top + MARGIN,
    )
    view_w, view_h = right - left, top - bottom
    height = max(1, round(width * view_h / view_w))
    name = title or figure.id.replace("_", " ").capitalize()
    states = [state] + [s for _, s in keys]
    motion = ""
    dur = f"{num(tempo_s)}s"
    if animated:
        motion = (
            f" The picture moves to the end position and back every {num(tempo_s)} s."
        )
    lines = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="{num(left)} {num(-top)} '
        f'{num(view_w)} {num(view_h)}" width="{width}" height="{height}" role="img" '
        f'class="psoas-figure" data-exercise="{figure.id}">',
        f"<title>{escape(name)}</title>",
        f"<desc>{escape(_description(figure, states, motion))}</desc>",
    ]
    if animated:
        lines.append(f"<style>{MOTION_CSS}</style>")
    lines.append('<g class="scene" stroke-linecap="round" stroke-linejoin="round">')
    lines += [_write(_shape(s)) for s in sorted(scene, key=lambda s: s.name != "floor")]
    lines.append("</g>")
    group = '<g class="{}" stroke-linecap="round" stroke-linejoin="round">'
    if animated:
        frames = [_figure_elements(figure, b, s) for b, s in keys]
        lines.append(group.format("figure psoas-motion"))
        lines += _animated(frames, still, dur)
        lines.append("</g>")
        lines.append(group.format("figure psoas-still"))
    else:
        lines.append(group.format("figure"))
    lines += [_write(element) for element in still]
    lines.append("</g>")
    lines.append("</svg>")
    return "\n".join(lines) + "\n"
