"""The timeline a reader can look at and filter, and search that tells the truth (issue 13, items 6 and 7).

The timeline: eras with headings, each an ordered list in date order with `<time datetime>`, the events of
25–27 July 2023 marked with a label, explainer links named after their explainers, and a country filter
that only hides events once JavaScript has shown it. Its author mistakes are `path:line` errors.
Search, on a site built by `make build` (Pagefind included): the true total, "Show more", each result
labelled with its kind, excerpts without field labels or footnote numbers.
"""

import os
import re

import pytest
from bs4 import BeautifulSoup

from conftest import ROOT, build

TIMELINE = ROOT / "content" / "pages" / "timeline.md"
ERAS = [
    "The Korean War, 1950–53",
    "Treaties of 1961",
    "Sanctions, summits and a closed border, 2006–20",
    "War in Ukraine and new missiles, 2022–23",
    "The parade, July 2023",
    "After the parade, 2023–26",
]
PARADE_DAYS = {"2023-07-25", "2023-07-26", "2023-07-27"}
KINDS = {"articles": "Explainer", "glossary": "Term", "countries": "Country"}
MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
# A footnote number in an excerpt stands after the end of a sentence, before the next one: "South Korea. 1 2
# The fighting…", "an invader. 1. North Korean troops…" (a date such as ". 25 June 1950" is not one).
FOOTNOTE_NUMBER = re.compile(rf"[.!?;:”’)]\s+\d{{1,2}}(?:\s+\d{{1,2}})*\.?(?=\s+[A-Z“]|\s*$)(?!\s+(?:{MONTHS})\b)")


def events_in_source():
    """The events as the author wrote them: one `1. **date** — …` line each."""
    return [line for line in TIMELINE.read_text(encoding="utf-8").splitlines() if line.startswith("1. **")]


@pytest.fixture(scope="module")
def site(made_site):
    """The real content built by `make build`: Pelican, then Pagefind's index."""
    return made_site


@pytest.fixture(scope="module")
def timeline(site):
    return BeautifulSoup((site / "timeline" / "index.html").read_text(encoding="utf-8"), "lxml")


def test_each_era_has_a_heading_and_an_ordered_list(timeline):
    eras = timeline.select("section.era")
    assert [era.h2.get_text(strip=True) for era in eras] == ERAS
    for era in eras:
        assert era["aria-labelledby"] == era.h2["id"]
        assert era.select("ol.timeline > li"), era.h2.get_text()
    assert len(timeline.select("ol.timeline > li")) == len(events_in_source())


def test_events_are_in_date_order_and_marked_with_time(timeline):
    dates = [li.select_one("time.event-date")["datetime"] for li in timeline.select("ol.timeline > li")]
    assert all(re.fullmatch(r"\d{4}-\d{2}(-\d{2})?", date) for date in dates), dates
    assert dates == sorted(dates), dates
    assert dates.index("1961-07-06") < dates.index("1961-07-11")  # the Soviet treaty came five days first


def test_year_markers_show_on_the_first_event_of_each_year(timeline):
    for era in timeline.select("ol.timeline"):
        shown = [
            (marker.get_text(), marker.find_parent("li").time["datetime"][:4])
            for marker in era.select(".event-year")
            if not marker.has_attr("hidden")
        ]
        years = [li.time["datetime"][:4] for li in era.select(":scope > li")]
        assert [year for year, _ in shown] == sorted(set(years)), shown
        assert all(year == own for year, own in shown)


def test_the_parade_days_are_highlighted_with_a_label(timeline):
    highlighted = timeline.select("li.event-highlight")
    assert {li.time["datetime"] for li in highlighted} == PARADE_DAYS
    for li in timeline.select("ol.timeline > li"):
        badge = li.select_one(".event-badge")
        assert (badge is not None) == (li in highlighted), li.time.get_text()
        if badge:
            assert badge.get_text(strip=True) == "Parade days"  # words, not a colour alone
    legend = timeline.select_one(".timeline-legend").get_text(" ", strip=True)
    assert "25–27 July 2023" in legend and "Parade days" in legend


def test_explainer_links_are_named_after_their_explainers(site, timeline):
    links = timeline.select("ol.timeline .event-explainer a")
    assert len(links) == len(events_in_source())
    by_text = {}
    for link in links:
        article = BeautifulSoup((site / link["href"].strip("/") / "index.html").read_text(encoding="utf-8"), "lxml")
        assert link.get_text() == article.h1.get_text(strip=True)
        by_text.setdefault(link.get_text(), set()).add(link["href"])
    assert "Explainer" not in by_text
    assert all(len(hrefs) == 1 for hrefs in by_text.values()), by_text  # one text, one destination
    texts = [a.get_text(" ", strip=True) for a in timeline.select("ol.timeline a") if "footnote-ref" not in a.get("class", [])]
    assert not [text for text in set(texts) if texts.count(text) > 1 and text not in by_text], texts


