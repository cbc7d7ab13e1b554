"""Reads a parsed document once: links entity names in its text and records what the rest of the plugin
needs to know about it (mentions, words, headings, links, images).

The same walk serves Python-Markdown's element tree (treelink) and html5lib's tree of any other HTML
(htmllink), so both follow one set of rules: text is linked only outside links, code, headings, the
footnotes and raw-text elements; a name is never split from its neighbours; a page's text is the same
before and after. Everything recorded is plain data, so Pelican can cache it with the content.
"""

import bisect
import re
import xml.etree.ElementTree as etree
from collections import Counter
from dataclasses import dataclass, field

# Text under these is never linked: links, code, headings, raw-text elements and form controls.
CODE_TAGS = frozenset({"code", "pre", "kbd", "samp", "var"})
SKIPPED_TAGS = CODE_TAGS | frozenset({
    "a", "h1", "h2", "h3", "h4", "h5", "h6", "svg", "math", "button", "label", "select", "option", "textarea",
    "script", "style", "title", "xmp", "noscript", "iframe", "noembed", "noframes", "plaintext", "template",
    "object", "abbr", "dfn"})
SKIPPED_CLASSES = frozenset({"footnote", "no-glossary"})
HEADING_TAGS = {f"h{level}": level for level in range(1, 7)}
VOID_TAGS = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
                       "track", "wbr", "keygen"})
# Left unclosed, these reach past the end of their block in a browser: it reopens formatting elements
# in the next block (HTML's "active formatting elements"), and reads everything after a raw-text start
# tag as its text until the end tag. An unclosed raw one keeps what follows out of the linker's reach.
PERSISTENT_TAGS = frozenset({"a", "b", "big", "code", "em", "font", "i", "nobr", "s", "small", "strike", "strong", "tt", "u",
                             "script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes", "noscript",
                             "plaintext", "template", "select", "option"})
BLOCK_TAGS = frozenset({"p", "div", "li", "ul", "ol", "dl", "dt", "dd", "table", "tr", "td", "th", "blockquote",
                        "section", "article", "aside", "figure", "figcaption", "details", "summary", "br", "hr",
                        *HEADING_TAGS})
_FOOTNOTE_REF = re.compile(r"\[\^([^\]\s]+)\]")


@dataclass
class DocumentFacts:
    """What one document contains, as plain data (cached with the content by Pelican)."""

    mentions: dict = field(default_factory=dict)  # entity key → mentions in linkable text
    linked: list = field(default_factory=list)  # entity keys linked, in order of first link
    words: int = 0  # words of text a reader reads, footnotes left out
    headings: list = field(default_factory=list)  # (level, id, text)
    links: list = field(default_factory=list)  # every href written in the document
    images: list = field(default_factory=list)  # (src, alt or None)
    footnotes: dict = field(default_factory=dict)  # footnote id → its text as written
    cited: list = field(default_factory=list)  # footnote ids cited in the text, in order of first citation
    undefined: list = field(default_factory=list)  # `[^id]` left as text: cited, never defined
    written_keys: dict = field(default_factory=dict)  # metadata key the author wrote → the lines it is on
    defined_twice: list = field(default_factory=list)  # footnote ids defined more than once
    raw_html: list = field(default_factory=list)  # every piece of raw HTML the author typed, as typed


@dataclass(frozen=True)
class LinkTarget:
    """What a link to an entity carries: where it goes, its classes, and the popover's plain text."""

    key: str
    href: str
    css_class: str
    title: str
    summary: str


class Segment:
    """A piece of a text node: literal text, text that stands for a stashed character reference, or a
    barrier (a stashed tag) that no name may span. `events` are the tags a barrier opens and closes,
    as ("start" or "end", tag name, attributes)."""

    __slots__ = ("raw", "text", "events")

    def __init__(self, raw, text=None, events=None):
        self.raw, self.text, self.events = raw, text, events


def plain_segments(raw):
    """Text from a parser that has already decoded it: one literal segment."""
    return [Segment(raw, raw)]


def local_name(tag):
    return tag.rsplit("}", 1)[-1].lower() if isinstance(tag, str) else ""


class RawOffsets:
    """Maps offsets in a run's visible text back to its raw text. Literal segments map character by
    character; a placeholder is one unit, so a name may start or end only at its edges."""

    def __init__(self, run):
        self.text_starts, self.segments, position = [], [], 0
        for raw_offset, segment in run:
            self.text_starts.append(position)
            self.segments.append((raw_offset, segment))
            position += len(segment.text)

    def start(self, offset):
        return self._raw(offset, at_end=False)

    def end(self, offset):
        return self._raw(offset, at_end=True)

    def _raw(self, offset, at_end):
        """The raw offset of a text offset where a name starts (or ends); None inside a placeholder."""
        index = max(bisect.bisect_right(self.text_starts, offset - (1 if at_end else 0)) - 1, 0)
        raw_offset, segment = self.segments[index]
        within = offset - self.text_starts[index]
        if segment.raw == segment.text:
            return raw_offset + within
        edge = len(segment.text) if at_end else 0
        return raw_offset + (len(segment.raw) if at_end else 0) if within == edge else None


class _Attributes:
    """A stashed tag's attributes, read like an element's (for the links and images it holds)."""

    def __init__(self, attributes):
        self.get = attributes.get

    def itertext(self):
        return iter(())


