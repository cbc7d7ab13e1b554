"""A way into the story (issue 13, item 1): the home page starts with the lead explainer and five sourced
points, lists the explainers in numbered chapters, and each article opens with three sourced key points
and a link back to the lead; on a phone the header is small and the first explainer a few Tabs away."""

import re

import pytest

from conftest import ROOT, article, build, country, make_site

LEAD = "/articles/victory-day-parade-2023/"
ARTICLES = sorted((ROOT / "content" / "articles").glob("*.md"))
_DEFINITION = re.compile(r"^\[\^([^\]]+)\]:.*$", re.M)


def settings():
    """pelicanconf.py's values, as the build reads them."""
    values = {"__file__": str(ROOT / "pelicanconf.py")}
    exec((ROOT / "pelicanconf.py").read_text(encoding="utf-8"), values)
    return values


def metadata(path, key):
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.lower().startswith(key.lower() + ":"):
            return line.split(":", 1)[1].strip()
    return None


def notes_resolve(page, element):
    """Every footnote number in `element` links to a note on the page; returns their targets."""
    targets = [a["href"] for a in element.select("a.footnote-ref")]
    assert all(href.startswith("#") and page.find(id=href[1:]) for href in targets), targets
    return targets


def test_home_page_starts_here_with_the_lead_and_five_sourced_points(real_site):
    home = real_site.html("index.html")
    start = home.select_one("main h2")
    assert start.get_text(strip=True) == "Start here"
    lead = home.select_one(".start-here .lead h3 a")
    assert lead["href"] == LEAD and lead.get_text() == metadata(ROOT / "content/articles/victory-day-parade-2023.md", "Title")
    why = lead.find_parent(class_="lead").find("p").get_text(strip=True)
    assert why == metadata(ROOT / "content/pages/front-door.md", "Summary")
    story = home.select_one(".start-here .story")
    assert story.h3.get_text(strip=True) == "The story in 60 seconds"
    points = story.select(".prose .known > ol > li")  # the five points are what we know (reading/known.py)
    assert len(points) == 5
    for point in points:
        assert notes_resolve(home, point), point.get_text()
    assert len(points[0].get_text().split()) <= 40


def test_the_story_reuses_the_explainers_footnotes_word_for_word():
    """Every source of the five points is one an explainer already cites, copied exactly."""
    used = {found.group(0) for path in ARTICLES for found in _DEFINITION.finditer(path.read_text(encoding="utf-8"))}
    front = [m.group(0) for m in _DEFINITION.finditer((ROOT / "content/pages/front-door.md").read_text(encoding="utf-8"))]
    assert front and set(front) <= used, set(front) - used


def test_home_page_lists_the_explainers_in_numbered_chapters(real_site):
    home = real_site.html("index.html")
    chapters = settings()["EXPLAINER_CHAPTERS"]
    sections = home.select("section.chapter")
    assert len(sections) == len(chapters)
    listed = []
    for section, (number, chapter) in zip(sections, sorted(chapters.items())):
        heading = section.h3.get_text(" ", strip=True)
        assert heading == f"Chapter {number} {chapter['title']}", heading
        assert section.select_one(".chapter-question").get_text(strip=True) == chapter["question"]
        links = [a["href"] for a in section.select("ol.cards > li h4 a")]
        assert links, f"chapter {number} lists no explainer"
        wanted = [f"/articles/{metadata(p, 'Slug')}/" for p in ARTICLES if metadata(p, "Chapter") == str(number)]
        assert sorted(links) == sorted(wanted)
        listed += links
    assert sorted(listed) == sorted(f"/articles/{metadata(p, 'Slug')}/" for p in ARTICLES), "each explainer once"
    assert listed[0] == LEAD, "the lead opens chapter 1"


def test_every_article_opens_with_three_sourced_key_points_and_links_back_to_the_lead(real_site):
    for source in ARTICLES:
        url = f"/articles/{metadata(source, 'Slug')}/"
        page = real_site.html(url.strip("/"))
        header = page.select_one("article > header.article-header")
        box = header.find_next_sibling()
        assert box.name == "section" and "key-points" in box["class"], f"{url}: no key points after the header"
        assert box.h2.get_text(strip=True) == "Key points" and box["aria-labelledby"] == box.h2["id"]
        points = box.select("li")
        assert len(points) == 3, url
        for point in points:
            for href in notes_resolve(page, point):
                body_ref = page.select_one(f'.prose a.footnote-ref[href="{href}"]')
                assert body_ref, f"{url}: {href} is cited in the key points only"
                assert point.select_one(f'a[href="{href}"]').get_text() == body_ref.get_text(), "same number as in the text"
        back = page.select_one("p.start-with a")
        if url == LEAD:
            assert back is None
        else:
            assert back and back["href"] == LEAD, f"{url} does not link back to the parade explainer"
            assert back.find_previous("header", class_="article-header") is header and not back.find_parent(class_="prose")


def test_an_explainer_without_a_chapter_is_listed_after_the_chapters(tmp_path):
    """A site that has not given every article a chapter still shows every one (make check lists them)."""
    content = make_site(
        tmp_path,
        {
            "countries/china.md": country("China", "CN, CHN"),
            "articles/first.md": article("first", "China sent a delegation.", countries="china", chapter="2"),
            "articles/loose.md": article("loose", "China sent a letter.", countries="china"),
        },
    )
    home = build(content, tmp_path / "output").html("index.html")
    sections = home.select("section.chapter")
    assert [s.h3.get_text(" ", strip=True) for s in sections] == ["Chapter 2 Who came and why", "More explainers"]
    assert [a["href"] for a in sections[1].select("h4 a")] == ["/articles/loose/"]
    assert home.select_one(".start-here .lead") is None, "no lead on a site without the lead article"


