"""An article's map and its missiles to scale on its page in any theme: the README promises a map for each
article with `Countries:` and a drawing for each with `Missiles:`, but only a theme that includes
explainer/map.html or explainer/missiles.html shows one. After Pelican writes an article, a page that shows no
<img> of the article's map gets the map's figure (explainer/map.html, rendered with the page's own context) just
before the article's text, and a page with no drawing of its missiles (an <svg class="missiles-svg">) gets that
figure just after it, the text found as the exact HTML the theme was given; a theme that shows a figure itself
(this project's does) is left byte for byte as it wrote the page. A theme that writes the text in a form the
plugin cannot find gets one warning naming what to add, rather than a figure put somewhere it was not meant to be.
"""

import logging
import os
from html.parser import HTMLParser
from urllib.parse import urlsplit

from pelican.plugins.explainer import state
from pelican.plugins.explainer.extras import of

TEMPLATE = "explainer/map.html"
INCLUDE = '{% with locator = article.explainer.map %}{% include "explainer/map.html" %}{% endwith %}'
MISSILES_TEMPLATE = "explainer/missiles.html"
MISSILES_INCLUDE = '{% with comparison = article.explainer.missiles %}{% include "explainer/missiles.html" %}{% endwith %}'

logger = logging.getLogger(__name__)


class ImageScan(HTMLParser):
    """The addresses of a page's images and the classes of its inline drawings."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.sources: list[str] = []
        self.drawings: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        """Note each <img>'s src, as a path, and each <svg>'s classes."""
        if tag == "img":
            self.sources.append(urlsplit(dict(attrs).get("src") or "").path)
        elif tag == "svg":
            self.drawings.update((dict(attrs).get("class") or "").split())


def scan(page: str) -> ImageScan:
    """`page` read by ImageScan."""
    found = ImageScan()
    found.feed(page)
    found.close()
    return found


def shows(page: str, url: str) -> bool:
    """Whether `page` has an <img> of the file at the site address `url` (with any SITEURL in front)."""
    return any(source == f"/{url}" or source.endswith(f"/{url}") or source == url for source in scan(page).sources)


def with_map(page: str, text: str, figure: str) -> str | None:
    """`page` with `figure` just before the article's `text`; None when the text is not in the page as written."""
    at = page.find(text) if text.strip() else -1
    return None if at < 0 else f"{page[:at]}{figure.strip()}\n{page[at:]}"


def with_figure_after(page: str, text: str, figure: str) -> str | None:
    """`page` with `figure` just after the article's `text`; None when the text is not in the page as written."""
    at = page.find(text) if text.strip() else -1
    return None if at < 0 else f"{page[: at + len(text)]}\n{figure.strip()}{page[at + len(text) :]}"


def add_map(path: str, context: dict) -> None:
    """content_written: give an article page that lacks its map the map's figure, and one that lacks the drawing
    of its missiles that figure."""
    build = state.current()
    article = context.get("article")
    if build is None or build.templates is None or article is None:
        return
    locator, comparison = of(article).map, of(article).missiles
    if locator is None and comparison is None:
        return
    with open(path, encoding="utf-8", newline="") as handle:
        page = original = handle.read()
    if locator is not None and not shows(page, locator.url):
        figure = build.templates.get_template(TEMPLATE).render({**context, "locator": locator, "lang": article.lang})
        page = placed(page, with_map(page, article.content, figure), article, INCLUDE)
    if comparison is not None and "missiles-svg" not in scan(page).drawings:
        figure = build.templates.get_template(MISSILES_TEMPLATE).render(
            {**context, "comparison": comparison, "lang": article.lang}
        )
        page = placed(page, with_figure_after(page, article.content, figure), article, MISSILES_INCLUDE)
    if page != original:
        with open(path, "w", encoding="utf-8", newline="") as handle:
            handle.write(page)


def placed(page: str, changed: str | None, article, include: str) -> str:
    """`changed`, or `page` as it was with a warning naming the `include` to add when the figure found no place."""
    if changed is not None:
        return changed
    logger.warning(
        "%s: the theme's %s.html shows neither the article's figure nor its text as the plugin gave it, so the figure is "
        "not on the page — add %s where it should go",
        os.path.relpath(article.source_path),
        article.template,
        include,
    )
    return page
