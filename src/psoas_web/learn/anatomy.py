"""The shapes of the anatomy figure: a front view of the lower spine, pelvis and hips.

The drawing is 400 × 500 units. Each shape is drawn for the person's right side (your
left as you look at them) and mirrored for the other side around x = 200. A muscle of the
knowledge base is a selectable part of the figure when it has a :class:`Part` here.
"""

from __future__ import annotations

from dataclasses import dataclass

WIDTH = 400
HEIGHT = 500


@dataclass(frozen=True)
class Part:
    """A selectable muscle of the figure."""

    id: str  # the muscle id in the knowledge base
    label: str  # its name in the figure and the chooser
    paths: tuple[str, ...]  # shapes for the person's right side
    hit: str = ""  # a wider, invisible outline that is easier to tap (thin parts)
    dashed: bool = False  # drawn dashed and pale: often absent


#: the parts in drawing order (bottom first)
PARTS: dict[str, Part] = {
    part.id: part
    for part in (
        Part(
            "iliacus",
            "Iliacus",
            (
                "M156 262 C150 236 132 214 108 208 C86 204 66 214 60 236"
                " C56 256 62 276 74 298 C86 322 100 346 110 372 L122 380"
                " C122 350 126 322 132 300 C138 284 148 272 156 262 Z",
            ),
        ),
        Part(
            "psoas_major",
            "Psoas major",
            (
                "M181 20 C179 80 175 160 173 228 C171 262 166 292 156 322"
                " C146 350 134 372 124 392 L110 390"
                " C106 366 108 336 114 306 C120 272 128 240 136 200"
                " C146 140 160 80 172 22 Z",
            ),
        ),
        Part(
            "psoas_minor",
            "Psoas minor",
            (
                "M178 30 C176 80 170 140 166 200 C163 250 160 300 152 352"
                " L146 351 C152 300 156 250 158 200 C161 140 166 80 171 32 Z",
            ),
            hit="M175 32 C172 120 163 250 149 352",
            dashed=True,
        ),
        Part(
            "iliopsoas",
            "Iliopsoas tendon",
            (
                "M110 380 L126 384 C122 396 114 406 108 416 L100 412 C102 402 106 392 110 380 Z",
            ),
            hit="M116 382 L104 414",
        ),
    )
}

#: vertebrae from T12 to L5: name, top, bottom, half width of the body, transverse process
VERTEBRAE: tuple[tuple[str, int, int, int, int], ...] = (
    ("T12", 18, 50, 19, 0),
    ("L1", 56, 90, 21, 36),
    ("L2", 96, 132, 23, 44),
    ("L3", 138, 176, 25, 52),
    ("L4", 182, 220, 26, 46),
    ("L5", 226, 262, 27, 48),
)


@dataclass(frozen=True)
class Vertebra:
    """One vertebra as drawn: its body, and its side processes (none for T12)."""

    name: str
    x: int  # left edge of the body
    y: int  # top of the body
    width: int
    height: int
    process: str  # path of both transverse processes, "" for none

    @property
    def label_y(self) -> float:
        """The baseline of its name, centred on the body."""
        return self.y + self.height / 2 + 4


def vertebrae() -> list[Vertebra]:
    """Return T12 to L5 as drawn, top first."""
    drawn = []
    mid = WIDTH // 2
    for name, top, bottom, half, reach in VERTEBRAE:
        process = ""
        if reach:
            y = top + (bottom - top) * 0.3
            h = (bottom - top) * 0.32
            process = (
                f"M{mid - half} {y:g} L{mid - reach} {y + 2:g} q-4 {h / 2:g} 0 {h:g}"
                f" L{mid - half} {y + h + 2:g} Z"
                f" M{mid + half} {y:g} L{mid + reach} {y + 2:g} q4 {h / 2:g} 0 {h:g}"
                f" L{mid + half} {y + h + 2:g} Z"
            )
        drawn.append(Vertebra(name, mid - half, top, 2 * half, bottom - top, process))
    return drawn


#: the hip bone of the person's right side: (css class, path), bottom first
HIP_BONE: tuple[tuple[str, str], ...] = (
    (
        "bone",
        "M160 262 C150 230 130 200 104 196 C80 193 60 204 50 222 C42 240 44 258 50 270"
        " C56 282 60 292 62 300 C66 312 72 322 76 332 C72 346 72 362 80 380"
        " C86 398 92 418 104 432 C118 444 142 444 166 432 C180 426 190 424 196 422"
        " L196 386 C184 380 164 372 148 368 C138 362 132 350 132 336"
        " C134 310 146 290 162 278 Z"
        " M114 412 C110 396 120 384 138 384 C158 386 172 396 170 408"
        " C166 422 148 428 134 426 C122 424 116 420 114 412 Z",
    ),
    ("bone-line", "M76 332 C84 322 100 318 112 322"),
    ("bone-line faint", "M162 280 C146 296 136 318 134 340"),
)

#: the top of the thigh bone of the person's right side
FEMUR: tuple[tuple[str, str], ...] = (
    (
        "bone",
        "M90 340 C76 344 62 346 52 344 C42 344 36 354 38 368 C40 384 48 396 54 412"
        " C58 440 60 470 62 500 L90 500 C88 474 88 448 90 432"
        " C94 424 104 420 108 414 C110 406 104 400 98 402"
        " C92 396 92 384 98 372 Z",
    ),
    ("bone", "M118 354 A20 20 0 1 1 78 354 A20 20 0 1 1 118 354 Z"),
)
