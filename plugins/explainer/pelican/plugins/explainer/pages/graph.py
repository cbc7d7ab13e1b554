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
GLYPH = 0.6  # a glyph's average width, in ems, a little wider than the common sans-serif fonts draw it
BOLD_GLYPH = 0.66  # the same for the bold names of the countries
GAP = EDGE_FONT / 2  # half an em: the least room between a label and anything it does not belong to
MARGIN = GAP  # round the drawing: the viewBox fits what is drawn, plus this
RADIUS = 9  # a country's dot
REACH = RADIUS + 2 * NODE_FONT + GAP  # a line's first stretch from a dot, which the dot's own name may touch
MOST_PERMUTED = 8  # up to this many countries on the ring, the best order is searched for
BEND = 26  # how far, per step, a line that must avoid something bends from straight (at its middle)
SAMPLES = 32  # points along a line, to measure what it passes near
NEAR = 4  # a line closer than this to another, along a stretch, reads as running along it
ALL_NEIGHBOURS = 3  # up to this many countries on the ring, each is beside every other: no order is better
ROOMY_RING = 4  # more countries than this on the ring need the taller graph
SHARES = sorted((0.5 + step / 25 for step in range(-10, 11)), key=lambda share: abs(share - 0.5))  # along a line
SHIFTS = sorted((step * EDGE_FONT / 2 for step in range(-8, 9)), key=abs)  # above or below it
TALLER = (0, 80, 160, 240)  # how much taller than its first height a graph is tried, until every label has room
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
    """The boxes already taken by labels and dots, and the lines drawn, so a new label goes where it can be read:
    half an em (GAP) away from every other label, every dot and every line but its own."""

    def __init__(self, height, lines):
        self.height = height
        self.boxes = []
        self.lines = [(points, bounds(points)) for points in lines]  # the sample points of each line drawn

    def overlap(self, box, own=None, near=None):
        """How badly `box` collides: its area over the boxes already taken and the length of the lines within it
        (but `own`, the sample points of the line it labels, and what lies within REACH of the dot `near`, whose
        name it is), each with GAP round the box, plus a heavy cost for any part outside the drawing. 0 is a free
        place."""
        x1, y1, x2, y2 = box
        outside = max(0, -x1) + max(0, x2 - WIDTH) + max(0, -y1) + max(0, y2 - self.height)
        wide = (x1 - GAP, y1 - GAP, x2 + GAP, y2 + GAP)
        boxes = sum(
            max(0, min(wide[2], b[2]) - max(wide[0], b[0])) * max(0, min(wide[3], b[3]) - max(wide[1], b[1])) for b in self.boxes
        )
        crossed = sum(
            clipped_length(a, b, wide)
            for points, (lx1, ly1, lx2, ly2) in self.lines
            if points is not own and lx1 <= wide[2] and wide[0] <= lx2 and ly1 <= wide[3] and wide[1] <= ly2
            for a, b in itertools.pairwise(points)
            if near is None or min(math.dist(a, near), math.dist(b, near)) > REACH
        )
        return outside * 1000 + boxes * 10 + crossed * EDGE_FONT  # a label over a label is worse than over a line

    def take(self, box):
        """Mark `box` as taken, so later labels avoid it."""
        self.boxes.append(box)


def bounds(points):
    """The box round a line's sample points."""
    xs, ys = [x for x, _ in points], [y for _, y in points]
    return min(xs), min(ys), max(xs), max(ys)


def clipped_length(a, b, box):
    """How much of the segment from `a` to `b` lies inside `box` (Liang-Barsky clipping)."""
    (ax, ay), (bx, by) = a, b
    dx, dy = bx - ax, by - ay
    low, high = 0.0, 1.0
    for p, q in ((-dx, ax - box[0]), (dx, box[2] - ax), (-dy, ay - box[1]), (dy, box[3] - ay)):
        if p == 0:
            if q < 0:
                return 0.0
        elif p < 0:
            low = max(low, q / p)
        else:
            high = min(high, q / p)
    return max(0.0, high - low) * math.hypot(dx, dy)


def text_width(text, size, bold=False):
    """The width a browser gives `text` at `size`, estimated from its length: the layout and its tests measure alike."""
    return len(text) * size * (BOLD_GLYPH if bold else GLYPH)


