"""Locator maps drawn at build time as SVG files: the Natural Earth boundaries of a world-atlas TopoJSON
file (EXPLAINER_MAP_BOUNDARIES), projected with PROJ (pyproj), simplified with shapely, written as one
file per map so nothing is loaded from another origin.

An entity of a kind that has `ISO:` codes (countries) gets a map with itself highlighted and its region
around it; the kind's index gets one with all of them; an article gets one with the entities its
`Countries:` line names. A region narrower than half the world uses a Lambert azimuthal equal-area
projection centred on it; anything wider, Equal Earth.

TopoJSON (https://github.com/topojson/topojson-specification) stores each border once, as an "arc" of
delta-encoded integer points; a polygon is a list of rings, each a list of arc indices (~i: arc i
reversed). decode() turns that back into shapely polygons in longitude and latitude.
"""

import functools
import json
import os
from dataclasses import dataclass
from xml.etree import ElementTree
from xml.sax.saxutils import escape

import numpy
import pycountry
import shapely
import shapely.affinity
from markupsafe import Markup
from pelican.generators import Generator
from pyproj import Transformer
from shapely.geometry import MultiPolygon, Polygon, box

from .assets import fingerprinted
from .errors import AuthorMistake, mistake

WIDTH = 640  # the map's width in CSS pixels; its height follows the region
UNITS = 2  # SVG units per pixel: whole numbers give half-pixel precision
MIN_AREA = 2  # square pixels: anything smaller is left out
MIN_SPAN_KM = 3200  # a small country is shown with at least this much of its region around it
MARGIN = 0.35  # the share of the highlighted region's size added on each side
WORLD_SPAN = 180  # degrees of longitude above which a map shows the whole world
BORDER_DEGREES = 0.3  # a country this close to a highlighted one borders it (or faces it across a strait)
COLOURS = {"land": "#a3abb5", "border": "#f4f6f8", "highlight": "#c0392b", "outline": "#5a1209",
           "label": "#111111", "neighbour": "#2b2f33", "halo": "#ffffff"}
LABEL_SIZE, NEIGHBOUR_SIZE = 20, 15  # px at full width: the highlighted countries, then their neighbours


class BoundariesError(ValueError):
    """The boundaries file is missing or is not a world-atlas countries TopoJSON file."""


@dataclass(frozen=True)
class Country:
    """One country of the boundaries file: its ISO 3166-1 numeric id, name and shape (lon/lat)."""

    id: str
    name: str
    shape: MultiPolygon


@dataclass(frozen=True)
class LocatorMap:
    """A map as a template shows it: the file's address, its size, its text alternative and caption."""

    url: str
    alt: str
    caption: str
    source: str
    width: int
    height: int


def numeric_code(alpha2):
    """The ISO 3166-1 numeric code ("408") of an alpha-2 code ("KP"), or None for an unknown code."""
    found = pycountry.countries.get(alpha_2=alpha2.upper()) if len(alpha2) == 2 else None
    return found.numeric if found else None


def iso_mistakes(entity, boundaries):
    """`ISO:` codes that are no ISO 3166-1 country, disagree with each other, or have no boundary."""
    codes = entity.iso_codes
    if len(codes) != 2:
        return []  # schema.iso_mistakes asks for both codes
    two, three = (pycountry.countries.get(alpha_2=codes[0]) if len(codes[0]) == 2 else None,
                  pycountry.countries.get(alpha_3=codes[1]) if len(codes[1]) == 3 else None)
    path = entity.source_path
    if two is None:
        return [mistake(path, f"ISO names {codes[0]!r}, which is no ISO 3166-1 alpha-2 country code — write the country's code, e.g. `ISO: KP, PRK`", key="iso")]
    if three is None or three.alpha_2 != two.alpha_2:
        return [mistake(path, f"ISO names {codes[0]} ({two.name}) and {codes[1]!r}, which is not its alpha-3 code — write `ISO: {two.alpha_2}, {two.alpha_3}`", key="iso")]
    if boundaries is not None and two.numeric not in boundaries:
        return [mistake(path, f"{two.name} ({codes[0]}) has no shape in the boundaries file, so it cannot be mapped — use a finer file (EXPLAINER_MAP_BOUNDARIES, e.g. countries-50m.json)", key="iso")]
    return []


