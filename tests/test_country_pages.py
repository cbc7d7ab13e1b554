"""Country pages answer "what is this country's role here?" first, and the relations graph reads on a phone
(issue 13, items 4 and 5): checked on the site's own six countries, and on small sites for author mistakes."""

import importlib.util
import re

import pytest

from conftest import ROOT, build, make_site
from pelican.plugins.explainer.model.relations import date_words

COUNTRIES = ["china", "north-korea", "russia", "south-korea", "ukraine", "united-states"]
BUILDER_WORDING = (
    "The glossary records no one",
    "None in the glossary",
    "No relations recorded",
    "No explainer is about",
    "No explainer mentions",
)
ISO_DATE = re.compile(r"\b\d{4}-\d{2}(?:-\d{2})?\b")
IN_WORDS = re.compile(
    r"^(?:(?:\d{1,2} )?(?:January|February|March|April|May|June|July|August|September|October|November|December) )?\d{4}$"
)


def test_dates_in_words():
    assert date_words("1961-07-11") == "11 July 1961"
    assert date_words("2020-01") == "January 2020"
    assert date_words("2024-12-04") == "4 December 2024"
    assert date_words("1950") == "1950"


@pytest.mark.parametrize("slug", COUNTRIES)
def test_role_box_comes_first_and_every_line_leads_to_a_note_on_the_page(real_site, slug):
    page = real_site.html(f"countries/{slug}/")
    article = page.select_one("article")
    box = article.select_one("section.role-box")
    assert box is not None, "no Role in this story box"
    assert box.h2.get_text(strip=True) == "Role in this story"
    assert article.find("h2") is box.h2, "the role box is not the first section"
    lines = box.select(".role-line")
    assert lines, "the box is empty"
    for line in lines:
        assert line.dt.get_text(strip=True) and len(line.dd.get_text(strip=True)) > 20
        sources = line.select("a.source-ref")
        assert sources, f"{line.dt.get_text()} has no source"
        for source in sources:
            note = page.find(id=source["href"].removeprefix("#"))
            assert note is not None and note.find_parent(class_="footnote"), f"{source['href']} is not a note on the page"
            assert re.search(r"\d{4}$", source.get_text(strip=True)), "a source names its publication and date"
    headings = [line.dt.get_text(strip=True) for line in lines]
    assert len(headings) == len(set(headings))


def test_role_lines_say_what_the_files_say(real_site):
    """Spot checks: the lines come from the country files, one kind omitted where it does not apply."""
    china = real_site.html("countries/china/").select_one(".role-box")
    assert [dt.get_text(strip=True) for dt in china.select("dt")] == ["At the parade", "Allies and partners"]
    assert "Li Hongzhong" in china.get_text()
    ukraine = real_site.html("countries/ukraine/").select_one(".role-box")
    assert "At the parade" not in ukraine.get_text()
    assert "The key accusation" in ukraine.get_text() and "North Korean" in ukraine.get_text()


@pytest.mark.parametrize("slug", COUNTRIES)
def test_relations_near_the_top_with_a_graph_centred_on_the_country_and_dates_in_words(real_site, slug):
    page = real_site.html(f"countries/{slug}/")
    relations = page.select_one("section.entity-relations")
    overview = page.find(id="overview")
    assert relations is not None and overview in relations.find_all_next(), "relations come before the overview"
    svg = relations.select_one("svg.relations-graph")
    here = svg.select_one("g.node-here")
    assert here is not None and here["data-country"] == slug
    circle = here.circle
    assert abs(float(circle["cx"]) - 160) < 1, "the country is not at the centre"
    for time in relations.select("time"):
        assert IN_WORDS.match(time.get_text(strip=True)), time
        assert time["datetime"].startswith(time.get_text()[-4:])
    text = relations.select_one("ul.relations").get_text(" ", strip=True)
    assert not ISO_DATE.search(text), text


@pytest.mark.parametrize("slug", COUNTRIES)
def test_no_builders_wording_and_explainers_as_titles(real_site, slug):
    page = real_site.html(f"countries/{slug}/")
    text = page.get_text(" ", strip=True)
    for words in BUILDER_WORDING:
        assert words not in text
    for section in page.select("article section"):
        assert section.find(["ul", "dl", "figure", "p"]), f"empty section {section.h2}"
    for item in page.select(".explainer-titles li"):
        assert item.a and item.time, item
        for context in item.select(".mention-context, .mention-jump"):  # the sentence that names the country
            context.decompose()
        assert len(item.get_text(" ", strip=True)) < len(item.a.get_text()) + 40, "an explainer is listed with its summary"


