"""Static SVG bar charts, built as text at build time: no script, no library, nothing fetched."""
from __future__ import annotations

from dataclasses import dataclass
from html import escape

# Each series has a colour (3:1 or more against white, WCAG 2.2 non-text contrast) and a fill
# pattern, and every bar carries its label and value as text, so neither colour nor pattern is
# ever the only way to tell bars apart.
SERIES = (
    ("#1d4f91", "solid"),  # dark blue
    ("#9a4a00", "stripes"),  # dark orange
    ("#2e6b30", "dots"),  # dark green
    ("#5a5a5a", "outline"),  # dark grey
)
TEXT = "#1f1f1f"  # 4.5:1 or more against white
WIDTH = 360  # viewBox units; the SVG scales to its container (width 100%)
LABEL_X = 4
BAR_X = 4
BAR_MAX = 200
BAR_HEIGHT = 16
ROW = 22
HEADING = 22
GAP = 10
FONT = 13
CHAR = 7.2  # a generous average width of one character at FONT, to keep text inside the picture
FONT_FAMILY = "system-ui, -apple-system, 'Segoe UI', Roboto, 'DejaVu Sans', sans-serif"


@dataclass(frozen=True)
class Bar:
    value: float
    text: str  # printed beside the bar, e.g. "In place: 5" or "School: 38.5%"
    series: int = 0


@dataclass(frozen=True)
class BarGroup:
    label: str
    bars: tuple[Bar, ...]


def _fit(text: str, room: float) -> str:
    """Text shortened to fit `room` units; the full text is always in the table and the description."""
    most = max(int(room // CHAR), 4)
    return text if len(text) <= most else text[: most - 1].rstrip() + "\u2026"


def _patterns(chart_id: str) -> str:
    """The fill patterns, named after the chart so that several charts can share one page."""
    out = []
    for index, (colour, kind) in enumerate(SERIES):
        pid = f"{chart_id}-fill-{index}"
        if kind == "stripes":
            out.append(f'<pattern id="{pid}" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">'
                       f'<rect width="6" height="6" fill="#ffffff"/><rect width="3.5" height="6" fill="{colour}"/></pattern>')
        elif kind == "dots":
            out.append(f'<pattern id="{pid}" width="5" height="5" patternUnits="userSpaceOnUse">'
                       f'<rect width="5" height="5" fill="#ffffff"/><circle cx="2.5" cy="2.5" r="1.6" fill="{colour}"/></pattern>')
    return "<defs>" + "".join(out) + "</defs>" if out else ""


def _fill(chart_id: str, series: int) -> str:
    colour, kind = SERIES[series % len(SERIES)]
    if kind == "solid":
        return colour
    if kind == "outline":
        return "#ffffff"
    return f"url(#{chart_id}-fill-{series % len(SERIES)})"


def bar_chart(chart_id: str, *, title: str, desc: str, groups: list[BarGroup], max_value: float,
              legend: list[tuple[int, str]] | None = None) -> str:
    """A horizontal bar chart as one line of SVG: groups of bars, each bar with its text beside it.

    `title` and `desc` are its text alternative (role="img"): `desc` should state every number.
    All text is escaped here, so callers pass plain text.
    """
    parts: list[str] = []
    y = 0.0
    if legend:
        for series, label in legend:
            colour = SERIES[series % len(SERIES)][0]
            parts.append(f'<rect x="{BAR_X}" y="{y + 3:g}" width="14" height="12" fill="{_fill(chart_id, series)}" '
                         f'stroke="{colour}" stroke-width="1.5"/>')
            parts.append(f'<text x="{BAR_X + 20}" y="{y + 14:g}">{escape(_fit(label, WIDTH - BAR_X - 24))}</text>')
            y += ROW
        y += GAP / 2
    scale = BAR_MAX / max_value if max_value > 0 else 0
    for group in groups:
        parts.append(f'<text x="{LABEL_X}" y="{y + 15:g}" font-weight="bold">{escape(_fit(group.label, WIDTH - LABEL_X))}</text>')
        y += HEADING
        for bar in group.bars:
            colour = SERIES[bar.series % len(SERIES)][0]
            width = max(float(bar.value), 0) * scale
            if width > 0:
                parts.append(f'<rect x="{BAR_X}" y="{y:g}" width="{width:.1f}" height="{BAR_HEIGHT}" '
                             f'fill="{_fill(chart_id, bar.series)}" stroke="{colour}" stroke-width="1.5"/>')
            text_x = BAR_X + width + 6
            parts.append(f'<text x="{text_x:.1f}" y="{y + 12.5:g}">{escape(_fit(bar.text, WIDTH - text_x))}</text>')
            y += ROW
        y += GAP
    height = max(y, ROW)
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="{chart_id}-title {chart_id}-desc" '
        f'viewBox="0 0 {WIDTH} {height:g}" width="100%" preserveAspectRatio="xMinYMin meet" '
        f'style="max-width: 36rem; height: auto" font-family="{escape(FONT_FAMILY)}" font-size="{FONT}" fill="{TEXT}">'
        f'<title id="{chart_id}-title">{escape(title)}</title>'
        f'<desc id="{chart_id}-desc">{escape(desc)}</desc>'
        f"{_patterns(chart_id)}{''.join(parts)}</svg>"
    )