def test_every_event_names_its_countries(timeline):
    by_date = {li.time["datetime"]: li.get("data-countries", "").split() for li in timeline.select("ol.timeline > li")}
    assert all(by_date.values()), [date for date, countries in by_date.items() if not countries]
    assert set(by_date["1950-06-25"]) == {"north-korea", "south-korea"}  # named in its words
    assert "russia" in by_date["2023-07-25"]  # Shoigu's glossary entry names Russia
    assert "north-korea" in by_date["2019-04-25"]  # "Kim": added with {: data-countries=… }
    assert "united-states" in by_date["2024-11-04"]  # "The Pentagon said": added too
    assert set(by_date["1961-07-06"]) == {"north-korea", "china", "russia"}  # the Soviet treaty is under Russia's filter too


def test_footnotes_and_facts_are_kept(timeline):
    """Every source the timeline cited before it was marked up is still cited and listed."""
    source = TIMELINE.read_text(encoding="utf-8")
    defined = set(re.findall(r"^\[\^([^\]]+)\]:", source, flags=re.M))
    cited = {a["href"].split(":", 1)[1] for a in timeline.select("ol.timeline a.footnote-ref")}
    # Two footnotes giving one URL are one note (footnotes.py); the other's id stays on it, so links land.
    listed = {label for label in defined if timeline.select_one(f'div.footnote [id="fn:{label}"]')}
    assert cited <= defined and listed == defined and len(defined) == 41  # the 41 sources the timeline has
    assert "five days before its treaty with China" in timeline.get_text()


@pytest.mark.browser
def test_without_javascript_every_event_shows(browser, serve, site):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{serve(site)}/timeline/")
    assert page.locator("#timeline-filter").is_hidden()
    assert page.locator("ol.timeline > li:visible").count() == len(events_in_source())
    context.close()


@pytest.mark.browser
def test_the_country_filter_shows_one_countrys_events(browser, serve, site):
    page = browser.new_page()
    page.goto(f"{serve(site)}/timeline/")
    russia = page.locator("#timeline-filter button[data-country=russia]")
    russia.click()
    assert russia.get_attribute("aria-pressed") == "true"
    shown = page.locator("ol.timeline > li:visible")
    countries = shown.evaluate_all("items => items.map(li => li.dataset.countries.split(' '))")
    assert countries and all("russia" in c for c in countries)
    assert f"({len(countries)})" in russia.inner_text()
    assert (
        page.locator("#timeline-filter-status").inner_text()
        == f"{len(countries)} of {len(events_in_source())} events involve Russia."
    )
    assert page.locator("section.era", has_text="The Korean War, 1950–53").is_hidden()  # no Russian event then
    for era in page.locator("section.era:visible").all():  # the first event left of each year shows its year
        markers = era.locator("ol.timeline > li:visible .event-year:visible").all_inner_texts()
        years = era.locator("ol.timeline > li:visible time").evaluate_all("times => times.map(t => t.dateTime.slice(0, 4))")
        assert markers == sorted(set(years)), (markers, years)
    page.locator("#timeline-filter button", has_text="All countries").click()
    assert shown.count() == len(events_in_source())
    page.close()