def pairs(site):
    """{frozenset of two slugs: relation type} from every country's Relations, both sides."""
    found = {}
    for slug in COUNTRIES:
        for item in site.html(f"countries/{slug}/").select("ul.relations li"):
            other = item.a["href"].strip("/").split("/")[-1]
            found[frozenset((slug, other))] = item.strong.get_text(strip=True)
    return found


def test_the_table_has_one_row_per_pair_and_reads_as_cards_with_named_sources(real_site):
    page = real_site.html("countries/")
    expected = pairs(real_site)
    rows = page.select(".relations-table tbody tr")
    seen = [frozenset(a["href"].strip("/").split("/")[-1] for a in row.th.select("a")) for row in rows]
    assert len(rows) == len(expected) == len(set(seen)) == 8
    assert set(seen) == set(expected)
    for row in rows:
        assert all(cell.get("data-label") for cell in row.select("td")), "a cell has no label for the phone card"
        assert IN_WORDS.match(row.time.get_text(strip=True))
        for link in row.select('td[data-label="Source"] a'):
            assert link["href"].startswith("http") and re.search(r"\d{4}$", link.get_text(strip=True))


def test_the_graph_is_centred_on_north_korea_with_labelled_lines_linked_nodes_and_its_legend(real_site):
    page = real_site.html("countries/")
    svg = page.select_one("figure.graph svg.relations-graph")
    width, height = (float(value) for value in svg["viewbox"].split()[2:])
    nodes = svg.select("a.node")
    assert sorted(node["data-country"] for node in nodes) == COUNTRIES
    centre = svg.select_one(".node-centre")
    assert centre["data-country"] == "north-korea" and abs(float(centre.circle["cx"]) - width / 2) < 1
    assert height * 0.3 < float(centre.circle["cy"]) < height * 0.7
    for node in nodes:
        slug = node["data-country"]
        assert node["href"] == f"/countries/{slug}/"
        assert node.select_one("text").get_text() == real_site.html(f"countries/{slug}/").h1.get_text(strip=True)
    lines = svg.select("line.edge")
    labels = [text.get_text() for text in svg.select("text.edge-label")]
    assert len(lines) == len(labels) == len(pairs(real_site))
    assert sorted(labels) == sorted(f"{kind} {year}" for kind, year in (label.rsplit(" ", 1) for label in labels)), labels
    assert sorted(label.rsplit(" ", 1)[0] for label in labels) == sorted(pairs(real_site).values())
    assert all(re.fullmatch(r"\d{4}", label.rsplit(" ", 1)[1]) for label in labels)
    legend = {item.get_text(" ", strip=True).split(" (")[0] for item in page.select("figure.graph .graph-legend li")}
    assert legend == {label.rsplit(" ", 1)[0] for label in labels}


