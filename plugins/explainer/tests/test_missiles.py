"""Missiles to scale (pages/missiles.py): heights proportional to the cited lengths, the same figures in a
table, the figure on the page in a theme that never heard of it, and each malformed line a `path:line` mistake."""

import pytest
from pelican_site import PLAIN_SETTINGS, make_site, pelican, soup, write

from pelican.plugins.explainer.pages.missiles import LEFT, PLOT, WIDTH, Missile, Span, layout, metres

NOTES = (
    '[^a]: Reuters, "A factbox", 1 July 2023, <https://www.reuters.com/world/a-factbox/>\n'
    '[^b]: Reuters, "Another factbox", 2 July 2023, <https://www.reuters.com/world/another-factbox/>\n'
)
MISSILES = (
    "Missiles: Big One | length 24–26 m | diameter 2.4–2.5 m | stages 2 | fuel liquid [^a]\n"
    "    Small One | length 13 m | fuel solid [^b]\n"
)


def article(missiles):
    return f"Title: The parade\nDate: 2024-05-01\nSlug: parade\n{missiles}\nTwo missiles passed.[^a][^b]\n\n{NOTES}"


def build(tmp_path, missiles):
    content = make_site(tmp_path, {"news/parade.md": article(missiles)})
    settings = write(tmp_path / "pelicanconf.py", PLAIN_SETTINGS)
    code, log = pelican(content, settings, tmp_path / "output")
    return code, log, tmp_path / "output" / "parade.html"


def test_a_figure_is_metres_or_a_range_of_metres():
    assert metres("25 m") == Span(25, 25) and metres("24–26 m") == Span(24, 26) and metres("2.4-2.5 m") == Span(2.4, 2.5)
    assert metres("25") is None and metres("26–24 m") is None and metres("0 m") is None and metres("25 km") is None


def test_heights_are_proportional_to_lengths_and_the_longest_fills_the_plot():
    plan = layout([Missile("Big", Span(24, 26), None, None, None, ()), Missile("Small", Span(13, 13), None, None, None, ())])
    assert plan["scale"] * 26 == pytest.approx(PLOT)
    assert (plan["scale"] * 13) / (plan["scale"] * 26) == pytest.approx(13 / 26)
    (first, one), (second, other) = plan["columns"]
    assert first - one / 2 == LEFT and first + one / 2 == pytest.approx(second - other / 2)  # side by side…
    assert second + other / 2 == pytest.approx(WIDTH)  # …sharing the drawing's width


def test_the_drawing_and_its_table_reach_the_page_in_pelicans_default_theme(tmp_path):
    code, log, page = build(tmp_path, MISSILES)
    assert code == 0 and "ERROR" not in log and "shows neither" not in log, log
    figure = soup(page).select_one("figure.missiles")
    svg = figure.select_one("svg.missiles-svg")
    assert svg["role"] == "img" and svg.title.get_text() and "Big One, 24–26\u00a0m long" in svg.desc.get_text()
    assert [t.get_text() for t in svg.select("text.missiles-name")] == ["Big One", "Small One"]
    assert all(int(t["font-size"]) >= 14 and t["fill"] == "currentColor" for t in svg.select("text"))  # no stylesheet needed
    solid = [float(r["height"]) for r in svg.select("rect.missile-body")]
    assert solid[1] / solid[0] == pytest.approx(13 / 24, abs=0.01)  # drawn to the lower figure of the range…
    assert len(svg.select("rect.missile-range")) == 1  # …and dashed on to the upper one
    rows = [[cell.get_text(strip=True) for cell in row.select("th, td")] for row in figure.select("tbody tr")]
    assert rows == [
        ["Big One", "24–26\u00a0m", "2.4–2.5\u00a0m", "2", "liquid", "Reuters"],
        ["Small One", "13\u00a0m", "—", "—", "solid", "Reuters"],
    ]
    assert figure.select_one("tbody a.source-ref")["href"] == "#fn:a"
    assert len(soup(page).select("figure.missiles")) == 1


def test_names_too_long_to_stand_side_by_side_on_a_phone_are_a_mistake(tmp_path):
    lines = "Missiles: Intermediate Missile | length 9 m [^a]\n    Hypothetical One | length 8 m [^b]\n    Extraordinarily | length 7 m [^a]\n"
    code, log, _ = build(tmp_path, lines)
    assert code != 0 and "news/parade.md:4: the names of 3 missiles do not fit side by side on a 360 px phone" in log, log


@pytest.mark.parametrize(
    ("missiles", "message"),
    [
        ("Missiles: Big One | length 25 m [^a]\n", "news/parade.md:4: Missiles has 1 lines — compare 2 to 4 missiles"),
        (
            "Missiles: Big One | length 25 metres [^a]\n    Small One | length 13 m [^b]\n",
            "news/parade.md:4: 'Big One': length '25 metres' is not in metres — write e.g. `length 25 m`",
        ),
        (
            "Missiles: Big One | length 25 m [^a]\n    Small One | length 13 m [^c]\n",
            "news/parade.md:5: [^c] is not a footnote of this file",
        ),
        (
            "Missiles: Big One | length 25 m\n    Small One | length 13 m [^b]\n",
            "news/parade.md:4: the missile 'Big One' cites no source",
        ),
        (
            "Missiles: Big One | diameter 2 m [^a]\n    Small One | length 13 m [^b]\n",
            "news/parade.md:4: 'Big One' has no length",
        ),
        (
            "Missiles: Big One | length 25 m | fuel hybrid [^a]\n    Small One | length 13 m | range 9 km [^b]\n",
            "news/parade.md:5: unknown figure 'range 9 km' for 'Small One' — use length, diameter, stages, fuel",
        ),
        (
            "Missiles: Big One | length 25 m | stages three [^a]\n    Small One | length 13 m [^b]\n",
            "news/parade.md:4: 'Big One': stages 'three' is not a whole number of stages",
        ),
    ],
)
def test_a_malformed_line_is_a_mistake_at_its_line(tmp_path, missiles, message):
    code, log, _ = build(tmp_path, missiles)
    assert code != 0 and message in log, log
