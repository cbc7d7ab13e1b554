"""Map geometry: the Natural Earth boundaries of a world-atlas TopoJSON file (EXPLAINER_MAP_BOUNDARIES),
projected with PROJ (pyproj), simplified with shapely and written as SVG path data. Apart from maps.py so
that numpy, pyproj and shapely (about 38 MiB) are imported only by a build that draws a map.

A region narrower than half the world uses a Lambert azimuthal equal-area projection centred on it;
anything wider, Equal Earth.

TopoJSON (https://github.com/topojson/topojson-specification) stores each border once, as an "arc" of
delta-encoded integer points; a polygon is a list of rings, each a list of arc indices (~i: arc i
reversed). decode() turns that back into shapely polygons in longitude and latitude.
"""

import functools
import json
import os
from dataclasses import dataclass
from xml.sax.saxutils import escape

import numpy as np
import shapely
import shapely.affinity
from pyproj import Transformer
from shapely.geometry import MultiPolygon, Polygon, box

from pelican.plugins.explainer.checks.errors import BoundariesError

WIDTH = 640  # the map's width in CSS pixels; its height follows the region
UNITS = 2  # SVG units per pixel: whole numbers give half-pixel precision
MIN_AREA = 2  # square pixels: anything smaller is left out
MIN_SPAN_KM = 3200  # a small country is shown with at least this much of its region around it
MARGIN = 0.35  # the share of the highlighted region's size added on each side
WORLD_SPAN = 180  # degrees of longitude above which a map shows the whole world
MIN_RING_MOVES = 2  # a ring with fewer moves after its first point encloses nothing (a dot or a line)
BORDER_DEGREES = 0.3  # a country this close to a highlighted one borders it (or faces it across a strait)
COLOURS = {
    "land": "#a3abb5",
    "border": "#f4f6f8",
    "highlight": "#c0392b",
    "outline": "#5a1209",
    "label": "#111111",
    "neighbour": "#2b2f33",
    "halo": "#ffffff",
}
LABEL_SIZE, NEIGHBOUR_SIZE = 20, 15  # px at full width: the highlighted countries, then their neighbours


@dataclass(frozen=True)
class Country:
    """One country of the boundaries file: its ISO 3166-1 numeric id, name and shape (lon/lat)."""

    id: str
    name: str
    shape: MultiPolygon


@functools.lru_cache(maxsize=4)
def _load(path, mtime):
    try:
        with open(path, encoding="utf-8") as source:
            topology = json.load(source)
        return decode(topology, "countries")
    except (OSError, ValueError, KeyError, TypeError, IndexError) as error:
        raise BoundariesError(
            f"EXPLAINER_MAP_BOUNDARIES is {path!r}, which is not a world-atlas countries TopoJSON file ({error}) — point it to countries-110m.json or countries-50m.json of the world-atlas package"
        ) from None


def load(path):
    """{numeric id: Country} of a world-atlas countries file, read once per change of the file."""
    if not os.path.isfile(path):
        raise BoundariesError(
            f"EXPLAINER_MAP_BOUNDARIES is {path!r}, which does not exist — install the boundaries (`npm ci` installs world-atlas into node_modules/), or set it to None to draw no maps"
        )
    return _load(os.path.abspath(path), os.path.getmtime(path))


def decode(topology, name):
    """{id: Country} for the geometries of the TopoJSON object `name` that carry an id."""
    transform = topology.get("transform")
    arcs = []
    for arc in topology["arcs"]:
        points = np.asarray(arc, dtype=float)[:, :2]
        if transform:  # quantized: positions are deltas from the previous point, in grid units
            points = np.cumsum(points, axis=0) * transform["scale"] + transform["translate"]
        arcs.append(points)

    def ring(indices):
        parts = [arcs[i] if i >= 0 else arcs[~i][::-1] for i in indices]
        points = np.concatenate([parts[0], *(part[1:] for part in parts[1:])])  # arcs share their end points
        # A ring that crosses the antimeridian jumps from 180° to -180°: carry on past 180° instead, so
        # the ring is a plane polygon (Chukotka at 190°); one that circles a pole cannot be, and is left out.
        jumps = np.diff(points[:, 0])
        points[1:, 0] -= 360 * np.cumsum(np.round(jumps / 360))
        return points if abs(points[-1, 0] - points[0, 0]) < 1 else None

    def polygon(rings):
        outer, *holes = (ring(r) for r in rings)
        return None if outer is None else Polygon(outer, [hole for hole in holes if hole is not None])

    found = {}
    for geometry in topology["objects"][name]["geometries"]:
        if "id" not in geometry or geometry.get("type") not in ("Polygon", "MultiPolygon"):
            continue  # disputed areas without an ISO code, and empty entries
        polygons = [polygon(geometry["arcs"])] if geometry["type"] == "Polygon" else [polygon(p) for p in geometry["arcs"]]
        polygons = [p for p in polygons if p is not None]
        if not polygons:
            continue  # Antarctica
        found[str(geometry["id"])] = Country(
            str(geometry["id"]), geometry.get("properties", {}).get("name", ""), MultiPolygon(polygons)
        )
    return found


