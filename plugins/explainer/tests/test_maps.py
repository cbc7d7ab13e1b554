"""Maps measured from their SVG alone: every highlighted country and place named, no name over another, each
name at least 12 px where the map is shown narrowest, names in dark text on a light halo, fills apart from
the muted land, and distance rings that are circles of the right radius round the launch point. The
boundaries are a small TopoJSON file made here (boxes in longitude and latitude), so nothing of any site
is needed."""

import itertools
import math

import pytest
from bs4 import BeautifulSoup
from pyproj import Transformer

from pelican.plugins.explainer.pages import geography, labels, places

# Boxes (west, south, east, north) standing for countries: a large one, a small one beside it (the Koreas'
# problem: a name wider than its country) and a third across the sea.
BOXES = {"156": (100, 25, 125, 45), "408": (125, 38, 129, 42), "410": (126, 34, 129, 38), "392": (132, 32, 142, 42)}
NAMES = {"156": "China", "408": "North Korea", "410": "South Korea", "392": "Japan"}


def topology():
    """A world-atlas-shaped TopoJSON (no transform: plain positions) with one box a country."""
    arcs, geometries = [], []
    for index, (code, (w, s, e, n)) in enumerate(BOXES.items()):
        arcs.append([[w, s], [e, s], [e, n], [w, n], [w, s]])
        geometries.append({"type": "Polygon", "id": code, "properties": {"name": NAMES[code]}, "arcs": [[index]]})
    return {"type": "Topology", "arcs": arcs, "objects": {"countries": {"type": "GeometryCollection", "geometries": geometries}}}


BOUNDARIES = geography.decode(topology(), "countries")
KNOWN = places.builtin()[1]


def svg_of(drawing):
    return BeautifulSoup(geography.document(drawing, "A map", "What it shows."), "xml").svg


def shown_px(text, svg):
    """The size of a name in CSS px where the map is shown narrowest."""
    view_width = float(svg["viewBox"].split()[2])
    return float(text.find_parent("g")["font-size"]) * geography.NARROWEST_SHOWN / view_width


def boxes(svg):
    found = []
    for text in svg.find_all("text"):
        size = float(text.find_parent("g")["font-size"])
        bold = text.get("font-weight") == "bold"
        found.append((text.get_text(), labels.text_box(text.get_text(), float(text["x"]), float(text["y"]), size, bold)))
    return found


def luminance(colour):
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(one, other):
    high, low = sorted((luminance(one), luminance(other)), reverse=True)
    return (high + 0.05) / (low + 0.05)


@pytest.fixture(scope="module")
def korea_map():
    codes = ("156", "408", "410")
    drawing = geography.render(
        BOUNDARIES, codes, tuple(NAMES[c] for c in codes), places=(KNOWN["pyongyang"], KNOWN["beijing"], KNOWN["seoul"])
    )
    return drawing, svg_of(drawing)


def test_every_highlighted_country_and_place_is_named_once(korea_map):
    drawing, svg = korea_map
    assert drawing.unplaced == ()
    assert sorted(t.get_text() for t in svg.find_all("text")) == sorted(
        ["China", "North Korea", "South Korea", "Pyongyang", "Beijing", "Seoul"]
    )
    assert "Japan" not in [t.get_text() for t in svg.find_all("text")]  # muted and unnamed
    assert len(svg.find_all("circle")) == 3  # a dot for each place


def test_no_name_overlaps_another_and_each_is_12_px_where_shown_narrowest(korea_map):
    _, svg = korea_map
    for (one, a), (other, b) in itertools.combinations(boxes(svg), 2):
        assert not labels.overlap(a, b), f"{one!r} overlaps {other!r}"
    width, height = map(float, svg["viewBox"].split()[2:])
    for name, (x0, y0, x1, y1) in boxes(svg):
        assert x0 >= 0 and y0 >= 0 and x1 <= width and y1 <= height, name
    assert all(shown_px(text, svg) >= geography.MIN_LABEL_PX for text in svg.find_all("text"))
    assert geography.NARROWEST_SHOWN <= 360


def test_a_name_too_wide_for_its_country_gets_a_leader_line_to_it(korea_map):
    drawing, svg = korea_map
    north = BOUNDARIES["408"].shape
    assert svg.find_all("line"), "North Korea's name is wider than the country: it needs a leader line"
    assert len({path["fill"] for path in svg.find_all("path", fill=True) if path["fill"] != geography.COLOURS["land"]}) == 3
    assert north.area > 0 and drawing.width == geography.WIDTH


def test_colours_keep_contrast():
    for fill in geography.PALETTE:
        assert contrast(fill, geography.COLOURS["land"]) >= 3, fill
    assert contrast(geography.COLOURS["label"], geography.COLOURS["halo"]) >= 4.5


