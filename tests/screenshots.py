"""Phone and desktop screenshots of each page type, in light and dark: `make screenshots`.

    python tests/screenshots.py OUTPUT_DIR SCREENSHOTS_DIR

Serves OUTPUT_DIR on 127.0.0.1 (a free port, Python's http.server in a thread, with the site's 404 page
for missing paths as the real host does) and writes full-page PNGs named <page>-<device>-<scheme>.png,
for example article-phone-dark.png, with Debian's Chromium through Playwright. Exits 1 when a page is
missing (it is still photographed: the reader would see the 404 page). Pieces that open in place (a term's
popover, a footnote's source preview) are photographed open, in the viewport. Then the plugin's tiny site in
each theme it is tested in (theme_sites.py: notmyidea, simple, reflex, engineering) is built into a temporary
folder and photographed too, as themes/<theme>-<page>-<device>.png, with a term's popover open on the article.
"""

import functools
import http.server
import os
import sys
import tempfile
import threading
from pathlib import Path

from theme_sites import ARTICLE, PLUGIN_PAGES, THEMES, build_theme_site

from conftest import CHROMIUM, CHROMIUM_FLAGS  # run as a script from tests/, beside it

# name → path under the site root
PAGES = {
    "home": "/",
    "article": "/articles/victory-day-parade-2023/",
    "missile-article": "/articles/hwasong-18-solid-propellant/",  # its map of range rings
    "glossary-term": "/glossary/icbm/",
    "glossary": "/glossary/",
    "country": "/countries/china/",
    "countries": "/countries/",
    "sources": "/sources/",
    "search": "/search/?q=parade",
    "timeline": "/timeline/",
    "corrections": "/corrections/",
    "about": "/about-and-methodology/",
    "404": "/this-page-does-not-exist/",
}
# name → (path, element to focus): the pieces that open in place, photographed as the reader sees them
# (the viewport, scrolled to the piece) with the popover open.
OPENED = {
    "term-popover": ("/articles/victory-day-parade-2023/", ".prose a.term[data-term]"),
    "footnote-preview": ("/articles/victory-day-parade-2023/", ".prose a.footnote-ref"),
}
DEVICES = {
    "phone": {"viewport": {"width": 360, "height": 740}, "is_mobile": True, "has_touch": True},
    "desktop": {"viewport": {"width": 1280, "height": 900}},
}
SCHEMES = ("light", "dark")


class Handler(http.server.SimpleHTTPRequestHandler):
    """Static files, and the site's own 404.html (with status 404) for a path that does not exist."""

    def log_message(self, *args):
        pass

    def send_error(self, code, message=None, explain=None):
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.is_file():
            return super().send_error(code, message, explain)
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)
        return None


def serve(folder):
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Handler, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


def take(output, target):
    from playwright.sync_api import sync_playwright

    target.mkdir(parents=True, exist_ok=True)
    server, base = serve(output)
    problems, written = [], 0
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
            try:
                for device, options in DEVICES.items():
                    for scheme in SCHEMES:
                        context = browser.new_context(color_scheme=scheme, reduced_motion="reduce", **options)
                        page = context.new_page()
                        for name, path in PAGES.items():
                            response = page.goto(base + path, wait_until="networkidle")
                            status = response.status if response else None
                            if status != (404 if name == "404" else 200):
                                problems.append(f"{name}: {path} answered {status}")
                            page.evaluate("document.fonts.ready.then(() => true)")
                            file = target / f"{name}-{device}-{scheme}.png"
                            page.screenshot(path=str(file), full_page=True)
                            written += 1
                        for name, (path, selector) in OPENED.items():
                            page.goto(base + path, wait_until="networkidle")
                            piece = page.locator(selector).first
                            if not piece.count():
                                problems.append(f"{name}: {path} has no {selector}")
                                continue
                            piece.scroll_into_view_if_needed()
                            page.evaluate("window.scrollBy(0, -window.innerHeight / 3)")
                            piece.focus()
                            page.screenshot(path=str(target / f"{name}-{device}-{scheme}.png"))
                            written += 1
                        context.close()
            finally:
                browser.close()
    finally:
        server.shutdown()
        server.server_close()
    return written, sorted(set(problems))


def take_themes(target):
    """Each theme's tiny site, built and photographed on a phone and a desktop: (screenshots written, problems)."""
    from playwright.sync_api import sync_playwright

    folder = target / "themes"
    folder.mkdir(parents=True, exist_ok=True)
    pages = {"article": ARTICLE, **PLUGIN_PAGES}
    problems, written = [], 0
    with tempfile.TemporaryDirectory() as scratch, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        try:
            for theme in THEMES:
                status, log, output = build_theme_site(theme, Path(scratch) / theme)
                if status != 0:
                    problems.append(f"{theme}: the tiny site did not build\n{log}")
                    continue
                server, base = serve(output)
                try:
                    for device, options in DEVICES.items():
                        context = browser.new_context(reduced_motion="reduce", **options)
                        page = context.new_page()
                        for name, path in pages.items():
                            page.goto(f"{base}/{path}", wait_until="networkidle")
                            page.screenshot(path=str(folder / f"{theme}-{name}-{device}.png"), full_page=True)
                            written += 1
                        page.goto(f"{base}/{ARTICLE}", wait_until="networkidle")
                        page.locator("a.term[data-term]").first.focus()
                        page.screenshot(path=str(folder / f"{theme}-term-popover-{device}.png"))
                        written += 1
                        context.close()
                finally:
                    server.shutdown()
                    server.server_close()
        finally:
            browser.close()
    return written, problems


def main(argv):
    if len(argv) != 3:
        print(__doc__.strip().splitlines()[2].strip(), file=sys.stderr)
        return 2
    output, target = Path(argv[1]), Path(argv[2])
    if not (output / "index.html").is_file():
        print(f"{output}/index.html does not exist: build the site first (make build)", file=sys.stderr)
        return 2
    if not os.path.exists(CHROMIUM):
        print(f"{CHROMIUM} is missing: apt-get install -y chromium", file=sys.stderr)
        return 2
    written, problems = take(output, target)
    print(f"Wrote {written} screenshots to {target}/")
    for problem in problems:
        print(f"missing page: {problem}", file=sys.stderr)
    theme_written, theme_problems = take_themes(target)
    print(f"Wrote {theme_written} screenshots of the plugin in other themes to {target}/themes/")
    for problem in theme_problems:
        print(problem, file=sys.stderr)
    return 1 if problems or theme_problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
