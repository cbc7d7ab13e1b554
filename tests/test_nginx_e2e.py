"""The published site as readers get it: deployed by rsync, served by Debian's nginx with deploy/nginx.conf.

A private copy of the project is deployed with `make deploy DEPLOY=rsync` into a temporary folder, for
SITEURL = http://127.0.0.1:<free port>. Debian's nginx then serves that folder on 127.0.0.1 with
deploy/nginx.conf, in which only the lines marked EDIT (listen, server_name, root) are substituted; it runs
with its own main configuration in a temporary folder and is stopped by its pid at the end.

Chromium (through Playwright) goes home → an article → hovers a term and sees its popover → a country
page → a missing URL, which answers 404 with the site's 404 page. Plain HTTP requests check the
precompressed responses (gzip, and Brotli with Debian's libnginx-mod-http-brotli-static), the cache
headers and the security headers. Under CI=true a missing tool fails; elsewhere the test is skipped.
"""

import gzip
import http.client
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from nginx_server import serving

pytestmark = pytest.mark.browser

ONE_YEAR = 31536000


class Served:
    def __init__(self, base_url, port, www, brotli):
        self.base_url, self.port, self.www, self.brotli = base_url, port, Path(www), brotli

    def get(self, path, **headers):
        """(status, headers as a dict with lower-case names, raw body): no redirect followed, no decoding."""
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)
        try:
            connection.request("GET", path, headers=headers)
            response = connection.getresponse()
            return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()
        finally:
            connection.close()


@pytest.fixture(scope="module")
def served(tmp_path_factory, deployed_site):
    """The session's `make deploy DEPLOY=rsync` (conftest.deployed_site), served by nginx."""
    www, port, base_url = deployed_site.www, deployed_site.port, deployed_site.base_url
    assert (www / "index.html").is_file() and (www / "index.html.gz").is_file() and (www / "index.html.br").is_file()

    tmp = tmp_path_factory.mktemp("nginx-e2e")
    with serving(www, port, tmp) as brotli:
        yield Served(base_url, port, www, brotli)


def max_age(cache_control):
    match = re.search(r"max-age=(\d+)", cache_control or "")
    return int(match[1]) if match else None


def short_lived(cache_control):
    """Revalidated on every use, or kept ten minutes at most: how pages, feeds and the 404 page are sent."""
    cache_control = cache_control or ""
    return ("no-cache" in cache_control or 0 < (max_age(cache_control) or 0) <= 600) and "immutable" not in cache_control


# The reader's path --------------------------------------------------------------------------------------


def test_home_article_term_popover_country_and_404_in_chromium(served, browser):
    base = served.base_url
    problems = []
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    page.on(
        "console", lambda message: problems.append(f"console {message.type}: {message.text}") if message.type == "error" else None
    )
    page.on("pageerror", lambda error: problems.append(f"page error: {error}"))
    try:
        home = page.goto(f"{base}/")
        assert home.status == 200
        assert home.headers.get("content-encoding") in ("br", "gzip"), "the home page is sent precompressed"

        article = page.locator(f"a[href^='{base}/articles/']").first
        article_url = article.get_attribute("href")
        article.click()
        page.wait_for_url(article_url)
        assert page.locator("h1").first.is_visible()

        term = page.locator(f"a.term[href^='{base}/glossary/']").first
        term_name = term.inner_text().strip()
        term.hover()
        popover = page.locator("#term-popover")
        popover.wait_for(state="visible")
        assert popover.inner_text().strip(), f"the popover for {term_name!r} is empty"

        page.mouse.move(0, 0)
        country = page.locator(f"a[href^='{base}/countries/'][href$='/']:not([href='{base}/countries/'])").first
        country_url = country.get_attribute("href")
        country.click()
        page.wait_for_url(country_url)
        assert page.locator("h1").first.inner_text().strip()

        missing = page.goto(f"{base}/no-such-page/")
        assert missing.status == 404
        expected_title = BeautifulSoup((served.www / "404.html").read_text(encoding="utf-8"), "lxml").title.get_text()
        assert page.title() == expected_title, "the missing URL shows the site's own 404 page"
        assert (
            page.locator("link[rel='stylesheet']").count() and page.evaluate("getComputedStyle(document.body).fontFamily") != ""
        ), "the 404 page is styled"
    finally:
        context.close()
    # The 404 page's failed request itself is reported on the console; anything else is a problem (CSP, scripts).
    problems = [line for line in problems if "404" not in line]
    assert not problems, "\n".join(problems)


def test_search_works_under_the_servers_content_security_policy(served, browser):
    page = browser.new_page()
    problems = []
    page.on("console", lambda message: problems.append(message.text) if message.type == "error" else None)
    try:
        page.goto(f"{served.base_url}/search/?q=parade")
        page.wait_for_load_state("networkidle")
        page.locator("#search-results li a").first.wait_for(state="visible", timeout=15000)
        found = page.eval_on_selector_all("#search-results li a", "links => links.map(a => new URL(a.href).pathname)")
        assert "/articles/victory-day-parade-2023/" in found, found
    finally:
        page.close()
    assert not problems, "\n".join(problems)


