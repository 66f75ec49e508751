"""Exercise illustrations: every exercise has one, and every one draws, reads and renders."""

from __future__ import annotations

import math
import re
import struct
import xml.etree.ElementTree as ET
import zlib
from functools import cache
from typing import Any

import cairosvg
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from psoas.figures import frame, render_svg
from psoas.figures.scene import cycle_frame, ground, size
from psoas.knowledge import default_knowledge_base
from psoas.knowledge.figure import Figure, Limbs, Plane, Pose, Prop, View

SVG = "{http://www.w3.org/2000/svg}"
KB = default_knowledge_base()
IDS = sorted(KB.exercises)
STILL_S = {"start": 0.0, "mid": 0.5, "end": 1.0}
SUPPORTS = ("mat", "chair", "bed", "step", "desk")


@cache
def drawn(exercise_id: str, *, animated: bool) -> str:
    """Return the exercise's figure as drawn for the program: its name and its tempo."""
    exercise = KB.exercises[exercise_id]
    return render_svg(
        KB.figures[exercise_id],
        animated=animated,
        tempo_s=exercise.dose.rep_s,
        title=exercise.name,
    )


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)  # noqa: S314 (our own output, not untrusted data)


def by_class(root: ET.Element, name: str) -> list[ET.Element]:
    return [el for el in root.iter() if name in el.get("class", "").split()]


def still_state(figure: Figure) -> str:
    return frame(figure, STILL_S[figure.view.still])[1]


def pixels(png: bytes) -> tuple[int, int, list[bytes]]:
    """Decode an 8-bit RGBA PNG (what CairoSVG writes) into rows of raw pixels."""
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    pos, data, width, height = 8, b"", 0, 0
    while pos < len(png):
        length, kind = struct.unpack(">I4s", png[pos : pos + 8])
        chunk = png[pos + 8 : pos + 8 + length]
        if kind == b"IHDR":
            width, height, depth, colour = struct.unpack(">IIBB", chunk[:10])
            assert (depth, colour) == (8, 6)
        elif kind == b"IDAT":
            data += chunk
        pos += 12 + length
    raw, stride, rows, prev = zlib.decompress(data), width * 4, [], bytes(width * 4)
    for y in range(height):
        kind, line = (
            raw[y * (stride + 1)],
            bytearray(raw[y * (stride + 1) + 1 : (y + 1) * (stride + 1)]),
        )
        for i in range(stride):
            a = line[i - 4] if i >= 4 else 0
            b = prev[i]
            c = prev[i - 4] if i >= 4 else 0
            if kind == 1:
                line[i] = (line[i] + a) & 255
            elif kind == 2:
                line[i] = (line[i] + b) & 255
            elif kind == 3:
                line[i] = (line[i] + (a + b) // 2) & 255
            elif kind == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (
                    line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)
                ) & 255
        rows.append(bytes(line))
        prev = bytes(line)
    return width, height, rows


def numbers(svg: str) -> list[float]:
    """Return every number written in a coordinate attribute of the SVG."""
    attributes = r'(?<![\w-])(?:d|cx|cy|r|x|y|width|height|viewBox|values)="([^"#]*)"'
    number = r"nan|inf|-?(?:\d+\.?\d*|\.\d+)"
    return [
        float(n)
        for text in re.findall(attributes, svg)
        for n in re.findall(number, text)
    ]


# -- the shipped figures ---------------------------------------------------------------


def test_every_exercise_has_a_figure_and_every_figure_an_exercise() -> None:
    assert set(KB.figures) == set(KB.exercises)
    assert len(KB.figures) >= 20


@pytest.mark.parametrize("animated", [False, True], ids=["still", "animated"])
@pytest.mark.parametrize("exercise_id", IDS)
def test_figure_is_a_titled_svg_with_a_drawing(
    exercise_id: str, animated: bool
) -> None:
    name = KB.exercises[exercise_id].name

    root = parse(drawn(exercise_id, animated=animated))

    assert root.tag == f"{SVG}svg"
    x, y, w, h = (float(v) for v in root.get("viewBox", "").split())
    assert all(math.isfinite(v) for v in (x, y, w, h))
    assert min(w, h) > 0
    assert root.findtext(f"{SVG}title") == name
    assert KB.figures[exercise_id].alt in (root.findtext(f"{SVG}desc") or "")
    for side in ("near", "far"):  # thigh, shin, foot, upper arm, forearm, hand
        assert len({el.get("class") for el in by_class(root, side)}) == 6
    assert by_class(root, "torso")
    assert by_class(root, "head")


