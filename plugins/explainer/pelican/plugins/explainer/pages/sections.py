"""A converted text cut in two at a top-level element, so a theme can put something between the pieces.

On a phone every figure above the text pushes its first words down a screen, and a list of notes above the
next heading pushes that down: a theme that shows an article's map after its first section, or a page's notes
after the rest of the page, keeps the reader's way short. The cut is found with Python's HTML parser, not by
searching the text, at an element outside any other, so it never splits one.

    {% set opening, rest = article.content|first_section %}    {# before the second top-level <h2> #}
    {% set text, notes = page.content|notes_apart %}            {# before the list of notes #}
"""

from __future__ import annotations

from collections.abc import Callable
from html.parser import HTMLParser

VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"})


class _TopLevelStarts(HTMLParser):
    """Records where each top-level element that `wanted(tag, attributes)` accepts starts, as a (line, column)."""

    def __init__(self, wanted: Callable[[str, dict[str, str | None]], bool]) -> None:
        super().__init__(convert_charrefs=False)
        self.wanted = wanted
        self.depth = 0
        self.starts: list[tuple[int, int]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.depth == 0 and self.wanted(tag, dict(attrs)):
            self.starts.append(self.getpos())
        if tag not in VOID:
            self.depth += 1

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        """`<hr />`: opens nothing."""

    def handle_endtag(self, tag: str) -> None:
        if tag not in VOID:
            self.depth = max(self.depth - 1, 0)


def cut(html: str, wanted: Callable[[str, dict[str, str | None]], bool], which: int) -> tuple[str, str]:
    """(the text before the `which`th top-level element `wanted` accepts, counted from 0, the rest)."""
    parser = _TopLevelStarts(wanted)
    parser.feed(html)
    parser.close()
    if len(parser.starts) <= which:
        return html, ""
    line, column = parser.starts[which]
    offset = sum(len(text) + 1 for text in html.split("\n")[: line - 1]) + column  # the parser counts "\n" only
    return html[:offset], html[offset:]


def first_section(html: str) -> tuple[str, str]:
    """(the text up to its second top-level `<h2>`, the rest); a text of one section or none is all opening."""
    return cut(html, lambda tag, attributes: tag == "h2", 1)


def notes_apart(html: str) -> tuple[str, str]:
    """(the text, its list of notes: the top-level `<div class="footnote">` and what follows it)."""
    return cut(html, lambda tag, attributes: tag == "div" and "footnote" in (attributes.get("class") or "").split(), 0)
