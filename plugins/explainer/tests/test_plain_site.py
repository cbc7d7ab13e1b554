"""The plugin as another newsroom would use it: installed with pip into a plain Pelican site with Pelican's
default theme, a kind of entity of their own declared in settings. Each site is built in this interpreter by
Pelican's API (pelican_site.pelican), as the `pelican` command builds it."""

import re

import pytest
from pelican_site import PLAIN_FILES, PLAIN_SETTINGS, build_plain_site, heading, make_site, pelican, soup, write


@pytest.fixture(scope="module")
def plain_site(tmp_path_factory):
    return build_plain_site(tmp_path_factory.mktemp("plain"))


def test_default_theme_site_gets_links_term_and_country_pages_and_the_graph(plain_site):
    article = soup(plain_site / "the-launch.html")
    terms = {a.get_text(): a["href"] for a in article.select("a.term")}
    assert terms == {
        "Ruritania": "/countries/ruritania/",
        "ICBM": "/glossary/icbm/",
        "Borduria": "/countries/borduria/",
        "armistice": "/glossary/armistice/",
    }
    assert article.select_one('a[data-term="glossary:icbm"]')["data-summary"] == "A missile that can fly more than 5,500 km."
    # the popover's script and styles ride in the default theme's <head>, under content-hashed names, published
    named = [
        article.select_one('head script[src^="/theme/explainer/popover."]')["src"],
        article.select_one('head link[rel=stylesheet][href^="/theme/explainer/explainer."]')["href"],
    ]
    assert all(re.fullmatch(r"/theme/explainer/\w+\.[0-9a-f]{8}\.(js|css)", url) for url in named), named
    assert all((plain_site / url.lstrip("/")).is_file() for url in named), named
    term = soup(plain_site / "glossary/icbm/index.html")
    assert heading(term) == "ICBM" and "The launch" in term.select_one(".mentioned-in").get_text()
    assert [a.get_text() for a in term.select(".prose a.term")] == ["armistice"]  # never a link to itself
    country = soup(plain_site / "countries/ruritania/index.html")
    assert "Borduria" in country.select_one("#relations").parent.get_text()
    index = soup(plain_site / "countries/index.html")
    graph = index.select_one("svg.relations-graph")
    # a relation type of the site's own gets a line pattern of its own, and a legend entry
    assert graph.select("line.edge-rival") and next(t.get_text() for t in graph.select("text.edge-label")).startswith("rival ")
    assert [item.get_text(" ", strip=True).split(" (")[0] for item in index.select(".graph-legend li")] == ["rival"]
    assert soup(plain_site / "glossary/index.html").select("dt a")


ORGANISATION_TEMPLATE = """{% extends "base.html" %}
{% block content %}<article class="organisation"><h1>{{ organisation.title }}</h1>
<p class="founded">Founded {{ organisation.value("founded") }}</p>{{ organisation.content }}
{% include "explainer/mentions.html" %}</article>{% endblock %}
"""


def test_a_third_kind_of_entity_needs_settings_and_a_template_only(tmp_path):
    content = make_site(
        tmp_path,
        {
            **PLAIN_FILES,
            "organisations/kcna.md": "Title: Korean Central News Agency\nAliases: KCNA\nFounded: 1946\nSummary: North Korea's state news agency.\n\nThe state's voice.\n",
            "news/report.md": "Title: A report\nDate: 2024-06-01\nCategory: news\n\nKCNA said the ICBM flew.\n",
        },
    )
    write(tmp_path / "templates/organisation.html", ORGANISATION_TEMPLATE)
    settings = write(
        tmp_path / "pelicanconf.py",
        PLAIN_SETTINGS
        + f"""
EXPLAINER_RELATION_TYPES = {{"rival": {{}}}}
THEME_TEMPLATES_OVERRIDES = [{str(tmp_path / "templates")!r}]
EXPLAINER_ENTITY_TYPES = {{
    "glossary": {{}},
    "countries": {{}},
    "organisations": {{"template": "organisation", "variable": "organisation", "label": "Organisations",
                      "link_class": "term term-organisation", "optional": ("founded",)}},
}}
""",
    )
    code, log = pelican(content, settings, tmp_path / "output")
    assert code == 0 and "ERROR" not in log, log
    report = soup(tmp_path / "output/a-report.html")
    link = report.select_one('a[data-term="organisations:kcna"]')
    assert link.get_text() == "KCNA" and link["href"] == "/organisations/kcna/" and "term-organisation" in link["class"]
    page = soup(tmp_path / "output/organisations/kcna/index.html")
    assert page.select_one(".founded").get_text() == "Founded 1946" and "A report" in page.select_one(".mentioned-in").get_text()
    index = soup(tmp_path / "output/organisations/index.html")
    assert heading(index) == "Organisations" and index.select_one("dt a")["href"] == "/organisations/kcna/"


def test_a_kind_with_a_misspelt_option_is_one_clear_line(tmp_path):
    content = make_site(tmp_path, PLAIN_FILES)
    settings = write(
        tmp_path / "pelicanconf.py",
        PLAIN_SETTINGS + 'EXPLAINER_RELATION_TYPES = {"rival": {}}\nEXPLAINER_ENTITY_TYPES = {"glossary": {"tempalte": "x"}}\n',
    )
    _code, log = pelican(content, settings, tmp_path / "output")
    assert "EXPLAINER_ENTITY_TYPES['glossary'] has unknown option(s) tempalte" in log and "Traceback" not in log
    assert "content mistake" not in log, "the kinds' defaults stand in, so nothing else follows from the typo"
