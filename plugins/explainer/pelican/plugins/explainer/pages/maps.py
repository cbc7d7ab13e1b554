"""Locator maps drawn at build time as SVG files (geography.py draws them), one file per map so nothing
is loaded from another origin; and the flags beside country names.

An entity of a kind that has `ISO:` codes (countries) gets a map with itself highlighted and its region
around it; the kind's index gets one with all of them; an article gets one with the entities its
`Countries:` line names and the places its `Places:` line names, or, when it has `Range-rings:`, a map of
those rings instead (places.py reads both). Each country keeps one colour on every map, and every
highlighted country and place is named on the map itself. Boundaries are read only when some country has
an ISO code to draw.
"""

import os
import xml.etree.ElementTree as ET
from dataclasses import dataclass

import pycountry
from markupsafe import Markup
from pelican.generators import Generator

from pelican.plugins.explainer.checks.errors import AuthorMistake, BoundariesError, mistake
from pelican.plugins.explainer.extras import of

from . import places as places_module
from .assets import fingerprinted

# ISO 3166-1 codes: two letters ("KP") or three ("PRK"); an `ISO:` line gives one of each, two-letter first.
ALPHA2_LENGTH, ALPHA3_LENGTH = 2, 3
ISO_CODES = 2


@dataclass(frozen=True)
class LocatorMap:
    """A map as a template shows it: the file's address, its size, its text alternative and caption."""

    url: str
    alt: str
    caption: str
    source: str
    width: int
    height: int
    rings: tuple = ()  # places.Ring, smallest first, for a map of distance rings


def numeric_code(alpha2):
    """The ISO 3166-1 numeric code ("408") of an alpha-2 code ("KP"), or None for an unknown code."""
    found = pycountry.countries.get(alpha_2=alpha2.upper()) if len(alpha2) == ALPHA2_LENGTH else None
    return found.numeric if found else None


def iso_mistakes(entity, boundaries):
    """`ISO:` codes that are no ISO 3166-1 country, disagree with each other, or have no boundary."""
    codes = entity.iso_codes
    if len(codes) != ISO_CODES:
        return []  # schema.iso_mistakes asks for both codes
    two, three = (
        pycountry.countries.get(alpha_2=codes[0]) if len(codes[0]) == ALPHA2_LENGTH else None,
        pycountry.countries.get(alpha_3=codes[1]) if len(codes[1]) == ALPHA3_LENGTH else None,
    )
    path = entity.source_path
    if two is None:
        return [
            mistake(
                path,
                f"ISO names {codes[0]!r}, which is no ISO 3166-1 alpha-2 country code — write the country's code, e.g. `ISO: KP, PRK`",
                key="iso",
            )
        ]
    if three is None or three.alpha_2 != two.alpha_2:
        return [
            mistake(
                path,
                f"ISO names {codes[0]} ({two.name}) and {codes[1]!r}, which is not its alpha-3 code — write `ISO: {two.alpha_2}, {two.alpha_3}`",
                key="iso",
            )
        ]
    if boundaries is not None and two.numeric not in boundaries:
        return [
            mistake(
                path,
                f"{two.name} ({codes[0]}) has no shape in the boundaries file, so it cannot be mapped — use a finer file (EXPLAINER_MAP_BOUNDARIES, e.g. countries-50m.json)",
                key="iso",
            )
        ]
    return []


def join_names(names):
    """`names` as a sentence lists them ("A", "A and B", "A, B and C"), for the alternative text."""
    names = list(names)
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def alt_text(names, shown, world, marked=()):
    """What the map shows, for readers who cannot see it: the highlighted countries, their neighbours,
    the largest of the other countries in view and the places marked."""
    marks = f" Marked: {join_names(marked)}." if marked else ""
    if world:
        return f"World map with {join_names(names)} highlighted.{marks}"
    neighbours, others = shown
    text = f"Map with {join_names(names)} highlighted"
    text += f", bordering {join_names(sorted(neighbours[:5]))}" if neighbours else ""
    text += f"; also shown: {join_names(others[:3])}" if others else ""
    return text + "." + marks


def rings_alt(rings):
    """What a map of distance rings shows, for readers who cannot see it (the list under it says more)."""
    distances = join_names([f"{ring.km:,} km" for ring in rings.rings])
    return f"Map centred on {rings.launch.name} with distance rings at {distances}; the list below names the cities each ring reaches."


def place_mistakes(content, article=True):
    """Mistakes in the `Places:` and `Range-rings:` lines of an article (a page has no map to draw them
    on); what they name is kept for attach() (of(content).places, .range_rings)."""
    if not article:
        return [
            mistake(
                content.source_path,
                f"{key.capitalize()} draws on an explainer's map, and a page has none — remove the line",
                key=key,
            )
            for key in ("places", "range-rings")
            if key in content.metadata
        ]
    found_places, found = places_module.read_places(content)
    rings, ring_mistakes = places_module.read_rings(content, found_places)
    of(content).places, of(content).range_rings = found_places, rings
    return found + ring_mistakes


