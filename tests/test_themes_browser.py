"""The plugin in any theme (issue 23.1): with nothing but `PLUGINS = ["explainer"]` and what the theme itself
asks for, a tiny site in Pelican's notmyidea and simple and in two themes from PyPI (theme_sites.py) gets the
plugin's stylesheet and script once in every page's head, an opaque popover on top of the text, a relations
graph whose lines show, and the plugin's pages inside the theme's content column, in Chromium."""

import pytest
from bs4 import BeautifulSoup
from theme_sites import ARTICLE, PLUGIN_PAGES, THEMES, build_theme_site

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module", params=sorted(THEMES))
def theme_site(request, tmp_path_factory):
    """(theme, output folder) of the tiny site built with each theme."""
    status, log, output = build_theme_site(request.param, tmp_path_factory.mktemp(request.param))
    assert status == 0 and "ERROR" not in log and "Traceback" not in log, log
    return request.param, output


@pytest.fixture
def page(browser, serve, theme_site):
    """(page, base URL) of the theme's site at 1280 × 800."""
    _, output = theme_site
    tab = browser.new_page(viewport={"width": 1280, "height": 800})
    yield tab, serve(output)
    tab.close()


def test_every_page_links_the_plugins_assets_once_in_its_head(theme_site):
    _, output = theme_site
    pages = sorted(output.rglob("*.html"))
    assert len(pages) > 8
    for path in pages:
        document = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        styles = document.select('link[rel~="stylesheet"][href*="/explainer/explainer."]')
        scripts = document.select('script[src*="/explainer/popover."]')
        assert len(styles) == 1 and len(scripts) == 1, path
        assert styles[0].find_parent("head") and scripts[0].find_parent("head"), path
        for address in (styles[0]["href"], scripts[0]["src"]):
            assert (output / address.lstrip("/")).is_file(), (path, address)


def test_the_popover_is_opaque_bordered_and_on_top(page):
    tab, base = page
    tab.goto(f"{base}/{ARTICLE}")
    tab.hover('a[data-term="glossary:icbm"]')
    popover = tab.locator("#term-popover")
    popover.wait_for(state="visible")
    assert "5,500 km" in popover.inner_text()
    style = popover.evaluate(
        "e => { const s = getComputedStyle(e); return [s.backgroundColor, s.borderTopStyle, s.borderTopWidth, s.opacity]; }"
    )
    background, border_style, border_width, opacity = style
    assert background not in ("transparent", "rgba(0, 0, 0, 0)") and opacity == "1", style
    assert border_style != "none" and float(border_width.removesuffix("px")) > 0, style
    on_top = popover.evaluate(
        """e => { const r = e.getBoundingClientRect();
                  const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
                  return hit !== null && e.contains(hit); }"""
    )
    assert on_top


@pytest.mark.parametrize("address", ["countries/index.html", "countries/ruritania/index.html"])
def test_the_graphs_lines_and_legend_samples_show(page, address):
    tab, base = page
    tab.goto(f"{base}/{address}")
    strokes = tab.eval_on_selector_all(
        ".relations-graph .edge, .graph-legend .edge",
        "es => es.map(e => { const s = getComputedStyle(e); return [s.stroke, s.strokeWidth, s.opacity]; })",
    )
    assert strokes
    for stroke, width, opacity in strokes:
        assert stroke not in ("none", "transparent", "rgba(0, 0, 0, 0)"), strokes
        assert float(width.removesuffix("px")) > 0 and opacity != "0", strokes


def horizontal(tab, selector):
    """(left, right) of the first element matching `selector`, in CSS pixels."""
    return tab.eval_on_selector(selector, "e => { const r = e.getBoundingClientRect(); return [r.left, r.right]; }")


@pytest.mark.parametrize("name", sorted(PLUGIN_PAGES))
def test_the_plugins_pages_sit_in_the_themes_content_column(page, theme_site, name):
    tab, base = page
    theme, _ = theme_site
    column = THEMES[theme][1]
    tab.goto(f"{base}/{ARTICLE}")
    left, right = horizontal(tab, column)  # the column the theme gives its own article
    assert right - left < 1280, (theme, left, right)
    tab.goto(f"{base}/{PLUGIN_PAGES[name]}")
    boxes = tab.eval_on_selector_all(
        "h1, .entity-index, .relations-graph, .prose, .summary, section h2",
        "es => es.filter(e => !e.closest('header, nav, footer, aside')).map(e => { const r = e.getBoundingClientRect(); return [e.tagName, r.left, r.right]; })",
    )
    assert boxes, name
    for tag, box_left, box_right in boxes:
        assert left - 1 <= box_left and box_right <= right + 1, (theme, name, tag, box_left, box_right, left, right)