# (id, text of content/articles/parade-drones.md, what replaces it, the text on the line the message names,
# the message). Tiny edits of a copy of the real content: one mistake each, on a real article.
MISTAKES = [
    (
        "unknown chapter",
        "Chapter: 1",
        "Chapter: 7",
        "Chapter: 7",
        "Chapter is '7', which is not a chapter — use one of 1 (What happened), 2 (Who came and why), 3 (What came next)",
    ),
    ("chapter that is not a number", "Chapter: 1", "Chapter: one", "Chapter: one", "Chapter is 'one', which is not a chapter"),
    ("chapter of spaces", "Chapter: 1", "Chapter:   ", "Chapter:", "Chapter is '', which is not a chapter"),
    (
        "two key points",
        "\n    Joseph Dempsey",
        "\nJoseph Dempsey",
        "Key-points:",
        "Key-points gives 2 point(s) — write exactly 3, one a line",
    ),
    (
        "unknown footnote in a key point",
        "MQ-9 Reaper.[^nkn-drones]",
        "MQ-9 Reaper.[^nk-drones]",
        "[^nk-drones]",
        "the key point cites [^nk-drones], which this article does not define — did you mean 'nkn-drones'?",
    ),
    (
        "unsourced key point",
        "MQ-9 Reaper.[^nkn-drones][^wion-drones][^newsweek-drones]",
        "MQ-9 Reaper.",
        "    Outside analysts",
        "the key point 'Outside analysts said two of them closely resembl…' cites no source",
    ),
]


@pytest.mark.parametrize("old, new, where, message", [case[1:] for case in MISTAKES], ids=[case[0] for case in MISTAKES])
def test_chapter_and_key_point_mistakes_are_named_with_file_and_line(content_copy, tmp_path, old, new, where, message):
    path = content_copy / "articles" / "parade-drones.md"
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    text = text.replace(old, new)
    path.write_text(text, encoding="utf-8")
    line = next(
        number for number, written in enumerate(text.splitlines(), start=1) if written.startswith(where) or where in written
    )
    site = build(content_copy, tmp_path / "output", check=False)
    assert site.returncode != 0
    assert f"articles/parade-drones.md:{line}: {message}" in site.log, site.log
    assert "Traceback" not in site.log


@pytest.mark.parametrize(
    "value, message",
    [
        ({"1": {"title": "What happened"}}, "EXPLAINER_CHAPTERS['1'] needs a title and a question"),
        ({"first": {"title": "A", "question": "B?"}}, "EXPLAINER_CHAPTERS has the key 'first' — number the chapters 1, 2, 3…"),
    ],
    ids=["chapter without a question", "chapter without a number"],
)
def test_a_bad_chapters_setting_is_named_without_a_traceback(content_copy, tmp_path, value, message):
    site = build(content_copy, tmp_path / "output", check=False, extra_settings={"EXPLAINER_CHAPTERS": value})
    assert site.returncode != 0
    assert f"pelicanconf.py: {message}" in site.log, site.log
    assert "Traceback" not in site.log


# In a real browser: the header on a phone, and the Tab stops to the first explainer --------------------------
PHONE = {"width": 375, "height": 812}


@pytest.mark.browser
def test_on_a_phone_the_header_is_small_and_the_first_explainer_is_a_few_tabs_away(browser, serve, real_site):
    base = serve(real_site.output)
    context = browser.new_context(viewport=PHONE, has_touch=True, is_mobile=True)
    page = context.new_page()
    page.goto(f"{base}/")
    bottom = page.evaluate("document.querySelector('.site-header').getBoundingClientRect().bottom")
    assert bottom <= 0.15 * PHONE["height"], f"the header takes {bottom:.0f} px of {PHONE['height']}"
    stops = []
    for _ in range(10):
        page.keyboard.press("Tab")
        stops.append(page.evaluate("document.activeElement.getAttribute('href') || document.activeElement.textContent.trim()"))
        if "/articles/" in stops[-1]:
            break
    assert "/articles/" in stops[-1], f"no explainer in the first 10 Tab stops: {stops}"
    assert stops[0] == "#main", "the skip link comes first"

    menu = page.locator(".nav-menu > summary")
    timeline = page.locator(".site-nav a", has_text="Timeline")
    assert not timeline.is_visible()
    menu.click()
    timeline.wait_for(state="visible")
    timeline.click()
    page.wait_for_url(f"{base}/timeline/")
    page.locator(".nav-menu > summary").click()
    assert page.locator(".site-nav a[aria-current=page]").inner_text() == "Timeline"
    assert page.locator(".search-link").get_attribute("href") == "/search/"
    assert page.locator(".search-link").evaluate("link => link.textContent.trim()") == "Search", "the icon has a name"
    context.close()


@pytest.mark.browser
def test_on_a_desktop_every_section_is_one_click_away(browser, serve, real_site):
    base = serve(real_site.output)
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    page.goto(f"{base}/articles/parade-drones/")
    assert not page.locator(".nav-menu > summary").is_visible()
    for name in ("Explainers", "Timeline", "Countries", "Glossary", "Sources", "About"):
        assert page.locator(".site-nav a", has_text=name).is_visible(), name
    assert page.locator(".search-link").is_visible() and "Search" in page.locator(".search-link").inner_text()
    height = page.evaluate("document.querySelector('.site-header').getBoundingClientRect().height")
    assert height <= 120, f"the desktop header is {height:.0f} px high"
    page.close()