def places_source(source, shown):
    """The source line of a map with `shown` places: the boundaries', GeoNames' for built-in places and
    the publications of the footnotes that give the others' coordinates."""
    origin = places_module.builtin()[0].split(" (")[0]
    extra = [origin] if any(not place.sources for place in shown) else []
    extra += [places_module.publication(source) for place in shown for source in place.sources]
    return f"{source}; places: {', '.join(dict.fromkeys(extra))}" if extra else source


def country_entities(site):
    """The entities of kinds that carry ISO codes (countries), which maps and flags are drawn for."""
    return [entity for entity in site.entities if "iso" in entity.entity_type.known_keys]


def mapped_countries(site):
    """The country entities with ISO codes, the only ones a map can highlight."""
    return [entity for entity in country_entities(site) if "iso" in entity.metadata]


def boundaries_of(settings, countries):
    """The boundaries to draw `countries` on; None when there is no map to draw (no file, or no country)."""
    path = settings.get("EXPLAINER_MAP_BOUNDARIES")
    if not path or not countries:
        return None
    from pelican.plugins.explainer.pages import geography  # noqa: PLC0415 - numpy, pyproj and shapely 38 MiB: imported only by a build that draws a map

    return geography.load(path)


def site_mistakes(site):
    """ISO codes that name no country or no shape, and flags missing from the flags folder."""
    countries = mapped_countries(site)
    try:
        boundaries = boundaries_of(site.settings, countries)
    except BoundariesError as error:
        return [AuthorMistake("pelicanconf.py", None, str(error))]
    flags = site.settings.get("EXPLAINER_FLAGS")
    if boundaries is None and not flags:
        return []
    found = []
    for entity in countries:
        own = iso_mistakes(entity, boundaries)
        found += own
        if flags and not own and not os.path.isfile(flag_file(flags, entity)):
            found.append(
                mistake(
                    entity.source_path,
                    f"there is no flag {entity.iso_codes[0].lower()}.svg in EXPLAINER_FLAGS ({flags}) for {entity.iso_codes[0]} — check the ISO code",
                    key="iso",
                )
            )
    return found


SVG, XLINK = "http://www.w3.org/2000/svg", "http://www.w3.org/1999/xlink"


def inline_flag(path):
    """The flag as an <svg> element for the page itself, decorative (its name stands beside it): a flag is a
    few hundred bytes, and the countries index shows six, which as files (or data: images, which
    browsers count as requests too) would be six more requests for a phone to make. flag-icons gives
    each flag ids of its own (kr-a, flag-icons-kr), so several flags share a page safely."""
    root = ET.parse(path).getroot()
    root.attrib.pop("id", None)
    root.attrib.update({"class": "flag", "width": "24", "height": "18", "aria-hidden": "true"})
    return Markup(ET.tostring(with_plain_prefixes(root), encoding="unicode"))


def with_plain_prefixes(root):
    """`root` with its SVG and XLink names written as in the flag files (<svg xmlns="…">, xlink:href), declared
    on the root: ElementTree would write ns0: and ns1:, and its register_namespace() would change how every
    other document in the process is written."""
    linked = False
    for element in root.iter():
        element.tag = element.tag.removeprefix(f"{{{SVG}}}")
        names = {key: f"xlink:{key[len(XLINK) + 2 :]}" for key in element.attrib if key.startswith(f"{{{XLINK}}}")}
        linked = linked or bool(names)
        element.attrib = {names.get(key, key): value for key, value in element.attrib.items()}
    root.attrib = {"xmlns": SVG, **({"xmlns:xlink": XLINK} if linked else {}), **root.attrib}
    return root


def flag_file(folder, entity):
    """The flag of `entity` in `folder`, by its alpha-2 code ("kp.svg")."""
    return os.path.join(folder, entity.iso_codes[0].lower() + ".svg")


def attach_flags(countries, flags):
    """Give each country entity its inline flag from the folder `flags` (None: no flags)."""
    for entity in countries if flags else ():
        path = flag_file(flags, entity)
        if os.path.isfile(path):  # site_mistakes() reports a missing one
            of(entity).flag = inline_flag(path)


