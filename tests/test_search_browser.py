"""Search works offline in a real browser and finds explainers, glossary terms and countries, each labelled
with its kind."""

import os
import subprocess

import pytest

from conftest import ROOT

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def built_with_index(tmp_path_factory):
    output = tmp_path_factory.mktemp("search") / "output"
    env = dict(os.environ)
    env.pop("MAKEFLAGS", None)
    result = subprocess.run(["make", "--no-print-directory", "build", f"OUTPUT={output}"], cwd=ROOT, env=env,
                            capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout + result.stderr
    assert (output / "pagefind" / "pagefind.js").is_file()
    return output


@pytest.mark.parametrize("query, expected, kind", [
    ("Shoigu", "/glossary/sergei-shoigu/", "Term"),
    ("Politburo", "/glossary/politburo/", "Term"),
    ("Ukraine", "/countries/ukraine/", "Country"),
    ("solid propellant", "/articles/hwasong-18-solid-propellant/", "Explainer"),
])
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
    found = page.eval_on_selector_all("#search-results li", "items => items.map(li => [new URL(li.querySelector('a').href).pathname, li.querySelector('.search-kind').textContent])")
    assert [expected, kind] in found, found  # found, and labelled with its kind
    assert "result" in page.locator("#search-status").inner_text()
    page.close()
