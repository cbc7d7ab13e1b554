"""The relations graphs: the whole story's on the countries index, one country's own on its page. Inline
SVG drawn at build time, no JavaScript, the same picture for the same content.

Drawn for a phone first: the drawing is WIDTH user units wide, and a 360 px screen shows it at least that
wide, so its 14- and 12-unit labels never render below 12 px (they are never scaled down to fit).
One country sits at the centre (EXPLAINER_GRAPH_CENTRE, else the one with most relations) and the others
on a ring, ordered so that related countries are neighbours and lines cross as little as possible.
Each line is labelled with its type and year, each type also has its own line pattern (the legend, a
list below the drawing, shows the types in use), each country is a link to its page, and a title and
description carry the same facts for screen readers.

A line never misleads: one that would run over a country's dot, or along another line (three mutually
related countries in a row drew an "ally" line over a "partner" one), bends around them as a curve; a
country's name goes where no other name is. Lines, dots and names carry their own colours, so the
drawing reads with no stylesheet at all, and a theme's stylesheet still restyles them.
"""

import itertools
import math
from html import escape

from pelican.plugins.explainer.checks.errors import AuthorMistake
from pelican.plugins.explainer.extras import of
from pelican.plugins.explainer.model.entities import sort_key
from pelican.plugins.explainer.model.relations import date_words
from pelican.plugins.explainer.model.schema import suggestion

WIDTH = 320
NODE_FONT, EDGE_FONT = 14, 12
GLYPH = 0.58  # a glyph's average width, in ems: enough to keep labels apart
RADIUS = 9  # a country's dot
MOST_PERMUTED = 8  # up to this many countries on the ring, the best order is searched for
BEND = 26  # how far, per step, a line that must avoid something bends from straight (at its middle)
SAMPLES = 32  # points along a line, to measure what it passes near
NEAR = 4  # a line closer than this to another, along a stretch, reads as running along it
ALL_NEIGHBOURS = 3  # up to this many countries on the ring, each is beside every other: no order is better
ROOMY_RING = 4  # more countries than this on the ring need the taller graph
CROSSING = 2  # samples of one line near another where they merely cross


def unique_pairs(countries):
    """One relation per pair of countries: the one declared by the alphabetically first side."""
    edges = {}
    for country in countries:
        for relation in of(country).relations:
            pair = tuple(sorted((country.slug, relation.other_slug)))
            if pair not in edges or country.slug == pair[0]:
                edges[pair] = relation
    return [edges[pair] for pair in sorted(edges)]


def centre_of(countries, preferred=None):
    """The slug at the centre: `preferred` when it is one of `countries`, else the country with most
    relations (ties by title)."""
    slugs = {country.slug for country in countries}
    if preferred in slugs:
        return preferred
    ordered = sorted(countries, key=lambda country: (-len(of(country).relations), sort_key(country)))
    return ordered[0].slug if ordered else None


def centre_advice(kinds, slugs, settings):
    """`make check` advice when EXPLAINER_GRAPH_CENTRE names no entity of a kind with relations: the
    graph then falls back to the one with most relations, which may not be what the site meant."""
    centre = settings.get("EXPLAINER_GRAPH_CENTRE")
    with_relations = [kind for kind in kinds.values() if kind.relations]
    known = {slug for kind in with_relations for slug in slugs[kind.name]}
    if not centre or not known or centre in known:
        return []
    return [
        AuthorMistake(
            "pelicanconf.py",
            None,
            f"EXPLAINER_GRAPH_CENTRE names {centre!r}, which is not in {', '.join(k.path + '/' for k in with_relations)} — "
            f"{suggestion(centre, known)}; the graph is centred on the one with most relations",
        )
    ]


def ring_order(outer, pairs):
    """`outer` slugs in the ring order that puts related countries closest together."""
    if len(outer) <= ALL_NEIGHBOURS or len(outer) > MOST_PERMUTED:
        return list(outer)
    size = len(outer)

    def spread(order):
        place = {slug: index for index, slug in enumerate(order)}
        return sum(min(abs(place[a] - place[b]), size - abs(place[a] - place[b])) for a, b in pairs if a in place and b in place)

    first, rest = outer[0], outer[1:]  # a ring has no start: fix the first country
    return min(([first, *order] for order in itertools.permutations(rest)), key=spread)


