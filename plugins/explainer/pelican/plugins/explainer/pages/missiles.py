"""Missiles drawn to scale side by side, from cited figures: the comparison a missile story needs and words
cannot give (a 25 m missile beside an 18 m one), with the same figures in a table for screen readers.

An article writes, one line per missile, every figure from the footnotes the line cites:

    Missiles: Hwasong-17 | length 24–26 m | diameter 2.4–2.5 m | stages 2 | fuel liquid [^abc-hs17]
        Hwasong-18 | length 20 m | fuel solid [^other]

`length` is required (a figure or a range, in metres); `diameter`, `stages` and `fuel` are optional, since
a drawing may only show what a source gives. A range is drawn solid to its lower figure and dashed to its
upper one, so an estimate never looks more exact than its source. A 10 m scale bar gives the scale.
"""

import re
from dataclasses import dataclass
from xml.sax.saxutils import escape

from pelican.plugins.explainer.checks.errors import mistake
from pelican.plugins.explainer.extras import of
from pelican.plugins.explainer.model.roles import Source, cited_sources, line_values, missing_note_mistakes

FEWEST, MOST = 2, 4  # one missile is no comparison; more than four leave a 360 px phone no room for names
FIELDS = ("length", "diameter", "stages", "fuel")
FUELS = ("liquid", "solid")
_METRES = re.compile(r"^(\d+(?:\.\d+)?)(?:\s*[–-]\s*(\d+(?:\.\d+)?))?\s*m$")  # "25 m", "24–26 m"
WIDTH, TOP, PLOT, FONT, LINE = 360, 12, 240, 14, 18  # SVG units: the viewBox is 360 wide, so 14 stays ≥ 12 px on a phone
LEFT = 48  # room for the scale bar and its label
CHAR = 0.62 * FONT  # a generous average advance of a character in the regular weight…
BOLD = 1.1  # …and how much wider the bold names are
PAD = 8  # clear space between two columns' labels
SCALE_BAR_M = 10
MOST_STAGES = 9  # no rocket has had more; a bigger number is a typo


@dataclass(frozen=True)
class Span:
    """A figure in metres: `low` alone, or a range `low`–`high`."""

    low: float
    high: float

    def words(self) -> str:
        """In one form whatever the author typed: "25 m", "24–26 m" (a no-break space keeps the unit on the line)."""
        low, high = f"{self.low:g}", f"{self.high:g}"
        return f"{low}\u00a0m" if low == high else f"{low}–{high}\u00a0m"


@dataclass(frozen=True)
class Missile:
    """One line of Missiles: its name, figures (None where the source gives none) and sources."""

    name: str
    length: Span
    diameter: Span | None
    stages: int | None
    fuel: str | None
    sources: tuple[Source, ...]


@dataclass(frozen=True)
class Comparison:
    """What a template needs: the missiles in the author's order, the drawing and its text alternative."""

    missiles: tuple[Missile, ...]
    svg: str
    description: str


def metres(text: str) -> Span | None:
    """A figure in metres ("25 m", "24–26 m", low before high), or None."""
    match = _METRES.match(text.strip())
    if not match:
        return None
    low = float(match[1])
    high = float(match[2]) if match[2] else low
    return Span(low, high) if 0 < low <= high else None


