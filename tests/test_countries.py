"""Country pages, the countries index with its graph, and the mistakes authors can make with countries."""

import pytest

from conftest import article, build, build_fixture_site, country, make_site, term

FILES = {
    "countries/north-korea.md": country(
        "North Korea",
        "KP, PRK",
        [
            "china | ally | 1961-07-11 | Treaty of friendship | https://example.org/treaty",
            "russia | ally | 2024-06-19 | Partnership treaty | Reuters, Treaty signed",
        ],
        aliases="DPRK, North Korean",
    ),
    "countries/china.md": country(
        "China",
        "CN, CHN",
        ["north-korea | ally | 1961-07-11 | Treaty of friendship | https://example.org/treaty"],
        aliases="Chinese",
    ),
    "countries/russia.md": country(
        "Russia", "RU, RUS", ["north-korea | ally | 2024-06-19 | Partnership treaty | Reuters, Treaty signed"]
    ),
    "glossary/li-hongzhong.md": term(
        "Li Hongzhong", "A Chinese Politburo member.", "person", country="china", delegation="Led China's delegation"
    ),
    "glossary/xi-jinping.md": term("Xi Jinping", "China's leader.", "person", country="china"),
    "articles/main.md": article(
        "main", "China sent a delegation. Li Hongzhong went to the DPRK.", date="2024-02-01", countries="china, north-korea"
    ),
    "articles/mention.md": article(
        "mention", "Chinese officials and North Korean ones met; Xi Jinping wrote.", date="2024-03-01", countries="russia"
    ),
    "articles/none.md": article("none", "Nothing about countries here.", date="2024-04-01", countries="russia"),
}


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    return build_fixture_site(tmp_path_factory, "countries", FILES)


def test_country_page_has_facts_explainers_people_delegations_and_relations(site):
    page = site.html("countries/china/")
    assert page.h1.get_text(strip=True).endswith("China")
    facts = page.select_one(".facts").get_text(" ", strip=True)
    assert "The Official China" in facts and "Capital City" in facts and "CN / CHN" in facts
    explainers = [li.get_text(" ", strip=True) for li in page.select(".explainer-titles li")]
    assert explainers[0].startswith("Mention") and "main subject" not in explainers[0]
    assert explainers[1].startswith("Main") and "· main subject" in explainers[1]
    assert "China sent a delegation. Read it in “Main”" in explainers[1]  # the sentence that names China
    assert len(explainers) == 2 and "A test article." not in " ".join(explainers), "explainers are titles, not summaries"
    people = [a.get_text() for a in page.select("#people + ul a")]
    assert people == ["Li Hongzhong", "Xi Jinping"]
    assert page.select_one("#delegations + ul").get_text(" ", strip=True) == "Li Hongzhong : Led China's delegation"
    relation = page.select_one(".relations li")
    assert (
        relation.a["href"] == "/countries/north-korea/"
        and "ally" in relation.get_text()
        and "since 11 July 1961" in relation.get_text(" ", strip=True)
    )
    assert relation.select_one("a.source-ref").get_text() == "example.org", "a URL source is named by its host"
    russia = site.html("countries/russia/")
    assert "Source: Reuters, Treaty signed" in russia.select_one(".relations li").get_text(" ", strip=True)
    assert russia.find(id="delegations") is None and russia.find(id="people") is None, "empty sections are left out"


def test_country_names_link_like_terms_and_article_lists_its_countries(site):
    page = site.html("articles/mention/")
    links = [(a.get_text(), a["href"]) for a in page.select(".prose a.term-country")]
    assert links == [("Chinese", "/countries/china/"), ("North Korean", "/countries/north-korea/")]
    main = site.html("articles/main/")
    assert [a.get_text() for a in main.select(".countries a")] == ["China", "North Korea"]
    # metadata first, then the countries the text mentions
    assert [a.get_text() for a in page.select(".countries a")] == ["Russia", "China", "North Korea"]


def test_term_page_links_its_country(site):
    page = site.html("glossary/li-hongzhong/")
    assert page.select_one(".facts a")["href"] == "/countries/china/"


def test_countries_index_has_cards_graph_and_table(site):
    page = site.html("countries/")
    assert [a.contents[-1].strip() for a in page.select(".country-cards h2 a")] == ["China", "North Korea", "Russia"]
    svg = page.select_one("svg.relations-graph")
    assert svg.title.get_text() and "North Korea" in svg.desc.get_text()
    assert svg["aria-labelledby"] == svg.title["id"] and svg["aria-describedby"] == svg.desc["id"]
    assert len(svg.select(".node")) == 3 and len(svg.select("a.node")) == 3
    assert len(svg.select("line.edge-ally")) == 2
    # the legend shows the types in use, each with its line pattern
    legend = page.select(".graph-legend li")
    assert [item.get_text(" ", strip=True) for item in legend] == ["ally (solid line)"]
    assert legend[0].select_one("line.edge-ally")
    rows = page.select(".relations-table tbody tr")
    assert len(rows) == 2, "one row per pair of countries"


