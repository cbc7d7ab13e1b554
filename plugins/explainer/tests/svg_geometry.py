"""What a reader sees in a relations graph, measured from its SVG alone (independent of how graph.py lays it
out): lines that run over a dot they do not join, lines that run along each other, names over names."""

import itertools
import math
import re

from bs4 import BeautifulSoup

GLYPH = 0.6  # a glyph's width in ems, a little wider than most fonts draw it
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
    half = len(text.get_text()) * size * GLYPH / 2
    return (x - half, y - size * 0.75, x + half, y + size * 0.2)


def problems(svg_markup):
    """Every way the drawing misleads, in words; [] when it does not."""
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
        if min(a[2], b[2]) - max(a[0], b[0]) > 0.5 and min(a[3], b[3]) - max(a[1], b[1]) > 0.5:
            found.append(f"{one!r} overlaps {other!r}")
    return found