class DocumentWalker:
    """One pass over a tree: record facts and, when `matcher` is given, wrap names in links."""

    def __init__(self, matcher=None, targets=None, skip=frozenset(), link_all=False, limit=None,
                 decode=plain_segments):
        self.matcher = matcher
        self.targets = targets or {}  # entity key → LinkTarget
        self.skip = skip  # entity keys counted but never linked here
        self.link_all = link_all
        self.limit = limit  # most links on the page, or None
        self.decode = decode
        self.facts = DocumentFacts()
        self.mentions = Counter()
        self.linked = {}
        self.raw_open = []  # stashed raw-HTML start tags still open: their text is left alone
        self.text_parts = []

    def walk(self, root):
        """Walk `root`'s children (the root itself is a container, not part of the document)."""
        self._children(root, skipped=False, in_code=False)
        self.facts.mentions = dict(self.mentions)
        self.facts.linked = list(self.linked)
        self.facts.words = len("".join(self.text_parts).split())
        return self.facts

    def _children(self, parent, skipped, in_code, children=None):
        for child in list(parent) if children is None else children:  # links inserted here are not walked
            self._element(child, skipped, in_code)
            self._text(parent, child, "tail", skipped, in_code)

    def _element(self, element, skipped, in_code):
        name = local_name(element.tag)
        if not name:
            return  # a comment or processing instruction: not text
        classes = set((element.get("class") or "").split())
        footnotes = "footnote" in classes
        skipped = skipped or name in SKIPPED_TAGS or not SKIPPED_CLASSES.isdisjoint(classes)
        in_code = in_code or name in CODE_TAGS
        self._record(element, name)
        if name in BLOCK_TAGS:
            self.text_parts.append(" ")
        counting = self.text_parts
        if footnotes:
            self.text_parts = []  # footnotes are not part of the reading time
        children = list(element)  # before the text's links are inserted
        opened_here = len(self.raw_open)
        self._text(None, element, "text", skipped, in_code)
        self._children(element, skipped, in_code, children)
        # An unclosed raw tag ends with its element, as in a browser, unless the browser reopens it.
        self.raw_open[opened_here:] = [name for name in self.raw_open[opened_here:] if name in PERSISTENT_TAGS]
        self.text_parts = counting
        if name in BLOCK_TAGS:
            self.text_parts.append(" ")

    def _record(self, element, name):
        if name == "a":
            key = element.get("data-term")
            if key in self.targets:  # a link from an earlier pass: a mention, already linked
                self.mentions[key] += 1
                self.linked.setdefault(key)
            if element.get("href") is not None:
                self.facts.links.append(element.get("href"))
        elif name == "img":
            self.facts.images.append((element.get("src") or "", element.get("alt")))
        elif name in HEADING_TAGS:
            text = " ".join("".join(self._visible(piece) for piece in element.itertext()).split())
            self.facts.headings.append((HEADING_TAGS[name], element.get("id") or "", text))

    def _visible(self, raw):
        return "".join(segment.text or "" for segment in self.decode(raw))

    def _text(self, parent, owner, attribute, skipped, in_code):
        """Link the names in `owner.text` (attribute "text") or `owner.tail` ("tail", under `parent`)."""
        raw = getattr(owner, attribute)
        if not raw:
            return
        if raw.isspace():  # most tails are the line breaks between blocks: nothing to match or record
            self.text_parts.append(raw)
            return
        segments = self.decode(raw)
        hits, run, offset = [], [], 0
        for segment in segments:
            if segment.events is None:
                run.append((offset, segment))
                self.text_parts.append(segment.text)
            else:
                hits += self._run_hits(run, skipped, in_code)
                run = []
                self._follow(segment.events)
            offset += len(segment.raw)
        hits += self._run_hits(run, skipped, in_code)
        if hits:
            self._insert_links(parent, owner, attribute, raw, hits)

    def _follow(self, events):
        """Keep track of raw-HTML elements that a stashed tag opens or closes. An end tag closes only its
        own element: whatever else is still open stays out of reach, which can only link less."""
        for kind, name, attributes in events:
            if kind == "start":
                self._record(_Attributes(attributes), name)
            if kind == "start" and name not in VOID_TAGS:
                self.raw_open.append(name)
            elif kind == "end" and name in self.raw_open:
                del self.raw_open[len(self.raw_open) - 1 - self.raw_open[::-1].index(name)]

    def _run_hits(self, run, skipped, in_code):
        """[(raw start, raw end, target)] to link in one run of text between barriers."""
        if not run:
            return []
        text = "".join(segment.text for _, segment in run)
        if not in_code and not self.raw_open:
            self.facts.undefined += _FOOTNOTE_REF.findall(text)
        if skipped or self.raw_open or self.matcher is None or not self.matcher.may_match(text):
            return []
        offsets = RawOffsets(run)
        chosen = []
        for start, end, target in self.matcher.find(text):
            raw_start, raw_end = offsets.start(start), offsets.end(end)
            if raw_start is None or raw_end is None:
                continue  # the name would begin or end inside a character reference
            self.mentions[target.key] += 1
            if target.key in self.skip or (target.key in self.linked and not self.link_all):
                continue
            if self.limit is not None and len(self.linked) >= self.limit and target.key not in self.linked:
                continue
            self.linked.setdefault(target.key)
            chosen.append((raw_start, raw_end, target))
        return chosen

    def _insert_links(self, parent, owner, attribute, raw, hits):
        links = []
        before = raw[:hits[0][0]]
        for index, (start, end, target) in enumerate(hits):
            link = etree.Element("a", {"href": target.href, "class": target.css_class, "data-term": target.key,
                                       "data-title": target.title, "data-summary": target.summary})
            link.text = raw[start:end]
            following = hits[index + 1][0] if index + 1 < len(hits) else len(raw)
            link.tail = raw[end:following] or None
            links.append(link)
        if attribute == "text":
            owner.text = before or None
            for index, link in enumerate(links):
                owner.insert(index, link)
        else:
            owner.tail = before or None
            position = list(parent).index(owner) + 1
            for index, link in enumerate(links):
                parent.insert(position + index, link)
