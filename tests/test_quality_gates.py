"""Quality gates on the site as it is published: valid HTML, no axe violations, no broken internal links,
Lighthouse accessibility, best-practices and SEO scores of at least 0.95 with few, small, cacheable
requests, nothing render-blocking but the stylesheet, no layout shift, and pages of at most 50 KB gzipped.

Every gate gives the same answer on a busy machine as on an idle one: Lighthouse's performance score and
its Core Web Vitals depend on the speed of the CPU, so they are figures `make lighthouse` prints
(tools/lighthouse.py), never a gate here.

The module builds the real content with `make build SETTINGS=publishconf.py` (strict Pelican, Pagefind,
then precompression) into a temporary folder, with SITEURL pointing at a free port on 127.0.0.1, and serves
it there with Debian's nginx, started with its own configuration in a temporary folder and stopped at the end.

The gates that need neither a browser nor a server (Nu HTML Checker, internal links and assets, page weight)
also run on an existing build: with PUBLISHED_OUTPUT=<folder> and SITEURL=<the address it was built for> in
the environment, the module checks that folder instead of building. `make publish` runs them that way on
its new build before the build replaces output/ (see OUTPUT_GATES in the Makefile).

Tools: java (Nu HTML Checker), nginx, Debian's chromium and node_modules/ (`npm ci`, which `make test`
runs). Under CI=true, or when checking a build for publishing, a missing tool fails the test; elsewhere the
test is skipped.
"""

import concurrent.futures
import contextlib
import gzip
import json
import os
import re
import shutil
import subprocess
import urllib.error
import urllib.request
from collections import defaultdict
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest
from bs4 import BeautifulSoup
from nginx_server import need, serving

from conftest import CHROMIUM, ROOT
from tools import lighthouse
from tools.lighthouse import PAGE_TYPES

# The gates driving Chromium (axe, Lighthouse) or serving the site carry this mark; the others run anywhere.
needs_browser = pytest.mark.browser

NODE_MODULES = ROOT / "node_modules"
VNU_JAR = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"
AXE_JS = NODE_MODULES / "axe-core" / "axe.min.js"
LIGHTHOUSE_CLI = lighthouse.LIGHTHOUSE_CLI

# Lighthouse: the scores that do not depend on CPU speed, and the audits that count what is sent.
MIN_LIGHTHOUSE_SCORE = 0.95
LIGHTHOUSE_CATEGORIES = ("accessibility", "best-practices", "seo")
LIGHTHOUSE_AUDITS = ("total-byte-weight", "network-requests", "cumulative-layout-shift", "uses-long-cache-ttl")
MAX_TRANSFER = 100_000  # bytes over the network to load a page, everything included (total-byte-weight)
MAX_REQUESTS = 6  # requests to load a page (network-requests), all to the site itself
MAX_LAYOUT_SHIFT = 0.1  # cumulative-layout-shift: "good" by web.dev's definition
MAX_BLOCKING_STYLESHEETS = 1  # the theme's one stylesheet; no script may block rendering
MAX_PAGE_WEIGHT = 50_000  # bytes: HTML + the CSS and JS it loads, each gzipped at level 9
AXE_VIEWPORTS = ((360, 740), (1280, 900))
AXE_SCHEMES = ("light", "dark")
# Pagefind's index, fragments and WebAssembly load on demand, when a reader searches.
ON_DEMAND_SUFFIXES = (".pagefind", ".pf_meta", ".pf_fragment", ".pf_index", ".wasm")