class Drawing:
    """The boxes already taken by labels and dots, so a new label goes where it can be read."""

    def __init__(self, height):
        self.height = height
        self.boxes = []

    def overlap(self, box):
        """How badly `box` collides: its area over the boxes already taken, plus a heavy cost for any part outside
        the drawing. 0 is a free place."""
        x1, y1, x2, y2 = box
        outside = max(0, -x1) + max(0, x2 - WIDTH) + max(0, -y1) + max(0, y2 - self.height)
        return outside * 100 + sum(
            max(0, min(x2, b[2]) - max(x1, b[0])) * max(0, min(y2, b[3]) - max(y1, b[1])) for b in self.boxes
        )

    def take(self, box):
        """Mark `box` as taken, so later labels avoid it."""
        self.boxes.append(box)


def text_box(x, y, text, size):
    """The box of `text` centred on x with its baseline at y."""
    half = len(text) * size * GLYPH / 2
    return (x - half - 2, y - size * 0.8 - 1, x + half + 2, y + size * 0.25 + 1)


def positions(centre, outer, height):
    """{slug: (x, y)}: the centre in the middle, the others on an ellipse starting at the top, stretched to
    fill the drawing's height (three countries on a ring leave its bottom empty otherwise)."""
    if len(outer) == 2:  # noqa: PLR2004 - a triangle: top and bottom would put all three in a row
        angles = [-math.pi * 5 / 6, -math.pi / 6]
    else:
        angles = [-math.pi / 2 + 2 * math.pi * index / len(outer) for index in range(len(outer))]
    low, high = min([-1.0, *map(math.sin, angles)]), max([0.5, *map(math.sin, angles)])
    top, bottom = 34, height - 40
    middle_y = top + (bottom - top) * (0 - low) / (high - low)
    rx = WIDTH / 2 - 58
    result = {centre: (WIDTH / 2, round(middle_y, 1))}
    for slug, angle in zip(outer, angles):
        y = top + (bottom - top) * (math.sin(angle) - low) / (high - low)
        result[slug] = (round(WIDTH / 2 + rx * math.cos(angle), 1), round(y, 1))
    return result


def node_label_at(drawing, x, y, middle_y, text):
    """Where a country's name goes: above its dot in the top half, below it elsewhere, kept inside; else
    on the other side or beside it, wherever it overlaps least with the names and dots drawn already."""
    half = len(text) * NODE_FONT * GLYPH / 2
    above, below = y - RADIUS - 5, y + RADIUS + NODE_FONT + 1
    centred = min(max(x, half + 3), WIDTH - half - 3)
    candidates = [(centred, above), (centred, below)] if y < middle_y - 1 else [(centred, below), (centred, above)]
    candidates += [(x + RADIUS + 6 + half, y + NODE_FONT * 0.35), (x - RADIUS - 6 - half, y + NODE_FONT * 0.35)]
    label_x, label_y = min(candidates, key=lambda point: drawing.overlap(text_box(*point, text, NODE_FONT)))
    return round(label_x, 1), round(label_y, 1)


def centre_label_at(x, y, text, towards):
    """Where the centre's name goes: below, above, right or left of its dot, whichever is furthest from
    its lines (`towards`: the points its lines lead to), so no line runs through it."""
    half = len(text) * NODE_FONT * GLYPH / 2
    directions = [math.atan2(ty - y, tx - x) for tx, ty in towards]
    candidates = [
        (math.pi / 2, (x, y + RADIUS + NODE_FONT + 1)),
        (-math.pi / 2, (x, y - RADIUS - 5)),
        (0.0, (x + RADIUS + 6 + half, y + NODE_FONT * 0.35)),
        (math.pi, (x - RADIUS - 6 - half, y + NODE_FONT * 0.35)),
    ]

    def gap(angle):
        return min((abs((angle - d + math.pi) % (2 * math.pi) - math.pi) for d in directions), default=math.pi)

    _, (label_x, label_y) = max(candidates, key=lambda candidate: gap(candidate[0]))  # ties: the first, below
    return round(label_x, 1), round(label_y, 1)


def point_on(line, share):
    """The point `share` of the way along a line, straight ((start, end)) or bent ((start, end, control))."""
    (x1, y1), (x2, y2), *bent = line
    if not bent:
        return x1 + (x2 - x1) * share, y1 + (y2 - y1) * share
    (cx, cy), rest = bent[0], 1 - share
    return (
        rest * rest * x1 + 2 * rest * share * cx + share * share * x2,
        rest * rest * y1 + 2 * rest * share * cy + share * share * y2,
    )