@pytest.mark.parametrize("exercise_id", IDS)
def test_iliopsoas_line_shows_the_state_of_the_still_pose(exercise_id: str) -> None:
    figure = KB.figures[exercise_id]
    state = still_state(figure)

    lines = by_class(parse(drawn(exercise_id, animated=False)), "iliopsoas")

    assert len(lines) == 1
    assert f"iliopsoas-{state}" in lines[0].get("class", "")
    assert lines[0].get("d", "").startswith("M")


@pytest.mark.parametrize("exercise_id", IDS)
def test_rendering_is_deterministic(exercise_id: str) -> None:
    exercise = KB.exercises[exercise_id]
    again = Figure.model_validate(KB.figures[exercise_id].model_dump())

    svg = render_svg(
        again, animated=True, tempo_s=exercise.dose.rep_s, title=exercise.name
    )

    assert svg == drawn(exercise_id, animated=True)


@pytest.mark.parametrize("animated", [False, True], ids=["still", "animated"])
@pytest.mark.parametrize("exercise_id", IDS)
def test_cairosvg_renders_a_picture_that_is_not_blank(
    exercise_id: str, animated: bool
) -> None:
    svg = drawn(exercise_id, animated=animated)

    png = cairosvg.svg2png(bytestring=svg.encode(), output_width=48)

    width, height, rows = pixels(png)
    assert width == 48
    assert height >= 6
    inked = sum(1 for row in rows for i in range(3, len(row), 4) if row[i] > 128)
    assert inked > width * height * 0.05


@pytest.mark.parametrize("exercise_id", IDS)
def test_animation_lasts_one_tempo_and_respects_reduced_motion(
    exercise_id: str,
) -> None:
    tempo = KB.exercises[exercise_id].dose.rep_s

    root = parse(drawn(exercise_id, animated=True))
    animations = list(root.iter(f"{SVG}animate"))
    assert animations, "nothing moves"
    assert {a.get("dur") for a in animations} == {f"{tempo:g}s"}
    assert all(a.get("repeatCount") == "indefinite" for a in animations)
    assert "prefers-reduced-motion" in (root.findtext(f"{SVG}style") or "")
    still = by_class(root, "psoas-still")
    assert len(still) == 1
    assert not list(still[0].iter(f"{SVG}animate"))


def test_a_still_picture_has_no_animation_or_style() -> None:
    svg = render_svg(KB.figures["glute_bridge"])

    assert "<animate" not in svg
    assert "<style" not in svg


def test_width_sets_the_picture_size_and_keeps_its_shape() -> None:
    small = parse(render_svg(KB.figures["bird_dog"], width=100))
    large = parse(render_svg(KB.figures["bird_dog"], width=400))

    assert (small.get("width"), large.get("width")) == ("100", "400")
    ratio_small = int(small.get("height", "0")) / 100
    ratio_large = int(large.get("height", "0")) / 400
    assert ratio_small == pytest.approx(ratio_large, abs=0.02)


@pytest.mark.parametrize("tempo", [0.0, -1.0, math.inf])
def test_a_tempo_that_is_not_positive_is_refused(tempo: float) -> None:
    with pytest.raises(ValueError, match="tempo_s"):
        render_svg(KB.figures["bird_dog"], animated=True, tempo_s=tempo)


@pytest.mark.parametrize("exercise_id", IDS)
def test_psoas_is_shown_working_exactly_when_the_exercise_loads_it(
    exercise_id: str,
) -> None:
    figure, exercise = KB.figures[exercise_id], KB.exercises[exercise_id]

    working = any(pose.psoas == "working" for pose in figure.poses())

    assert working == (exercise.psoas_load != "low")


@pytest.mark.parametrize(
    "exercise_id", [i for i in IDS if KB.exercises[i].category == "stretch"]
)
def test_a_stretch_shows_the_iliopsoas_stretched(exercise_id: str) -> None:
    assert still_state(KB.figures[exercise_id]) == "stretched"


def _surfaces(figure: Figure) -> list[float]:
    tops = [ground(figure), 0.0]
    for prop in figure.props:
        if prop.kind in SUPPORTS:
            tops.append(
                prop.y + size(prop)[1] + (2.25 if prop.kind in ("chair",) else 0.0)
            )
    return tops


