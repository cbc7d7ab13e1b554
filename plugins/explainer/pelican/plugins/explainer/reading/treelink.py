"""Links entity names while a Markdown document is still a tree, as `markdown.extensions.abbr` does.

The Treeprocessor runs after the inline patterns, the footnotes and the table of contents, so text is
decoded, code is in `<code>` elements and every heading has its id. Raw HTML is out of the way: Python-
Markdown keeps it in its stash and leaves a placeholder in the text. A placeholder that stands for a
character reference (smart quotes) is read as its character, so "People’s" still matches; one that
stands for a tag is a barrier no name may span, and text inside a raw HTML element is left alone, since
the author wrote that markup by hand.

It needs nothing from Pelican: `Markdown(extensions=["footnotes", LinkingExtension(matcher=…, targets=…)])`
links a text; the plugin's reader gives each document its options from its metadata (`options_for`).
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Mapping, Set
from html.parser import HTMLParser
from typing import TYPE_CHECKING, Any, TypedDict
from xml.etree.ElementTree import Element

from markdown import Markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor, UnescapeTreeprocessor
from markdown.util import ETX, STX

from .document import DocumentFacts, DocumentWalker, LinkTarget, Segment
from .matcher import Matcher

if TYPE_CHECKING:
    from typing_extensions import Unpack


class LinkingOptions(TypedDict, total=False):
    """LinkingExtension's options (its `config` but `options_for`): what `options_for` returns a part of."""

    matcher: Matcher | None
    targets: Mapping[str, LinkTarget]
    skip: Set[str]
    link_all: bool
    limit: float | None
    paragraph_limit: float | None


OptionsFor = Callable[[Markdown], "LinkingOptions | None"]
NO_NAMES = Matcher(())  # the default matcher: nothing is linked, mentions and facts are still recorded
PRIORITY = 4  # after inline (20), footnotes (50, 19, 15) and toc (5): ids are set, text is final
# A stashed piece of raw HTML (markdown.util.HTML_PLACEHOLDER), or a character escaped with a backslash.
_PLACEHOLDER = re.compile(f"{STX}(?:wzxhzdk:(?P<stashed>[0-9]+)|(?P<escaped>[0-9]+)){ETX}")


class _StashReader(HTMLParser):
    """What one stashed piece of raw HTML is: text (a character reference) or tags opened and closed."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.events: list[tuple[str, str, dict[str, str | None]]] = []
        self.data: list[str] = []
        self.markup = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.events.append(("start", tag, dict(attrs)))
        self.markup = True

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)  # `<span/>` opens a span in HTML, as a browser reads it

    def handle_endtag(self, tag: str) -> None:
        self.events.append(("end", tag, {}))
        self.markup = True

    def handle_data(self, data: str) -> None:
        self.data.append(data)

    def handle_comment(self, data: str) -> None:
        self.markup = True

    def handle_decl(self, decl: str) -> None:
        self.handle_comment(decl)

    def handle_pi(self, data: str) -> None:
        self.handle_comment(data)

    def unknown_decl(self, data: str) -> None:
        self.handle_comment(data)


def stash_segment(raw: str, stashed: object) -> Segment:
    """The Segment for a placeholder `raw` whose stashed piece is `stashed`."""
    if not isinstance(stashed, str):
        return Segment(raw, events=[])  # an element an extension stashed: opaque
    reader = _StashReader()
    reader.feed(stashed)
    reader.close()
    if reader.markup or "<" in stashed:
        return Segment(raw, events=reader.events)
    return Segment(raw, "".join(reader.data))


def as_typed(value: str) -> str:
    """An attribute's text for Python-Markdown's serializer, which leaves an `&` that starts an entity as it is:
    a Summary reading "R&amp;D" would show as "R&D" in the popover and as typed on the term's page."""
    return value.replace("&", "&amp;")


