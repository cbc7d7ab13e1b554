"""sitemap.xml, reproducible: the same content always gives the same file.

Every page written is listed in URL order, with its lastmod taken from the content itself: an article's
or page's Modified or Date, an entity's newest mention (or its own Modified), and for listings (the
home page, the indexes, an undated page) the newest date on the site. Pages that are not for search engines (404.html,
robots.txt, anything in EXPLAINER_SITEMAP_EXCLUDE) are left out. Never the time of the build.
"""

import os
from xml.sax.saxutils import escape

from pelican.plugins.explainer import state


class Sitemap:
    """The pages of one build for sitemap.xml, gathered as they are written and written out once at the end."""

    def __init__(self, settings):
        self.settings = settings
        self.pages = {}  # url → the content written there, or None for a listing

    def add(self, path, context):
        """Note the page written at `path` with `context`, unless it is excluded, not an HTML page, or not published."""
        output = self.settings["OUTPUT_PATH"]
        relative = os.path.relpath(path, output).replace(os.sep, "/")
        if relative in self.settings["EXPLAINER_SITEMAP_EXCLUDE"] or not relative.endswith(".html"):
            return
        content = context.get("article") or context.get("page") or context.get("entity")
        if content is not None and getattr(content, "status", "published") != "published":
            return
        url = relative[: -len("index.html")] if relative.endswith("index.html") else relative
        self.pages[url] = content

    def write(self):
        """Write sitemap.xml: every page in URL order, with its lastmod (see the module docstring)."""
        dates = [lastmod(content) for content in self.pages.values() if content is not None]
        newest = max((date for date in dates if date is not None), default=None)
        siteurl = self.settings["SITEURL"]
        lines = ['<?xml version="1.0" encoding="utf-8"?>', '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">']
        for url in sorted(self.pages):
            when = (lastmod(self.pages[url]) if self.pages[url] is not None else None) or newest
            stamp = f"<lastmod>{when.strftime('%Y-%m-%d')}</lastmod>" if when else ""
            lines.append(f"<url><loc>{escape(f'{siteurl}/{url}')}</loc>{stamp}</url>")
        lines.append("</urlset>")
        with open(
            os.path.join(self.settings["OUTPUT_PATH"], self.settings["EXPLAINER_SITEMAP_SAVE_AS"]), "w", encoding="utf-8"
        ) as target:
            target.write("\n".join(lines) + "\n")


def lastmod(content):
    """When a page last changed, from its content: Modified, Date, or (an entity) its newest mention."""
    own = getattr(content, "modified", None) or getattr(content, "date", None)
    if own is not None:
        return own
    dates = [lastmod(article) for article in getattr(content, "mentions", {})]
    return max((date for date in dates if date is not None), default=None)


def record(path, context):
    """content_written: note each page as it is written."""
    build = state.current()
    if build is not None and build.sitemap is not None:
        build.sitemap.add(path, context)