def test_timeline_mistakes_are_path_line_errors(content_copy, tmp_path):
    """Out of order, an unreadable date, an unknown country, a date not in bold, events before any era, an
    empty link to a page that is no explainer, a Highlight without dates: each named with its file and line,
    in the same build as a mistake in an article (the timeline's came only on the next build)."""
    path = content_copy / "pages" / "timeline.md"
    text = path.read_text(encoding="utf-8")
    soviet = next(line for line in text.splitlines() if line.startswith("1. **6 July 1961**"))
    chinese = next(line for line in text.splitlines() if line.startswith("1. **11 July 1961**"))
    soviet += '\n   {: data-countries="russia" }'  # the line under it that files it under Russia too
    assert soviet + "\n" + chinese in text
    text = text.replace(soviet + "\n" + chinese, chinese + "\n" + soviet)
    text = text.replace("1. **January 2020**", "1. **Winter 2020**")
    text = text.replace('{: data-countries="north-korea" }', '{: data-countries="north-koreaa" }', 1)
    text = text.replace("1. **8 February 2023** —", "1. 8 February 2023 —")
    text = text.replace("## The Korean War", "1. **1 June 1950** — An event before any era.\n\n## The Korean War")
    text = text.replace(
        "[^xinhua-hs18] []({filename}/articles/hwasong-18-solid-propellant.md)", "[^xinhua-hs18] []({filename}/glossary/icbm.md)"
    )
    text = text.replace("Highlight: 25–27 July 2023, parade days", "Highlight: parade days")
    path.write_text(text, encoding="utf-8")
    article = content_copy / "articles" / "parade-drones.md"  # and a mistake outside the timeline: one round
    article.write_text(article.read_text(encoding="utf-8").replace("\nSummary:", "\nSumary:", 1), encoding="utf-8")
    site = build(content_copy, tmp_path / "out", check=False)
    assert site.returncode != 0
    assert "parade-drones.md" in site.log and "Sumary" in site.log, "the other mistake is reported in the same build"
    lines = text.splitlines()
    relative = os.path.relpath(path, ROOT)  # as the runner shows it: relative to the project, else absolute
    where = str(path) if relative.startswith("..") else relative

    def line_of(start):
        return next(number for number, line in enumerate(lines, start=1) if line.startswith(start))

    assert (
        f"{where}:{line_of('1. **6 July 1961**')}: the event of 6 July 1961 comes after the one of 11 July 1961 — list the timeline's events in date order"
        in site.log
    )
    assert f"{where}:{line_of('1. **Winter 2020**')}: the date 'Winter 2020' is not one the timeline can read" in site.log
    added = line_of('   {: data-countries="north-koreaa" }')
    assert f"{where}:{added}: the event of 25 April 2019 names the country 'north-koreaa'" in site.log
    assert f"{where}:{line_of('1. 8 February 2023')}: a timeline event starts with its date in bold" in site.log
    assert f"{where}:{line_of('1. **1 June 1950**')}: the timeline's events need an era heading above them" in site.log
    assert (
        f"{where}:{line_of('1. **13 April 2023**')}: the event of 13 April 2023 has a link with no text to '{{filename}}/glossary/icbm.md'"
        in site.log
    )
    assert f"{where}:{line_of('Highlight:')}: Highlight is 'parade days' — write the dates to mark and their label" in site.log
    assert "Traceback" not in site.log
    assert not (tmp_path / "out" / "timeline").exists()


def search(page, base, query):
    """Search from the search page and wait for the first results."""
    page.goto(f"{base}/search/?q={query}")
    page.locator("#search-results li").first.wait_for(timeout=15000)
    return page


def total_of(page):
    found = re.match(r"(\d+) results? for “", page.locator("#search-status").inner_text())
    assert found, page.locator("#search-status").inner_text()
    return int(found[1])


@pytest.mark.browser
def test_search_shows_the_true_total_and_shows_more(browser, serve, site):
    page = search(browser.new_page(), serve(site), "Korea")
    total = total_of(page)
    results = page.locator("#search-results > li")
    more = page.locator("#search-more")
    assert total > 20 and results.count() == 10
    assert more.inner_text() == f"Show more ({total - 10} left)"
    more.click()
    page.locator("#search-results > li").nth(19).wait_for()
    assert page.evaluate("document.activeElement.closest('li') === document.querySelectorAll('#search-results > li')[10]")
    while more.is_visible():
        expected = min(results.count() + 10, total)
        more.click()
        page.wait_for_function("n => document.querySelectorAll('#search-results > li').length >= n", arg=expected)
    assert results.count() == total  # the status told the truth
    hrefs = results.locator("a").evaluate_all("links => links.map(a => a.href)")
    assert len(set(hrefs)) == total
    page.close()


@pytest.mark.browser
def test_each_result_is_labelled_with_its_kind(browser, serve, site):
    page = search(browser.new_page(), serve(site), "Pyongyang")
    labels = page.locator("#search-results > li").evaluate_all(
        "items => items.map(li => [li.querySelector('.search-kind').textContent, new URL(li.querySelector('a').href).pathname])"
    )
    seen = set()
    for label, path in labels:
        folder = path.strip("/").split("/")[0]
        assert label == KINDS.get(folder, "Page"), (label, path)
        seen.add(label)
    assert {"Explainer", "Term", "Country"} <= seen, labels
    page.close()


@pytest.mark.browser
@pytest.mark.parametrize("query", ["invaded", "Pyongyang", "Moscow", "Beijing"])
def test_excerpts_have_no_field_labels_or_footnote_numbers(browser, serve, site, query):
    page = search(browser.new_page(), serve(site), query)
    while page.locator("#search-more").is_visible():
        count = page.locator("#search-results > li").count()
        page.locator("#search-more").click()
        page.wait_for_function("n => document.querySelectorAll('#search-results > li').length > n", arg=count)
    excerpts = page.locator("#search-results > li > p").all_inner_texts()
    assert excerpts
    for excerpt in excerpts:
        for label in ("Official name", "ISO codes", "Capital", "Also written", "Category"):  # Pagefind may glue them on
            assert label not in excerpt, excerpt
        assert not FOOTNOTE_NUMBER.search(excerpt), excerpt
    page.close()
