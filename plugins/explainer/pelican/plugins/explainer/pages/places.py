"""The places a story names and the distance rings a missile explainer draws, read from an article's
`Places:` and `Range-rings:` lines and checked strictly; maps.py draws them (geography.py, labels.py).

A place is a city of the plugin's own list (data/places.json, coordinates from GeoNames), named by its
slug, or one the article defines with its coordinates and the footnote that gives them:

    Places: pyongyang, beijing
        Vostochny Cosmodrome | 51.88 N, 128.33 E | [^geonames-vostochny]

A ring is `launch place | distance | what the distance is [^note]`, one a line, all from one place:

    Range-rings: pyongyang | 5,500 km | the shortest range counted as intercontinental [^carnegie]

Every figure on a map is then a cited one, and every footnote these lines cite counts as cited.
"""

import functools
import json
import math
import re
from dataclasses import dataclass
from importlib import resources

from pelican.utils import slugify

from pelican.plugins.explainer.checks.errors import mistake
from pelican.plugins.explainer.model.roles import Source, citation_mistakes, cited_sources, line_values, missing_note_mistakes
from pelican.plugins.explainer.model.schema import suggestion

MAX_RINGS = 4  # more rings than this no reader tells apart
MAX_KM = 20_000  # about half the Earth's circumference: every point of the Earth is within it
EARTH_RADIUS_KM = 6371.0088  # the mean radius (IUGG), for the distances the rings name
_NUMBER = r"(-?\d+(?:\.\d+)?)\s*°?\s*"
_COORDINATES = re.compile(rf"^{_NUMBER}([NS])?\s*,\s*{_NUMBER}([EW])?$", re.IGNORECASE)
_DISTANCE = re.compile(r"^(\d{1,3}(?:,\d{3})+|\d+)\s*km$")
_PLACE_PARTS, _RING_PARTS = 3, 3


@dataclass(frozen=True)
class Place:
    """A point on a map: its slug, the name shown, latitude and longitude in degrees, and the footnotes
    that give its coordinates (none for a built-in place, whose origin is the list's)."""

    slug: str
    name: str
    lat: float
    lon: float
    sources: tuple[Source, ...] = ()


def publication(source: Source) -> str:
    """The publication a footnote names ("Jiji Press" of "Jiji Press, 12 July 2023")."""
    return source.words.split(", ")[0]


NAMED_PER_RING = 8  # the most cities a ring names


@dataclass(frozen=True)
class Ring:
    """One distance ring: its radius in km, what the distance is, the footnotes that give it, and the
    names of the built-in places within it (worked out by reaches())."""

    km: int
    text: str
    sources: tuple[Source, ...]
    reaches: tuple[str, ...] = ()

    @property
    def notes(self) -> list[tuple[str, str, str]]:
        """(page anchor, publication, full words) of each footnote the ring cites, for its line under the map."""
        return [(source.anchor, publication(source), source.words) for source in self.sources]


@dataclass(frozen=True)
class RangeRings:
    """The rings of one article, all from `launch`, smallest first."""

    launch: Place
    rings: tuple[Ring, ...]

    @property
    def publications(self) -> list[str]:
        """Whose figures the rings are: the publications their footnotes name, in order, once each."""
        return list(dict.fromkeys(publication(source) for ring in self.rings for source in ring.sources))


@functools.lru_cache(maxsize=1)
def builtin() -> tuple[str, dict[str, Place]]:
    """(where the list comes from, {slug: Place}) of the plugin's own list of cities."""
    data = json.loads(resources.files("pelican.plugins.explainer").joinpath("data/places.json").read_text("utf-8"))
    return data["origin"], {p["slug"]: Place(p["slug"], p["name"], p["lat"], p["lon"]) for p in data["places"]}


def distance_km(one: Place, other: Place) -> float:
    """The great-circle distance between two places on a sphere of the Earth's mean radius."""
    lat1, lat2 = math.radians(one.lat), math.radians(other.lat)
    dlat, dlon = lat2 - lat1, math.radians(other.lon - one.lon)
    haversine = math.sin(dlat / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin(dlon / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(haversine)))


def coordinates(text: str) -> tuple[float, float] | None:
    """(latitude, longitude) of "51.88 N, 128.33 E" or "51.88, 128.33"; None when it is neither, when a
    hemisphere letter follows a negative number, or when a value is out of range."""
    found = _COORDINATES.match(text.strip())
    if not found:
        return None
    lat, north_south, lon, east_west = found.groups()
    lat_value, lon_value = float(lat), float(lon)
    if (north_south and lat_value < 0) or (east_west and lon_value < 0):
        return None
    lat_value *= -1 if (north_south or "").upper() == "S" else 1
    lon_value *= -1 if (east_west or "").upper() == "W" else 1
    return (lat_value, lon_value) if abs(lat_value) <= 90 and abs(lon_value) <= 180 else None  # noqa: PLR2004 - degrees


def _unknown(path, key, slug, known, line):
    """The mistake of a `key` line naming a place that is neither built in nor defined in the file."""
    return mistake(
        path,
        f"{key} names {slug!r}, which is no built-in place nor one this file defines — {suggestion(slug, known)} "
        "(or define it: `Name | 51.88 N, 128.33 E | [^source]`)",
        needle=line[:40],
    )


