"""The guide's diagrams (the four dimensions, the three strands, the six-point planning cycle, and
who is bound by which duty), drawn at build time from the guide's own data as inline SVG, in the site's palette.

Each is a <figure>: the picture (role="img", with a title and a description that says all it
shows), a caption, and the same content in words under "The diagram in words", so nobody needs
the picture. Drawn 340 units wide, about a phone's text column, with 14-unit type: legible at
375 px, and the stylesheet lets it grow only so far on a desktop. No script, nothing fetched.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from html import escape

from cohesion_guide.documents.action_plan import STEPS
from cohesion_guide.inputs.audit import strands

# The site's palette (docs/stylesheets/cohesion.css): the primary blue and tints of it. Dark text
# sits on the tints at 7:1 or more; white text on the blue at 8:1.
BLUE = "#1d4f91"
DARK = "#0b0c0c"
TINTS = ("#e8eff8", "#d2e2f1", "#a9c5e6")
WHITE = "#ffffff"
WIDTH = 340
FONT = 14
FONT_FAMILY = "system-ui, -apple-system, 'Segoe UI', Roboto, 'DejaVu Sans', sans-serif"
CHAR = 7.6  # an average character's width at FONT, to break labels into lines that fit

# The four dimensions, from the school outwards (docs/duty/dimensions.md).
DIMENSIONS = (
    ("The school community", "pupils, families, staff, governors and people who use the school"),
    ("The community where the school is", "the neighbourhood, town, city or local authority area"),
    ("The UK community", "everyone in the United Kingdom"),
    ("The global community", "people in Europe and the rest of the world"),
)
# What each strand is about, in a line (docs/duty/strands.md); the titles come from the audit's catalogue.
STRAND_LINES = {
    "teaching-learning-curriculum": "what pupils learn about others, and how",
    "equity-excellence": "fair chances for every pupil to do as well as they can",
    "engagement-extended-services": "chances to meet and get on with people from different backgrounds",
}


@dataclass(frozen=True)
class Diagram:
    name: str
    title: str
    desc: str
    caption: str
    words: tuple[str, ...]  # the text equivalent, one list item each
    drawing: str  # the SVG's inner markup
    height: float


def lines(text: str, room: float, font: float = FONT) -> list[str]:
    """`text` broken at spaces into lines no wider than `room` units."""
    out: list[str] = []
    for word in text.split():
        if out and (len(out[-1]) + 1 + len(word)) * CHAR * font / FONT <= room:
            out[-1] += " " + word
        else:
            out.append(word)
    return out


def _text(
    x: float,
    y: float,
    text_lines: list[str],
    *,
    anchor: str = "middle",
    weight: str = "normal",
    fill: str = DARK,
    size: float = FONT,
    leading: float = 1.25,
) -> str:
    spans = "".join(
        f'<tspan x="{x:g}" dy="{0 if i == 0 else size * leading:g}">{escape(line)}</tspan>'
        for i, line in enumerate(text_lines)
    )
    return (
        f'<text x="{x:g}" y="{y:g}" text-anchor="{anchor}" font-weight="{weight}" fill="{fill}" '
        f'font-size="{size:g}">{spans}</text>'
    )


def dimensions() -> Diagram:
    """Four nested circles, the school at the centre and the global community outside."""
    cx, cy, radii = WIDTH / 2, 172, (52, 92, 132, 168)
    fills = (BLUE, TINTS[2], TINTS[1], TINTS[0])
    parts = []
    for radius, fill in reversed(list(zip(radii, fills, strict=True))):
        parts.append(f'<circle cx="{cx:g}" cy="{cy:g}" r="{radius}" fill="{fill}" stroke="{BLUE}" stroke-width="1.5"/>')
    # Each ring's name sits in the band between its circle and the next one in.
    parts.append(_text(cx, cy - 4, ["The school", "community"], weight="bold", fill=WHITE))
    band = {1: "Where the school is", 2: "The UK community", 3: "The global community"}
    for index, label in band.items():
        y = cy - (radii[index] + radii[index - 1]) / 2 + 5
        parts.append(_text(cx, y, [label], weight="bold"))
    parts.append(_text(cx, cy + radii[1] - 14, ["local"], size=13))
    parts.append(_text(cx, cy + radii[2] - 14, ["national"], size=13))
    parts.append(_text(cx, cy + radii[3] - 13, ["international"], size=13))
    words = tuple(f"{name}: {who}." for name, who in DIMENSIONS)
    return Diagram(
        "dimensions",
        "The four dimensions of community",
        "Four circles, one inside the other. At the centre, the school community; around it, the community "
        "where the school is; then the UK community; and outside them all, the global community.",
        "Every school belongs to all four dimensions of community, from the school itself out to the wider world.",
        words,
        "".join(parts),
        cy + radii[3] + 4,
    )


def three_strands() -> Diagram:
    """Three strands, one box each, all leading to community cohesion."""
    parts, y = [], 0.0
    rows = [(s.title, STRAND_LINES.get(s.id, "")) for s in strands()]
    box_x, box_w = 4, WIDTH - 8
    for number, (title, line) in enumerate(rows, start=1):
        title_lines = lines(f"{number}. {title}", box_w - 24)
        line_lines = lines(line, box_w - 24, 13) if line else []
        height = 14 + len(title_lines) * 18 + len(line_lines) * 17 + 8
        parts.append(
            f'<rect x="{box_x}" y="{y:g}" width="{box_w}" height="{height:g}" rx="6" fill="{TINTS[number - 1]}" '
            f'stroke="{BLUE}" stroke-width="1.5"/>'
        )
        parts.append(_text(box_x + 12, y + 24, title_lines, anchor="start", weight="bold"))
        if line_lines:
            parts.append(_text(box_x + 12, y + 24 + len(title_lines) * 18, line_lines, anchor="start", size=13))
        y += height
        # an arrow down to the next box, or to the outcome
        parts.append(
            f'<path d="M {WIDTH / 2 - 9:g} {y + 3:g} L {WIDTH / 2 + 9:g} {y + 3:g} L {WIDTH / 2:g} {y + 15:g} Z" fill="{BLUE}"/>'
        )
        y += 18
    parts.append(f'<rect x="{box_x}" y="{y:g}" width="{box_w}" height="44" rx="22" fill="{BLUE}"/>')
    parts.append(_text(WIDTH / 2, y + 28, ["Community cohesion"], weight="bold", fill=WHITE, size=16))
    y += 48
    words = tuple(f"{title}: {line}." if line else f"{title}." for title, line in rows)
    return Diagram(
        "strands",
        "The three strands of a school's contribution",
        "Three boxes, one under another, each leading to the next and all to community cohesion: "
        + "; ".join(f"{n}, {title}" for n, (title, _) in enumerate(rows, start=1))
        + ".",
        "A school's work to promote community cohesion falls under three strands.",
        words,
        "".join(parts),
        y,
    )


def planning_cycle() -> Diagram:
    """The six points round a circle, each arrow leading to the next, the sixth back to the first."""
    cx, cy, radius = WIDTH / 2, 178, 124
    box_w, box_h = 124, 60
    parts = [
        f'<defs><marker id="cc-cycle-arrow" viewBox="0 0 10 10" refX="8" refY="5" markerWidth="7" markerHeight="7" '
        f'orient="auto-start-reverse"><path d="M 0 0 L 10 5 L 0 10 z" fill="{BLUE}"/></marker></defs>',
        f'<circle cx="{cx:g}" cy="{cy:g}" r="{radius}" fill="none" stroke="{TINTS[2]}" stroke-width="10"/>',
    ]
    centres = []
    for index in range(len(STEPS)):
        angle = -math.pi / 2 + index * 2 * math.pi / len(STEPS)
        centres.append((cx + radius * math.cos(angle), cy + radius * math.sin(angle), angle))
    # arrows along the ring, between each box and the next
    for _x, _y, angle in centres:
        start, end = angle + 0.36, angle + 2 * math.pi / len(STEPS) - 0.36
        x1, y1 = cx + radius * math.cos(start), cy + radius * math.sin(start)
        x2, y2 = cx + radius * math.cos(end), cy + radius * math.sin(end)
        parts.append(
            f'<path d="M {x1:.1f} {y1:.1f} A {radius} {radius} 0 0 1 {x2:.1f} {y2:.1f}" fill="none" '
            f'stroke="{BLUE}" stroke-width="2.5" marker-end="url(#cc-cycle-arrow)"/>'
        )
    for (number, title), (x, y, _) in zip(STEPS, centres, strict=True):
        parts.append(
            f'<rect x="{x - box_w / 2:.1f}" y="{y - box_h / 2:.1f}" width="{box_w}" height="{box_h}" rx="6" '
            f'fill="{WHITE}" stroke="{BLUE}" stroke-width="2"/>'
        )
        label = lines(f"{number}. {title}", box_w - 10)
        parts.append(_text(x, y - (len(label) - 1) * 9 + 5, label, weight="bold", size=FONT))
    parts.append(_text(cx, cy - 6, ["Review each year,", "then start again"], size=13))
    words = tuple(f"{number}. {title}" for number, title in STEPS) + ("After 6, the cycle starts again at 1.",)
    return Diagram(
        "cycle",
        "The six-point planning cycle",
        "Six boxes round a circle, joined by arrows in order: "
        + ", ".join(f"{n}. {t}" for n, t in STEPS)
        + "; then back to 1.",
        "The six points in order: plan, do, check what changed, and start again each year.",
        words,
        "".join(parts),
        cy + radius + box_h / 2 + 4,
    )


# Who is bound by what (docs/duty/today.md, from FACTS-TODAY.md items 1.3-1.5, 2.3, 3-4 and the RSHE
# entries): the kinds of school in England across, the duties down. The page's tables stay the full
# account, with where each duty comes from; this is the picture of them.
KINDS = (
    ("maintained", "Maintained", "Maintained schools"),
    ("academies", "Academy or free school", "Academies and free schools"),
    ("prus", "PRU", "Pupil referral units (PRUs)"),
    ("independent", "Independent", "Independent schools that are not academies"),
)
# What each mark means: its word under the mark, and how the text equivalent says it.
MARKS = {
    "yes": ("Yes", "bound"),
    "no": ("No", "not bound"),
    "part": ("In part", "bound in part"),
    "check": ("Check", "to check"),
}
# Each duty: its name, the page's anchor for it, and one mark per kind of school, in KINDS' order.
DUTIES = (
    ("Community cohesion", "cohesion", ("yes", "check", "check", "no")),
    ("Curriculum and SMSC", "smsc", ("yes", "part", "check", "no")),
    ("Independent School Standards Part 2", "iss", ("no", "part", "check", "yes")),
    ("Public sector equality duty", "psed", ("yes", "yes", "yes", "no")),
    ("Prevent", "prevent", ("yes", "yes", "yes", "yes")),
    ("Political impartiality", "political", ("yes", "yes", "check", "yes")),
    ("RSHE", "rshe", ("yes", "part", "yes", "part")),
)
BOUND_NOTE = (
    "Check: not settled by this guide; an academy's funding agreement may include cohesion. In part: "
    "for academies, not every kind of academy (see the table); for independent schools, "
    "relationships education and RSE, not health education."
)


def _mark(kind: str, x: float, y: float) -> str:
    """A mark that says the same in shape as in colour: a tick, a cross, a half-filled circle, a "?"."""
    r = 11
    if kind == "yes":
        return (
            f'<circle cx="{x:g}" cy="{y:g}" r="{r}" fill="{BLUE}"/>'
            f'<path d="M {x - 5:g} {y:g} L {x - 1.5:g} {y + 4:g} L {x + 5.5:g} {y - 4.5:g}" fill="none" '
            f'stroke="{WHITE}" stroke-width="2.6" stroke-linecap="round" stroke-linejoin="round"/>'
        )
    if kind == "no":
        return (
            f'<circle cx="{x:g}" cy="{y:g}" r="{r}" fill="{WHITE}" stroke="{DARK}" stroke-width="1.5"/>'
            f'<path d="M {x - 4.5:g} {y - 4.5:g} L {x + 4.5:g} {y + 4.5:g} M {x + 4.5:g} {y - 4.5:g} '
            f'L {x - 4.5:g} {y + 4.5:g}" stroke="{DARK}" stroke-width="2.2" stroke-linecap="round"/>'
        )
    if kind == "part":
        return (
            f'<circle cx="{x:g}" cy="{y:g}" r="{r}" fill="{WHITE}" stroke="{BLUE}" stroke-width="2"/>'
            f'<path d="M {x:g} {y - r:g} A {r} {r} 0 0 0 {x:g} {y + r:g} Z" fill="{BLUE}"/>'
        )
    return (
        f'<circle cx="{x:g}" cy="{y:g}" r="{r}" fill="{TINTS[0]}" stroke="{BLUE}" stroke-width="1.5" '
        f'stroke-dasharray="3 2"/>' + _text(x, y + 5, ["?"], weight="bold")
    )


def who_is_bound() -> Diagram:
    """A grid: one band per duty, one column per kind of school, a mark and its word in each cell."""
    # The columns' centres: the outer ones drawn in from the edges, so a bold heading as wide as
    # "Independent" stays inside the drawing in any sans-serif font.
    column = (WIDTH - 88) / (len(KINDS) - 1)
    centre = [44 + index * column for index in range(len(KINDS))]
    parts, y = [], 0.0
    heads = [lines(short, 84) for _, short, _ in KINDS]
    depth = max(len(head) for head in heads)
    for index, head in enumerate(heads):
        parts.append(_text(centre[index], 16 + (depth - len(head)) * 17.5, head, weight="bold"))
    y = 16 + (depth - 1) * 17.5 + 10
    parts.append(f'<path d="M 0 {y:g} H {WIDTH}" stroke="{DARK}" stroke-width="2"/>')
    for row, (duty, _, marks) in enumerate(DUTIES):
        label = lines(duty, WIDTH - 12)
        height = 10 + len(label) * 17.5 + 48
        if row % 2 == 0:
            parts.append(f'<rect x="0" y="{y + 1:g}" width="{WIDTH}" height="{height - 1:g}" fill="{TINTS[0]}"/>')
        parts.append(_text(6, y + 20, label, anchor="start", weight="bold"))
        middle = y + 10 + len(label) * 17.5 + 12
        for index, mark in enumerate(marks):
            x = centre[index]
            parts.append(_mark(mark, x, middle))
            parts.append(_text(x, middle + 27, [MARKS[mark][0]], size=13))
        y += height
        parts.append(f'<path d="M 0 {y:g} H {WIDTH}" stroke="{TINTS[2]}" stroke-width="1"/>')
    note = lines(BOUND_NOTE, WIDTH - 4, 13)
    parts.append(_text(0, y + 22, note, anchor="start", size=13))
    y += 22 + (len(note) - 1) * 13 * 1.25 + 8
    words = []
    for index, (_, _, name) in enumerate(KINDS):
        by_mark = {mark: [duty for duty, _, marks in DUTIES if marks[index] == mark] for mark in MARKS}
        said = [f"{MARKS[mark][1]}: {', '.join(duties)}" for mark, duties in by_mark.items() if duties]
        words.append(f"{name}. " + ". ".join(s[0].upper() + s[1:] for s in said) + ".")
    return Diagram(
        "duties",
        "Who is bound by what",
        "A grid of marks. Across the top, four kinds of school in England: maintained schools, academies and "
        "free schools, pupil referral units and independent schools that are not academies. Down the side, "
        "seven duties: " + ", ".join(duty for duty, _, _ in DUTIES) + ". Each cell says Yes, No, In part or "
        "Check, with a tick, a cross, a half-filled circle or a question mark.",
        "Which duties bind each kind of school in England. The tables below say where each duty comes from.",
        tuple(words),
        "".join(parts),
        y,
    )


DIAGRAMS = {"dimensions": dimensions, "strands": three_strands, "cycle": planning_cycle, "duties": who_is_bound}


def figure(name: str) -> str:
    """The diagram `name` as a <figure> of HTML: the SVG, its caption and its text equivalent."""
    if name not in DIAGRAMS:
        raise KeyError(f"There is no diagram called {name!r}: choose one of {', '.join(DIAGRAMS)}.")
    d = DIAGRAMS[name]()
    svg_id = f"cc-diagram-{d.name}"
    svg = (
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="{svg_id}-title {svg_id}-desc" '
        f'viewBox="0 0 {WIDTH} {d.height:g}" width="100%" font-family="{escape(FONT_FAMILY)}" font-size="{FONT}">'
        f'<title id="{svg_id}-title">{escape(d.title)}</title><desc id="{svg_id}-desc">{escape(d.desc)}</desc>'
        f"{d.drawing}</svg>"
    )
    words = "".join(f"<li>{escape(item)}</li>" for item in d.words)
    return (
        f'<figure class="cc-diagram" id="{svg_id}">{svg}<figcaption>{escape(d.caption)}</figcaption>'
        f'<details class="cc-diagram__words"><summary>The diagram in words</summary><ul>{words}</ul></details></figure>'
    )
