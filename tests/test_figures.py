"""Pictures: locator maps, flags, the row of people on the reviewing stand, as a reader and an author meet them."""

import gzip
import itertools
import re
from urllib.parse import urlsplit
from xml.etree import ElementTree as ET

import pytest
from bs4 import BeautifulSoup

from conftest import ROOT, article, build, country, make_site, term
from pelican.plugins.explainer.pages import labels
from pelican.plugins.explainer.pages.geography import MIN_LABEL_PX, NARROWEST_SHOWN, PALETTE

MAX_MAP_GZIPPED = 20_000  # a map must leave most of a page's 50 kB to the page

PEOPLE = {
    "glossary/kim-jong-un.md": term(
        "Kim Jong Un", "North Korea's leader.", "person", office="Leader of North Korea", country="north-korea"
    ),
    "glossary/sergei-shoigu.md": term(
        "Sergei Shoigu", "Russia's defence minister.", "person", office="Russia's defence minister", country="russia"
    ),
    "glossary/li-hongzhong.md": term("Li Hongzhong", "A Chinese Politburo member.", "person", office="Chinese Politburo member"),
}
ROW = {
    "people_row": "sergei-shoigu, kim-jong-un, li-hongzhong",
    "people_row_source": "r",
    "people_row_caption": "Kim stood between Shoigu and Li; the report does not say who stood on which side.",
}
MISSILE_LINES = (  # the crowded case: as many missiles, with names as long, as fit side by side on a phone
    "Hwasong-17 | length 24.5–26.5 m | diameter 2.4–2.5 m | stages 2 | fuel liquid [^r]\n"
    "    Hwasong-18 | length 20 m | fuel solid [^a]\n"
    "    Short One | length 9.5–10.5 m [^y]"
)
SITE = {
    "articles/missiles.md": article("missiles", "Four missiles passed.", countries="north-korea", missiles=MISSILE_LINES),
    "countries/north-korea.md": country("North Korea", "KP, PRK"),
    "countries/russia.md": country("Russia", "RU, RUS"),
    **PEOPLE,
    "articles/parade.md": article(
        "parade", "Kim Jong Un watched with Sergei Shoigu and Li Hongzhong.", countries="north-korea, russia", **ROW
    ),
}


@pytest.fixture(scope="module")
def small_site(tmp_path_factory):
    root = tmp_path_factory.mktemp("figures")
    return build(make_site(root, SITE), root / "output")


def figures(site, page):
    return site.html(page).select("figure")


def test_each_country_page_shows_its_map_with_the_country_highlighted(small_site):
    figure = figures(small_site, "countries/north-korea")[0]
    image = figure.find("img")
    assert image["alt"].startswith("Map with North Korea highlighted") and "China" in image["alt"]
    assert "Source: Natural Earth via world-atlas" in figure.figcaption.get_text()
    svg = small_site.output / urlsplit(image["src"]).path.lstrip("/")
    drawing = BeautifulSoup(svg.read_text(encoding="utf-8"), "xml")
    assert drawing.svg["viewBox"] and int(image["width"]) == int(drawing.svg["width"])
    highlighted = [path for path in drawing.find_all("path") if path.get("fill") in PALETTE]
    assert len(highlighted) == 1 and highlighted[0]["d"].startswith("M")
    assert [text.get_text() for text in drawing.find_all("text")] == ["North Korea"]  # the others are muted and unnamed
    assert "http" not in svg.read_text(encoding="utf-8").replace("http://www.w3.org/2000/svg", "")
    assert len(gzip.compress(svg.read_bytes(), 9)) < MAX_MAP_GZIPPED


def test_the_index_and_each_article_show_a_map_of_their_countries(small_site):
    index = figures(small_site, "countries")[0].find("img")
    assert index["alt"] == "World map with North Korea and Russia highlighted."
    parade = figures(small_site, "articles/parade")[0].find("img")
    assert "North Korea and Russia highlighted" in parade["alt"]


def test_flags_are_the_flag_packages_svg_in_the_page(small_site):
    expected = ET.parse(ROOT / "node_modules/flag-icons/flags/4x3/kp.svg").getroot()
    for page in ("countries/north-korea", "countries"):
        flag = small_site.html(page).select_one("svg.flag")
        assert flag["aria-hidden"] == "true" and flag["width"] and flag["height"]  # decorative: the name is beside it
        assert flag["viewbox"] == expected.get("viewBox") and len(flag.find_all(True)) == len(list(expected.iter())) - 1
    assert not small_site.html("countries").select('img[src^="data:"]'), "no flag costs a request"
    assert not (small_site.output / "flags").exists()