@functools.lru_cache(maxsize=4)
def _load(path, mtime):
    try:
        with open(path, encoding="utf-8") as source:
            topology = json.load(source)
        return decode(topology, "countries")
    except (OSError, ValueError, KeyError, TypeError, IndexError) as error:
        raise BoundariesError(f"EXPLAINER_MAP_BOUNDARIES is {path!r}, which is not a world-atlas countries TopoJSON file ({error}) — point it to countries-110m.json or countries-50m.json of the world-atlas package") from None


def load(path):
    """{numeric id: Country} of a world-atlas countries file, read once per change of the file."""
    if not os.path.isfile(path):
        raise BoundariesError(f"EXPLAINER_MAP_BOUNDARIES is {path!r}, which does not exist — install the boundaries (`npm ci` installs world-atlas into node_modules/), or set it to None to draw no maps")
    return _load(os.path.abspath(path), os.path.getmtime(path))


def decode(topology, name):
    """{id: Country} for the geometries of the TopoJSON object `name` that carry an id."""
    transform = topology.get("transform")
    arcs = []
    for arc in topology["arcs"]:
        points = numpy.asarray(arc, dtype=float)[:, :2]
        if transform:  # quantized: positions are deltas from the previous point, in grid units
            points = numpy.cumsum(points, axis=0) * transform["scale"] + transform["translate"]
        arcs.append(points)

    def ring(indices):
        parts = [arcs[i] if i >= 0 else arcs[~i][::-1] for i in indices]
        points = numpy.concatenate([parts[0], *(part[1:] for part in parts[1:])])  # arcs share their end points
        # A ring that crosses the antimeridian jumps from 180° to -180°: carry on past 180° instead, so
        # the ring is a plane polygon (Chukotka at 190°); one that circles a pole cannot be, and is left out.
        jumps = numpy.diff(points[:, 0])
        points[1:, 0] -= 360 * numpy.cumsum(numpy.round(jumps / 360))
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
        found[str(geometry["id"])] = Country(str(geometry["id"]), geometry.get("properties", {}).get("name", ""),
                                             MultiPolygon(polygons))
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
    return shapely.transform(shape, lambda xy: numpy.column_stack(transformer.transform(xy[:, 0], xy[:, 1])))


def in_frame(shape, frame):
    """The parts of a shape inside a lon/lat frame, taking it once round the world either way too (the
    frame may reach past ±180°, and the shapes past 180°); clip_by_rect, unlike intersection, accepts
    the small self-touching rings Natural Earth has."""
    pieces = [shapely.clip_by_rect(shapely.affinity.translate(shape, turn), *frame) for turn in (-360, 0, 360)]
    polygons = [part for piece in pieces for part in getattr(piece, "geoms", [piece])
                if isinstance(part, Polygon) and not part.is_empty]
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
    labels = [label(shape, names[codes.index(country.id)], x0, y1, scale, LABEL_SIZE) for country, shape, _ in highlighted]
    ordered = sorted(others, key=lambda item: item[0], reverse=True)
    neighbours = [] if world else [label(shape, name, x0, y1, scale, NEIGHBOUR_SIZE) for _, name, near, shape in ordered if near][:4]
    svg = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH * UNITS} {height * UNITS}" width="{WIDTH}" height="{height}">',
           f'<g fill="{COLOURS["land"]}" stroke="{COLOURS["border"]}" stroke-width="{UNITS * 0.6:g}" stroke-linejoin="round">',
           *(f'<path d="{path}"/>' for path in land), "</g>",
           f'<g fill="{COLOURS["highlight"]}" stroke="{COLOURS["outline"]}" stroke-width="{UNITS * 1.2:g}" stroke-linejoin="round">',
           *(f'<path d="{path}"/>' for _, _, path in highlighted), "</g>",
           f'<g font-family="system-ui, sans-serif" font-size="{UNITS * NEIGHBOUR_SIZE}" fill="{COLOURS["neighbour"]}" '
           f'stroke="{COLOURS["halo"]}" stroke-width="{UNITS * 3}" paint-order="stroke" text-anchor="middle">',
           *(text for text in neighbours if text), "</g>",
           f'<g font-family="system-ui, sans-serif" font-size="{UNITS * LABEL_SIZE}" font-weight="bold" fill="{COLOURS["label"]}" '
           f'stroke="{COLOURS["halo"]}" stroke-width="{UNITS * 4}" paint-order="stroke" text-anchor="middle">',
           *(text for text in labels if text), "</g>", "</svg>"]
    shown = ([name for _, name, near, _ in ordered if near], [name for _, name, near, _ in ordered if not near])
    return "\n".join(svg) + "\n", WIDTH, height, shown