def read_places(content) -> tuple[list[Place], list]:
    """(the places of `content`'s Places: lines in order, mistakes)."""
    path, found, places = content.source_path, [], {}
    known = builtin()[1]
    for line in line_values(content, "places"):
        if "|" not in line:
            for slug in (part.strip() for part in line.split(",") if part.strip()):
                if slug not in known:
                    found.append(_unknown(path, "Places", slug, known, line))
                elif slug in places:
                    found.append(mistake(path, f"Places names {slug!r} twice — list it once", needle=line[:40]))
                else:
                    places[slug] = known[slug]
            continue
        parts = [part.strip() for part in line.split("|")]
        where = {"needle": line[:40]}
        if len(parts) != _PLACE_PARTS:
            found.append(
                mistake(path, f"the place {line!r} needs three parts — write `Name | 51.88 N, 128.33 E | [^source]`", **where)
            )
            continue
        name, position, rest = parts
        text, sources, missing = cited_sources(content, rest)
        point = coordinates(position)
        slug = slugify(name, regex_subs=content.settings.get("SLUG_REGEX_SUBSTITUTIONS", [])) if name else ""
        if not slug:
            found.append(
                mistake(path, f"the place {line!r} has no name — write it first: `Name | coordinates | [^source]`", **where)
            )
        elif point is None:
            found.append(
                mistake(
                    path,
                    f"the place {name!r} has coordinates {position!r}, which are not a latitude and longitude — write e.g. "
                    "`51.88 N, 128.33 E` (latitude 0–90 N or S, longitude 0–180 E or W)",
                    **where,
                )
            )
        elif missing:
            found += missing_note_mistakes(content, line, missing)
        elif not sources or text:
            found.append(
                mistake(
                    path,
                    f"the place {name!r} cites no source for its coordinates — end the line with a footnote this file defines and nothing else, e.g. | [^geonames]",
                    **where,
                )
            )
        elif slug in places:
            found.append(mistake(path, f"Places names {slug!r} twice — list it once", **where))
        else:
            places[slug] = Place(slug, name, point[0], point[1], tuple(sources))
    return list(places.values()), found


def _distance(text: str) -> int | None:
    """The kilometres of "5,500 km" or "5500 km"; None for anything else ("5.500 km", "5,500")."""
    found = _DISTANCE.match(text.strip())
    return int(found.group(1).replace(",", "")) if found else None


def read_rings(content, places: list[Place]) -> tuple[RangeRings | None, list]:
    """(the RangeRings of `content`'s Range-rings: lines, or None; mistakes). A launch place is one of its
    Places or a built-in one."""
    path, found, rings = content.source_path, [], {}
    known = {**builtin()[1], **{place.slug: place for place in places}}
    lines = line_values(content, "range-rings")
    if len(lines) > MAX_RINGS:
        found.append(
            mistake(
                path,
                f"Range-rings has {len(lines)} rings — draw at most {MAX_RINGS}, the figures the text discusses",
                key="range-rings",
            )
        )
    launch = None
    for line in lines:
        where = {"needle": line[:40]}
        parts = [part.strip() for part in line.split("|", 2)]
        if len(parts) != _RING_PARTS:
            found.append(
                mistake(
                    path,
                    f"the ring {line!r} needs three parts — write `pyongyang | 5,500 km | what the distance is [^source]`",
                    **where,
                )
            )
            continue
        slug, distance, rest = parts
        km = _distance(distance)
        text, sources, _ = cited = cited_sources(content, rest)
        if slug not in known:
            found.append(_unknown(path, "Range-rings", slug, known, line))
        elif launch is not None and slug != launch.slug:
            found.append(
                mistake(
                    path,
                    f"the ring {line!r} starts from {slug!r}, the ones above from {launch.slug!r} — draw every ring from one place",
                    **where,
                )
            )
        elif km is None:
            found.append(
                mistake(
                    path, f"the ring's distance {distance!r} is not a whole number of kilometres — write e.g. `5,500 km`", **where
                )
            )
        elif not 0 < km <= MAX_KM:
            found.append(mistake(path, f"the ring's distance {distance!r} is not between 1 and {MAX_KM:,} km", **where))
        elif km in rings:
            found.append(mistake(path, f"two rings are {distance} — keep one line per distance", **where))
        elif problems := citation_mistakes(content, line, f"the ring at {distance}", cited, "say what the distance is"):
            found += problems
        else:
            launch = known[slug]
            rings[km] = Ring(km, text, tuple(sources))
    if found or not rings or launch is None:
        return None, found
    kms = sorted(rings)
    return RangeRings(launch, tuple(reaches(launch, rings[km], inner) for km, inner in zip(kms, [0, *kms], strict=False))), found


def reaches(launch: Place, ring: Ring, inner_km: int = 0) -> Ring:
    """`ring` with the names of the built-in places beyond `inner_km` (the ring inside it) and within its
    own distance of `launch`, nearest first: at most NAMED_PER_RING, the farthest, since what a ring shows is
    how far it reaches (a wide ring holds dozens of cities, too many to name on a map or read in a list)."""
    near = sorted(
        (distance_km(launch, place), place.name)
        for place in builtin()[1].values()
        if place.slug != launch.slug and inner_km < distance_km(launch, place) <= ring.km
    )
    return Ring(ring.km, ring.text, ring.sources, tuple(name for _, name in near[-NAMED_PER_RING:]))
