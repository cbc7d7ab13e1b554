"""Search works offline in a real browser and finds explainers, glossary terms and countries, each labelled
with its kind."""

import pytest

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def built_with_index(made_site):
    assert (made_site / "pagefind" / "pagefind.js").is_file()
    return made_site


@pytest.mark.parametrize(
    "query, expected, kind",
    [
        ("Shoigu", "/glossary/sergei-shoigu/", "Term"),
        ("Politburo", "/glossary/politburo/", "Term"),
        ("Ukraine", "/countries/ukraine/", "Country"),
        ("solid propellant", "/articles/hwasong-18-solid-propellant/", "Explainer"),
    ],
)
def test_search_finds_terms_countries_and_explainers(browser, serve, built_with_index, query, expected, kind):
    base = serve(built_with_index)
    page = browser.new_page()
    page.goto(f"{base}/")
    page.click("a.search-link")  # the header links to the search page
    page.wait_for_url(f"{base}/search/")
    page.fill("#search-query", query)
    page.press("#search-query", "Enter")
    page.wait_for_url(f"{base}/search/?q=*")
    page.locator("#search-results li a").first.wait_for(timeout=15000)
    found = page.eval_on_selector_all(
        "#search-results li",
        "items => items.map(li => [new URL(li.querySelector('a').href).pathname, li.querySelector('.search-kind').textContent])",
    )
    assert [expected, kind] in found, found  # found, and labelled with its kind
    assert "result" in page.locator("#search-status").inner_text()
    page.close()


@pytest.mark.parametrize("query", ["Russia", "Shoigu", "missile"])
def test_excerpts_come_from_the_text_and_start_at_a_sentence(browser, serve, built_with_index, query):
    """No fact-list row ("Person Russia", "RU / RUS") in an excerpt, and no excerpt starting mid-sentence."""
    base = serve(built_with_index)
    page = browser.new_page()
    page.goto(f"{base}/search/?q={query}")
    page.locator("#search-results li a").first.wait_for(timeout=15000)
    excerpts = page.eval_on_selector_all("#search-results .search-excerpt", "ps => ps.map(p => p.textContent)")
    marked = page.eval_on_selector_all("#search-results .search-excerpt mark", "marks => marks.length")
    page.close()
    assert excerpts and marked, excerpts
    for excerpt in excerpts:
        assert "RU / RUS" not in excerpt and "Person Russia" not in excerpt and "Official name" not in excerpt, excerpt
        assert excerpt[:1].isupper() or excerpt[:1].isdigit() or excerpt[:1] in "“\"'(", excerpt