def main_parts(shape):
    """The polygons that make up most of a country (no far-off islands: a map of the United States is
    centred on its mainland and Alaska, not stretched across the Pacific by the Aleutians)."""
    largest = max(part.area for part in shape.geoms)
    return [part for part in shape.geoms if part.area >= largest * 0.1]


def view(boundaries, codes, world):
    """(transformer, the clip box in lon/lat, the map's rectangle in projected metres)."""
    parts = [part for code in codes for part in main_parts(boundaries[code].shape)]
    west, south, east, north = MultiPolygon(parts).bounds
    if world or east - west > WORLD_SPAN:
        transformer = Transformer.from_crs("EPSG:4326", "+proj=eqearth +lon_0=0", always_xy=True)
        frame = (-180, -58, 180, 84)
        return transformer, frame, project(transformer, shapely.segmentize(box(*frame), 1)).bounds
    lon, lat = (west + east) / 2, (south + north) / 2
    transformer = Transformer.from_crs("EPSG:4326", f"+proj=laea +lat_0={lat:.2f} +lon_0={lon:.2f}", always_xy=True)
    # Within 150° of longitude of the centre, nothing is near the antipode, where the projection folds.
    frame = (lon - 150, -89.9, lon + 150, 89.9)
    x0, y0, x1, y1 = project(transformer, MultiPolygon(parts)).bounds
    span = max(x1 - x0, (y1 - y0) * 1.3, MIN_SPAN_KM * 1000 / (1 + 2 * MARGIN))
    cx, cy, half_w = (x0 + x1) / 2, (y0 + y1) / 2, span * (0.5 + MARGIN)
    half_h = max((y1 - y0) * (0.5 + MARGIN), half_w / 1.6)
    return transformer, frame, (cx - half_w, cy - half_h, cx + half_w, cy + half_h)


def project(transformer, shape):
    """`shape` with every point carried from longitude and latitude to the map's plane by `transformer`."""
    return shapely.transform(shape, lambda xy: np.column_stack(transformer.transform(xy[:, 0], xy[:, 1])))


def in_frame(shape, frame):
    """The parts of a shape inside a lon/lat frame, taking it once round the world either way too (the
    frame may reach past ±180°, and the shapes past 180°); clip_by_rect, unlike intersection, accepts
    the small self-touching rings Natural Earth has."""
    pieces = [shapely.clip_by_rect(shapely.affinity.translate(shape, turn), *frame) for turn in (-360, 0, 360)]
    polygons = [
        part for piece in pieces for part in getattr(piece, "geoms", [piece]) if isinstance(part, Polygon) and not part.is_empty
    ]
    return MultiPolygon(polygons) if polygons else None