def parse_line(content, line) -> tuple[Missile | None, list]:
    """(the Missile one line describes, or None; its mistakes)."""
    path, where = content.source_path, {"needle": line[:40]}
    name, *parts = (part.strip() for part in line.split("|"))
    if not parts:
        return None, [mistake(path, f"the missile {line!r} has no figures — write `name | length 25 m | … [^source]`", **where)]
    *parts, last = parts
    last, sources, missing = cited_sources(content, last)
    parts = [part for part in (*parts, last) if part]
    if missing:
        return None, missing_note_mistakes(content, line, missing)
    if not sources:
        return None, [
            mistake(path, f"the missile {name!r} cites no source — end the line with a footnote, e.g. [^reuters]", **where)
        ]
    figures, found = {}, []
    for part in parts:
        field, _, value = part.partition(" ")
        field, value = field.lower(), value.strip()
        if field not in FIELDS:
            found.append(mistake(path, f"unknown figure {part!r} for {name!r} — use {', '.join(FIELDS)}", **where))
        elif field in figures:
            found.append(mistake(path, f"{name!r} gives its {field} twice — keep one", **where))
        elif field in ("length", "diameter") and metres(value) is None:
            found.append(
                mistake(
                    path,
                    f"{name!r}: {field} {value!r} is not in metres — write e.g. `{field} 25 m` or `{field} 24–26 m`",
                    **where,
                )
            )
        elif field == "stages" and not (value.isdigit() and 0 < int(value) <= MOST_STAGES):
            found.append(
                mistake(
                    path,
                    f"{name!r}: stages {value!r} is not a whole number of stages from 1 to {MOST_STAGES} — write e.g. `stages 3`",
                    **where,
                )
            )
        elif field == "fuel" and value.lower() not in FUELS:
            found.append(mistake(path, f"{name!r}: fuel {value!r} — use one of {', '.join(FUELS)}", **where))
        else:
            figures[field] = value
    if not found and "length" not in figures:
        found.append(mistake(path, f"{name!r} has no length — a drawing to scale needs `length … m` from the source", **where))
    if found:
        return None, found
    return Missile(
        name,
        metres(figures["length"]),  # type: ignore[arg-type]  # checked above
        metres(figures["diameter"]) if "diameter" in figures else None,
        int(figures["stages"]) if "stages" in figures else None,
        figures["fuel"].lower() if "fuel" in figures else None,
        tuple(sources),
    ), []


def read(content) -> tuple[tuple[Missile, ...], list]:
    """(the missiles of `content`'s Missiles: lines; mistakes, each at its line)."""
    lines = line_values(content, "missiles")
    if not lines:
        return (), []
    path, found, missiles = content.source_path, [], list[Missile]()
    if not FEWEST <= len(lines) <= MOST:
        found.append(mistake(path, f"Missiles has {len(lines)} lines — compare {FEWEST} to {MOST} missiles", key="missiles"))
    for line in lines:
        missile, problems = parse_line(content, line)
        found += problems
        if missile and any(other.name.lower() == missile.name.lower() for other in missiles):
            found.append(mistake(path, f"{missile.name!r} is listed twice — one line per missile", needle=line[:40]))
        elif missile:
            missiles.append(missile)
    if not found and crowded(missiles):
        found.append(
            mistake(
                path,
                f"the names of {len(missiles)} missiles do not fit side by side on a 360 px phone — shorten the longest "
                "words of the names or compare fewer missiles",
                key="missiles",
            )
        )
    return tuple(missiles), found


def mistakes(content) -> list:
    """Every mistake in `content`'s Missiles: lines."""
    return read(content)[1]


def attach(contents) -> None:
    """Give each article with Missiles: its Comparison (content.explainer.missiles)."""
    for content in contents:
        missiles, _ = read(content)
        if missiles:
            description = describe(missiles)
            of(content).missiles = Comparison(missiles, draw(missiles, description), description)


def describe(missiles) -> str:
    """The drawing in words, for its <desc>."""
    return (
        f"{len(missiles)} missiles drawn to the same scale, side by side, with a {SCALE_BAR_M} m scale bar: "
        + "; ".join(f"{missile.name}, {missile.length.words()} long" for missile in missiles)
        + "."
    )


def wrap(text: str, width: float, char: float = CHAR) -> list[str]:
    """Lines of `text` no wider than `width` SVG units, broken between words (layout() makes every word fit)."""
    lines: list[str] = []
    for word in text.split():
        if lines and (len(lines[-1]) + 1 + len(word)) * char <= width:
            lines[-1] += f" {word}"
        else:
            lines.append(word)
    return lines


def needs(missile) -> float:
    """The narrowest column that holds the missile's labels: its longest word, never broken, and a gap."""
    name = max(len(word) for word in missile.name.split()) * CHAR * BOLD
    return max(name, len(missile.length.words()) * CHAR) + PAD