def test_maps_are_named_by_their_content(small_site):
    image = figures(small_site, "countries/north-korea")[0].find("img")
    assert re.fullmatch(r"/maps/kp\.[0-9a-f]{8}\.svg", image["src"])


def people_in(figure):
    """(name, href, country, office) for each entry of a people row, in the page's order."""
    return [
        (
            entry.select_one(".people-row-name").get_text(),
            entry.select_one(".people-row-name")["href"],
            entry.select_one(".people-row-country").get_text(strip=True) if entry.select_one(".people-row-country") else None,
            entry.select_one(".people-row-office").get_text(),
        )
        for entry in figure.select("ol.people-row-list > li")
    ]


def test_the_row_of_people_keeps_the_source_order_and_says_who_each_is(small_site):
    figure = small_site.html("articles/parade").select_one("figure.people-row")
    assert people_in(figure) == [
        ("Sergei Shoigu", "/glossary/sergei-shoigu/", "Russia", "Russia's defence minister"),
        ("Kim Jong Un", "/glossary/kim-jong-un/", "North Korea", "Leader of North Korea"),
        ("Li Hongzhong", "/glossary/li-hongzhong/", None, "Chinese Politburo member"),  # his entry names no country
    ]
    flags = figure.select(".people-row-country svg.flag")
    assert len(flags) == 2 and all(flag["aria-hidden"] == "true" for flag in flags)  # decorative: the name is beside it
    assert not figure.select("text, rect"), "no drawn boxes: every entry is text a screen reader reads in order"
    assert "does not say who stood on which side" in figure.figcaption.get_text()
    source = figure.select_one(".figure-source a")
    assert source.get_text() == "“A report”" and source["href"] == "https://www.reuters.com/world/a-report/"


def test_every_article_and_country_page_of_the_site_has_a_captioned_figure_with_a_source(real_site):
    pages = [
        *sorted((real_site.output / "articles").glob("*/index.html")),
        *sorted((real_site.output / "countries").glob("*/index.html")),
    ]
    assert len(pages) >= 15
    for page in pages:
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "lxml")
        found = [f for f in soup.select("figure") if f.figcaption and "Source:" in f.figcaption.get_text()]
        assert found, page
        for image in soup.select("figure img"):
            assert image["alt"].strip(), page
            assert not urlsplit(image["src"]).netloc, page
    stand = real_site.html("articles/victory-day-parade-2023").select_one("figure.people-row")
    assert [(name, country) for name, _, country, _ in people_in(stand)] == [
        ("Sergei Shoigu", "Russia"),
        ("Kim Jong Un", "North Korea"),
        ("Li Hongzhong", "China"),
    ]
    assert "Associated Press" in stand.select_one(".figure-source").get_text()


def map_of(site, page):
    """The SVG drawing of the first map on `page`."""
    image = site.html(page).select_one("figure.explainer-map img")
    return BeautifulSoup((site.output / urlsplit(image["src"]).path.lstrip("/")).read_text(encoding="utf-8"), "xml").svg


def test_the_sites_maps_name_every_country_and_place_they_show_without_overlap(real_site):
    pages = [f"articles/{p.parent.name}" for p in sorted((real_site.output / "articles").glob("*/index.html"))]
    pages += [f"countries/{p.parent.name}" for p in sorted((real_site.output / "countries").glob("*/index.html"))]
    for page in pages:
        svg = map_of(real_site, page)
        names = [text.get_text() for text in svg.find_all("text")]
        fills = [path for path in svg.find_all("path") if path.get("fill") in PALETTE]
        dots = svg.select("g > circle:not(.range-ring)")
        assert len(names) >= len(fills) + len(dots), page  # a name for each highlighted country and each dot
        assert svg.title.get_text() and svg.desc.get_text(), page
        view_width = float(svg["viewBox"].split()[2])
        found = []
        for text in svg.find_all("text"):
            size = float(text.find_parent("g")["font-size"])
            assert size * NARROWEST_SHOWN / view_width >= MIN_LABEL_PX, (page, text.get_text())
            found.append(
                (
                    text.get_text(),
                    labels.text_box(text.get_text(), float(text["x"]), float(text["y"]), size, text.get("font-weight") == "bold"),
                )
            )
        for (one, a), (other, b) in itertools.combinations(found, 2):
            assert not labels.overlap(a, b), f"{page}: {one!r} overlaps {other!r}"
    lead = map_of(real_site, "articles/victory-day-parade-2023")
    assert {"North Korea", "China", "Russia", "Pyongyang", "Beijing", "Moscow"} <= {t.get_text() for t in lead.find_all("text")}
    assert {"Kazakhstan", "Mongolia", "India"}.isdisjoint(t.get_text() for t in lead.find_all("text"))


