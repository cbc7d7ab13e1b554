"""Search works offline in a real browser and finds explainers, glossary terms and countries."""

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


@pytest.mark.parametrize("query, expected", [
    ("Shoigu", "/glossary/sergei-shoigu/"),
    ("Politburo", "/glossary/politburo/"),
    ("Ukraine", "/countries/ukraine/"),
    ("solid propellant", "/articles/hwasong-18-solid-propellant/"),
])
def test_search_finds_terms_countries_and_explainers(browser, serve, built_with_index, query, expected):
    base = serve(built_with_index)
    page = browser.new_page()
    page.goto(f"{base}/")
    page.fill("#site-search-input", query)
    page.press("#site-search-input", "Enter")
    page.wait_for_url(f"{base}/search/?q=*")
    page.locator("#search-results li a").first.wait_for(timeout=15000)
    hrefs = page.eval_on_selector_all("#search-results li a", "links => links.map(a => new URL(a.href).pathname)")
    assert expected in hrefs, hrefs
    assert "result" in page.locator("#search-status").inner_text()
    page.close()