def test_rings_are_circles_of_their_distance_round_the_launch_point():
    launch = KNOWN["pyongyang"]
    drawing = geography.render_rings(BOUNDARIES, launch, (1000, 5500), [KNOWN["seoul"], KNOWN["tokyo"]])
    svg = svg_of(drawing)
    circles = {int(c["data-km"]): c for c in svg.find_all("circle", class_="range-ring")}
    assert sorted(circles) == [1000, 5500]
    sphere = f"+R={geography.EARTH_RADIUS_M}"
    projection = Transformer.from_crs(
        f"+proj=longlat {sphere}", f"+proj=aeqd {sphere} +lat_0={launch.lat} +lon_0={launch.lon}", always_xy=True
    )
    half = float(svg["viewBox"].split()[2]) / 2
    reach = half / (5500 * 1000 * geography.RING_MARGIN)  # SVG units per metre
    for km, circle in circles.items():
        for bearing in (0, 73, 190, 300):  # a point `km` away on the sphere, in four directions
            point = destination(launch, bearing, km)
            assert places.distance_km(launch, point) == pytest.approx(km, rel=1e-9)
            x, y = projection.transform(point.lon, point.lat)
            on_map = (half + x * reach, half - y * reach)
            centre = (float(circle["cx"]), float(circle["cy"]))
            assert math.dist(on_map, centre) == pytest.approx(float(circle["r"]), abs=0.5)
    names = [t.get_text() for t in svg.find_all("text")]
    assert {"1,000 km", "5,500 km", "Pyongyang"} <= set(names)
    for (one, a), (other, b) in itertools.combinations(boxes(svg), 2):
        assert not labels.overlap(a, b), f"{one!r} overlaps {other!r}"


def destination(start, bearing, km):
    """The place `km` from `start` along the great circle that leaves it at `bearing` degrees."""
    lat, lon, angle = math.radians(start.lat), math.radians(start.lon), km / places.EARTH_RADIUS_KM
    theta = math.radians(bearing)
    lat2 = math.asin(math.sin(lat) * math.cos(angle) + math.cos(lat) * math.sin(angle) * math.cos(theta))
    lon2 = lon + math.atan2(math.sin(theta) * math.sin(angle) * math.cos(lat), math.cos(angle) - math.sin(lat) * math.sin(lat2))
    return places.Place("there", "There", math.degrees(lat2), math.degrees(lon2))


def test_a_ring_reaches_the_places_within_its_distance_and_no_others():
    launch = KNOWN["pyongyang"]
    inner = places.reaches(launch, places.Ring(1000, "a", ()))
    outer = places.reaches(launch, places.Ring(5500, "b", ()), inner_km=1000)
    assert "Seoul" in inner.reaches and "Tokyo" not in inner.reaches  # 195 km and about 1,290 km away
    assert "Seoul" not in outer.reaches and "Moscow" not in outer.reaches
    for ring, low in ((inner, 0), (outer, 1000)):
        for name in ring.reaches:
            place = next(p for p in KNOWN.values() if p.name == name)
            assert low < places.distance_km(launch, place) <= ring.km


def test_a_wide_ring_names_only_its_farthest_cities():
    launch = KNOWN["pyongyang"]
    wide = places.reaches(launch, places.Ring(15000, "c", ()), inner_km=1000)
    within = sorted(places.distance_km(launch, p) for p in KNOWN.values() if 1000 < places.distance_km(launch, p) <= 15000)
    assert len(within) > places.NAMED_PER_RING == len(wide.reaches)
    named = [places.distance_km(launch, next(p for p in KNOWN.values() if p.name == n)) for n in wide.reaches]
    assert named == within[-places.NAMED_PER_RING :]  # the farthest, nearest first
    assert "Washington" in wide.reaches and "Tokyo" not in wide.reaches


@pytest.mark.parametrize(
    "text, expected",
    [("51.88 N, 128.33 E", (51.88, 128.33)), ("33.9 S, 18.4 W", (-33.9, -18.4)), ("-33.9, 151.2", (-33.9, 151.2))],
)
def test_coordinates_are_read_in_either_form(text, expected):
    assert places.coordinates(text) == expected


@pytest.mark.parametrize("text", ["91 N, 10 E", "10 N, 181 E", "-10 N, 10 E", "10 N 10 E", "north, east", "10 E, 10 N"])
def test_coordinates_that_are_no_latitude_and_longitude_are_refused(text):
    assert places.coordinates(text) is None


def test_the_built_in_places_say_where_they_come_from():
    origin, known = places.builtin()
    assert origin.startswith("GeoNames") and "CC BY 4.0" in origin
    assert all(-90 <= p.lat <= 90 and -180 <= p.lon <= 180 for p in known.values())
    assert places.distance_km(known["pyongyang"], known["seoul"]) == pytest.approx(195, abs=5)


def test_two_entries_with_one_code_are_one_country():
    # world-atlas gives Australia and the Ashmore and Cartier Islands the same code, 036: both are drawn
    data = topology()
    data["arcs"].append([[150, -40], [151, -40], [151, -39], [150, -39], [150, -40]])
    data["objects"]["countries"]["geometries"].append(
        {"type": "Polygon", "id": "156", "properties": {"name": "Far islands"}, "arcs": [[len(data["arcs"]) - 1]]}
    )
    china = geography.decode(data, "countries")["156"]
    assert china.name == "China" and len(china.shape.geoms) == 2


def test_a_name_goes_beside_its_point_then_further_out_with_a_leader_then_nowhere():
    layout = labels.Layout(400, 200)
    first = layout.near_point("Pyongyang", 200, 100, 20)
    assert first.leader is None and first.box[0] > 200
    second = layout.near_point("Pyongyang", 200, 100, 20)
    assert second.leader is None and second.box[2] < 200
    crowded = [layout.near_point("Pyongyang", 200, 100, 20) for _ in range(12)]
    assert any(label and label.leader for label in crowded)
    assert crowded[-1] is None  # no room left in a 400 × 200 frame
    for one, other in itertools.combinations(layout.labels, 2):
        assert not labels.overlap(one.box, other.box)