def render(boundaries, codes, names, world=False):
    """(SVG text, width, height, [names of the countries in view that border the highlighted ones, and
    of the others], each largest first)."""
    transformer, frame, (x0, y0, x1, y1) = view(boundaries, codes, world)
    chosen = MultiPolygon([part for code in codes for part in boundaries[code].shape.geoms])
    scale = WIDTH * UNITS / (x1 - x0)  # SVG units per metre
    height = round((y1 - y0) * scale / UNITS)
    tolerance = 0.7 * UNITS / scale  # under a pixel: the outline looks the same, with a fraction of the points
    land, highlighted, others = [], [], []
    for country in boundaries.values():
        clipped = in_frame(country.shape, frame)
        if clipped is None:
            continue
        shape = shapely.clip_by_rect(project(transformer, clipped), x0, y0, x1, y1).simplify(tolerance)
        if shape.is_empty or shape.area * scale * scale < MIN_AREA * UNITS * UNITS:
            continue
        path = svg_path(shape, x0, y1, scale)
        if not path:
            continue
        if country.id in codes:
            highlighted.append((country, shape, path))
        else:
            land.append(path)
            others.append((shape.area, country.name, country.shape.distance(chosen) < BORDER_DEGREES, shape))
    labels = [label(shape, names[codes.index(country.id)], x0, y1, scale, size=LABEL_SIZE) for country, shape, _ in highlighted]
    ordered = sorted(others, key=lambda item: item[0], reverse=True)
    neighbours = (
        [] if world else [label(shape, name, x0, y1, scale, size=NEIGHBOUR_SIZE) for _, name, near, shape in ordered if near][:4]
    )
    svg = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH * UNITS} {height * UNITS}" width="{WIDTH}" height="{height}">',
        f'<g fill="{COLOURS["land"]}" stroke="{COLOURS["border"]}" stroke-width="{UNITS * 0.6:g}" stroke-linejoin="round">',
        *(f'<path d="{path}"/>' for path in land),
        "</g>",
        f'<g fill="{COLOURS["highlight"]}" stroke="{COLOURS["outline"]}" stroke-width="{UNITS * 1.2:g}" stroke-linejoin="round">',
        *(f'<path d="{path}"/>' for _, _, path in highlighted),
        "</g>",
        (
            f'<g font-family="system-ui, sans-serif" font-size="{UNITS * NEIGHBOUR_SIZE}" fill="{COLOURS["neighbour"]}" '
            f'stroke="{COLOURS["halo"]}" stroke-width="{UNITS * 3}" paint-order="stroke" text-anchor="middle">'
        ),
        *(text for text in neighbours if text),
        "</g>",
        (
            f'<g font-family="system-ui, sans-serif" font-size="{UNITS * LABEL_SIZE}" font-weight="bold" fill="{COLOURS["label"]}" '
            f'stroke="{COLOURS["halo"]}" stroke-width="{UNITS * 4}" paint-order="stroke" text-anchor="middle">'
        ),
        *(text for text in labels if text),
        "</g>",
        "</svg>",
    ]
    shown = ([name for _, name, near, _ in ordered if near], [name for _, name, near, _ in ordered if not near])
    return "\n".join(svg) + "\n", WIDTH, height, shown


def svg_path(shape, x0, y1, scale):
    """Path data in whole SVG units (half pixels), relative moves after the first point of each ring."""
    parts = []
    for polygon in getattr(shape, "geoms", [shape]):
        if not isinstance(polygon, Polygon):
            continue  # points and lines left over from clipping
        for ring in (polygon.exterior, *polygon.interiors):
            xy = np.asarray(ring.coords)
            points = np.rint(np.column_stack(((xy[:, 0] - x0) * scale, (y1 - xy[:, 1]) * scale))).astype(int)
            deltas = [(dx, dy) for dx, dy in np.diff(points[:-1], axis=0) if dx or dy]
            if len(deltas) < MIN_RING_MOVES:
                continue
            parts.append(f"M{points[0][0]} {points[0][1]}l" + " ".join(f"{dx} {dy}" for dx, dy in deltas) + "z")
    return "".join(parts)


def label(shape, name, x0, y1, scale, *, size):
    """The country's name on its largest part in view (inside the map: clamped to its edges); none for
    a country narrower than its name, which the highlight and the text alternative name instead."""
    largest = max(getattr(shape, "geoms", [shape]), key=lambda part: part.area)
    if (largest.bounds[2] - largest.bounds[0]) * scale < len(name) * size * 0.6 * UNITS:
        return ""
    point = largest.representative_point()
    x = min(max((point.x - x0) * scale, 60 * UNITS), (WIDTH - 60) * UNITS)
    y = max((y1 - point.y) * scale, 16 * UNITS)
    return f'<text x="{x:.0f}" y="{y:.0f}">{escape(name)}</text>'