def svg_geometry():
    """The plugin's own measure of a graph (plugins/explainer/tests/svg_geometry.py), loaded by its path."""
    spec = importlib.util.spec_from_file_location("svg_geometry", ROOT / "plugins/explainer/tests/svg_geometry.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("path", ["countries/", *(f"countries/{slug}/" for slug in COUNTRIES)])
def test_no_graph_on_the_site_has_a_line_over_a_dot_or_another_line_or_a_name_over_another(real_site, path):
    graphs = real_site.html(path).select("svg.relations-graph")
    assert graphs
    for svg in graphs:
        assert svg_geometry().problems(str(svg)) == []


def test_link_texts_on_the_countries_page_say_what_they_open(real_site):
    page = real_site.html("countries/")
    targets = {}
    for link in page.select("main a[href]"):
        words = link.get_text(" ", strip=True) or link.get("aria-label", "")
        assert words.casefold() not in {"link", "source", "here", "more", "read more"}, link
        targets.setdefault(words, set()).add(link["href"])
    repeated = {words: hrefs for words, hrefs in targets.items() if len(hrefs) > 1}
    assert not repeated, f"one link text opens different pages: {repeated}"


@pytest.mark.browser
@pytest.mark.parametrize("path", ["countries/", "countries/russia/"])
def test_every_graph_label_renders_at_12_px_or_more_at_360_px(browser, serve, real_site, path):
    base = serve(real_site.output)
    page = browser.new_page(viewport={"width": 360, "height": 740})
    page.goto(f"{base}/{path}")
    sizes = page.evaluate("""() => [...document.querySelectorAll('svg.relations-graph text')].map(text => {
        const scale = text.getScreenCTM().a;  // user units to CSS px, as the SVG is drawn
        return [text.textContent, parseFloat(getComputedStyle(text).fontSize) * scale];
    })""")
    assert len(sizes) >= 6
    small = [(text, round(size, 1)) for text, size in sizes if size < 12]
    assert not small, f"labels under 12 px at 360 px: {small}"
    assert page.evaluate("document.documentElement.scrollWidth") <= 360, "the page scrolls sideways"
    page.close()


@pytest.mark.browser
@pytest.mark.parametrize("width", [360, 1280])
@pytest.mark.parametrize("path", ["countries/", *(f"countries/{slug}/" for slug in COUNTRIES)])
def test_no_two_graph_labels_overlap_as_the_browser_draws_them(browser, serve, real_site, path, width):
    base = serve(real_site.output)
    page = browser.new_page(viewport={"width": width, "height": 800})
    page.goto(f"{base}/{path}")
    boxes = page.evaluate("""() => [...document.querySelectorAll('svg.relations-graph text')].map(text => {
        const box = text.getBoundingClientRect();
        return [text.textContent, box.left, box.top, box.right, box.bottom];
    })""")
    page.close()
    assert boxes
    overlapping = [
        (one[0], other[0])
        for index, one in enumerate(boxes)
        for other in boxes[index + 1 :]
        if min(one[3], other[3]) - max(one[1], other[1]) > 0.5 and min(one[4], other[4]) - max(one[2], other[2]) > 0.5
    ]
    assert not overlapping, f"labels drawn over each other at {width} px: {overlapping}"


# --- Author mistakes in Role lines ---------------------------------------------------------------


def country_file(title, iso, role_lines, relations=()):
    head = [f"Title: {title}", f"Official-name: {title}", f"ISO: {iso}", "Capital: A City", f"Summary: {title} in the story."]
    if relations:
        head.append("Relations: " + "\n    ".join(relations))
    if role_lines:
        head.append("Role: " + "\n    ".join(role_lines))
    return "\n".join(head) + (
        "\n\nIt sent a delegation.[^r] It signed a treaty.[^a]\n\n"
        '[^r]: Reuters, "A report", 1 July 2023, <https://www.reuters.com/world/a-report/>\n'
        '[^a]: Associated Press, "A story", 2 July 2023, <https://apnews.com/article/a-story>\n'
    )


GOOD = {
    "countries/alpha.md": country_file(
        "Alpha", "FR, FRA", ["at-parade | Sent a delegation.[^r]"], ["beta | ally | 2020-01 | A treaty | [^a]"]
    ),
    "countries/beta.md": country_file("Beta", "DE, DEU", [], ["alpha | ally | 2020-01 | A treaty | [^a]"]),
}


def test_a_role_line_and_a_relation_source_become_named_links_to_the_notes(tmp_path):
    site = build(make_site(tmp_path, GOOD), tmp_path / "output")
    page = site.html("countries/alpha/")
    source = page.select_one(".role-box a.source-ref")
    assert source.get_text() == "Reuters, 1 July 2023" and page.find(id=source["href"][1:]) is not None
    relation = page.select_one("ul.relations li")
    assert "since January 2020" in relation.get_text(" ", strip=True)
    assert relation.select_one("a.source-ref").get_text() == "Associated Press, 2 July 2023"
    assert site.html("countries/beta/").select_one(".role-box") is None, "a country with no Role lines has no box"


def test_a_note_cited_only_in_relations_or_role_lines_counts_as_cited(tmp_path):
    """The README recommends citing a relation with a footnote of the same file: that is a citation."""
    only_there = '[^t]: Interfax, "A treaty signed", 3 July 2023, <https://interfax.com/newsroom/top-stories/1/>\n'
    files = {
        "countries/alpha.md": country_file(
            "Alpha", "FR, FRA", ["at-parade | Signed a treaty.[^t]"], ["beta | ally | 2020-01 | A treaty | [^t]"]
        )
        + only_there,
        "countries/beta.md": country_file("Beta", "DE, DEU", [], ["alpha | ally | 2020-01 | A treaty | [^a]"]),
    }
    site = build(make_site(tmp_path, files), tmp_path / "output")
    page = site.html("countries/alpha/")
    for link in page.select(".role-box a.source-ref, ul.relations a.source-ref"):
        assert link.get_text() == "Interfax, 3 July 2023" and page.find(id=link["href"][1:]) is not None
    note = page.find(id="fn:t")
    assert note.select("a.footnote-backref") == [], "no 'Back to the text' where the text never cites it"


@pytest.mark.parametrize(
    "line, expected",
    [
        ("at-parde | Sent a delegation.[^r]", "countries/alpha.md:7: unknown role 'at-parde' — did you mean 'at-parade'?"),
        ("at-parade | Sent a delegation.", "countries/alpha.md:7: the role 'at-parade' cites no source"),
        ("at-parade | Sent a delegation.[^nope]", "countries/alpha.md:7: [^nope] is not a footnote of this file"),
        ("at-parade Sent a delegation.[^r]", "countries/alpha.md:7: the role 'at-parade Sent a delegation.[^r]' needs two parts"),
        ("at-parade | [^r]", "countries/alpha.md:7: the role 'at-parade' has a source but no words"),
    ],
    ids=["unknown kind", "no source", "undefined note", "no separator", "no words"],
)
def test_role_mistakes_are_reported_with_file_and_line(tmp_path, line, expected):
    files = {**GOOD, "countries/alpha.md": country_file("Alpha", "FR, FRA", [line], ["beta | ally | 2020-01 | A treaty | [^a]"])}
    result = build(make_site(tmp_path, files), tmp_path / "output", check=False)
    assert result.returncode != 0 and "Traceback" not in result.log
    assert expected in result.log, result.log


def test_a_role_given_twice_and_a_relation_citing_an_unknown_note_are_mistakes(tmp_path):
    files = {
        **GOOD,
        "countries/alpha.md": country_file(
            "Alpha",
            "FR, FRA",
            ["allies | Beta.[^a]", "allies | Beta again.[^r]"],
            ["beta | ally | 2020-01 | A treaty | [^treaty]"],
        ),
    }
    result = build(make_site(tmp_path, files), tmp_path / "output", check=False)
    assert result.returncode != 0 and "Traceback" not in result.log
    assert "countries/alpha.md:8: the role 'allies' is given twice — keep one line per kind" in result.log, result.log
    assert "countries/alpha.md:6: [^treaty] is not a footnote of this file" in result.log, result.log


def test_without_a_centre_setting_the_country_with_most_relations_is_at_the_centre(tmp_path):
    files = {
        "countries/alpha.md": country_file("Alpha", "FR, FRA", [], ["beta | ally | 2020 | A treaty | [^a]"]),
        "countries/beta.md": country_file(
            "Beta", "DE, DEU", [], ["alpha | ally | 2020 | A treaty | [^a]", "gamma | partner | 2021 | A deal | [^r]"]
        ),
        "countries/gamma.md": country_file("Gamma", "IT, ITA", [], ["beta | partner | 2021 | A deal | [^r]"]),
    }
    site = build(make_site(tmp_path, files), tmp_path / "output", extra_settings={"EXPLAINER_GRAPH_CENTRE": None})
    page = site.html("countries/")
    assert page.select_one("svg.relations-graph .node-centre")["data-country"] == "beta"
    assert len(page.select(".relations-table tbody tr")) == 2


def test_a_misspelt_graph_centre_is_advice_for_make_check(tmp_path):
    from conftest import ROOT, run_main, write
    from pelican.plugins.explainer.tooling import cli

    settings = write(
        tmp_path / "pelicanconf.py",
        f"__file__ = {str(ROOT / 'pelicanconf.py')!r}\n"
        f"exec(open(__file__, encoding='utf-8').read())\n"
        "EXPLAINER_GRAPH_CENTRE = 'alfa'\n",
    )
    content = make_site(tmp_path, GOOD)
    result = run_main(cli.main, ["check", str(content), "-s", str(settings)])
    assert (
        "pelicanconf.py: EXPLAINER_GRAPH_CENTRE names 'alfa', which is not in countries/ — did you mean 'alpha'?" in result.stdout
    ), result.stdout
    assert "Traceback" not in result.stdout + result.stderr


def test_role_kinds_that_are_not_a_dict_of_headings_are_a_settings_mistake(tmp_path):
    result = build(
        make_site(tmp_path, GOOD), tmp_path / "output", check=False, extra_settings={"EXPLAINER_ROLE_TYPES": ["allies"]}
    )
    assert result.returncode != 0 and "Traceback" not in result.log
    assert "pelicanconf.py: EXPLAINER_ROLE_TYPES is ['allies'] — give a dict of kind → heading" in result.log, result.log
