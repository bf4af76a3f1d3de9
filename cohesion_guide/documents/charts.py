"""Static SVG bar charts, built as text at build time: no script, no library, nothing fetched."""

from __future__ import annotations

import math
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
GRID = "#767676"  # the scale's lines (3:1 or more, dashed so they stay light): behind the bars
ZERO = 3  # the width of the mark that shows a value of 0: visible, and plainly not a bar
FONT_FAMILY = "system-ui, -apple-system, 'Segoe UI', Roboto, 'DejaVu Sans', sans-serif"


@dataclass(frozen=True)
class Layout:
    """One drawing of a chart. A chart's SVG scales to the width of the page's text column, so its
    viewBox width is chosen near that column's width in pixels: the type then stays at about its
    nominal size (16 px on a desktop or in print, 15 px on a phone), never shrinks to a caption."""

    name: str
    width: int  # viewBox units, about the column's width in CSS pixels
    font: int
    char: float  # a generous average width of one character at `font`, to keep text inside
    label_width: int  # 0: a group's label sits on its own line above its bars
    text_room: int  # room kept right of the longest bar for its text
    ticks: int  # at most this many steps on the scale
    row: int = 24
    bar: int = 17
    gap: int = 12

    @property
    def bar_x(self) -> int:
        return self.label_width + 8 if self.label_width else 4

    @property
    def bar_max(self) -> int:
        return self.width - self.bar_x - self.text_room


# A desktop's text column is 690-940 px wide (Material at 1280 px, with or without the navigation)
# and a phone's about 340 px;
# print takes the wide drawing at the full width of the text.
WIDE = Layout("wide", width=760, font=16, char=8.6, label_width=220, text_room=170, ticks=5)
NARROW = Layout("narrow", width=340, font=15, char=8.1, label_width=0, text_room=150, ticks=2)


@dataclass(frozen=True)
class Bar:
    value: float | None  # None: a figure not known, which has no bar; its text says so
    text: str  # printed beside the bar, e.g. "In place: 5", "Our pupils: 38.5%" or "Our pupils: not known"
    series: int = 0


@dataclass(frozen=True)
class BarGroup:
    label: str
    bars: tuple[Bar, ...]


