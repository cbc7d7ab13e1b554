"""An article's map on its page in any theme: the README promises a map for each article with `Countries:`, but
only a theme that includes explainer/map.html shows one. After Pelican writes an article, a page that shows no
<img> of the article's map gets the map's figure (explainer/map.html, rendered with the page's own context) just
before the article's text, found as the exact HTML the theme was given; a theme that shows the map itself (this
project's does) is left byte for byte as it wrote the page. A theme that writes the text in a form the plugin
cannot find gets one warning naming what to add, rather than a map put somewhere it was not meant to be.
"""

import logging
import os
from html.parser import HTMLParser
from urllib.parse import urlsplit

from pelican.plugins.explainer import state
from pelican.plugins.explainer.extras import of

TEMPLATE = "explainer/map.html"
INCLUDE = '{% with locator = article.explainer.map %}{% include "explainer/map.html" %}{% endwith %}'

logger = logging.getLogger(__name__)


class ImageScan(HTMLParser):
    """The addresses of a page's images."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.sources: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        """Note each <img>'s src, as a path."""
        if tag == "img":
            self.sources.append(urlsplit(dict(attrs).get("src") or "").path)


def shows(page: str, url: str) -> bool:
    """Whether `page` has an <img> of the file at the site address `url` (with any SITEURL in front)."""
    scan = ImageScan()
    scan.feed(page)
    scan.close()
    return any(source == f"/{url}" or source.endswith(f"/{url}") or source == url for source in scan.sources)


def with_map(page: str, text: str, figure: str) -> str | None:
    """`page` with `figure` just before the article's `text`; None when the text is not in the page as written."""
    at = page.find(text) if text.strip() else -1
    return None if at < 0 else f"{page[:at]}{figure.strip()}\n{page[at:]}"


def add_map(path: str, context: dict) -> None:
    """content_written: give an article page that lacks its map the map's figure."""
    build = state.current()
    article = context.get("article")
    if build is None or build.templates is None or article is None or of(article).map is None:
        return
    locator = of(article).map
    with open(path, encoding="utf-8", newline="") as handle:
        page = handle.read()
    if shows(page, locator.url):
        return
    figure = build.templates.get_template(TEMPLATE).render({**context, "locator": locator, "lang": article.lang})
    changed = with_map(page, article.content, figure)
    if changed is None:
        logger.warning(
            "%s: the theme's %s.html shows neither the article's map nor its text as the plugin gave it, so the map is "
            "not on the page — add %s where the map should go",
            os.path.relpath(article.source_path),
            article.template,
            INCLUDE,
        )
        return
    with open(path, "w", encoding="utf-8", newline="") as handle:
        handle.write(changed)