def test_graph_is_deterministic(tmp_path, site):
    again = build(make_site(tmp_path, FILES), tmp_path / "output")
    assert (again.output / "countries/index.html").read_bytes() == (site.output / "countries/index.html").read_bytes()


def failing(tmp_path, files):
    result = build(make_site(tmp_path, {**FILES, **files}), tmp_path / "output", check=False)
    assert result.returncode != 0 and "Traceback" not in result.log
    return result.log


@pytest.mark.parametrize(
    "files, expected",
    [
        (
            {"articles/bad.md": article("bad", "Text.", countries="north-corea")},
            "articles/bad.md:5: Countries names 'north-corea', which is not in countries/ — did you mean 'north-korea'?",
        ),
        (
            {"countries/russia.md": country("Russia", "RU, RUS", ["belarus | ally | 1999 | Union State | https://example.org"])},
            "countries/russia.md:6: the relation names 'belarus', which is not in countries/",
        ),
        (
            {"countries/russia.md": country("Russia", "RU, RUS", ["russia | ally | 1999 | Itself | https://example.org"])},
            "countries/russia.md:6: russia has a relation to itself",
        ),
        (
            {"countries/russia.md": country("Russia", "RU, RUS", ["china | friend | 1999 | Note | https://example.org"])},
            "unknown relation type 'friend' — use one of ally, partner, adversary, at-war, neutral",
        ),
        (
            {"countries/russia2.md": country("Russian Federation", "RU, RUX")},
            "countries/russia2.md:3: the ISO code RU is also used by",
        ),
        (
            {
                "countries/russia2.md": 'Title: Russia again\nSlug: russia\nISO: RX, RXX\nSummary: x.\n\nBody.[^a]\n\n[^a]: R, "x", 1 July 2023.\n'
            },
            "this page would be written to countries/russia/index.html, as",
        ),
        (
            {"glossary/putin.md": term("Vladimir Putin", "Russia's president.", "person", country="rusia")},
            "glossary/putin.md:4: Country names 'rusia', which is not in countries/ — did you mean 'russia'?",
        ),
    ],
    ids=[
        "unknown slug in Countries",
        "relation to unknown",
        "relation to itself",
        "unknown type",
        "duplicate ISO",
        "duplicate slug",
        "term country",
    ],
)
def test_country_mistakes_fail_the_build_with_file_and_line(tmp_path, files, expected):
    log = failing(tmp_path, files)
    assert expected in log, log


def test_one_sided_and_mismatched_relations_are_advice_for_make_check(tmp_path):
    from conftest import ROOT, run_main
    from pelican.plugins.explainer.tooling import cli

    files = {
        **FILES,
        "countries/russia.md": country(
            "Russia",
            "RU, RUS",
            ["north-korea | partner | 2024 | Note | https://example.org", "china | partner | 2022 | Note | https://example.org"],
        ),
    }
    content = make_site(tmp_path, files)
    assert build(content, tmp_path / "output").returncode == 0
    result = run_main(cli.main, ["check", str(content), "-s", str(ROOT / "pelicanconf.py")])
    assert "russia.md:7: the relation to china (partner) is not declared in" in result.stdout and "china.md" in result.stdout
    assert "the relation to russia is 'ally' here but 'partner' in" in result.stdout


@pytest.mark.browser
def test_reader_goes_from_article_to_country_to_related_country(browser, serve, site):
    base = serve(site.output)
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    page.goto(f"{base}/articles/main/")
    page.locator(".countries a", has_text="China").click()
    page.wait_for_url(f"{base}/countries/china/")
    page.locator(".relations a", has_text="North Korea").click()
    page.wait_for_url(f"{base}/countries/north-korea/")
    assert "North Korea" in page.locator("h1").inner_text()
    page.locator(".breadcrumbs a", has_text="Countries").click()
    page.wait_for_url(f"{base}/countries/")
    assert page.locator("svg.relations-graph a.node").count() == 3
    assert page.locator("svg.relations-graph").first.is_visible()
    page.locator("svg.relations-graph a.node", has_text="Russia").click()
    page.wait_for_url(f"{base}/countries/russia/")
    page.close()