def _wrap(text: str, room: float, layout: Layout) -> list[str]:
    """Text broken at spaces into as many lines of at most `room` units as it needs: never cut short
    (a reader must not lose a word); a word longer than a line is split across lines."""
    most = max(int(room // layout.char), 4)
    pieces: list[str] = []
    for word in text.split():
        pieces += [word[i : i + most] for i in range(0, len(word), most)] or [word]
    lines: list[str] = []
    for piece in pieces:
        if lines and len(lines[-1]) + 1 + len(piece) <= most:
            lines[-1] += " " + piece
        else:
            lines.append(piece)
    return lines or [""]


def _lines(x: float, y: float, lines: list[str], layout: Layout, **attrs: str) -> str:
    """Lines of text, one under another, the first with its baseline at `y`."""
    extra = "".join(f' {name.replace("_", "-")}="{value}"' for name, value in attrs.items())
    return "".join(
        f'<text x="{x:g}" y="{y + index * (layout.font + 3):g}"{extra}>{escape(line)}</text>'
        for index, line in enumerate(lines)
    )


def scale_steps(max_value: float, most: int) -> tuple[float, float]:
    """(step, top) of a readable scale from 0 that reaches `max_value` in at most `most` steps:
    steps of 1, 2, 2.5 or 5 times a power of ten, so every mark is a round number."""
    if max_value <= 0:
        return 1.0, 1.0
    raw = max_value / most
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= raw - 1e-9)
    if max_value >= 1 and step < 1:
        step = 1.0  # counts: never a mark at 0.5 of a practice
    return step, step * math.ceil(max_value / step - 1e-9)


def _number(value: float) -> str:
    return f"{value:g}"


def _patterns(chart_id: str) -> str:
    """The fill patterns, named after the chart so that several charts can share one page."""
    out = []
    for index, (colour, kind) in enumerate(SERIES):
        pid = f"{chart_id}-fill-{index}"
        if kind == "stripes":
            out.append(
                f'<pattern id="{pid}" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">'
                f'<rect width="6" height="6" fill="#ffffff"/><rect width="3.5" height="6" fill="{colour}"/></pattern>'
            )
        elif kind == "dots":
            out.append(
                f'<pattern id="{pid}" width="5" height="5" patternUnits="userSpaceOnUse">'
                f'<rect width="5" height="5" fill="#ffffff"/><circle cx="2.5" cy="2.5" r="1.6" fill="{colour}"/></pattern>'
            )
    return "<defs>" + "".join(out) + "</defs>" if out else ""


def _fill(chart_id: str, series: int) -> str:
    colour, kind = SERIES[series % len(SERIES)]
    if kind == "solid":
        return colour
    if kind == "outline":
        return "#ffffff"
    return f"url(#{chart_id}-fill-{series % len(SERIES)})"


def _legend(chart_id: str, legend: list[tuple[int, str]], layout: Layout) -> tuple[list[str], float]:
    """Swatches side by side, wrapping to a new line when the next would not fit."""
    parts: list[str] = []
    x, y, row = 4.0, 0.0, layout.row
    for series, label in legend:
        lines = _wrap(label, layout.width - 30, layout)
        room = 24 + max(len(line) for line in lines) * layout.char * 0.9 + 18
        if x > 4 and (x + room > layout.width or len(lines) > 1):
            x, y = 4.0, y + row
        colour = SERIES[series % len(SERIES)][0]
        parts.append(
            f'<rect x="{x:g}" y="{y + 4:g}" width="16" height="14" fill="{_fill(chart_id, series)}" '
            f'stroke="{colour}" stroke-width="1.5"/>'
        )
        parts.append(_lines(x + 22, y + 16, lines, layout))
        row = layout.row + (len(lines) - 1) * (layout.font + 3)
        x += room
    return parts, y + row + layout.gap / 2


def bar_chart(
    chart_id: str,
    *,
    title: str,
    desc: str,
    groups: list[BarGroup],
    max_value: float,
    legend: list[tuple[int, str]] | None = None,
    unit: str = "",
    scale_label: str = "",
    layout: Layout = WIDE,
    hidden: bool = False,
) -> str:
    """A horizontal bar chart as one line of SVG: groups of bars, each bar with its text beside it,
    over a scale from 0 with round marks (`unit` follows each mark's number, e.g. "%").

    `title` and `desc` are its text alternative (role="img"): `desc` should state every number.
    All text is escaped here, so callers pass plain text, and wraps onto more lines rather than being
    cut short. A bar of 0 is drawn as 0: a thin mark on the scale's start, with its text beside it;
    a bar whose value is None (a figure not known) has no mark at all, only its text ("not known"),
    so a reader is told why it is missing. Callers leave out rows that say nothing (see
    self_evaluation.audit_chart). `hidden` draws it with display="none": a drawing only the site's
    stylesheet shows (responsive_chart).
    """
    svg_id = chart_id if layout is WIDE else f"{chart_id}-{layout.name}"  # ids unique on the page
    parts, y = _legend(svg_id, legend, layout) if legend else ([], 0.0)
    step, top = scale_steps(max_value, layout.ticks)
    scale = layout.bar_max / top
    plot_top = y
    bars: list[str] = []
    for group in groups:
        group_top = y
        if layout.label_width:
            lines = _wrap(group.label, layout.label_width, layout)
            bars.append(_lines(4, y + 13, lines, layout, font_weight="bold"))
        else:  # a narrow drawing: the label on its own lines above its bars
            lines = _wrap(group.label, layout.width - 4, layout)
            bars.append(_lines(4, y + 15, lines, layout, font_weight="bold"))
            y += layout.row + (len(lines) - 1) * (layout.font + 3)
        for bar in group.bars:
            colour = SERIES[bar.series % len(SERIES)][0]
            width = min(max(float(bar.value), 0), top) * scale if bar.value is not None else 0.0
            if bar.value is None:
                pass  # not known: no bar and no mark, only the words beside where it would be
            elif width > 0:
                bars.append(
                    f'<rect x="{layout.bar_x}" y="{y:g}" width="{width:.1f}" height="{layout.bar}" '
                    f'fill="{_fill(svg_id, bar.series)}" stroke="{colour}" stroke-width="1.5"/>'
                )
            else:  # 0 is drawn as 0: a mark on the baseline of the scale, in the series' colour
                bars.append(
                    f'<rect x="{layout.bar_x}" y="{y:g}" width="{ZERO}" height="{layout.bar}" fill="{colour}" '
                    f'data-zero="true"/>'
                )
            text_x = layout.bar_x + (max(width, ZERO) + 6 if bar.value is not None else 0)
            said = _wrap(bar.text, layout.width - text_x, layout)
            bars.append(_lines(text_x, y + 13, said, layout))
            y += layout.row + (len(said) - 1) * (layout.font + 3)
        if layout.label_width:  # a label on several lines may need more room than its bars
            y = max(y, group_top + len(lines) * (layout.font + 3) + 4)
        y += layout.gap
    # The scale: a line at each mark behind the bars, and the marks' numbers along the bottom.
    axis_y = y - layout.gap / 2
    grid, marks = [], []
    count = round(top / step)
    for index in range(count + 1):
        value = step * index
        x = layout.bar_x + value * scale
        grid.append(
            f'<line x1="{x:.1f}" y1="{plot_top - 4:g}" x2="{x:.1f}" y2="{axis_y:g}" stroke="{GRID}" stroke-width="1" stroke-dasharray="2 3"/>'
        )
        anchor = "start" if index == 0 else "middle"
        marks.append(
            f'<text x="{x:.1f}" y="{axis_y + 18:g}" text-anchor="{anchor}">{escape(_number(value) + unit)}</text>'
        )
    baseline = (
        f'<line x1="{layout.bar_x}" y1="{axis_y:g}" x2="{layout.bar_x + layout.bar_max}" y2="{axis_y:g}" '
        f'stroke="{TEXT}" stroke-width="1.5"/>'
    )
    height = axis_y + 24
    if scale_label:
        said = _wrap(scale_label, layout.width - layout.bar_x, layout)
        marks.append(_lines(layout.bar_x, height + 14, said, layout, font_style="italic"))
        height += 22 + (len(said) - 1) * (layout.font + 3)
    shown = ' display="none"' if hidden else ""
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="{svg_id}-title {svg_id}-desc" '
        f'viewBox="0 0 {layout.width} {height:g}" width="100%" preserveAspectRatio="xMinYMin meet" '
        f'class="cc-chart__{layout.name}" data-layout="{layout.name}"{shown} '
        f'font-family="{escape(FONT_FAMILY)}" font-size="{layout.font}" fill="{TEXT}">'
        f'<title id="{svg_id}-title">{escape(title)}</title>'
        f'<desc id="{svg_id}-desc">{escape(desc)}</desc>'
        f"{_patterns(svg_id)}{''.join(grid)}{''.join(parts)}{''.join(bars)}{baseline}{''.join(marks)}</svg>"
    )


def responsive_chart(chart_id: str, **chart) -> str:
    """The chart drawn twice, wide and narrow: the site's stylesheet shows the one that fits the
    screen (the other is display: none, so a screen reader meets one chart); print and the PDF
    take the wide one (export/typst.py leaves out a drawing marked data-layout="narrow").
    The narrow drawing carries display="none" itself, so wherever there is no such stylesheet (a
    Markdown viewer, the stand-alone web page) a reader sees each chart once; the stylesheet's
    rule for phones outranks the attribute."""
    return bar_chart(chart_id, layout=WIDE, **chart) + bar_chart(chart_id, layout=NARROW, hidden=True, **chart)