class Maps:
    """The maps of one build: each drawn once and shared by the pages that show it (one file per set of
    highlighted countries and places), each country in one colour on every map."""

    def __init__(self, settings, boundaries, countries, files):
        from .geography import PALETTE  # noqa: PLC0415 - as in boundaries_of(): only when a map is drawn

        self.boundaries, self.files = boundaries, files  # files: output path → the SVG to write there
        self.folder, self.source = settings["EXPLAINER_MAP_FOLDER"], settings["EXPLAINER_MAP_SOURCE"]
        self.code_of = {entity.key: numeric_code(entity.iso_codes[0]) for entity in countries}
        isos = sorted({entity.iso_codes[0] for entity in countries})
        self.colour_of = {iso: PALETTE[index % len(PALETTE)] for index, iso in enumerate(isos)}
        self.drawn = {}  # key → (file, width, height, alt)
        self.crowded, self.mistakes = [], []  # names the map just drawn had no room for; the mistakes they make

    def room(self, content, key):
        """A mistake at `key` of `content` for each name its map had no room for."""
        message = "the map has no room to name {!r} — name fewer places, or places further apart"
        self.mistakes += [mistake(content.source_path, message.format(name), key=key) for name in self.crowded]
        self.crowded.clear()

    def save(self, plain, key, title, draw, describe):
        """(file, width, height, alt) of the map `key`, drawn by `draw` and described by `describe` the first time."""
        from .geography import document  # noqa: PLC0415 - as above

        if key not in self.drawn:
            drawing = draw()
            alt = describe(drawing)
            svg = document(drawing, title, alt)
            save_as = fingerprinted(plain, svg.encode("utf-8"))  # a content-hashed name: kept for good
            self.files[save_as] = svg
            self.drawn[key] = (save_as, drawing.width, drawing.height, alt)
            self.crowded += drawing.unplaced  # the caller names the file that asked for the map
        return self.drawn[key]

    def make(self, shown, caption, name=None, marked=()):
        """The LocatorMap of the countries `shown` (a world map named `name`), with the places `marked`."""
        from .geography import render  # noqa: PLC0415 - as above

        shown = sorted(shown, key=lambda e: e.iso_codes[0])  # one file for a set, whatever its order
        plain = f"{self.folder}{name or '-'.join(e.iso_codes[0].lower() for e in shown)}.svg"
        names = tuple(str(e.title) for e in shown)
        save_as, width, height, alt = self.save(
            plain,
            (plain, tuple(marked)),
            f"Map of {join_names(names)}",
            lambda: render(
                self.boundaries,
                tuple(self.code_of[e.key] for e in shown),
                names,
                bool(name),
                places=tuple(marked),
                colours=tuple(self.colour_of[e.iso_codes[0]] for e in shown),
            ),
            lambda drawing: alt_text(names, drawing.shown, bool(name), [place.name for place in marked]),
        )
        return LocatorMap(save_as, alt, caption, places_source(self.source, marked), width, height)

    def make_rings(self, rings):
        """The LocatorMap of an article's RangeRings, with the cities they reach."""
        from .geography import render_rings  # noqa: PLC0415 - as above

        by_name = {place.name: place for place in places_module.builtin()[1].values()}
        reached = [by_name[name] for ring in rings.rings for name in ring.reaches]  # nearest first
        kms = tuple(ring.km for ring in rings.rings)
        save_as, width, height, alt = self.save(
            f"{self.folder}rings-{rings.launch.slug}.svg",
            ("rings", rings.launch, kms),
            f"Distance rings from {rings.launch.name}",
            lambda: render_rings(self.boundaries, rings.launch, kms, reached),
            lambda drawing: rings_alt(rings),
        )
        caption = (
            f"Distances from {rings.launch.name}: on this map every circle round it is one distance away. "
            f"The distances are published figures and estimates, not measured ranges, from {join_names(rings.publications)}."
        )
        return LocatorMap(save_as, alt, caption, places_source(self.source, [rings.launch]), width, height, rings.rings)


def attach(site, context):
    """Give each country entity its map and flag, each article the map of its Countries and Places or of
    its Range-rings, each kind's index its map (context["explainer_index_maps"]); the files are written by
    FiguresGenerator. Returns a mistake for each name a map had no room for (too many places too close)."""
    context["explainer_index_maps"], context["explainer_figure_files"] = {}, {}
    countries = mapped_countries(site)
    attach_flags(countries, site.settings.get("EXPLAINER_FLAGS"))
    boundaries = boundaries_of(site.settings, countries)
    if boundaries is None:
        return []
    maps = Maps(site.settings, boundaries, countries, context["explainer_figure_files"])
    for entity in countries:
        of(entity).map = maps.make([entity], f"{entity.title} (highlighted) and its region.")
        maps.room(entity, "iso")
    for kind in sorted({entity.kind for entity in countries}):
        listed = [e for e in countries if e.kind == kind and e.in_default_lang]
        if listed:
            label = listed[0].entity_type.label.lower()
            context["explainer_index_maps"][kind] = maps.make(listed, f"The {label} of this site (highlighted).", name=kind)
            maps.room(listed[0], "iso")
    for article in site.articles:
        extras = of(article)
        shown = [e for e in extras.countries_list if e.key in maps.code_of]
        if extras.range_rings:
            extras.map = maps.make_rings(extras.range_rings)
            maps.room(article, "range-rings")
        elif shown:
            named = join_names([str(e.title) for e in shown])
            extras.map = maps.make(shown, f"The countries this explainer is about: {named} (highlighted).", marked=extras.places)
            maps.room(article, "places" if extras.places else "countries")
    return maps.mistakes


class FiguresGenerator(Generator):
    """Writes the maps that attach() drew, once every page is known."""

    def generate_context(self):
        """Nothing to read: attach() drew the maps, once the site's checks had read every page."""
        pass

    def generate_output(self, writer):
        """Write each map's SVG to its file, in a stable order."""
        for save_as, svg in sorted(self.context.get("explainer_figure_files", {}).items()):
            target = os.path.join(self.output_path, save_as)
            os.makedirs(os.path.dirname(target), exist_ok=True)
            with open(target, "w", encoding="utf-8") as out:
                out.write(svg)