def svg_path(shape, x0, y1, scale):
    """Path data in whole SVG units (half pixels), relative moves after the first point of each ring."""
    parts = []
    for polygon in getattr(shape, "geoms", [shape]):
        if not isinstance(polygon, Polygon):
            continue  # points and lines left over from clipping
        for ring in (polygon.exterior, *polygon.interiors):
            xy = numpy.asarray(ring.coords)
            points = numpy.rint(numpy.column_stack(((xy[:, 0] - x0) * scale, (y1 - xy[:, 1]) * scale))).astype(int)
            deltas = [(dx, dy) for dx, dy in numpy.diff(points[:-1], axis=0) if dx or dy]
            if len(deltas) < 2:
                continue
            parts.append(f"M{points[0][0]} {points[0][1]}l" + " ".join(f"{dx} {dy}" for dx, dy in deltas) + "z")
    return "".join(parts)


def label(shape, name, x0, y1, scale, size):
    """The country's name on its largest part in view (inside the map: clamped to its edges); none for
    a country narrower than its name, which the highlight and the text alternative name instead."""
    largest = max(getattr(shape, "geoms", [shape]), key=lambda part: part.area)
    if (largest.bounds[2] - largest.bounds[0]) * scale < len(name) * size * 0.6 * UNITS:
        return ""
    point = largest.representative_point()
    x = min(max((point.x - x0) * scale, 60 * UNITS), (WIDTH - 60) * UNITS)
    y = max((y1 - point.y) * scale, 16 * UNITS)
    return f'<text x="{x:.0f}" y="{y:.0f}">{escape(name)}</text>'


def join_names(names):
    names = list(names)
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def alt_text(names, shown, world):
    """What the map shows, for readers who cannot see it: the highlighted countries, their neighbours
    and the largest of the other countries in view."""
    if world:
        return f"World map with {join_names(names)} highlighted."
    neighbours, others = shown
    text = f"Map with {join_names(names)} highlighted"
    text += f", bordering {join_names(sorted(neighbours[:5]))}" if neighbours else ""
    text += f"; also shown: {join_names(others[:3])}" if others else ""
    return text + "."



def country_entities(site):
    """The entities of kinds that carry ISO codes (countries), which maps and flags are drawn for."""
    return [entity for entity in site.entities if "iso" in entity.entity_type.known_keys]


def boundaries_of(settings):
    path = settings.get("EXPLAINER_MAP_BOUNDARIES")
    return load(path) if path else None


def site_mistakes(site):
    """ISO codes that name no country or no shape, and flags missing from the flags folder."""
    try:
        boundaries = boundaries_of(site.settings)
    except BoundariesError as error:
        return [AuthorMistake("pelicanconf.py", None, str(error))]
    flags = site.settings.get("EXPLAINER_FLAGS")
    if boundaries is None and not flags:
        return []
    found = []
    for entity in country_entities(site):
        if "iso" not in entity.metadata:
            continue
        own = iso_mistakes(entity, boundaries)
        found += own
        if flags and not own and not os.path.isfile(flag_file(flags, entity)):
            found.append(mistake(entity.source_path, f"there is no flag {entity.iso_codes[0].lower()}.svg in EXPLAINER_FLAGS ({flags}) for {entity.iso_codes[0]} — check the ISO code", key="iso"))
    return found