class PublishedSite:
    """The site as `make publish` builds it, for SITEURL = base_url."""

    def __init__(self, output, base_url, port=None):
        self.output = Path(output)
        self.base_url = base_url.rstrip("/")
        self.port = port  # None: an existing build for a real address, not served by this module

    def pages(self):
        """Every HTML page of the site, Pagefind's internals left out."""
        return sorted(path for path in self.output.rglob("*.html") if path.relative_to(self.output).parts[0] != "pagefind")

    def url_of(self, path):
        relative = path.relative_to(self.output).as_posix()
        if relative == "index.html":
            return self.base_url + "/"
        if relative.endswith("/index.html"):
            return f"{self.base_url}/{relative[: -len('index.html')]}"
        return f"{self.base_url}/{relative}"

    def file_for(self, url):
        """The output file that an internal URL (absolute, under SITEURL) resolves to, or None."""
        path = unquote(urlsplit(url).path)
        base_path = urlsplit(self.base_url).path.rstrip("/")
        if base_path and path.startswith(base_path):
            path = path[len(base_path) :]
        target = self.output / path.lstrip("/")
        try:
            target.resolve().relative_to(self.output.resolve())
        except ValueError:
            return None
        if target.is_dir():
            target = target / "index.html"
        return target if target.is_file() else None

    def is_internal(self, url):
        parts, base = urlsplit(url), urlsplit(self.base_url)
        if (parts.scheme, parts.netloc) != (base.scheme, base.netloc):
            return False
        return parts.path == base.path or parts.path.startswith(base.path.rstrip("/") + "/")


def existing_build():
    """The build named by PUBLISHED_OUTPUT and SITEURL (as `make publish` passes them), or None."""
    folder = os.environ.get("PUBLISHED_OUTPUT")
    if not folder:
        return None
    base_url = os.environ.get("SITEURL", "").rstrip("/")
    if not base_url.startswith(("http://", "https://")):
        pytest.fail(
            f"PUBLISHED_OUTPUT={folder} needs SITEURL, the absolute address it was built for (got {base_url!r})", pytrace=False
        )
    if not (Path(folder) / "index.html").is_file():
        pytest.fail(f"PUBLISHED_OUTPUT={folder} holds no built site (no index.html)", pytrace=False)
    return PublishedSite(folder, base_url)


@pytest.fixture(scope="module")
def published(request):
    """The real content built like publishing does (make publish: Pelican with publishconf.py, Pagefind,
    precompression) and deployed: the session's `make deploy DEPLOY=rsync` for a local port
    (conftest.deployed_site), or the existing build named by PUBLISHED_OUTPUT."""
    existing = existing_build()
    if existing is not None:
        print(f"checking the existing build {existing.output} for {existing.base_url}")
        return existing
    need(shutil.which("make"), "make")
    deployed = request.getfixturevalue("deployed_site")
    site = PublishedSite(deployed.www, deployed.base_url, deployed.port)
    assert (site.output / "index.html").is_file() and (site.output / "pagefind").is_dir(), deployed.result.stdout
    print(f"checking {len(site.pages())} deployed pages")
    return site


@pytest.fixture(scope="module")
def served(published, tmp_path_factory):
    """The published site served by Debian's nginx on 127.0.0.1:<port>, stopped (by its pid) afterwards."""
    if published.port is None:
        pytest.fail(
            f"{published.output} was built for {published.base_url}, not for a local port: the gates that "
            "serve the site build their own copy (run them without PUBLISHED_OUTPUT)",
            pytrace=False,
        )
    with serving(published.output, published.port, tmp_path_factory.mktemp("nginx")):
        yield published


@needs_browser
def test_nginx_serves_pages_and_the_site_404_page(served):
    with urllib.request.urlopen(served.base_url + "/", timeout=10) as response:
        assert response.status == 200 and response.headers.get_content_type() == "text/html"
    not_found = (served.output / "404.html").read_text(encoding="utf-8")
    with pytest.raises(urllib.error.HTTPError) as error:
        urllib.request.urlopen(served.base_url + "/no-such-page/", timeout=10)
    assert error.value.code == 404
    assert error.value.read().decode("utf-8") == not_found, "nginx did not answer with the site's 404.html"


def report(capsys, text):
    """Print past pytest's capture, so the figures show on a passing run too."""
    with capsys.disabled():
        print("\n" + text)


