"""The plugin as another newsroom would use it: installed with pip into a plain Pelican site with Pelican's
default theme, a kind of entity of their own declared in settings, two languages."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import build, make_site, write

PLAIN_SETTINGS = """
SITENAME = "Another newsroom"
SITEURL = ""
TIMEZONE = "UTC"
DEFAULT_LANG = "en"
PLUGINS = ["explainer"]
"""

TERM = """Title: ICBM
Aliases: ICBMs
Summary: A missile that can fly more than 5,500 km.

An intercontinental ballistic missile. Compare the {0}.
"""

PLAIN_FILES = {
    "glossary/icbm.md": TERM.format("armistice"),
    "glossary/armistice.md": "Title: armistice\nSummary: An agreement to stop fighting.\n\nA truce, not a peace treaty; see ICBM.\n",
    "countries/ruritania.md": "Title: Ruritania\nSummary: A kingdom in the story.\nRelations: borduria | rival | 1990 | A long quarrel. | Reuters\n\nA small kingdom.\n",
    "countries/borduria.md": "Title: Borduria\nSummary: Its neighbour.\nRelations: ruritania | rival | 1990 | A long quarrel. | Reuters\n\nA larger neighbour.\n",
    "news/launch.md": "Title: The launch\nDate: 2024-05-01\nCategory: news\n\nRuritania tested an ICBM; Borduria asked for an armistice.\n",
}


def pelican(content, settings_file, output):
    """Plain `pelican`, as a newsroom runs it: no strict runner of ours."""
    result = subprocess.run(
        [sys.executable, "-m", "pelican", str(content), "-s", str(settings_file), "-o", str(output)],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=content.parent,
        env=dict(os.environ, COLUMNS="400"),
    )
    return result.returncode, result.stdout + result.stderr


def soup(path):
    return BeautifulSoup(Path(path).read_text(encoding="utf-8"), "html.parser")


def heading(page):
    """The page's own heading (the default theme's banner holds an h1 with the site's name first)."""
    return page.find_all("h1")[-1].get_text()


@pytest.fixture(scope="module")
def plain_site(tmp_path_factory):
    root = tmp_path_factory.mktemp("plain")
    content = make_site(root, PLAIN_FILES)
    settings = write(root / "pelicanconf.py", PLAIN_SETTINGS + 'EXPLAINER_RELATION_TYPES = {"rival": {}}\n')
    code, log = pelican(content, settings, root / "output")
    assert code == 0 and "ERROR" not in log and "Traceback" not in log, log
    return root / "output"


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
    assert graph.select("line.edge-rival") and [t.get_text() for t in graph.select("text.edge-label")][0].startswith("rival ")
    assert [item.get_text(" ", strip=True).split(" (")[0] for item in index.select(".graph-legend li")] == ["rival"]
    assert soup(plain_site / "glossary/index.html").select("dt a")


def test_the_popover_works_in_the_default_theme(plain_site, browser, serve):
    base = serve(plain_site)
    page = browser.new_page()
    page.goto(f"{base}/the-launch.html")
    page.hover('a[data-term="glossary:icbm"]')
    popover = page.locator("#term-popover")
    popover.wait_for(state="visible")
    assert "5,500 km" in popover.inner_text()
    page.keyboard.press("Escape")
    popover.wait_for(state="hidden")
    page.close()


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
    code, log = pelican(content, settings, tmp_path / "output")
    assert "EXPLAINER_ENTITY_TYPES['glossary'] has unknown option(s) tempalte" in log and "Traceback" not in log
    assert "content mistake" not in log, "the kinds' defaults stand in, so nothing else follows from the typo"


TRANSLATED = {
    "glossary/icbm.md": 'Title: ICBM\nCategory: weapon\nSummary: A missile that can fly more than 5,500 km.\n\nAn intercontinental ballistic missile.[^r]\n\n[^r]: Reuters, "A report", 1 July 2023.\n',
    "glossary/icbm-ko.md": 'Title: 대륙간탄도미사일\nSlug: icbm\nLang: ko\nCategory: weapon\nSummary: 사거리 5,500km 이상의 미사일.\n\n대륙간탄도미사일 설명.[^r]\n\n[^r]: Reuters, "A report", 1 July 2023.\n',
    "articles/probe.md": 'Title: The probe\nDate: 2024-01-01\nSlug: probe\nSummary: A test.\n\nThe ICBM flew.[^a][^b][^c]\n\n[^a]: Reuters, "One", 1 July 2023.\n[^b]: Associated Press, "Two", 2 July 2023.\n[^c]: Yonhap News Agency, "Three", 3 July 2023.\n',
    "articles/probe-ko.md": 'Title: 시험\nDate: 2024-01-01\nSlug: probe\nLang: ko\nSummary: 시험.\n\n그 대륙간탄도미사일 이 날았다. ICBM 도.[^a][^b][^c]\n\n[^a]: Reuters, "One", 1 July 2023.\n[^b]: Associated Press, "Two", 2 July 2023.\n[^c]: Yonhap News Agency, "Three", 3 July 2023.\n',
}


def test_a_translation_links_its_own_language_glossary_at_addresses_of_the_same_scheme(tmp_path):
    site = build(make_site(tmp_path, TRANSLATED), tmp_path / "output")
    korean = site.html("ko/articles/probe/")
    assert [(a.get_text(), a["href"]) for a in korean.select("a.term")] == [("대륙간탄도미사일", "/ko/glossary/icbm/")]
    english = site.html("articles/probe/")
    assert [(a.get_text(), a["href"]) for a in english.select("a.term")] == [("ICBM", "/glossary/icbm/")]
    term = site.html("ko/glossary/icbm/")
    assert "언급된 글" in term.get_text() and "시험" in term.select_one("#mentioned-in").parent.get_text()
    assert "Mentioned in" in site.html("glossary/icbm/").get_text()
    assert not (site.output / "probe-ko.html").exists()


def test_one_command_lays_out_a_new_site_that_builds_green(tmp_path):
    folder = tmp_path / "new-site"
    made = subprocess.run(
        [str(Path(sys.executable).parent / "pelican-explainer-new-site"), str(folder), "--title", "Summit, explained"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert made.returncode == 0, made.stderr
    assert {
        "Makefile",
        "pelicanconf.py",
        "content/articles/what-happened.md",
        "content/glossary/communique.md",
        "content/countries/examplia.md",
        "theme/templates/base.html",
    } <= {str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file()}
    built = subprocess.run(["make", "-C", str(folder), "build"], capture_output=True, text=True, timeout=300)
    assert built.returncode == 0, built.stdout + built.stderr
    article = soup(folder / "output/articles/what-happened/index.html")
    assert "What happened" in article.title.get_text() and "Summit, explained" in article.title.get_text()
    assert {a["href"] for a in article.select("a.term")} == {"/countries/examplia/", "/glossary/communique/"}
    assert (folder / "output/glossary/communique/index.html").is_file() and (
        folder / "output/countries/examplia/index.html"
    ).is_file()
    again = subprocess.run(
        [str(Path(sys.executable).parent / "pelican-explainer-new-site"), str(folder)], capture_output=True, text=True
    )
    assert again.returncode == 1 and "already exists" in again.stderr  # never writes over a site