ElementTree.register_namespace("", "http://www.w3.org/2000/svg")  # flags keep their plain <svg>
ElementTree.register_namespace("xlink", "http://www.w3.org/1999/xlink")


def inline_flag(path):
    """The flag as an <svg> element for the page itself, decorative (its name stands beside it): a flag is a
    few hundred bytes, and the countries index shows six, which as files (or data: images, which
    browsers count as requests too) would be six more requests for a phone to make. flag-icons gives
    each flag ids of its own (kr-a, flag-icons-kr), so several flags share a page safely."""
    root = ElementTree.parse(path).getroot()
    root.attrib.pop("id", None)
    root.attrib.update({"class": "flag", "width": "24", "height": "18", "aria-hidden": "true"})
    return Markup(ElementTree.tostring(root, encoding="unicode"))


def flag_file(folder, entity):
    return os.path.join(folder, entity.iso_codes[0].lower() + ".svg")


def attach(site, context):
    """Give each country entity its map and flag, each article the map of its Countries, each kind's
    index its map (context["explainer_index_maps"]); the files are written by FiguresGenerator."""
    settings = site.settings
    context["explainer_index_maps"], context["explainer_figure_files"] = {}, {}
    files = context["explainer_figure_files"]  # output path → the SVG to write there
    countries = [e for e in country_entities(site) if "iso" in e.metadata]
    flags = settings.get("EXPLAINER_FLAGS")
    if flags:
        for entity in countries:
            path = flag_file(flags, entity)
            if not os.path.isfile(path):
                continue  # site_mistakes() reports it
            entity.explainer_flag = inline_flag(path)
    boundaries = boundaries_of(settings)
    if boundaries is None:
        return
    folder, source = settings["EXPLAINER_MAP_FOLDER"], settings["EXPLAINER_MAP_SOURCE"]
    code_of = {entity.key: numeric_code(entity.iso_codes[0]) for entity in countries}
    drawn = {}  # name → (file, width, height, alt): one file per set of highlighted countries, shared by pages

    def make(shown, caption, name=None):
        shown = sorted(shown, key=lambda e: e.iso_codes[0])  # one file for a set, whatever its order
        plain = f"{folder}{name or '-'.join(e.iso_codes[0].lower() for e in shown)}.svg"
        if plain not in drawn:
            names = tuple(str(e.title) for e in shown)
            svg, width, height, others = render(boundaries, tuple(code_of[e.key] for e in shown), names, bool(name))
            save_as = fingerprinted(plain, svg.encode("utf-8"))  # a content-hashed name: kept for good
            files[save_as] = svg
            drawn[plain] = (save_as, width, height, alt_text(names, others, bool(name)))
        save_as, width, height, alt = drawn[plain]
        return LocatorMap(save_as, alt, caption, source, width, height)

    for entity in countries:
        entity.explainer_map = make([entity], f"{entity.title} (highlighted) and its region.")
    for kind in sorted({entity.kind for entity in countries}):
        listed = [e for e in countries if e.kind == kind and e.in_default_lang]
        if listed:
            context["explainer_index_maps"][kind] = make(
                listed, f"The {listed[0].entity_type.label.lower()} of this site (highlighted).", name=kind)
    for article in site.articles:
        shown = [e for e in getattr(article, "countries_list", []) if e.key in code_of]
        if shown:
            article.explainer_map = make(shown, f"The countries this explainer is about: {join_names([str(e.title) for e in shown])} (highlighted).")


class FiguresGenerator(Generator):
    """Writes the maps that attach() drew, once every page is known."""

    def generate_context(self):
        pass

    def generate_output(self, writer):
        for save_as, svg in sorted(self.context.get("explainer_figure_files", {}).items()):
            target = os.path.join(self.output_path, save_as)
            os.makedirs(os.path.dirname(target), exist_ok=True)
            with open(target, "w", encoding="utf-8") as out:
                out.write(svg)
