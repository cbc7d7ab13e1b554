"""What readers get on every page: the front door, article extras, search, metadata for machines."""

import json

from conftest import ROOT


def test_home_page_is_a_front_door(real_site):
    home = real_site.html("index.html")
    assert "27 July 2023" in home.select_one(".story").get_text()
    assert len(home.select(".card-grid .card")) == len(list((ROOT / "content" / "articles").glob("*.md")))
    assert len(home.select(".country-chips a")) == len(list((ROOT / "content" / "countries").glob("*.md")))
    assert home.select_one('a[href="/timeline/"]')


def test_article_has_reading_time_contents_related_and_neighbours(real_site):
    page = real_site.html("articles/victory-day-parade-2023/")
    assert "min read" in page.select_one(".dates").get_text()
    toc = [a["href"] for a in page.select(".toc a")]
    assert toc and all(page.find(id=href[1:]) for href in toc)
    related = page.select(".related .card a")
    assert 1 <= len(related) <= 3
    assert page.select_one('.prev-next a[rel="prev"], .prev-next a[rel="next"]')
    assert page.select_one("[data-pagefind-body]")


def test_related_explainers_share_terms_and_countries(real_site):
    page = real_site.html("articles/chinese-delegation/")
    related = [a["href"] for a in page.select(".related .card a")]
    assert "/articles/north-korea-china/" in related


def test_structured_data_and_sharing_metadata(real_site):
    article = real_site.html("articles/victory-day-parade-2023/")
    data = json.loads(article.select_one('script[type="application/ld+json"]').string)
    assert data["@type"] == "NewsArticle" and data["headline"] == "The Victory Day parade of 27 July 2023"
    assert article.select_one('meta[property="og:type"]')["content"] == "article"
    term = json.loads(real_site.html("glossary/icbm/").select_one('script[type="application/ld+json"]').string)
    assert term["@type"] == "DefinedTerm" and term["inDefinedTermSet"]["@type"] == "DefinedTermSet"
    country = json.loads(real_site.html("countries/china/").select_one('script[type="application/ld+json"]').string)
    assert country["@type"] == "Country" and "CN" in country["identifier"]


def test_every_page_has_csp_without_inline_scripts_and_a_plain_description(real_site):
    for path in real_site.pages():
        page = real_site.html(path.relative_to(real_site.output))
        csp = page.select_one('meta[http-equiv="Content-Security-Policy"]')["content"]
        assert "script-src 'self'" in csp and "unsafe-inline" not in csp
        for script in page.select("script"):
            assert script.get("src") or script.get("type") in ("application/json", "application/ld+json"), path
        assert not page.select("[onclick], [onload], [onmouseover]")
        assert "<" not in page.select_one('meta[name="description"]')["content"]
        assert not page.select('[src^="http"], link[href^="http"][rel="stylesheet"]'), "loaded from another origin"


def test_search_page_and_index_exist(real_site):
    page = real_site.html("search/")
    assert page.select_one("input#search-query") and page.select_one('script[src^="/theme/js/search."]')
    # Every page's header leads to search in one step (a link: a form would not fit a phone's one row).
    link = real_site.html("index.html").select_one("header a.search-link")
    assert link["href"] == "/search/" and link.get_text(strip=True) == "Search"
