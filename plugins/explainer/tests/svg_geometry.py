"""What a reader sees in a relations graph, measured from its SVG alone (independent of how graph.py lays it
out, but for the width of a text, estimated as the layout estimates it): lines that run over a dot they do not
join, lines that run along each other, and a label closer than half an em to another label, to a dot that is
not its country's or to a line it does not label (labels that touch read as one: "adversary 2020ally 1959").
The nth edge label labels the nth line, as graph.render writes them."""

import itertools
import math
import re

from bs4 import BeautifulSoup

from pelican.plugins.explainer.pages.graph import text_width

GAP = 6  # half an em of the 12-unit edge labels: less and two labels, or a label and a line, touch
NEAR = 3.5  # closer than this, two lines read as one
STEPS = 60


def _points(element):
    if element.name == "line":
        a = (float(element["x1"]), float(element["y1"]))
        b = (float(element["x2"]), float(element["y2"]))
        return [(a[0] + (b[0] - a[0]) * t / STEPS, a[1] + (b[1] - a[1]) * t / STEPS) for t in range(STEPS + 1)]
    x1, y1, cx, cy, x2, y2 = map(float, re.findall(r"-?\d+(?:\.\d+)?", element["d"]))
    return [
        ((1 - t) ** 2 * x1 + 2 * (1 - t) * t * cx + t * t * x2, (1 - t) ** 2 * y1 + 2 * (1 - t) * t * cy + t * t * y2)
        for t in (step / STEPS for step in range(STEPS + 1))
    ]


def _distance(point, polyline):
    best = math.inf
    for (ax, ay), (bx, by) in itertools.pairwise(polyline):
        dx, dy = bx - ax, by - ay
        t = max(0.0, min(1.0, ((point[0] - ax) * dx + (point[1] - ay) * dy) / (dx * dx + dy * dy or 1)))
        best = min(best, math.hypot(point[0] - ax - t * dx, point[1] - ay - t * dy))
    return best


def _box(text):
    size, x, y = float(text["font-size"]), float(text["x"]), float(text["y"])
    half = text_width(text.get_text(), size, bold=text.get("font-weight") == "bold") / 2
    return (x - half, y - size * 0.75, x + half, y + size * 0.2)


def _gap(box, other):
    """The distance between two boxes (0 when they touch or overlap)."""
    return math.hypot(max(0.0, other[0] - box[2], box[0] - other[2]), max(0.0, other[1] - box[3], box[1] - other[3]))


def _box_to_line(box, points):
    """The shortest distance from a box to a line given by its sample points (0 when it crosses the box)."""
    x1, y1, x2, y2 = box
    if any(x1 <= x <= x2 and y1 <= y <= y2 for x, y in points):
        return 0.0
    corners = [(x1, y1), (x2, y1), (x2, y2), (x1, y2)]
    edges = [[a, b] for a, b in itertools.pairwise([*corners, corners[0]])]
    return min(
        itertools.chain(
            (_distance(corner, points) for corner in corners),
            (_distance(point, edge) for point in points for edge in edges),
        )
    )


def problems(svg_markup, near_lines=True):
    """Every way the drawing misleads, in words; [] when it does not. `near_lines=False` leaves out the edge labels
    closer than half an em to a line they do not label, which a dense graph (eight countries, every pair of five)
    cannot always avoid in its 320 units: there a label may lie across another line, never across a label or dot."""
    svg = BeautifulSoup(svg_markup, "html.parser").select_one("svg.relations-graph")
    dots = {(float(c["cx"]), float(c["cy"])): float(c["r"]) for c in svg.select("circle")}
    lines = [(element, _points(element)) for element in svg.select(".edge")]
    found = []
    for element, points in lines:
        ends = (points[0], points[-1])
        for dot, radius in dots.items():
            if all(math.dist(dot, end) > 1 for end in ends) and _distance(dot, points) < radius + 1:
                found.append(f"{element['class'][1]} line passes over the dot at {dot}")
    for (first, a), (second, b) in itertools.combinations(lines, 2):
        inner = [p for p in a if all(math.dist(p, end) > 12 for end in (a[0], a[-1], b[0], b[-1]))]
        along = sum(1 for p in inner if _distance(p, b) < NEAR)
        if along > STEPS // 8:
            found.append(f"{first['class'][1]} line runs along {second['class'][1]} line")
    boxes = [(text.get_text(), _box(text)) for text in svg.select("text")]
    for (one, a), (other, b) in itertools.combinations(boxes, 2):
        if _gap(a, b) < GAP:
            found.append(f"{one!r} is closer than half an em to {other!r}")
    for text in svg.select("text.node-label"):
        own = tuple(map(float, (text.find_previous_sibling("circle")["cx"], text.find_previous_sibling("circle")["cy"])))
        for dot, radius in dots.items():
            box = _box(text)
            if dot != own and _gap(box, (dot[0] - radius, dot[1] - radius, dot[0] + radius, dot[1] + radius)) < GAP:
                found.append(f"{text.get_text()!r} is closer than half an em to the dot at {dot}")
    for index, text in enumerate(svg.select("text.edge-label")):
        box = _box(text)
        for dot, radius in dots.items():
            if _gap(box, (dot[0] - radius, dot[1] - radius, dot[0] + radius, dot[1] + radius)) < GAP:
                found.append(f"{text.get_text()!r} is closer than half an em to the dot at {dot}")
        for number, (element, points) in enumerate(lines if near_lines else []):
            if number != index and _box_to_line(box, points) < GAP:
                found.append(f"{text.get_text()!r} is closer than half an em to the {element['class'][1]} line {number}")
    return found


def fits(svg_markup):
    """How much room the viewBox leaves above and below what is drawn (the dots, the labels and the lines)."""
    svg = BeautifulSoup(svg_markup, "html.parser").select_one("svg.relations-graph")
    height = float(svg["viewbox"].split()[3])
    ys = [float(c["cy"]) + sign * float(c["r"]) for c in svg.select("circle") for sign in (-1, 1)]
    ys += [y for text in svg.select("text") for y in _box(text)[1::2]]
    ys += [y for element in svg.select(".edge") for _, y in _points(element)]
    return min(ys), height - max(ys)
