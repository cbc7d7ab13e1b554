"""An article's map reaches its page in any theme (pages/article_map.py): Pelican's default theme, which never
heard of the plugin, shows the map just before the article's text; a theme that includes explainer/map.html
itself shows it once, where it put it."""

import json

import pytest
from pelican_site import PLAIN_SETTINGS, make_site, pelican, soup, write

pytest.importorskip("shapely")  # the maps extra

# Boxes (west, south, east, north) standing for countries, by ISO numeric code, as world-atlas names them.
BOXES = {"818": (25, 22, 35, 31), "729": (22, 9, 38, 22)}
FILES = {
    "countries/egypt.md": "Title: Egypt\nISO: EG, EGY\nSummary: A country on the Nile.\n\nDownstream.\n",
    "countries/sudan.md": "Title: Sudan\nISO: SD, SDN\nSummary: A country on the Nile.\n\nUpstream.\n",
    "news/dam.md": "Title: The dam\nDate: 2024-05-01\nSlug: dam\nCountries: egypt, sudan\n\nThe river is shared.\n",
}
OWN_ARTICLE = (
    '{% extends "!simple/base.html" %}{% block content %}<main>{{ article.content }}'
    '{% with locator = article.explainer.map %}{% include "explainer/map.html" %}{% endwith %}</main>{% endblock %}'
)


def topology():
    arcs, geometries = [], []
    for index, (code, (w, s, e, n)) in enumerate(BOXES.items()):
        arcs.append([[w, s], [e, s], [e, n], [w, n], [w, s]])
        geometries.append({"type": "Polygon", "id": code, "properties": {}, "arcs": [[index]]})
    return {"type": "Topology", "arcs": arcs, "objects": {"countries": {"type": "GeometryCollection", "geometries": geometries}}}


def build(root, extra=""):
    content = make_site(root, FILES)
    boundaries = write(root / "countries.json", json.dumps(topology()))
    settings = write(root / "pelicanconf.py", f"{PLAIN_SETTINGS}EXPLAINER_MAP_BOUNDARIES = {str(boundaries)!r}\n{extra}")
    code, log = pelican(content, settings, root / "output")
    assert code == 0 and "ERROR" not in log and "Traceback" not in log, log
    return soup(root / "output" / "dam.html"), log


def test_pelicans_default_theme_shows_the_articles_map_before_its_text(tmp_path):
    page, log = build(tmp_path)
    maps = page.select("figure.explainer-map img")
    assert len(maps) == 1 and maps[0]["src"].startswith("/maps/") and maps[0]["alt"]
    assert maps[0].find_parent("figure").find_next_sibling("p").get_text() == "The river is shared."
    assert "shows neither the article's figure" not in log


def test_a_theme_that_includes_the_map_shows_it_once_where_it_put_it(tmp_path):
    write(tmp_path / "theme" / "templates" / "article.html", OWN_ARTICLE)
    write(tmp_path / "theme" / "static" / "site.css", "")
    page, _ = build(tmp_path, f"THEME = {str(tmp_path / 'theme')!r}\n")
    maps = page.select("figure.explainer-map")
    assert len(maps) == 1 and maps[0].find_previous_sibling("p").get_text() == "The river is shared."