# Compression, caching, security -------------------------------------------------------------------------


def test_precompressed_files_are_sent_to_clients_that_accept_them(served):
    original = (served.www / "index.html").read_bytes()
    status, headers, body = served.get("/", **{"Accept-Encoding": "gzip"})
    assert status == 200 and headers.get("content-encoding") == "gzip"
    assert body == (served.www / "index.html.gz").read_bytes(), "nginx sends the precompressed file (gzip_static)"
    assert gzip.decompress(body) == original
    assert "accept-encoding" in headers.get("vary", "").lower()
    assert headers["content-type"] == "text/html; charset=utf-8"

    status, headers, body = served.get("/")
    assert status == 200 and "content-encoding" not in headers and body == original

    status, headers, body = served.get("/theme/css/site.css", **{"Accept-Encoding": "gzip"})
    assert status == 200 and headers.get("content-encoding") == "gzip"
    assert gzip.decompress(body) == (served.www / "theme" / "css" / "site.css").read_bytes()

    if served.brotli:
        import brotli

        status, headers, body = served.get("/", **{"Accept-Encoding": "br, gzip"})
        assert status == 200 and headers.get("content-encoding") == "br"
        assert brotli.decompress(body) == original


def test_cache_headers_long_for_fingerprinted_assets_short_for_html(served):
    fragment = sorted((served.www / "pagefind" / "fragment").glob("*.pf_fragment"))[0]
    # Every style, script and icon the pages name has a content-hashed name (asset_url), kept for a year.
    named = set()
    for page in ("index.html", "search/index.html"):
        soup = BeautifulSoup((served.www / page).read_text(encoding="utf-8"), "lxml")
        named |= {
            tag.get("href") or tag.get("src")
            for tag in soup.select("link[href][rel~=stylesheet], link[href][rel~=icon], script[src]")
        }
    assets = {path for path in (url.removeprefix(served.base_url) for url in named) if path.startswith("/theme/")}
    assert len(assets) == 4, f"the site's stylesheet, popover and search scripts and icon, hashed: {sorted(named)}"
    cases = {
        "/": "html",
        "/articles/victory-day-parade-2023/": "html",
        "/feeds/all.atom.xml": "html",
        f"/pagefind/fragment/{fragment.name}": "immutable",
        "/pagefind/pagefind-entry.json": "revalidate",
        "/theme/css/site.css": "asset",
        **dict.fromkeys(assets, "immutable"),
    }
    problems = []
    for path, kind in cases.items():
        status, headers, _ = served.get(path, **{"Accept-Encoding": "gzip"})
        cache = headers.get("cache-control", "")
        ok = (
            status == 200
            and {
                "html": short_lived(cache),
                "immutable": max_age(cache) == ONE_YEAR and "immutable" in cache,
                "revalidate": "no-cache" in cache,
                "asset": (max_age(cache) or 0) >= 86400 and "immutable" not in cache,
            }[kind]
        )
        if not ok:
            problems.append(f"{path} ({kind}): HTTP {status}, Cache-Control: {cache!r}")
    assert not problems, "\n".join(problems)


def test_a_missing_url_gets_the_404_page_with_status_404(served):
    status, headers, body = served.get("/no-such-page/")
    assert status == 404
    assert body == (served.www / "404.html").read_bytes()
    assert short_lived(headers.get("cache-control"))
    assert "content-security-policy" in headers, "security headers are sent with errors too"


def test_a_folder_without_its_slash_redirects(served):
    status, headers, _ = served.get("/articles/victory-day-parade-2023")
    assert status == 301 and headers["location"] == "/articles/victory-day-parade-2023/"


def test_security_headers_include_the_themes_csp_and_frame_ancestors(served):
    status, headers, _ = served.get("/")
    assert status == 200
    header = {
        directive.split()[0]: directive.strip()
        for directive in headers["content-security-policy"].split(";")
        if directive.strip()
    }
    home = BeautifulSoup((served.www / "index.html").read_text(encoding="utf-8"), "lxml")
    meta = home.find("meta", attrs={"http-equiv": "Content-Security-Policy"})
    assert meta is not None, "the theme declares its CSP in a <meta>"
    for directive in (part.strip() for part in meta["content"].split(";") if part.strip()):
        name = directive.split()[0]
        assert header.get(name) == directive, (
            f"deploy/nginx.conf's CSP must repeat the theme's {directive!r} (has {header.get(name)!r})"
        )
    assert header.get("frame-ancestors") == "frame-ancestors 'none'"
    assert headers.get("x-content-type-options") == "nosniff"
    assert headers.get("referrer-policy") == "strict-origin-when-cross-origin"
    assert "camera=()" in headers.get("permissions-policy", "") and "geolocation=()" in headers["permissions-policy"]
    assert headers.get("server") == "nginx", "server_tokens off hides the version"