def test_the_missile_explainer_draws_its_cited_rings(real_site):
    page = real_site.html("articles/hwasong-18-solid-propellant")
    rings = map_of(real_site, "articles/hwasong-18-solid-propellant").select("circle.range-ring")
    assert [int(ring["data-km"]) for ring in rings] == [1000, 5500, 15000]
    figure = page.select_one("figure.explainer-map")
    assert "estimates" in figure.figcaption.get_text() and "Jiji Press" in figure.figcaption.get_text()
    items = figure.select("ul.range-rings li")
    assert len(items) == len(rings) and all(item.select("a[href^='#fn']") for item in items)
    assert "Washington" in items[-1].get_text() and "Seoul" in items[0].get_text()
    for link in figure.select("ul.range-rings a"):
        assert page.find(id=link["href"][1:]), link["href"]  # each ring's note is on the page


MAP_PAGES = [
    "articles/victory-day-parade-2023/",
    "articles/hwasong-18-solid-propellant/",
    "articles/north-korea-russia/",
    "countries/",
    "countries/south-korea/",
]


@pytest.mark.browser
@pytest.mark.parametrize("width", [360, 1280])
@pytest.mark.parametrize("path", MAP_PAGES)
def test_map_names_are_12_px_and_apart_as_the_browser_draws_them(browser, serve, real_site, path, width):
    base = serve(real_site.output)
    page = browser.new_page(viewport={"width": width, "height": 800})
    page.goto(f"{base}/{path}")
    image = page.locator("figure.explainer-map img").first
    shown, source = image.evaluate("img => [img.getBoundingClientRect().width, img.getAttribute('src')]")
    page.goto(f"{base}{source}")  # the SVG itself, so that its text can be measured with the fonts a reader has
    found = page.evaluate("""() => {
        const svg = document.documentElement;
        return [svg.viewBox.baseVal.width, [...svg.querySelectorAll('text')].map(text => {
            const box = text.getBBox();  // user units, as drawn
            return [text.textContent, parseFloat(getComputedStyle(text).fontSize), box.x, box.y, box.x + box.width, box.y + box.height];
        })];
    }""")
    page.close()
    view_width, texts = found
    assert texts, path
    small = [(name, round(size * shown / view_width, 1)) for name, size, *_ in texts if size * shown / view_width < MIN_LABEL_PX]
    assert not small, f"map names under 12 px at {width} px: {small}"
    overlapping = [
        (one[0], other[0])
        for index, one in enumerate(texts)
        for other in texts[index + 1 :]
        if min(one[4], other[4]) - max(one[2], other[2]) > 0.5 and min(one[5], other[5]) - max(one[3], other[3]) > 0.5
    ]
    assert not overlapping, f"map names drawn over each other: {overlapping}"