def crowded(missiles) -> bool:
    """Whether the labels cannot stand side by side in the drawing's width (too many missiles, too long names)."""
    return sum(needs(missile) for missile in missiles) > WIDTH - LEFT


def layout(missiles) -> dict:
    """Where everything goes, in SVG units: {"scale": units per metre, "columns": [(x centre, column width)]}.
    Heights are proportional to lengths: a missile `l` metres long is `l * scale` units tall. Each column is as
    wide as its labels need, and the room left over is shared equally."""
    tallest = max(missile.length.high for missile in missiles)
    widths = [needs(missile) for missile in missiles]
    extra = max(WIDTH - LEFT - sum(widths), 0) / len(missiles)
    columns, x = [], float(LEFT)
    for width in widths:
        columns.append((x + (width + extra) / 2, width + extra))
        x += width + extra
    return {"scale": PLOT / tallest, "columns": columns}


def body(x, base, scale, missile) -> list[str]:
    """A missile's outline: solid to its lower length, dashed on to its upper one, as wide as its diameter."""
    width = max((missile.diameter.high if missile.diameter else 0) * scale, 6)
    low, high = missile.length.low * scale, missile.length.high * scale
    left = x - width / 2
    parts = [
        (
            f'<rect class="missile-body" x="{left:.1f}" y="{base - low:.1f}" width="{width:.1f}" height="{low:.1f}" '
            'fill="currentColor" fill-opacity="0.35" stroke="currentColor" stroke-width="1.5"/>'
        )
    ]
    if high > low:
        parts.append(
            f'<rect class="missile-range" x="{left:.1f}" y="{base - high:.1f}" width="{width:.1f}" height="{high - low:.1f}" '
            'fill="none" stroke="currentColor" stroke-width="1.5" stroke-dasharray="4 3"/>'
        )
    return parts


def text(x, y, words, cls, bold=False) -> str:
    """One centred line of text with its own size and colour."""
    weight = ' font-weight="bold"' if bold else ""
    return (
        f'<text class="{cls}" x="{x:.1f}" y="{y:.1f}" font-size="{FONT}"{weight} text-anchor="middle" '
        f'fill="currentColor">{escape(words)}</text>'
    )


def draw(missiles, description: str) -> str:
    """The SVG: the missiles standing on one base line, to one scale, each named under it with its length."""
    plan = layout(missiles)
    scale, base = plan["scale"], TOP + PLOT
    names = [wrap(missile.name, column - PAD, CHAR * BOLD) for missile, (_, column) in zip(missiles, plan["columns"])]
    lengths = [wrap(missile.length.words(), column - PAD) for missile, (_, column) in zip(missiles, plan["columns"])]
    height = base + 8 + max(len(a) + len(b) for a, b in zip(names, lengths)) * LINE + 4
    parts = [
        (
            f'<svg class="missiles-svg" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height:.0f}" '
            f'width="{WIDTH}" height="{height:.0f}" role="img" aria-labelledby="missiles-title missiles-desc">'
            '<title id="missiles-title">Missiles to scale</title>'
            f'<desc id="missiles-desc">{escape(description)}</desc>'
        ),
        f'<line x1="{LEFT - 8}" y1="{base}" x2="{WIDTH}" y2="{base}" stroke="currentColor" stroke-width="1"/>',
    ]
    bar = SCALE_BAR_M * scale
    parts.append(
        f'<path class="missiles-scale" d="M {LEFT - 30} {base - bar:.1f} h 8 m -4 0 V {base} m -4 0 h 8" '
        'fill="none" stroke="currentColor" stroke-width="1.5"/>'
    )
    parts.append(text(LEFT - 26, base - bar - 6, f"{SCALE_BAR_M} m", "missiles-scale-label"))
    for missile, (x, column), lines in zip(missiles, plan["columns"], names):
        parts += body(x, base, scale, missile)
        y = base + 8 + LINE
        for line in lines:
            parts.append(text(x, y - 4, line, "missiles-name", bold=True))
            y += LINE
        for line in wrap(missile.length.words(), column - PAD):
            parts.append(text(x, y - 4, line, "missiles-length"))
            y += LINE
    parts.append("</svg>")
    return "".join(parts)