# a. Nu HTML Checker ----------------------------------------------------------------------------------


def test_nu_html_checker_finds_no_error(published):
    need(shutil.which("java"), "java (apt-get install default-jre-headless)")
    need(VNU_JAR.is_file(), f"{VNU_JAR.relative_to(ROOT)} (npm ci)")
    pages = published.pages()
    assert pages
    result = subprocess.run(
        ["java", "-jar", str(VNU_JAR), "--errors-only", "--format", "json", *map(str, pages)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    output = result.stderr.strip() or result.stdout.strip()
    start = output.find("{")
    if start < 0 or result.returncode not in (0, 1):
        pytest.fail(f"vnu.jar printed no report (exit {result.returncode}):\n{output[:4000]}", pytrace=False)
    messages = json.JSONDecoder().raw_decode(output[start:])[0]["messages"]
    errors = [message for message in messages if message.get("type") in ("error", "non-document-error")]
    lines = []
    for message in errors:
        url = message.get("url", "")
        where = Path(unquote(urlsplit(url).path)) if url.startswith("file:") else Path(url)
        with contextlib.suppress(ValueError):
            where = where.relative_to(published.output)
        extract = " ".join(message.get("extract", "").split())
        lines.append(
            f"{where}:{message.get('lastLine', '?')}: {message.get('message')}" + (f"  [{extract[:160]}]" if extract else "")
        )
    if errors:
        pytest.fail(
            f"the Nu HTML Checker found {len(errors)} error(s) in {len(pages)} pages:\n" + "\n".join(lines), pytrace=False
        )


# b. axe-core ----------------------------------------------------------------------------------------

AXE_RUN = """async () => {
  const results = await axe.run();
  return results.violations.map(v => ({
    id: v.id, impact: v.impact, help: v.help,
    targets: v.nodes.map(n => n.target.map(t => Array.isArray(t) ? t.join(' >>> ') : t).join(' ')),
  }));
}"""


@needs_browser
def test_axe_finds_no_violation_at_both_widths_in_light_and_dark(served, browser):
    need(AXE_JS.is_file(), f"{AXE_JS.relative_to(ROOT)} (npm ci)")
    axe_source = AXE_JS.read_text(encoding="utf-8")
    pages = served.pages()
    # Every page as it loads, and the search page showing results too.
    targets = [(path.relative_to(served.output).as_posix(), served.url_of(path)) for path in pages]
    targets.append(("search/?q=parade", f"{served.base_url}/search/?q=parade"))
    found = defaultdict(set)  # (page, id, impact, help, target) → {"360 light", …}
    failures, axe_version = [], "?"
    for width, height in AXE_VIEWPORTS:
        for scheme in AXE_SCHEMES:
            context = browser.new_context(
                viewport={"width": width, "height": height}, color_scheme=scheme, is_mobile=width < 600, has_touch=width < 600
            )
            page = context.new_page()
            try:
                for relative, url in targets:
                    response = page.goto(url, wait_until="load")
                    if response is None or response.status != 200:
                        failures.append(f"{relative}: HTTP {response.status if response else 'no response'}")
                        continue
                    if relative.startswith("search/"):
                        page.wait_for_load_state("networkidle")  # results render after Pagefind loads
                    page.evaluate(axe_source)
                    axe_version = page.evaluate("axe.version")
                    for violation in page.evaluate(AXE_RUN):
                        for target in violation["targets"]:
                            key = (relative, violation["id"], violation["impact"], violation["help"], target)
                            found[key].add(f"{width} px {scheme}")
            finally:
                context.close()
    if failures:
        pytest.fail("pages did not load:\n" + "\n".join(failures), pytrace=False)
    if found:
        grouped = defaultdict(list)  # (page, rule, impact, help, where) → [target, …]
        for (page_name, rule, impact, help_, target), where in sorted(found.items()):
            grouped[(page_name, rule, impact, help_, ", ".join(sorted(where)))].append(target)
        by_rule = defaultdict(set)
        for page_name, rule, *_ in grouped:
            by_rule[rule].add(page_name)
        lines = [
            f"{page_name}: {rule} ({impact}), {len(nodes)} node(s) [{where}]: {help_}\n    at "
            + "; ".join(nodes[:4])
            + (f"; … {len(nodes) - 4} more" if len(nodes) > 4 else "")
            for (page_name, rule, impact, help_, where), nodes in grouped.items()
        ]
        summary = "\n".join(f"  {rule}: {len(on)} page(s)" for rule, on in sorted(by_rule.items()))
        pytest.fail(
            f"axe-core {axe_version} found violations over {len(targets)} pages × {len(AXE_VIEWPORTS)} widths "
            f"× {len(AXE_SCHEMES)} colour schemes:\n{summary}\n" + "\n".join(lines),
            pytrace=False,
        )


# c. Internal links and assets -----------------------------------------------------------------------

URL_ATTRIBUTES = ("href", "src", "action", "poster", "data")


def urls_in(soup):
    """(tag, attribute, value) for every URL a page refers to, srcset candidates included."""
    for tag in soup.find_all(True):
        for attribute in URL_ATTRIBUTES:
            value = tag.get(attribute)
            if isinstance(value, str) and value.strip():
                yield tag.name, attribute, value.strip()
        for attribute in ("srcset", "imagesrcset"):
            for candidate in (tag.get(attribute) or "").split(","):
                if candidate.strip():
                    yield tag.name, attribute, candidate.split()[0]
        if tag.name == "meta" and (tag.get("property", "").startswith("og:") or tag.get("name", "").startswith("twitter:")):
            content = tag.get("content", "")
            if content.startswith(("http://", "https://")):
                yield tag.name, "content", content


def test_every_internal_link_and_asset_resolves(published):
    broken, anchors_missing, checked = [], [], 0
    ids_cache = {}

    def ids_of(target):
        if target not in ids_cache:
            soup = BeautifulSoup(target.read_text(encoding="utf-8"), "lxml")
            ids_cache[target] = {tag["id"] for tag in soup.select("[id]")} | {tag["name"] for tag in soup.select("a[name]")}
        return ids_cache[target]

    for path in published.pages():
        relative = path.relative_to(published.output).as_posix()
        page_url = published.url_of(path)
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")
        ids_cache[path] = {tag["id"] for tag in soup.select("[id]")} | {tag["name"] for tag in soup.select("a[name]")}
        for tag, attribute, value in urls_in(soup):
            if value.startswith(("mailto:", "tel:", "javascript:", "data:", "about:")):
                continue
            url = urljoin(page_url, value)
            if not published.is_internal(url):
                continue
            checked += 1
            target = published.file_for(url)
            if target is None:
                broken.append(f"{relative}: <{tag} {attribute}={value!r}> → nothing at {urlsplit(url).path}")
                continue
            fragment = unquote(urlsplit(url).fragment)
            if fragment and target.suffix == ".html" and fragment not in ids_of(target):
                anchors_missing.append(
                    f"{relative}: <{tag} {attribute}={value!r}> → no id {fragment!r} in {target.relative_to(published.output)}"
                )
    # Assets that the stylesheets load (fonts, images) resolve too.
    for css in sorted(published.output.rglob("*.css")):
        if css.relative_to(published.output).parts[0] == "pagefind":
            continue
        css_url = published.url_of(css)
        for value in re.findall(r"url\(\s*['\"]?([^'\")]+)['\"]?\s*\)", css.read_text(encoding="utf-8")):
            if value.startswith(("data:", "#")):
                continue
            url = urljoin(css_url, value)
            if published.is_internal(url):
                checked += 1
                if published.file_for(url) is None:
                    broken.append(f"{css.relative_to(published.output)}: url({value}) → nothing at {urlsplit(url).path}")
    # The sitemap lists only pages that exist.
    sitemap = published.output / "sitemap.xml"
    if sitemap.is_file():
        for loc in BeautifulSoup(sitemap.read_text(encoding="utf-8"), "xml").find_all("loc"):
            url = loc.get_text(strip=True)
            checked += 1
            if not published.is_internal(url) or published.file_for(url) is None:
                broken.append(f"sitemap.xml: <loc>{url}</loc> is not a page of the site")
    assert checked > 100, f"only {checked} internal URLs found: is SITEURL applied?"
    if broken or anchors_missing:
        pytest.fail(
            f"{len(broken)} broken internal link(s) or asset(s) and {len(anchors_missing)} missing "
            f"anchor(s) out of {checked} internal URLs:\n" + "\n".join(broken + anchors_missing),
            pytrace=False,
        )


# d. Lighthouse --------------------------------------------------------------------------------------


def failing_audits(lhr):
    """A line for every scored audit below Lighthouse's pass mark (0.9), with up to three of its items."""
    lines = []
    for name, category in lhr["categories"].items():
        for ref in category["auditRefs"]:
            audit = lhr["audits"].get(ref["id"], {})
            if (
                audit.get("scoreDisplayMode") not in ("binary", "numeric", "metricSavings")
                or audit.get("score") is None
                or audit["score"] >= 0.9
            ):
                continue
            value = audit.get("displayValue", "")
            lines.append(
                f"  {name}: {ref['id']} ({audit['score']:.2f}) {audit.get('title', '')}" + (f" — {value}" if value else "")
            )
            items = (audit.get("details") or {}).get("items") or []
            for item in items[:3]:
                node = item.get("node") if isinstance(item.get("node"), dict) else {}
                what = node.get("snippet") or node.get("selector") or item.get("url") or item.get("source") or ""
                if isinstance(what, dict):
                    what = what.get("url") or what.get("snippet") or ""
                if what:
                    lines.append(f"      {' '.join(str(what).split())[:200]}")
            if len(items) > 3:
                lines.append(f"      … {len(items) - 3} more")
    return lines


# Lighthouse runs at once: each mostly waits (for the network and the CPU to go quiet, and for its Chromium), and
# none of the gated audits is timed, so they give the same answers side by side as one after another.
LIGHTHOUSE_AT_ONCE = 3


@pytest.fixture(scope="module")
def lighthouse_report(served, tmp_path_factory):
    """lighthouse_report(name) → the Lighthouse report (LHR) of that page type: every page type is run once per
    module, LIGHTHOUSE_AT_ONCE at a time, when the first report is asked for; a page that failed fails its tests."""
    need(shutil.which("node"), "node")
    need(LIGHTHOUSE_CLI.is_file(), f"{LIGHTHOUSE_CLI.relative_to(ROOT)} (npm ci)")
    need(os.path.exists(CHROMIUM), CHROMIUM)
    folder, outcomes = tmp_path_factory.mktemp("lighthouse"), {}  # name → the LHR, or the LighthouseError

    def run(name):
        try:
            return lighthouse.run(
                served.base_url + PAGE_TYPES[name],
                folder / f"{name}.json",
                categories=LIGHTHOUSE_CATEGORIES,
                audits=LIGHTHOUSE_AUDITS,
            )
        except lighthouse.LighthouseError as error:
            return error

    def report_for(name):
        if served.file_for(served.base_url + PAGE_TYPES[name]) is None:
            pytest.fail(f"{PAGE_TYPES[name]} ({name}) is not in the built site", pytrace=False)
        if not outcomes:
            built = [other for other in PAGE_TYPES if served.file_for(served.base_url + PAGE_TYPES[other]) is not None]
            with concurrent.futures.ThreadPoolExecutor(LIGHTHOUSE_AT_ONCE) as pool:
                outcomes.update(zip(built, pool.map(run, built)))
        if isinstance(outcomes[name], lighthouse.LighthouseError):
            pytest.fail(str(outcomes[name]), pytrace=False)
        return outcomes[name]

    return report_for


def audit(lhr, audit_id):
    """A Lighthouse audit of the report; an audit that errored fails the gate rather than passing it."""
    result = lhr["audits"].get(audit_id)
    if result is None or result.get("scoreDisplayMode") == "error":
        pytest.fail(
            f"Lighthouse could not run the {audit_id} audit: {(result or {}).get('errorMessage', 'not in the report')}",
            pytrace=False,
        )
    return result


@needs_browser
@pytest.mark.parametrize("name", PAGE_TYPES)
def test_lighthouse_accessibility_best_practices_and_seo_score_at_least_095(lighthouse_report, name, capsys):
    lhr = lighthouse_report(name)
    scores = {category: lhr["categories"][category]["score"] for category in LIGHTHOUSE_CATEGORIES}
    text = [
        f"Lighthouse {lhr.get('lighthouseVersion')} {name} {PAGE_TYPES[name]}: "
        + ", ".join(f"{c} {s if s is None else round(s, 2)}" for c, s in scores.items())
    ]
    text += failing_audits(lhr)
    report(capsys, "\n".join(text))
    low = {category: score for category, score in scores.items() if score is None or score < MIN_LIGHTHOUSE_SCORE}
    if low:
        pytest.fail(f"{name} {PAGE_TYPES[name]}: scores below {MIN_LIGHTHOUSE_SCORE}: {low}\n" + "\n".join(text), pytrace=False)


@needs_browser
@pytest.mark.parametrize("name", PAGE_TYPES)
def test_lighthouse_a_page_loads_few_small_cacheable_requests_without_layout_shift(lighthouse_report, served, name, capsys):
    """What Lighthouse counts rather than times: bytes and requests sent, cache lifetimes, layout shift."""
    lhr = lighthouse_report(name)
    problems = []
    transfer = audit(lhr, "total-byte-weight")["numericValue"]
    if transfer > MAX_TRANSFER:
        problems.append(f"total-byte-weight: {transfer:,.0f} bytes over the network, more than {MAX_TRANSFER:,}")
    requests = audit(lhr, "network-requests")["details"]["items"]
    if len(requests) > MAX_REQUESTS:
        problems.append(
            f"network-requests: {len(requests)} requests, more than {MAX_REQUESTS}: "
            + ", ".join(urlsplit(item["url"]).path for item in requests)
        )
    elsewhere = [item["url"] for item in requests if not served.is_internal(item["url"])]
    if elsewhere:
        problems.append("network-requests: requests to another origin: " + ", ".join(elsewhere))
    shift = audit(lhr, "cumulative-layout-shift")["numericValue"]
    if shift > MAX_LAYOUT_SHIFT:
        problems.append(f"cumulative-layout-shift: {shift:.3f}, more than {MAX_LAYOUT_SHIFT}")
    # The audit lists each asset it would have cached longer, and scores 1 when it lists none: deploy/nginx.conf
    # keeps fingerprinted assets (asset_url) a year and has HTML and Pagefind's loader revalidated (no-cache).
    for item in (audit(lhr, "uses-long-cache-ttl").get("details") or {}).get("items", []):
        problems.append(
            f"uses-long-cache-ttl: {urlsplit(item['url']).path} is cached for "
            f"{item.get('cacheLifetimeMs', 0) / 1000:.0f} s — name it with asset_url, cached for a year"
        )
    report(
        capsys,
        f"Lighthouse {name} {PAGE_TYPES[name]}: {transfer / 1000:.1f} kB in {len(requests)} requests, layout shift {shift:.3f}",
    )
    if problems:
        pytest.fail(f"{name} {PAGE_TYPES[name]}:\n  " + "\n  ".join(problems), pytrace=False)


def render_blocking(soup):
    """(stylesheets, scripts) that block the first paint: stylesheets for every medium, and external
    scripts in the head loaded neither async, deferred nor as modules."""
    stylesheets = [
        tag["href"]
        for tag in soup.select("link[href]")
        if "stylesheet" in tag.get("rel", [])
        and tag.get("media", "all").strip().lower() in ("", "all", "screen")
        and not tag.has_attr("disabled")
    ]
    scripts = [
        tag["src"]
        for tag in soup.select("head script[src]")
        if not tag.has_attr("async") and not tag.has_attr("defer") and tag.get("type") != "module"
    ]
    return stylesheets, scripts


def test_nothing_but_the_stylesheet_blocks_the_first_paint(published):
    """Render-blocking resources, read from the pages themselves: Lighthouse 12.2.3's render-blocking-resources
    audit errors with Debian's Chromium 156 (its trace engine cannot read the frame events), and it would list
    a resource only when its simulated download takes 50 ms or more."""
    problems = []
    for name, location in PAGE_TYPES.items():
        html = published.file_for(published.base_url + location)
        if html is None:
            problems.append(f"{name}: {location} is not in the built site")
            continue
        stylesheets, scripts = render_blocking(BeautifulSoup(html.read_text(encoding="utf-8"), "lxml"))
        if len(stylesheets) > MAX_BLOCKING_STYLESHEETS:
            problems.append(
                f"{name}: {len(stylesheets)} render-blocking stylesheets ({', '.join(stylesheets)}); "
                f"at most {MAX_BLOCKING_STYLESHEETS}"
            )
        if scripts:
            problems.append(f"{name}: render-blocking scripts {', '.join(scripts)} — load them with defer")
    if problems:
        pytest.fail("\n".join(problems), pytrace=False)


# e. Page weight -------------------------------------------------------------------------------------


def gzipped_size(path):
    return len(gzip.compress(path.read_bytes(), compresslevel=9, mtime=0))


# Page types Lighthouse does not visit (to keep its run short) whose weight is still gated.
WEIGHED_TOO = {
    "glossary": "/glossary/",
    "timeline": "/timeline/",
    "sources": "/sources/",
    "corrections": "/corrections/",
    "about": "/about-and-methodology/",
}


def test_each_page_type_weighs_at_most_50_kb_gzipped(published, capsys):
    rows, heavy, missing = [], [], []
    for name, location in {**PAGE_TYPES, **WEIGHED_TOO}.items():
        html = published.file_for(published.base_url + location)
        if html is None:
            missing.append(f"{name}: {location} is not in the built site")
            continue
        soup = BeautifulSoup(html.read_text(encoding="utf-8"), "lxml")
        page_url = published.url_of(html)
        references = [tag["href"] for tag in soup.select("link[href]") if "stylesheet" in tag.get("rel", [])]
        references += [tag["src"] for tag in soup.select("script[src]")]
        references += [tag["src"] for tag in soup.select("img[src]")]  # maps and flags count too
        parts = [(html.relative_to(published.output).as_posix(), gzipped_size(html))]
        for reference in references:
            url = urljoin(page_url, reference)
            if not published.is_internal(url):
                missing.append(f"{name}: {reference} is not served by the site")
                continue
            target = published.file_for(url)
            if target is None:
                missing.append(f"{name}: {reference} does not exist")
            elif not target.name.endswith(ON_DEMAND_SUFFIXES):
                parts.append((target.relative_to(published.output).as_posix(), gzipped_size(target)))
        total = sum(size for _, size in parts)
        rows.append(f"{name:14} {total / 1000:6.1f} kB  (" + ", ".join(f"{part} {size / 1000:.1f}" for part, size in parts) + ")")
        if total > MAX_PAGE_WEIGHT:
            heavy.append(f"{name} {location}: {total:,} bytes")
    report(capsys, f"Page weight, gzip -9 (limit {MAX_PAGE_WEIGHT / 1000:.0f} kB):\n" + "\n".join(rows))
    if missing or heavy:
        pytest.fail("\n".join(missing + [f"over {MAX_PAGE_WEIGHT:,} bytes gzipped: {line}" for line in heavy]), pytrace=False)