@pytest.mark.browser
@pytest.mark.parametrize("width", [360, 1280])
def test_missiles_are_drawn_with_12_px_labels_apart_and_a_table_of_the_same_figures(browser, serve, small_site, width):
    figure = small_site.html("articles/missiles").select_one("figure.missiles")
    names = [row.th.get_text() for row in figure.select("tbody tr")]
    assert names == ["Hwasong-17", "Hwasong-18", "Short One"]
    assert figure.svg.title.get_text() and "Short One, 9.5–10.5\u00a0m long" in figure.svg.desc.get_text()
    page = browser.new_page(viewport={"width": width, "height": 800})
    page.goto(f"{serve(small_site.output)}/articles/missiles/")
    shown, view_width, texts, bodies = page.evaluate("""() => {
        const svg = document.querySelector('figure.missiles svg');
        return [svg.getBoundingClientRect().width, svg.viewBox.baseVal.width,
            [...svg.querySelectorAll('text')].map(text => {
                const box = text.getBBox();
                return [text.textContent, parseFloat(getComputedStyle(text).fontSize), box.x, box.y, box.x + box.width, box.y + box.height];
            }),
            [...svg.querySelectorAll('rect.missile-body')].map(rect => rect.getBBox().height)];
    }""")
    page.close()
    small = [(name, round(size * shown / view_width, 1)) for name, size, *_ in texts if size * shown / view_width < MIN_LABEL_PX]
    assert not small, f"missile labels under 12 px at {width} px: {small}"
    overlapping = [
        (one[0], other[0])
        for index, one in enumerate(texts)
        for other in texts[index + 1 :]
        if min(one[4], other[4]) - max(one[2], other[2]) > 0.5 and min(one[5], other[5]) - max(one[3], other[3]) > 0.5
    ]
    assert not overlapping, f"missile labels drawn over each other: {overlapping}"
    off = [name for name, _, left, _, right, _ in texts if left < 0 or right > view_width]
    assert not off, f"labels run off the drawing: {off}"
    assert bodies[1] / bodies[2] == pytest.approx(20 / 9.5, abs=0.01)  # heights in proportion to the cited lengths


MISTAKES = [
    (
        {
            "articles/parade.md": article(
                "parade", "Text.", countries="north-korea", **{**ROW, "people_row": "sergei-shoigu, kim-jong-on"}
            )
        },
        "articles/parade.md:6: People-row names 'kim-jong-on', which is not in glossary/ — did you mean 'kim-jong-un'?",
    ),
    (
        {"articles/parade.md": article("parade", "Text.", countries="north-korea", **{**ROW, "people_row_source": "afp"})},
        "articles/parade.md:7: People-row-source names [^afp], which is not a footnote of this article",
    ),
    (
        {
            "articles/parade.md": article(
                "parade", "Text.", countries="north-korea", **{**ROW, "people_row": "sergei-shoigu, kim-jong-un, sergei-shoigu"}
            )
        },
        "articles/parade.md:6: People-row names 'sergei-shoigu' twice",
    ),
    (
        {"articles/parade.md": article("parade", "Text.", countries="north-korea, north-korea", **ROW)},
        "articles/parade.md:5: Countries names 'north-korea' twice — list it once",
    ),
    (
        {"countries/north-korea.md": country("North Korea", "KX, PRK")},
        "countries/north-korea.md:3: ISO names 'KX', which is no ISO 3166-1 alpha-2 country code",
    ),
    (
        {"countries/north-korea.md": country("North Korea", "KP, KOR")},
        "countries/north-korea.md:3: ISO names KP (Korea, Democratic People's Republic of) and 'KOR', which is not its alpha-3 code",
    ),
    (
        {"countries/north-korea.md": country("North Korea", "KP, PRK").replace("Summary:", "Flag: 🇰🇵\nSummary:")},
        "countries/north-korea.md:5: Flag is no longer used",
    ),
]


@pytest.mark.parametrize(
    "files, expected",
    MISTAKES,
    ids=[
        "unknown slug",
        "unknown footnote label",
        "person twice",
        "country twice",
        "unknown ISO code",
        "mismatched ISO codes",
        "Flag line",
    ],
)
def test_author_mistakes_are_a_path_and_line(tmp_path, files, expected):
    site = build(make_site(tmp_path, {**SITE, **files}), tmp_path / "output", check=False)
    assert site.returncode != 0 and expected in site.log and "Traceback" not in site.log, site.log


def test_a_missing_boundaries_file_is_a_clear_error(tmp_path):
    site = build(
        make_site(tmp_path, SITE),
        tmp_path / "output",
        check=False,
        extra_settings={"EXPLAINER_MAP_BOUNDARIES": str(tmp_path / "nowhere" / "countries-50m.json")},
    )
    assert site.returncode != 0 and "Traceback" not in site.log
    assert (
        "pelicanconf.py: EXPLAINER_MAP_BOUNDARIES is" in site.log and "which does not exist — install the boundaries" in site.log
    )


def test_a_site_without_the_boundaries_builds_without_maps(tmp_path):
    site = build(
        make_site(tmp_path, SITE), tmp_path / "output", extra_settings={"EXPLAINER_MAP_BOUNDARIES": None, "EXPLAINER_FLAGS": None}
    )
    assert not site.html("countries/north-korea").select("figure.explainer-map")
    assert not (site.output / "maps").exists()


PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201"
    "5d0d2ad00000000049454e44ae426082"
)  # a 1 × 1 PNG


def image_site(tmp_path, images_line, body="![Drones on trailers]({static}/images/drones.png)"):
    content = make_site(
        tmp_path,
        {
            **SITE,
            "articles/parade.md": article(
                "parade", f"Kim watched.\n\n{body}\n\nMore text.", countries="north-korea", images=images_line
            ),
        },
    )
    (content / "images").mkdir(exist_ok=True)
    (content / "images" / "drones.png").write_bytes(PNG)
    return content


def test_an_image_alone_in_its_paragraph_is_a_figure_with_caption_credit_and_licence(tmp_path):
    site = build(
        image_site(tmp_path, "images/drones.png | Drones towed through the square | KCNA | Public domain"), tmp_path / "output"
    )
    figure = site.html("articles/parade").select_one("figure.explainer-image")
    assert figure.img["alt"] == "Drones on trailers"
    assert figure.figcaption.get_text(" ", strip=True) == "Drones towed through the square Credit: KCNA. Licence: Public domain."


IMAGE_MISTAKES = [
    (
        "images/drones.png | Drones towed through the square | KCNA",
        "articles/parade.md:6: the Images entry for images/drones.png has no licence — write `images/drones.png | caption | credit | licence`",
    ),
    (
        "images/other.png | A map | Me | CC BY 4.0",
        "articles/parade.md:10: the image images/drones.png has no caption, credit or licence — add a line to the metadata: `Images: images/drones.png | what it shows | who made it | its licence`",
    ),
    (
        "images/drones.png | Drones | KCNA | Public domain\n    ../../../etc/passwd | A file | Me | None",
        "articles/parade.md:7: Images names ../../../etc/passwd, which is outside the content folder — put the image in content/images/",
    ),
]


@pytest.mark.parametrize(
    "images_line, expected", IMAGE_MISTAKES, ids=["missing licence", "no entry for the image", "entry outside content"]
)
def test_an_image_without_its_caption_credit_and_licence_stops_the_build(tmp_path, images_line, expected):
    site = build(image_site(tmp_path, images_line), tmp_path / "output", check=False)
    assert site.returncode != 0 and expected in site.log and "Traceback" not in site.log, site.log


def test_an_image_inside_running_text_is_a_mistake(tmp_path):
    site = build(
        image_site(
            tmp_path,
            "images/drones.png | Drones | KCNA | Public domain",
            body="See ![Drones on trailers]({static}/images/drones.png) here.",
        ),
        tmp_path / "output",
        check=False,
    )
    assert "articles/parade.md:10: the image images/drones.png shares its paragraph with text" in site.log, site.log


def test_topojson_is_decoded_with_shared_arcs_reversed_and_the_antimeridian_crossed():
    from pelican.plugins.explainer.pages import geography

    # Two squares sharing the arc 0 (their common edge), quantized with a scale of 1 and a translate of (10, 20).
    topology = {
        "transform": {"scale": [1, 1], "translate": [10, 20]},
        "arcs": [[[1, 0], [0, 1]], [[1, 1], [-1, 0], [0, -1], [1, 0]], [[1, 0], [1, 0], [0, 1], [-1, 0]]],
        "objects": {
            "countries": {
                "geometries": [
                    {"type": "Polygon", "id": "001", "properties": {"name": "West"}, "arcs": [[0, 1]]},
                    {"type": "Polygon", "id": "002", "properties": {"name": "East"}, "arcs": [[2, ~0]]},
                    {"type": "Polygon", "properties": {"name": "No code"}, "arcs": [[0, 1]]},
                ]
            }
        },
    }
    found = geography.decode(topology, "countries")
    assert sorted(found) == ["001", "002"] and found["001"].name == "West"
    assert found["001"].shape.bounds == (10, 20, 11, 21) and found["002"].shape.bounds == (11, 20, 12, 21)
    assert found["001"].shape.area == found["002"].shape.area == 1
    russia = geography.load(str(ROOT / "node_modules" / "world-atlas" / "countries-50m.json"))["643"]
    mainland = max(russia.shape.geoms, key=lambda part: part.area)
    assert mainland.bounds[0] > 19 and 185 < mainland.bounds[2] < 195  # one piece, carried on past 180°