@pytest.mark.parametrize(
    "exercise_id", [i for i in IDS if KB.figures[i].view.plane != "above"]
)
def test_body_rests_on_a_surface_and_never_goes_through_the_floor(
    exercise_id: str,
) -> None:
    figure = KB.figures[exercise_id]
    floor = ground(figure)

    for phase in [i / 16 for i in range(16)]:
        body, _ = cycle_frame(figure, phase)
        assert body.lowest() >= floor - 0.5, f"below the floor at phase {phase}"
    for s in STILL_S.values():
        body, _ = frame(figure, s)
        torso = min(p.bounds()[1] for p in body.parts if p.name in ("torso", "pelvis"))
        assert any(abs(torso - top) < 1.5 or abs(body.lowest() - top) < 1.5
                   for top in _surfaces(figure)), f"floats at s={s}"  # fmt: skip


# -- the model -------------------------------------------------------------------------

BASE: dict[str, Any] = {
    "id": "glute_bridge",
    "alt": "A person lies on the back.",
    "start": {"trunk": -90, "near": {"hip": 50, "knee": 100}},
    "end": {"trunk": -110, "near": {"hip": 0, "knee": 100}, "psoas": "stretched"},
}


def test_the_model_accepts_a_plain_figure() -> None:
    figure = Figure.model_validate(BASE)

    assert figure.end.side("far") == figure.end.side("near")


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"start": {"trunk": -90, "near": {"knee": -10}}}, "greater than or equal"),
        (
            {"start": {"trunk": -90, "near": {"hip": 40}, "psoas": "stretched"}},
            "hip is bent",
        ),
        ({"start": {"trunk": 0, "near": {"hip": -20}}}, "mark it psoas: stretched"),
        ({"props": [{"kind": "dowel", "x": 10}]}, "along the back"),
        ({"view": {"still": "mid"}}, "no mid pose"),
        ({"view": {"cycle": "stride"}}, "sides of the start"),
        ({"view": {"plane": "front"}}, "front view"),
        ({"colour": "red"}, "Extra inputs"),
    ],
)
def test_the_model_refuses_a_figure_that_cannot_be_right(
    change: dict[str, Any], message: str
) -> None:
    with pytest.raises(ValidationError, match=message):
        Figure.model_validate({**BASE, **change})


# -- any pose draws --------------------------------------------------------------------

limbs = st.builds(
    Limbs,
    hip=st.floats(-45, 150),
    knee=st.floats(0, 160),
    ankle=st.floats(-90, 45),
    shoulder=st.floats(-70, 190),
    elbow=st.floats(0, 160),
    wrist=st.floats(-90, 90),
)
poses = st.builds(
    Pose,
    trunk=st.floats(-135, 135),
    head=st.floats(-60, 60),
    near=limbs,
    far=st.none() | limbs,
    breath=st.floats(0, 1),
    anchor=st.sampled_from(["hip", "near_heel", "far_hand", "head"]),
    x=st.floats(-100, 100),
    y=st.none() | st.floats(0, 150),
)


props = st.lists(
    st.sampled_from(
        [
            Prop(kind="mat", x=-100),
            Prop(kind="chair", x=10, back="right"),
            Prop(kind="pillow", x=20, y=30),
            Prop(kind="dowel"),
            Prop(kind="bed", x=-200),
            Prop(kind="desk"),
            Prop(kind="wall", x=60),
            Prop(kind="step", x=30),
        ]
    ),
    max_size=3,
)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    start=poses,
    end=poses,
    plane=st.sampled_from(["side", "front", "above"]),
    props=props,
)
def test_any_pose_in_range_draws_a_valid_svg_with_finite_numbers(
    start: Pose, end: Pose, plane: Plane, props: list[Prop]
) -> None:
    # the poses are random, so the iliopsoas states are not checked against them here
    figure = Figure.model_construct(
        id="any", alt="Any pose.", view=View(plane=plane), props=props,
        psoas_side="near", start=start, mid=None, end=end,
    )  # fmt: skip

    for animated in (False, True):
        svg = render_svg(figure, animated=animated)
        root = parse(svg)
        assert root.tag == f"{SVG}svg"
        assert by_class(root, "iliopsoas")
        values = numbers(svg)
        assert len(values) > 100
        assert all(math.isfinite(v) for v in values)
