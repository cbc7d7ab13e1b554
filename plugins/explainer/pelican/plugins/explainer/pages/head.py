"""The plugin's stylesheet and popover script in the <head> of every page Pelican writes, whatever blocks its
theme has. A theme that includes explainer/assets.html itself is left alone; a theme with no `head` block
(Flex and its forks) or one that never heard of the plugin gets the same tags added to each written page.

Each page is read with a real HTML parser (the standard library's, which reports where each tag starts), and
the tags are written in just before the head ends, as links to files (a site's Content-Security-Policy may
forbid inline scripts); every other byte of the page stays as the theme wrote it. A page whose head already
links the plugin's stylesheet or its script, under the plain or the hashed name, is not touched: nothing is
ever added twice, and a theme that links only the script (styling the popover itself) keeps that choice. The
tags come from explainer/assets.html rendered with the page's own context, so a theme's override of that
template, the page's SITEURL (relative URLs) and its language all hold.
"""

import posixpath
from collections.abc import Callable
from html.parser import HTMLParser
from string import hexdigits
from urllib.parse import urlsplit

from jinja2 import Environment

from pelican.plugins.explainer import state
from pelican.plugins.explainer.pages.assets import HASH_LENGTH, PLUGIN_FOLDER

TEMPLATE = "explainer/assets.html"
ASSETS = {"stylesheet": f"{PLUGIN_FOLDER}/explainer.css", "script": f"{PLUGIN_FOLDER}/popover.js"}


class HeadScan(HTMLParser):
    """Where a page's head ends, and which of the plugin's assets the head already links."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.has_head = False
        self.end: tuple[int, int] | None = None  # (line, column) of </head>, or of <body> when </head> is left out
        self.linked: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        """Note the head, the plugin's own link and script elements in it, and the body's start."""
        if self.end is not None:
            return
        if tag in ("html", "head"):
            self.has_head = True
        elif tag == "body":
            self.end = self.getpos()
            return
        attributes = {name: value or "" for name, value in attrs}
        if tag == "link" and "stylesheet" in attributes.get("rel", "").lower().split():
            self.note("stylesheet", attributes.get("href", ""))
        elif tag == "script":
            self.note("script", attributes.get("src", ""))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        """`<link … />` is a start tag like any other."""
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        """The head's end tag: the plugin's tags go just before it."""
        if tag == "head" and self.end is None:
            self.end = self.getpos()

    def note(self, kind: str, address: str) -> None:
        """Remember `kind` as linked when `address` names the plugin's file."""
        if names_asset(urlsplit(address).path, ASSETS[kind]):
            self.linked.add(kind)


def offset(text: str, position: tuple[int, int]) -> int:
    """The index in `text` of the parser's (line, column)."""
    line, column = position
    start = 0
    for _ in range(line - 1):
        start = text.index("\n", start) + 1
    return start + column


def names_asset(path: str, name: str) -> bool:
    """Whether the URL path `path` names the plugin's file `name`, plain or content-hashed (assets.fingerprinted:
    explainer/explainer.css or explainer/explainer.3f2a91c0.css), wherever the site is served from."""
    root, extension = posixpath.splitext(name)
    if path == name or path.endswith(f"/{name}"):
        return True
    stem, dot, digest = path.removesuffix(extension).rpartition(".")
    return (
        path.endswith(extension)
        and bool(dot)
        and (stem == root or stem.endswith(f"/{root}"))
        and len(digest) == HASH_LENGTH
        and all(character in hexdigits for character in digest)
    )


def with_assets(page: str, render: Callable[[], str]) -> str | None:
    """`page` with the tags `render` gives written in before its head ends; None when it is not an HTML page, or
    when its head already links the plugin's stylesheet or script (the theme took charge of them: a theme may
    link one and style the popover itself, as this project's own theme does)."""
    scan = HeadScan()
    scan.feed(page)
    scan.close()
    if not scan.has_head or scan.end is None or scan.linked:
        return None
    at = offset(page, scan.end)
    return f"{page[:at]}{render().strip()}\n{page[at:]}"


def remember_templates(generator) -> None:
    """generator_init: the template environment the pages are written with, to render the assets' tags in."""
    build = state.current()
    if build is not None and build.templates is None:
        build.templates = generator.env


def add_assets(path: str, context: dict) -> None:
    """content_written: add the plugin's stylesheet and script to the page just written, if its head lacks them."""
    build = state.current()
    if build is None or build.templates is None or not build.settings["EXPLAINER_THEME_HOOK"]:
        return
    with open(path, encoding="utf-8", newline="") as handle:
        page = handle.read()
    environment: Environment = build.templates
    changed = with_assets(page, lambda: environment.get_template(TEMPLATE).render(context))
    if changed is not None:
        with open(path, "w", encoding="utf-8", newline="") as handle:
            handle.write(changed)
