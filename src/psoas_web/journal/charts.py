"""Small server-drawn SVG charts for the dashboard.

Hand-drawn rather than a chart library: the SVG is inline, has a <title> and <desc>,
needs no script, and takes its colours from the site's CSS variables, so it follows
light and dark mode. Every chart on the page also has a table of the same numbers.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from psoas_web.journal.services import WeekSessions

WIDTH, HEIGHT = 520, 240
LEFT, RIGHT, TOP, BOTTOM = 40, 14, 14, 34
PLOT_W, PLOT_H = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
#: consecutive points further apart than this many days are not joined
MAX_GAP_DAYS = 3


def _open(chart_id: str, title: str, desc: str) -> list[str]:
    return [
        f'<svg class="chart" id="{chart_id}" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'role="img" aria-labelledby="{chart_id}-title {chart_id}-desc" '
        'xmlns="http://www.w3.org/2000/svg" focusable="false">',
        f'<title id="{chart_id}-title">{escape(title)}</title>',
        f'<desc id="{chart_id}-desc">{escape(desc)}</desc>',
    ]


def _y(value: float, y_max: float) -> float:
    return TOP + PLOT_H * (1 - value / y_max)


def _y_grid(y_max: float, step: float) -> list[str]:
    parts = ['<g class="chart-grid" aria-hidden="true">']
    value = 0.0
    while value <= y_max + 1e-9:
        y = _y(value, y_max)
        parts.append(
            f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y:.1f}" y2="{y:.1f}"/>'
            f'<text class="chart-label" x="{LEFT - 6}" y="{y + 5:.1f}" '
            f'text-anchor="end">{value:g}</text>'
        )
        value += step
    parts.append("</g>")
    return parts


def line_chart(
    *,
    chart_id: str,
    title: str,
    desc: str,
    points: Sequence[tuple[datetime.date, float]],
    start: datetime.date,
    end: datetime.date,
    y_max: float,
    y_step: float,
    unit: str = "",
    reference: tuple[float, str] | None = None,
    max_gap_days: int = MAX_GAP_DAYS,
) -> SafeString:
    """Return a line chart of `points` (day, value) from `start` to `end`, as SVG."""
    span = max((end - start).days, 1)

    def x(day: datetime.date) -> float:
        return LEFT + PLOT_W * (day - start).days / span

    parts = _open(chart_id, title, desc)
    parts += _y_grid(y_max, y_step)
    parts.append('<g class="chart-label" aria-hidden="true">')
    ticks = 4 if span >= 4 else span
    for i in range(ticks + 1):
        day = start + datetime.timedelta(days=round(span * i / ticks))
        anchor = "start" if i == 0 else "end" if i == ticks else "middle"
        minor = ' class="tick-minor"' if i % 2 else ""
        parts.append(
            f'<text{minor} x="{x(day):.1f}" y="{HEIGHT - 10}" text-anchor="{anchor}">'
            f"{day:%-d %b}</text>"
        )
    parts.append("</g>")
    if reference is not None:
        value, label = reference
        y = _y(value, y_max)
        parts.append(
            f'<g class="chart-reference" aria-hidden="true">'
            f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y:.1f}" y2="{y:.1f}"/>'
            f'<text x="{WIDTH - RIGHT - 4}" y="{y - 6:.1f}" text-anchor="end">'
            f"{escape(label)}</text></g>"
        )
    segments: list[list[tuple[datetime.date, float]]] = []
    for point in points:
        if segments and (point[0] - segments[-1][-1][0]).days <= max_gap_days:
            segments[-1].append(point)
        else:
            segments.append([point])
    parts.append('<g class="chart-series">')
    for segment in segments:
        if len(segment) > 1:
            coords = " ".join(f"{x(d):.1f},{_y(v, y_max):.1f}" for d, v in segment)
            parts.append(f'<polyline class="chart-line" points="{coords}"/>')
    for day, value in points:
        parts.append(
            f'<circle class="chart-dot" cx="{x(day):.1f}" cy="{_y(value, y_max):.1f}" '
            f'r="4"><title>{day:%-d %b}: {value:g}{escape(unit)}</title></circle>'
        )
    parts.append("</g></svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every text above is escaped


def bar_chart(
    *, chart_id: str, title: str, desc: str, weeks: Sequence[WeekSessions]
) -> SafeString:
    """Return a bar chart of sessions done per week, with the planned ones outlined."""
    top = max([3, *(w.done for w in weeks), *(w.planned or 0 for w in weeks)])
    parts = _open(chart_id, title, desc)
    parts += _y_grid(top, 1 if top <= 7 else 2)
    slot = PLOT_W / max(len(weeks), 1)
    bar = min(slot * 0.6, 48)
    every = max(1, round(len(weeks) / 8))
    parts.append('<g class="chart-series">')
    for i, week in enumerate(weeks):
        left = LEFT + slot * i + (slot - bar) / 2
        if week.planned:
            y = _y(week.planned, top)
            parts.append(
                f'<rect class="chart-planned" x="{left:.1f}" y="{y:.1f}" '
                f'width="{bar:.1f}" height="{TOP + PLOT_H - y:.1f}"/>'
            )
        if week.done:
            y = _y(week.done, top)
            planned = f" of {week.planned} planned" if week.planned is not None else ""
            parts.append(
                f'<rect class="chart-bar" x="{left + 3:.1f}" y="{y:.1f}" '
                f'width="{bar - 6:.1f}" height="{TOP + PLOT_H - y:.1f}">'
                f"<title>{escape(week.label)}: {week.done}{planned}</title></rect>"
            )
        if i % every == 0:
            parts.append(
                f'<text class="chart-label" aria-hidden="true" '
                f'x="{left + bar / 2:.1f}" y="{HEIGHT - 10}" text-anchor="middle">'
                f"{escape(week.label.replace('Week ', 'Wk '))}</text>"
            )
    parts.append("</g></svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every text above is escaped