def samples(line):
    """SAMPLES + 1 points evenly spread along `line`, ends included, to measure how close it passes to things."""
    return [point_on(line, index / SAMPLES) for index in range(SAMPLES + 1)]


def distance_to(point, polyline):
    """The shortest distance from `point` to a line given by its sample points."""
    px, py = point
    best = math.inf
    for (ax, ay), (bx, by) in itertools.pairwise(polyline):
        dx, dy = bx - ax, by - ay
        share = max(0.0, min(1.0, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy or 1)))
        best = min(best, math.hypot(px - ax - share * dx, py - ay - share * dy))
    return best


def misleads(line, dots, drawn):
    """How badly a line misleads (0: not at all): each dot it passes over but does not join, and each stretch
    it runs along a line drawn already (crossing one is fine: a reader follows a line through a crossing)."""
    points = samples(line)
    ends = line[:2]
    over_dots = sum(1 for dot in dots if dot not in ends and distance_to(dot, points) < RADIUS + 4)
    away_from_ends = [p for p in points if all(math.dist(p, end) > RADIUS + 6 for end in ends)]
    near = [sum(1 for p in away_from_ends if distance_to(p, other) < NEAR) for other in drawn]
    return over_dots * SAMPLES + sum(count for count in near if count > CROSSING)


def route(start, end, dots, drawn, height):
    """The line from `start` to `end`: straight when that misleads no one, else the least bend that does not."""
    (x1, y1), (x2, y2) = start, end
    length = math.dist(start, end) or 1
    normal = ((y1 - y2) / length, (x2 - x1) / length)
    middle = ((x1 + x2) / 2, (y1 + y2) / 2)
    best = None
    for step in (0, 1, -1, 2, -2, 3, -3, 4, -4):
        control = (middle[0] + normal[0] * BEND * step * 2, middle[1] + normal[1] * BEND * step * 2)
        line = (start, end, control) if step else (start, end)
        outside = sum(1 for x, y in samples(line) if not (0 <= x <= WIDTH and 0 <= y <= height))
        score = misleads(line, dots, drawn) + outside
        if best is None or score < best[0]:
            best = (score, line)
        if score == 0:
            break
    return best[1]


def edge_label_at(drawing, line, text):
    """The point along a line (or just beside it) where its label overlaps least with what is drawn already."""
    best = None
    for share in (0.5, 0.42, 0.58, 0.34, 0.66, 0.27, 0.73, 0.2, 0.8):
        for shift in (0, EDGE_FONT, -EDGE_FONT, 2 * EDGE_FONT, -2 * EDGE_FONT):
            x, y = point_on(line, share)
            y += EDGE_FONT * 0.35 + shift
            box = text_box(x, y, text, EDGE_FONT)
            score = drawing.overlap(box)
            if best is None or score < best[0]:
                best = (score, round(x, 1), round(y, 1), box)
            if score == 0:
                break
        if best[0] == 0:
            break
    drawing.take(best[3])
    return best[1], best[2]


