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
import math
import os
from dataclasses import dataclass
from xml.sax.saxutils import escape

import numpy as np
import shapely
import shapely.affinity
from pyproj import Transformer
from shapely.geometry import MultiPolygon, Point, Polygon, box

from pelican.plugins.explainer.checks.errors import BoundariesError

from . import labels
from .places import EARTH_RADIUS_KM

WIDTH = 640  # the map's width in CSS pixels; its height follows the region
UNITS = 2  # SVG units per pixel: whole numbers give half-pixel precision
MIN_AREA = 2  # square pixels: anything smaller is left out
MIN_SPAN_KM = 3200  # a small country is shown with at least this much of its region around it
MARGIN = 0.35  # the share of the highlighted region's size added on each side
WORLD_SPAN = 180  # degrees of longitude above which a map shows the whole world
MIN_RING_MOVES = 2  # a ring with fewer moves after its first point encloses nothing (a dot or a line)
BORDER_DEGREES = 0.3  # a country this close to a highlighted one borders it (or faces it across a strait)
COLOURS = {
    "land": "#c3c8ce",  # every other country, muted
    "border": "#ffffff",
    "label": "#111111",
    "halo": "#ffffff",
    "ring": "#111111",
}
# The highlighted countries' fills, each at least 3:1 against the muted land (WCAG 1.4.11) and a colour
# of its own; their names are drawn in COLOURS["label"] on a white halo, so text contrast is the halo's.
PALETTE = ("#b2182b", "#2166ac", "#1b7837", "#8c510a", "#762a83", "#01665e", "#4d4d4d", "#c51b7d")
NARROWEST_SHOWN = 328  # px: a map shown on a 360 px phone (its column, less 1rem margins each side)
MIN_LABEL_PX = 12  # no name on a map is smaller than this where it is shown narrowest
LABEL_UNITS = -(-MIN_LABEL_PX * WIDTH * UNITS // NARROWEST_SHOWN)  # the names' font size in SVG units
MARKER_UNITS = 5 * UNITS  # a place's dot: its radius
FONT = "system-ui, sans-serif"
BOLD = ' font-weight="bold"'
EARTH_RADIUS_M = EARTH_RADIUS_KM * 1000  # the sphere the rings are drawn on, as places.py measures on it
RING_MARGIN = 1.12  # the map reaches this far past the largest ring, for its label


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
        code, name = str(geometry["id"]), geometry.get("properties", {}).get("name", "")
        if code in found:  # one code, two entries (Australia and the Ashmore and Cartier Islands): one country
            earlier = found[code]
            name = earlier.name if earlier.shape.area >= MultiPolygon(polygons).area else name
            polygons = [*earlier.shape.geoms, *polygons]
        found[code] = Country(code, name, MultiPolygon(polygons))
    return found


def main_parts(shape):
    """The polygons that make up most of a country (no far-off islands: a map of the United States is
    centred on its mainland and Alaska, not stretched across the Pacific by the Aleutians)."""
    largest = max(part.area for part in shape.geoms)
    return [part for part in shape.geoms if part.area >= largest * 0.1]


def view(boundaries, codes, world, points=()):
    """(transformer, the clip box in lon/lat, the map's rectangle in projected metres) of a map that shows
    the countries `codes` and the (lon, lat) `points`."""
    parts = [part for code in codes for part in main_parts(boundaries[code].shape)]
    region = shapely.GeometryCollection([MultiPolygon(parts), *(Point(point) for point in points)])
    west, south, east, north = region.bounds
    if world or east - west > WORLD_SPAN:
        transformer = Transformer.from_crs("EPSG:4326", "+proj=eqearth +lon_0=0", always_xy=True)
        frame = (-180, -58, 180, 84)
        return transformer, frame, project(transformer, shapely.segmentize(box(*frame), 1)).bounds
    lon, lat = (west + east) / 2, (south + north) / 2
    transformer = Transformer.from_crs("EPSG:4326", f"+proj=laea +lat_0={lat:.2f} +lon_0={lon:.2f}", always_xy=True)
    # Within 150° of longitude of the centre, nothing is near the antipode, where the projection folds.
    frame = (lon - 150, -89.9, lon + 150, 89.9)
    x0, y0, x1, y1 = project(transformer, region).bounds
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


@dataclass(frozen=True)
class Drawing:
    """A map before its text alternative is known: its size, its layers (SVG markup), the names of the
    countries in view (bordering the highlighted ones, then the others, largest first), and the names
    no free spot was found for (none, as the tests require)."""

    width: int
    height: int
    body: tuple[str, ...]
    shown: tuple[list[str], list[str]]
    unplaced: tuple[str, ...]


def document(drawing, title, description):
    """The SVG file of `drawing`, with its title and text alternative inside it too."""
    return (
        "\n".join(
            [
                (
                    f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {drawing.width * UNITS} {drawing.height * UNITS}" '
                    f'width="{drawing.width}" height="{drawing.height}" role="img">'
                ),
                f"<title>{escape(title)}</title>",
                f"<desc>{escape(description)}</desc>",
                *drawing.body,
                "</svg>",
            ]
        )
        + "\n"
    )


def to_svg(shape, x0, y1, scale):
    """`shape` from projected metres to SVG units (y down)."""
    return shapely.affinity.affine_transform(shape, [scale, 0, 0, -scale, -x0 * scale, y1 * scale])


def render(boundaries, codes, names, world=False, *, places=(), colours=()):
    """The Drawing of a map with the countries `codes` (named `names`, filled with `colours`) highlighted
    and each labelled, and the `places` (places.Place) marked and labelled."""
    points = [(place.lon, place.lat) for place in places]
    transformer, frame, (x0, y0, x1, y1) = view(boundaries, codes, world, points)
    chosen = MultiPolygon([part for code in codes for part in boundaries[code].shape.geoms])
    scale = WIDTH * UNITS / (x1 - x0)  # SVG units per metre
    height = round((y1 - y0) * scale / UNITS)
    tolerance = 0.7 * UNITS / scale  # under a pixel: the outline looks the same, with a fraction of the points
    land, highlighted, others = [], {}, []
    for country in boundaries.values():
        clipped = in_frame(country.shape, frame)
        if clipped is None:
            continue
        shape = shapely.clip_by_rect(project(transformer, clipped), x0, y0, x1, y1).simplify(tolerance)
        if shape.is_empty or (shape.area * scale * scale < MIN_AREA * UNITS * UNITS and country.id not in codes):
            continue
        path = svg_path(shape, x0, y1, scale)
        if country.id in codes:
            highlighted[country.id] = (to_svg(shape, x0, y1, scale), path)
        elif path:
            land.append(path)
            others.append((shape.area, country.name, country.shape.distance(chosen) < BORDER_DEGREES))
    layout = labels.Layout(WIDTH * UNITS, height * UNITS)
    marked = []
    for place in places:
        x, y = transformer.transform(place.lon, place.lat)
        marked.append((place.name, (x - x0) * scale, (y1 - y) * scale))
    names_of = dict(zip(codes, names, strict=True))
    unplaced = place_names(layout, marked)
    for code in sorted(highlighted, key=lambda code: highlighted[code][0].area):  # the smallest first: it has least room
        placed = country_label(layout, highlighted[code][0], names_of[code])
        unplaced += () if placed else (names_of[code],)
    fills = dict(zip(codes, colours or PALETTE, strict=False))
    body = [
        f'<g fill="{COLOURS["land"]}" stroke="{COLOURS["border"]}" stroke-width="{UNITS * 0.6:g}" stroke-linejoin="round">',
        *(f'<path d="{path}"/>' for path in land),
        "</g>",
        f'<g stroke="{COLOURS["border"]}" stroke-width="{UNITS * 1:g}" stroke-linejoin="round">',
        *(f'<path fill="{fills[code]}" d="{path}"/>' for code, (_, path) in highlighted.items() if path),
        "</g>",
        *label_layers(layout, marked),
    ]
    ordered = sorted(others, key=lambda item: item[0], reverse=True)
    shown = ([name for _, name, near in ordered if near], [name for _, name, near in ordered if not near])
    return Drawing(WIDTH, height, tuple(body), shown, unplaced)


def place_names(layout, marked):
    """Block each place's dot, then name each beside it: (the names no spot was found for)."""
    for _, x, y in marked:
        reach = MARKER_UNITS + UNITS
        layout.block((x - reach, y - reach, x + reach, y + reach))
    return tuple(name for name, x, y in marked if not layout.near_point(name, x, y, LABEL_UNITS, clear=MARKER_UNITS))


def country_label(layout, shape, name):
    """The country's name inside it where a free spot fits (its representative point, then a grid over
    its largest part), else beside it with a leader line."""
    largest = max(getattr(shape, "geoms", [shape]), key=lambda part: part.area)
    point = largest.representative_point()
    minx, miny, maxx, maxy = largest.bounds
    grid = [(minx + (maxx - minx) * i / 8, miny + (maxy - miny) * j / 8) for j in range(1, 8) for i in range(1, 8)]
    for x, y in [(point.x, point.y), *grid]:
        inside = labels.Label(name, x, y + LABEL_UNITS * 0.3, LABEL_UNITS, True)
        if box(*inside.box).within(shape) and layout.put(inside, margin=LABEL_UNITS * 0.1):
            return inside
    start = max(maxx - minx, maxy - miny) / 2 + LABEL_UNITS
    return layout.around(name, point.x, point.y, LABEL_UNITS, bold=True, start=min(start, LABEL_UNITS * 2))


def label_layers(layout, marked):
    """Leader lines, place dots, then names on a halo (bold for countries), as SVG groups."""
    halo = f'fill="{COLOURS["label"]}" stroke="{COLOURS["halo"]}" stroke-width="{LABEL_UNITS * 0.25:.0f}" paint-order="stroke"'
    return [
        f'<g stroke="{COLOURS["label"]}" stroke-width="{UNITS * 1.5:g}">',
        *(
            f'<line x1="{a:.0f}" y1="{b:.0f}" x2="{c:.0f}" y2="{d:.0f}"/>'
            for a, b, c, d in (label.leader for label in layout.labels if label.leader)
        ),
        "</g>",
        f'<g fill="{COLOURS["label"]}" stroke="{COLOURS["halo"]}" stroke-width="{UNITS * 1.5:g}">',
        *(f'<circle cx="{x:.0f}" cy="{y:.0f}" r="{MARKER_UNITS}"/>' for _, x, y in marked),
        "</g>",
        f'<g font-family="{FONT}" font-size="{LABEL_UNITS}" {halo} text-anchor="middle">',
        *(
            f'<text x="{label.x:.0f}" y="{label.y:.0f}"{BOLD if label.bold else ""}>{escape(label.text)}</text>'
            for label in layout.labels
        ),
        "</g>",
    ]


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


def render_rings(boundaries, launch, radii_km, cities):
    """The Drawing of distance rings of `radii_km` round `launch` (places.Place) on an azimuthal
    equidistant projection centred on it, where every circle round the centre is the set of points that
    far away; `cities` (places.Place, nearest first) are marked and named where a free spot is found."""
    sphere = f"+R={EARTH_RADIUS_M}"
    transformer = Transformer.from_crs(
        f"+proj=longlat {sphere}", f"+proj=aeqd {sphere} +lat_0={launch.lat} +lon_0={launch.lon}", always_xy=True
    )
    reach = min(max(radii_km) * 1000 * RING_MARGIN, math.pi * EARTH_RADIUS_M * 0.97)
    scale = WIDTH * UNITS / (2 * reach)
    x0, y1 = -reach, reach
    disc = Point(0, 0).buffer(reach, quad_segs=64)
    tolerance = 0.7 * UNITS / scale
    land = []
    for country in boundaries.values():
        parts = []
        for part in country.shape.geoms:
            projected = project(transformer, part)
            corners = np.asarray(projected.exterior.coords)
            if np.hypot(corners[:, 0], corners[:, 1]).max() > math.pi * EARTH_RADIUS_M * 0.95:
                continue  # near the point opposite the centre, where the projection tears a shape apart
            parts.append(shapely.make_valid(projected))
        if not parts:
            continue
        shape = shapely.intersection(shapely.union_all(parts), disc).simplify(tolerance)
        if not shape.is_empty and shape.area * scale * scale >= MIN_AREA * UNITS * UNITS:
            land.append(svg_path(shape, x0, y1, scale))
    centre = WIDTH * UNITS / 2
    layout = labels.Layout(WIDTH * UNITS, WIDTH * UNITS)
    circles = [(km, km * 1000 * scale) for km in sorted(radii_km)]
    for km, radius in circles:
        ring_label(layout, f"{km:,} km", centre, radius)
    marked = [(launch.name, centre, centre)]
    unplaced = place_names(layout, marked)
    for city in cities:
        x, y = transformer.transform(city.lon, city.lat)
        spot = (city.name, (x - x0) * scale, (y1 - y) * scale)
        near = MARKER_UNITS + UNITS
        dot = (spot[1] - near, spot[2] - near, spot[1] + near, spot[2] + near)
        if layout.free(dot, 0):
            before = len(layout.taken)
            layout.block(dot)
            if layout.near_point(city.name, spot[1], spot[2], LABEL_UNITS, clear=MARKER_UNITS):
                marked.append(spot)
            else:
                del layout.taken[before:]  # no room for its name: the list under the map names it
    body = [
        f'<circle cx="{centre:.0f}" cy="{centre:.0f}" r="{reach * scale:.0f}" fill="none" stroke="{COLOURS["land"]}" stroke-width="{UNITS}"/>',
        f'<g fill="{COLOURS["land"]}" stroke="{COLOURS["border"]}" stroke-width="{UNITS * 0.6:g}" stroke-linejoin="round">',
        *(f'<path d="{path}"/>' for path in land if path),
        "</g>",
        f'<g fill="none" stroke="{COLOURS["ring"]}" stroke-width="{UNITS * 1.5:g}" stroke-dasharray="{UNITS * 6} {UNITS * 3}">',
        *(
            f'<circle class="range-ring" data-km="{km}" cx="{centre:.0f}" cy="{centre:.0f}" r="{radius:.1f}"/>'
            for km, radius in circles
        ),
        "</g>",
        *label_layers(layout, marked),
    ]
    return Drawing(WIDTH, WIDTH, tuple(body), ([], []), unplaced)


def ring_label(layout, text, centre, radius):
    """A ring's distance on the ring itself: at its top, or the first free spot round it."""
    for degrees in (-90, -60, -120, -30, -150, 0, 180, 30, 150, 60, 120, 90):
        angle = math.radians(degrees)
        x, y = centre + radius * math.cos(angle), centre + radius * math.sin(angle) + LABEL_UNITS * 0.3
        if layout.put(labels.Label(text, x, y, LABEL_UNITS, True), margin=LABEL_UNITS * 0.1):
            return
    layout.around(text, centre, centre - radius, LABEL_UNITS, bold=True, start=LABEL_UNITS)
