"""The relations graph never misleads (graph.py): three or more mutually related countries drawn with no line
over a dot it does not join, none along another line, no name over another, and colours of its own."""

import itertools
from types import SimpleNamespace

import pytest
from svg_geometry import fits, problems

from pelican.plugins.explainer.extras import Extras
from pelican.plugins.explainer.model.relations import Relation
from pelican.plugins.explainer.pages import filters, graph
from pelican.plugins.explainer.settings import DEFAULTS, relation_types

STYLES = relation_types(DEFAULTS["EXPLAINER_RELATION_TYPES"])


def corpus(names, pairs):
    countries = {
        name: SimpleNamespace(slug=name.lower().replace(" ", "-"), title=name, explainer=Extras(), url=f"countries/{name}/")
        for name in names
    }
    for (one, other), kind in pairs.items():
        country = countries[one]
        country.explainer.relations.append(Relation(country, countries[other].slug, kind, "1950", "", ""))
    return list(countries.values())


def drawn(countries, **options):
    return graph.render(countries, graph.unique_pairs(countries), STYLES, **options)


THREE = corpus(
    ["Australia", "United Kingdom", "United States"],
    {
        ("Australia", "United Kingdom"): "partner",
        ("Australia", "United States"): "ally",
        ("United Kingdom", "United States"): "ally",
    },
)
EIGHT_NAMES = ["China", "Japan", "North Korea", "Russia", "South Korea", "Ukraine", "United Kingdom", "United States"]
EIGHT = corpus(
    EIGHT_NAMES,
    {
        ("North Korea", "China"): "ally",
        ("North Korea", "Russia"): "ally",
        ("North Korea", "South Korea"): "adversary",
        ("North Korea", "United States"): "adversary",
        ("North Korea", "Japan"): "adversary",
        ("Russia", "Ukraine"): "at-war",
        ("Russia", "China"): "partner",
        ("South Korea", "United States"): "ally",
        ("Japan", "United States"): "ally",
        ("United Kingdom", "United States"): "ally",
        ("Ukraine", "United Kingdom"): "partner",
        ("China", "United States"): "neutral",
    },
)
EVERY_PAIR = corpus(EIGHT_NAMES[:5], dict.fromkeys(itertools.combinations(EIGHT_NAMES[:5], 2), "partner"))


@pytest.mark.parametrize(
    "countries, options",
    [
        (THREE, {}),
        (EIGHT, {}),
        (EIGHT, {"centre": "north-korea"}),
        (EIGHT, {"centre": "ukraine"}),
        (EVERY_PAIR, {}),
    ],
    ids=[
        "three mutually related",
        "eight countries",
        "eight, North Korea in the centre",
        "eight, Ukraine in the centre",
        "five, every pair",
    ],
)
def test_no_line_runs_over_a_dot_or_along_another_and_no_name_over_another(countries, options):
    assert problems(drawn(countries, **options), near_lines=countries is THREE) == []


def test_three_mutually_related_countries_are_not_drawn_in_a_row():
    svg = drawn(THREE)
    drawing = svg.split("</svg>")[0]  # the legend's samples follow it
    assert drawing.count('class="edge ') == 3
    ys = sorted(float(circle.split('cy="')[1].split('"')[0]) for circle in drawing.split("<circle")[1:])
    assert ys[-1] - ys[0] > 50, "the three dots are not on one line"
    assert problems(svg) == []


def test_a_line_that_would_run_over_a_dot_bends_around_it():
    """Four countries around a fifth, every pair related: whatever the order, two opposite ones are related
    and their straight line would cross the centre's dot."""
    pairs = {("A", other): "ally" for other in "BCDE"}
    pairs.update(dict.fromkeys(itertools.combinations("BCDE", 2), "partner"))
    countries = corpus(["A", "B", "C", "D", "E"], pairs)
    svg = drawn(countries, centre="a")
    assert '<path class="edge edge-partner" d="M' in svg and 'fill="none"' in svg
    assert problems(svg, near_lines=False) == []


def test_lines_dots_and_names_carry_their_own_colours_for_a_page_with_no_stylesheet():
    svg = drawn(THREE)
    assert svg.count('stroke="currentColor"') == 3 + 2  # three lines, and the legend's two samples
    assert 'fill="currentColor"' in svg and 'font-size="14"' in svg and 'font-size="12"' in svg


def both_sides(pairs):
    """Countries whose files each declare their side of every relation, as a site's do: (one, other) → (kind, year)."""
    names = sorted({name for pair in pairs for name in pair})
    countries = {
        name: SimpleNamespace(slug=name.lower().replace(" ", "-"), title=name, explainer=Extras(), url=f"countries/{name}/")
        for name in names
    }
    for (one, other), (kind, year) in pairs.items():
        for a, b in ((one, other), (other, one)):
            countries[a].explainer.relations.append(Relation(countries[a], countries[b].slug, kind, year, "", ""))
    return list(countries.values())


NILE = both_sides(
    {
        ("Egypt", "Ethiopia"): ("adversary", "2020"),
        ("Egypt", "Sudan"): ("ally", "1959"),
        ("Ethiopia", "Sudan"): ("partner", "2019"),
    }
)


def nile_graphs():
    """The countries index's graph and each country page's, as the templates draw them."""
    context = {"relation_types": STYLES, "SITEURL": ""}
    yield "index", filters.relations_graph(context, NILE)
    for country in NILE:
        yield country.slug, filters.country_graph(context, country, NILE)


@pytest.mark.parametrize("page, svg", list(nile_graphs()), ids=lambda value: value if isinstance(value, str) else "")
def test_three_related_countries_labels_keep_half_an_em_from_each_other_and_the_drawing_fits(page, svg):
    """Egypt's page drew "adversary 2020" and "ally 1959" side by side on one line, touching once a browser drew
    them, with 100 units of nothing above and below the drawing."""
    assert problems(svg) == [], page
    above, below = fits(svg)
    assert 0 < above <= graph.MARGIN + 2 and 0 < below <= graph.MARGIN + 2, (page, above, below)