def text_box(x, y, text, size, bold=False):
    """The box of `text` centred on x with its baseline at y (ascent and descent of the common fonts)."""
    half = text_width(text, size, bold) / 2
    return (x - half, y - size * 0.8, x + half, y + size * 0.25)


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
    on the other side, leaning outwards, or beside it, wherever it overlaps least with the names, dots and
    lines drawn already (but the first stretch of each line from its dot, which the name cannot avoid); with how
    badly it collides there."""
    half = text_width(text, NODE_FONT, bold=True) / 2
    above, below = y - RADIUS - 5, y + RADIUS + NODE_FONT + 1
    outwards = (half - RADIUS) * (1 if x > WIDTH / 2 else -1)
    columns = [min(max(column, half + 3), WIDTH - half - 3) for column in (x, x + outwards, x - outwards)]
    rows = [above, below] if y < middle_y - 1 else [below, above]
    candidates = [(column, row) for row in rows for column in columns]
    candidates += [(x + RADIUS + 6 + half, y + NODE_FONT * 0.35), (x - RADIUS - 6 - half, y + NODE_FONT * 0.35)]
    scored = [(drawing.overlap(text_box(*point, text, NODE_FONT, bold=True), near=(x, y)), point) for point in candidates]
    score, (label_x, label_y) = min(scored, key=lambda item: item[0])
    return (round(label_x, 1), round(label_y, 1)), score


def centre_label_at(x, y, text, towards):
    """Where the centre's name goes: below, above, right or left of its dot, whichever is furthest from
    its lines (`towards`: the points its lines lead to), so no line runs through it."""
    half = text_width(text, NODE_FONT, bold=True) / 2
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


def edge_label_at(drawing, line, own, text):
    """The point along a line (`own`: its sample points) where its label overlaps least with what is drawn
    already, on the line or just beside it."""
    best = None
    for share in SHARES:
        for shift in SHIFTS:
            x, y = point_on(line, share)
            y += EDGE_FONT * 0.35 + shift
            box = text_box(x, y, text, EDGE_FONT)
            score = drawing.overlap(box, own)
            if best is None or score < best[0]:
                best = (score, round(x, 1), round(y, 1), box)
            if score == 0:
                break
        if best[0] == 0:
            break
    drawing.take(best[3])
    return (best[1], best[2]), best[0]


def lay_out(middle, outer, edges, words, titles, *, height):
    """Where everything goes in a drawing `height` units tall: {slug: dot}, the lines in the order of `edges`
    (each as drawn and as sample points), {slug: name's point}, the edge labels (`words`, one per edge) with their
    points, the Drawing with every box taken, and how badly the labels still collide (0: each has its room)."""
    places = positions(middle, outer, height) if middle else {}
    dots, drawn, lines = list(places.values()), [], []
    for relation in edges:
        line = route(places[relation.country.slug], places[relation.other_slug], dots, drawn, height)
        lines.append(line)
        drawn.append(samples(line))
    drawing = Drawing(height, drawn)
    for x, y in dots:  # every dot first, so no name is put over a dot drawn after it
        drawing.take((x - RADIUS, y - RADIUS, x + RADIUS, y + RADIUS))
    names, cost = {}, 0
    for slug in [middle, *outer] if middle else []:
        x, y = places[slug]
        if slug == middle:
            ends = [
                places[r.other_slug if r.country.slug == middle else r.country.slug]
                for r in edges
                if middle in (r.country.slug, r.other_slug)
            ]
            names[slug] = centre_label_at(x, y, titles[slug], ends)
        else:
            names[slug], score = node_label_at(drawing, x, y, places[middle][1], titles[slug])
            cost += score
        drawing.take(text_box(*names[slug], titles[slug], NODE_FONT, bold=True))
    labels = []
    for label, line, points in zip(words, lines, drawn):
        point, score = edge_label_at(drawing, line, points, label)
        labels.append((label, point))
        cost += score
    return places, lines, drawn, names, labels, drawing, cost


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
    first_height = 400 if len(outer) > ROOMY_RING else 280
    titles = {slug: str(country.title) for slug, country in by_slug.items()}
    words = [f"{styles[relation.type]['label']} {relation.year}" for relation in edges]
    tried = []
    for taller in TALLER:  # the first height at which every label has its room, else the least crowded
        tried.append(lay_out(middle, outer, edges, words, titles, height=first_height + taller))
        if tried[-1][-1] == 0:
            break
    places, lines, drawn, names, labels, drawing, _ = min(tried, key=lambda layout: layout[-1])
    description = (
        "; ".join(
            f"{titles[r.country.slug]} and {titles[r.other_slug]}: {styles[r.type]['label']} since {date_words(r.since)}"
            for r in edges
        )
        or "No relations are recorded"
    )
    # The viewBox fits what is drawn, full width (the centre stays in the middle), trimmed above and below.
    ys = [y for box in drawing.boxes for y in box[1::2]] + [y for points in drawn for _, y in points]
    top = math.floor(min(ys) - MARGIN) if ys else 0
    fitted = math.ceil(max(ys) + MARGIN) - top if ys else first_height

    def at(x, y):
        return x, round(y - top, 1)

    parts = [
        (
            f'<svg class="relations-graph" viewBox="0 0 {WIDTH} {fitted}" width="{WIDTH}" height="{fitted}" '
            f'aria-labelledby="{name}-title" aria-describedby="{name}-desc" xmlns="http://www.w3.org/2000/svg">'
        ),
        f'<title id="{name}-title">{escape(title)}</title>',
        f'<desc id="{name}-desc">{escape(description)}.</desc>',
    ]
    for relation, line in zip(edges, lines):
        parts.append(line_markup(tuple(at(*point) for point in line), f"edge edge-{relation.type}", styles[relation.type]))
    for words, point in labels:
        x, y = at(*point)
        parts.append(
            f'<text class="edge-label" x="{x}" y="{y}" text-anchor="middle" font-size="{EDGE_FONT}" fill="currentColor">'
            f"{escape(words)}</text>"
        )
    nodes = []
    for slug in [middle, *outer] if middle else []:
        (x, y), (label_x, label_y) = at(*places[slug]), at(*names[slug])
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