class LinkingTreeprocessor(Treeprocessor):
    """Walks the converted tree once with a document.DocumentWalker: links the names, records the facts."""

    def __init__(self, md: Markdown, extension: LinkingExtension) -> None:
        super().__init__(md)
        self.extension = extension

    def decode(self, raw: str) -> list[Segment]:
        """Split a text node at its placeholders: the stash's, and a backslash-escaped character's (which
        Python-Markdown puts back only after this runs)."""
        if STX not in raw:
            return [Segment(raw, raw)]
        stash = self.md.htmlStash.rawHtmlBlocks
        segments: list[Segment] = []
        cursor = 0
        for placeholder in _PLACEHOLDER.finditer(raw):
            if placeholder.start() > cursor:
                piece = raw[cursor : placeholder.start()]
                segments.append(Segment(piece, piece))
            if placeholder["escaped"]:
                segments.append(Segment(placeholder.group(0), chr(int(placeholder["escaped"]))))
            else:
                index = int(placeholder["stashed"])
                stashed = stash[index] if index < len(stash) else None
                segments.append(stash_segment(placeholder.group(0), stashed))
            cursor = placeholder.end()
        if cursor < len(raw):
            segments.append(Segment(raw[cursor:], raw[cursor:]))
        return segments

    def run(self, root: Element) -> None:
        """Link the names in `root` and keep what the walk found on the extension (`facts`)."""
        options = self.extension.options(self.md)
        if options is None:
            return  # a text `options_for` keeps out of the walk: no link, and the facts stay the document's
        raw_html = [piece for piece in self.md.htmlStash.rawHtmlBlocks if isinstance(piece, str) and "<" in piece]
        walker = DocumentWalker(decode=self.decode, attribute_value=as_typed, **options)
        facts = walker.walk(root)
        unescape = UnescapeTreeprocessor(self.md).unescape  # links as the page will have them ("\." is ".")
        facts.links = [unescape(href) for href in facts.links]
        facts.images = [(unescape(src), alt if alt is None else unescape(alt)) for src, alt in facts.images]
        footnotes = self.md.treeprocessors["footnote"].footnotes if "footnote" in self.md.treeprocessors else None
        if footnotes is not None:
            facts.footnotes = dict(footnotes.footnotes)
            facts.cited = list(footnotes.footnote_order)  # ids cited in the text, in order of first citation
        facts.defined_twice = sorted(self.extension.defined_twice)
        facts.raw_html = raw_html
        facts.markdown = True
        self.extension.facts = facts


def no_more_options(md: Markdown) -> LinkingOptions:
    """The default `options_for`: the extension's own options, for every text."""
    return {}


class LinkingExtension(Extension):
    """Links the names `matcher` finds to their `targets`; `facts` holds what the last conversion found
    (document.DocumentFacts). `options_for(md)`, called once the text's metadata (`md.Meta`) is read, gives the
    options of one text over the others (a page's own `Link-limit`), or None to leave the text alone. It is also
    the first positional argument: `LinkingExtension(lambda md: {...})`."""

    def __init__(self, options_for: OptionsFor | None = None, **kwargs: Unpack[LinkingOptions]) -> None:
        self.config = {
            "matcher": [NO_NAMES, "the names to link, a matcher.Matcher; by default none"],
            "targets": [{}, "entity key → document.LinkTarget: where each entity's link goes"],
            "skip": [frozenset(), "entity keys counted as mentions but never linked (the page's own entity)"],
            "link_all": [False, "link every mention, not only the first"],
            "limit": [math.inf, "the most links in the text; by default no limit"],
            "paragraph_limit": [math.inf, "the most links in one paragraph; by default no limit"],
            "options_for": [no_more_options, "callable(md) → options of the text being converted, or None"],
        }
        config: dict[str, Any] = dict(kwargs)
        if options_for is not None:
            config["options_for"] = options_for
        super().__init__(**config)
        self.facts: DocumentFacts | None = None
        self.defined_twice: set[str] = set()

    def options(self, md: Markdown) -> dict[str, Any] | None:
        """The walker's options for the text `md` is converting, or None when `options_for` leaves it alone."""
        options = self.getConfigs()
        own = options.pop("options_for")(md)
        return None if own is None else {**options, **own}

    def extendMarkdown(self, md: Markdown) -> None:
        """Add the linker after the inline patterns, the footnotes and the table of contents."""
        md.registerExtension(self)
        md.treeprocessors.register(LinkingTreeprocessor(md, self), "explainer-link", PRIORITY)
        if "footnote" in md.treeprocessors:
            self.watch_footnotes(md.treeprocessors["footnote"].footnotes)

    def reset(self) -> None:
        """Markdown.reset(), before another text: no footnote of it is defined yet."""
        self.defined_twice = set()

    def watch_footnotes(self, footnotes: Any) -> None:
        """Note footnote ids defined twice: the footnotes extension silently keeps only the last."""
        define = footnotes.setFootnote

        def set_footnote(footnote_id: str, text: str) -> None:
            if footnote_id in footnotes.footnotes:
                self.defined_twice.add(footnote_id)
            define(footnote_id, text)

        footnotes.setFootnote = set_footnote


def makeExtension(**kwargs: Any) -> LinkingExtension:
    """The extension by name, as Python-Markdown loads one: `Markdown(extensions=["pelican.plugins.explainer.reading.treelink"])`."""
    return LinkingExtension(**kwargs)