def render(
    countries,
    relations,
    styles,
    site_url="",
    *,
    centre=None,
    here=None,
    name="graph",
    title="Relations between the countries in the story",
):
    """The SVG markup for `countries` and `relations` (one per pair) between them, then its legend; `styles`
    is the build's relation types (settings.Tables.relations: type → its dash pattern, width and words). `here`
    is the slug of the page the graph is on: its country is drawn without a link to itself."""
    by_slug = {country.slug: country for country in countries}
    edges = [r for r in relations if r.other_slug in by_slug and r.country.slug in by_slug]
    middle = centre_of(countries, centre)
    outer = [c.slug for c in sorted(countries, key=sort_key) if c.slug != middle]
    outer = ring_order(outer, [(r.country.slug, r.other_slug) for r in edges])
    height = 400 if len(outer) > ROOMY_RING else 280
    places = positions(middle, outer, height) if middle else {}
    titles = {slug: str(country.title) for slug, country in by_slug.items()}
    description = (
        "; ".join(
            f"{titles[r.country.slug]} and {titles[r.other_slug]}: {styles[r.type]['label']} since {date_words(r.since)}"
            for r in edges
        )
        or "No relations are recorded"
    )
    parts = [
        (
            f'<svg class="relations-graph" viewBox="0 0 {WIDTH} {height}" width="{WIDTH}" height="{height}" '
            f'aria-labelledby="{name}-title" aria-describedby="{name}-desc" xmlns="http://www.w3.org/2000/svg">'
        ),
        f'<title id="{name}-title">{escape(title)}</title>',
        f'<desc id="{name}-desc">{escape(description)}.</desc>',
    ]
    dots, drawn, lines = list(places.values()), [], {}
    for relation in edges:
        line = route(places[relation.country.slug], places[relation.other_slug], dots, drawn, height)
        lines[id(relation)] = line
        drawn.append(samples(line))
        parts.append(line_markup(line, f"edge edge-{relation.type}", styles[relation.type]))
    drawing = Drawing(height)
    for x, y in dots:  # every dot first, so no name is put over a dot drawn after it
        drawing.take((x - RADIUS, y - RADIUS, x + RADIUS, y + RADIUS))
    nodes = []
    for slug in [middle, *outer] if middle else []:
        x, y = places[slug]
        if slug == middle:
            ends = [
                places[r.other_slug if r.country.slug == middle else r.country.slug]
                for r in edges
                if middle in (r.country.slug, r.other_slug)
            ]
            label_x, label_y = centre_label_at(x, y, titles[slug], ends)
        else:
            label_x, label_y = node_label_at(drawing, x, y, places[middle][1], titles[slug])
        drawing.take(text_box(label_x, label_y, titles[slug], NODE_FONT))
        dot = (
            f'<circle cx="{x}" cy="{y}" r="{RADIUS}" fill="currentColor"/>'
            f'<text class="node-label" x="{label_x}" y="{label_y}" text-anchor="middle" font-size="{NODE_FONT}" '
            f'font-weight="bold" fill="currentColor">{escape(titles[slug])}</text>'
        )
        classes = "node" + (" node-centre" if slug == middle else "") + (" node-here" if slug == here else "")
        if slug == here:
            nodes.append(f'<g class="{classes}" data-country="{escape(slug)}">{dot}</g>')
        else:
            href = escape(f"{site_url}/{by_slug[slug].url}")
            nodes.append(f'<a class="{classes}" href="{href}" data-country="{escape(slug)}">{dot}</a>')
    for relation in edges:
        words = f"{styles[relation.type]['label']} {relation.year}"
        x, y = edge_label_at(drawing, lines[id(relation)], words)
        parts.append(
            f'<text class="edge-label" x="{x}" y="{y}" text-anchor="middle" font-size="{EDGE_FONT}" fill="currentColor">'
            f"{escape(words)}</text>"
        )
    parts += nodes
    parts.append("</svg>")
    return "\n".join(parts) + legend(edges, styles)


def line_markup(line, classes, style):
    """A straight line as <line>, a bent one as a quadratic curve <path>."""
    (x1, y1), (x2, y2), *bent = line
    if not bent:
        return f'<line class="{classes}" x1="{x1}" y1="{y1}" x2="{x2}" y2="{y2}"{stroke(style)}/>'
    cx, cy = (round(value, 1) for value in bent[0])
    return f'<path class="{classes}" d="M{x1} {y1} Q{cx} {cy} {x2} {y2}" fill="none"{stroke(style)}/>'


def stroke(style):
    """The line's own colour, width and pattern, so it is visible with no stylesheet (a theme's wins)."""
    dash = f' stroke-dasharray="{style["dash"]}"' if style["dash"] else ""
    return f' stroke="currentColor" stroke-width="{style["width"]}"{dash}'


def legend(edges, styles):
    """A list of the relation types the graph draws, each with a sample of its line and its pattern named."""
    used = sorted({relation.type for relation in edges}, key=list(styles).index)
    if not used:
        return ""
    items = [
        f'<li><svg class="legend-line" viewBox="0 0 36 10" width="36" height="10" aria-hidden="true">'
        f'<line class="edge edge-{kind}" x1="3" y1="5" x2="33" y2="5"{stroke(styles[kind])}/></svg> '
        f'{escape(styles[kind]["label"])} <span class="legend-pattern">({escape(styles[kind]["pattern"])})</span></li>'
        for kind in used
    ]
    return '\n<ul class="graph-legend">' + "".join(items) + "</ul>"
