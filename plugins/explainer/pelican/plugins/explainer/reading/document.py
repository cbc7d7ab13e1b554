"""Reads a parsed document once: links entity names in its text and records what the rest of the plugin
needs to know about it (mentions, words, headings, links, images).

The same walk serves Python-Markdown's element tree (treelink) and html5lib's tree of any other HTML
(htmllink), so both follow one set of rules: text is linked only outside links, code, headings, the
footnotes and raw-text elements; a name is never split from its neighbours; a page's text is the same
before and after. Everything recorded is plain data, so Pelican can cache it with the content.
"""

import bisect
import functools
import re
import xml.etree.ElementTree as ET
from collections import Counter
from dataclasses import dataclass, field

from .matcher import joins_word

# Text under these is never linked: links, code, headings, raw-text elements and form controls.
CODE_TAGS = frozenset({"code", "pre", "kbd", "samp", "var"})
SKIPPED_TAGS = CODE_TAGS | frozenset(
    {
        "a",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "svg",
        "math",
        "button",
        "label",
        "select",
        "option",
        "textarea",
        "script",
        "style",
        "title",
        "xmp",
        "noscript",
        "iframe",
        "noembed",
        "noframes",
        "plaintext",
        "template",
        "object",
        "abbr",
        "dfn",
    }
)
SKIPPED_CLASSES = frozenset({"footnote", "no-glossary", "mention"})
# Text under these is not read as part of the prose: the notes, and the numbers that point to them.
UNREAD_CLASSES = frozenset({"footnote", "footnote-ref", "footnote-marker"})  # a marker's word joiner too
HEADING_TAGS = {f"h{level}": level for level in range(1, 7)}
VOID_TAGS = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr", "keygen"}
)
# Left unclosed, these reach past the end of their block in a browser: it reopens formatting elements
# in the next block (HTML's "active formatting elements"), and reads everything after a raw-text start
# tag as its text until the end tag. An unclosed raw one keeps what follows out of the linker's reach.
PERSISTENT_TAGS = frozenset(
    {
        "a",
        "b",
        "big",
        "code",
        "em",
        "font",
        "i",
        "nobr",
        "s",
        "small",
        "strike",
        "strong",
        "tt",
        "u",
        "script",
        "style",
        "textarea",
        "title",
        "xmp",
        "iframe",
        "noembed",
        "noframes",
        "noscript",
        "plaintext",
        "template",
        "select",
        "option",
    }
)
# Raw-text elements: a browser reads everything after the start tag as text until the end tag, markup included.
RAW_TEXT_TAGS = frozenset(
    {"script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes", "noscript", "plaintext"}
)
BLOCK_TAGS = frozenset(
    {
        "p",
        "div",
        "li",
        "ul",
        "ol",
        "dl",
        "dt",
        "dd",
        "table",
        "tr",
        "td",
        "th",
        "blockquote",
        "section",
        "article",
        "aside",
        "figure",
        "figcaption",
        "details",
        "summary",
        "br",
        "hr",
        *HEADING_TAGS,
    }
)
# A paragraph for the per-paragraph link limit: each block's own text is counted apart.
PARAGRAPH_TAGS = BLOCK_TAGS - {"br", "hr"}
BLOCK_BREAK = "\u2029"  # between blocks in the recorded text: white space to str.split, a sentence's edge
_FOOTNOTE_REF = re.compile(r"\[\^([^\]\s]+)\]")
# A sentence ends at . ! or ? (and any closing quote or bracket) before white space and a capital or an
# opening quote; "U.S. officials" or "e.g. a" stay one sentence as long as a lower-case word follows.
_SENTENCE_END = re.compile(r"[.!?][\"'”’)\]]*\s+(?=[\"'“‘(\[]?[A-Z0-9])|" + BLOCK_BREAK)
CONTEXT_LENGTH = 220  # the most characters of a sentence quoted in a "Mentioned in" list


@dataclass
class DocumentFacts:
    """What one document contains, as plain data (cached with the content by Pelican)."""

    mentions: dict = field(default_factory=dict)  # entity key → mentions in linkable text
    linked: list = field(default_factory=list)  # entity keys linked, in order of first link
    words: int = 0  # words of text a reader reads, footnotes left out
    headings: list = field(default_factory=list)  # (level, id, text)
    links: list = field(default_factory=list)  # every href written in the document
    images: list = field(default_factory=list)  # (src, alt or None)
    figures: list = field(default_factory=list)  # the images shown inside a figure (figures.image_key), sorted
    footnotes: dict = field(default_factory=dict)  # footnote id → its text as written
    cited: list = field(default_factory=list)  # footnote ids cited in the text, in order of first citation
    undefined: list = field(default_factory=list)  # `[^id]` left as text: cited, never defined
    written_keys: dict = field(default_factory=dict)  # metadata key the author wrote → the lines it is on
    defined_twice: list = field(default_factory=list)  # footnote ids defined more than once
    raw_html: list = field(default_factory=list)  # every piece of raw HTML the author typed, as typed
    markdown: bool = False  # converted by Python-Markdown (whose serializer wrote the HTML), not another reader
    first_mentions: dict = field(default_factory=dict)  # entity key → FirstMention
    stray_line: tuple = ()  # (number, text) of a line that ended the metadata early, or ()
    control: tuple = ()  # (line number, character) of the first control character in the file, or ()


@dataclass(frozen=True)
class FirstMention:
    """Where a document first mentions an entity: the element id that marks the spot, and the sentence
    around it split at the name, for a "Mentioned in" list that shows how the name is used."""

    anchor: str
    before: str
    name: str
    after: str


def mention_anchor(key):
    """The id of an entity's first mention on a page: "mention-glossary-icbm", "mention-glossary-icbm-ko"."""
    return "mention-" + re.sub(r"[^a-z0-9]+", "-", key.lower()).strip("-")


def sentence_starts(text):
    """Where each sentence of `text` after the first begins, found once for all of a page's first mentions
    (each looked for its own from the page's start, and missed the sentence edge just before a name)."""
    return [boundary.end() for boundary in _SENTENCE_END.finditer(text)]


def sentence_around(text, start, end, starts):
    """The sentence of `text` that holds text[start:end], as (before, name, after), at most about
    CONTEXT_LENGTH characters: a long sentence is cut at word edges with an ellipsis. `starts` is
    sentence_starts(text)."""
    index = bisect.bisect_right(starts, start)
    opening = starts[index - 1] if index else 0
    closing = _SENTENCE_END.search(text, end)
    closing = closing.start() + (1 if closing.group(0)[0] in ".!?" else 0) if closing else len(text)
    before, after = text[opening:start], text[end:closing]
    before = " ".join(before.split()) + (" " if before[-1:].isspace() and before.strip() else "")
    after = (" " if after[:1].isspace() else "") + " ".join(after.split())
    budget = max(CONTEXT_LENGTH - (end - start), 0)
    if len(before) + len(after) > budget:  # the side with more to spare gives way
        before_room = max(budget // 2, budget - len(after))
        after_room = budget - min(len(before), before_room)
        if len(before) > before_room:
            before = "…" + before[len(before) - before_room :].split(" ", 1)[-1]
        if len(after) > after_room:
            after = after[:after_room].rsplit(" ", 1)[0] + "…"
    return before, text[start:end], after


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

    __slots__ = ("events", "raw", "text")

    def __init__(self, raw, text=None, events=None):
        self.raw, self.text, self.events = raw, text, events


def plain_segments(raw):
    """Text from a parser that has already decoded it: one literal segment."""
    return [Segment(raw, raw)]


def local_name(tag):
    """An element's tag without its namespace, lower case; "" for a comment or processing instruction (no string tag)."""
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
        """The raw offset where a name that starts at text `offset` starts; None inside a placeholder."""
        return self._raw(offset, at_end=False)

    def end(self, offset):
        """The raw offset where a name that ends at text `offset` ends; None inside a placeholder."""
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


def leading_char(segments):
    """The first character a reader sees in `segments`: "" at a block's raw tag, None when they show none."""
    for segment in segments:
        if segment.events is None:
            return segment.text[:1]
        if any(name in BLOCK_TAGS for _, name, _ in segment.events):
            return ""
    return None


class DocumentWalker:
    """One pass over a tree: record facts and, when `matcher` is given, wrap names in links."""

    def __init__(
        self,
        matcher=None,
        *,
        targets=None,
        skip=frozenset(),
        link_all=False,
        limit=None,
        paragraph_limit=None,
        decode=plain_segments,
        attribute_value=str,
    ):
        self.matcher = matcher
        self.targets = targets or {}  # entity key → LinkTarget
        self.skip = skip  # entity keys counted but never linked here
        self.link_all = link_all
        self.limit = limit  # most links on the page, or None
        self.paragraph_limit = paragraph_limit  # most links in one paragraph, or None
        self.decode = decode
        self.attribute_value = attribute_value  # how the tree's serializer must be given an attribute's text
        self.facts = DocumentFacts()
        self.mentions = Counter()
        self.linked = {}
        self.raw_open = []  # stashed raw-HTML start tags still open: their text is left alone
        # A raw-text element left open past its block swallows the tree's next tags in a browser (`## <xmp>` then
        # `</xmp> ICBM`: the heading never closes), so from there the tree is not the page: nothing more is linked.
        self.diverged = False
        self.text_parts = []
        self.position = 0  # characters recorded in text_parts so far
        self.paragraph_links = [0]  # links made in each paragraph still open, innermost last
        self.first_spans = {}  # entity key → (start, end) in the recorded text
        self.last_char = ""  # the last character recorded: what a reader sees just before the next text
        self.root, self.parents = None, None  # the tree, and each element's parent once a look ahead needs it

    def walk(self, root):
        """Walk `root`'s children (the root itself is a container, not part of the document)."""
        self.root = root
        self._children(root, skipped=False, in_code=False)
        self.facts.mentions = dict(self.mentions)
        self.facts.linked = list(self.linked)
        text = "".join(self.text_parts)
        self.facts.words = len(text.split())
        starts = sentence_starts(text)
        self.facts.first_mentions = {
            key: FirstMention(mention_anchor(key), *sentence_around(text, start, end, starts))
            for key, (start, end) in self.first_spans.items()
        }
        return self.facts

    def _say(self, text):
        """Record text a reader reads (for the word count and the sentences of first mentions)."""
        self.text_parts.append(text)
        self.position += len(text)
        if text:
            self.last_char = text[-1]

    def _children(self, parent, skipped, in_code, children=None):
        for child in list(parent) if children is None else children:  # links inserted here are not walked
            self._element(child, skipped, in_code)
            self._text(parent, child, "tail", skipped, in_code)

    def _element(self, element, skipped, in_code):
        name = local_name(element.tag)
        if not name:
            return  # a comment or processing instruction: not text
        classes = set((element.get("class") or "").split())
        footnotes = not UNREAD_CLASSES.isdisjoint(classes)
        skipped = skipped or name in SKIPPED_TAGS or not SKIPPED_CLASSES.isdisjoint(classes)
        in_code = in_code or name in CODE_TAGS
        self._record(element, name)
        if name in BLOCK_TAGS:
            self._say(BLOCK_BREAK)
        counting, position = self.text_parts, self.position
        if footnotes:
            self.text_parts = []  # footnotes are not part of the reading time, nor of a quoted sentence
        if name in PARAGRAPH_TAGS:
            self.paragraph_links.append(0)
        children = list(element)  # before the text's links are inserted
        opened_here = len(self.raw_open)
        self._text(None, element, "text", skipped, in_code)
        self._children(element, skipped, in_code, children)
        # An unclosed raw tag ends with its element, as in a browser, unless the browser reopens it.
        self.raw_open[opened_here:] = [name for name in self.raw_open[opened_here:] if name in PERSISTENT_TAGS]
        self.diverged = self.diverged or not RAW_TEXT_TAGS.isdisjoint(self.raw_open[opened_here:])
        if name in PARAGRAPH_TAGS:
            self.paragraph_links.pop()
        if footnotes:
            self.text_parts, self.position = counting, position
        if name in BLOCK_TAGS:
            self._say(BLOCK_BREAK)

    def _record(self, element, name):
        key = element.get("data-term")
        if name == "span" and key in self.targets:  # a first mention an earlier pass marked, not linked
            self.mentions[key] += 1
        if name == "a":
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
            self._say(raw)
            return
        segments = self.decode(raw)
        skipped = skipped or self.diverged
        hits, run, offset, run_position, before = [], [], 0, self.position, self.last_char
        for index, segment in enumerate(segments):
            if segment.events is None:
                if not run:
                    run_position, before = self.position, self.last_char
                run.append((offset, segment))
                self._say(segment.text)
            else:
                after = functools.partial(self._char_after_barrier, segments, index, parent, owner, attribute)
                hits += self._run_hits(run, run_position, skipped, in_code, before=before, after=after)
                run = []
                self._follow(segment.events)
            offset += len(segment.raw)
        after = functools.partial(self._char_after, parent, owner, attribute)
        hits += self._run_hits(run, run_position, skipped, in_code, before=before, after=after)
        if hits:
            self._insert_links(parent, owner, attribute, raw, hits)

    def _follow(self, events):
        """Keep track of raw-HTML elements that a stashed tag opens or closes. An end tag closes only its
        own element: whatever else is still open stays out of reach, which can only link less. Inside a raw-text
        element (`<textarea>`, `<title>`, …) a browser reads every tag but that element's own end tag as text."""
        for kind, name, attributes in events:
            if self.raw_open and self.raw_open[-1] in RAW_TEXT_TAGS:
                if kind == "end" and name == self.raw_open[-1]:
                    self.raw_open.pop()
                continue
            if kind == "start":
                self._record(_Attributes(attributes), name)
            if kind == "start" and name not in VOID_TAGS:
                self.raw_open.append(name)
            elif kind == "end" and name in self.raw_open:
                del self.raw_open[len(self.raw_open) - 1 - self.raw_open[::-1].index(name)]

    def _run_hits(self, run, run_position, skipped, in_code, *, before, after):
        """[(raw start, raw end, target, link?, first?)] to mark in one run of text between barriers: links,
        and first mentions left unlinked (a span that carries the mention's id). `run_position` is where the run's
        text starts in the recorded text; `before` is the character a reader sees before it, `after()` the one after."""
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
            if (start == 0 and joins_word(before, text[0], following=False)) or (
                end == len(text) and joins_word(after(), text[-1], following=True)
            ):
                continue  # the rest of the word is in the next or previous element: "un*Juche*ly"
            raw_start, raw_end = offsets.start(start), offsets.end(end)
            if raw_start is None or raw_end is None:
                continue  # the name would begin or end inside a character reference
            first = not self.mentions[target.key]
            self.mentions[target.key] += 1
            if first:
                self.first_spans[target.key] = (run_position + start, run_position + end)
            if self._may_link(target.key):
                self.linked.setdefault(target.key)
                self.paragraph_links[-1] += 1
                chosen.append((raw_start, raw_end, target, True, first))
            elif first:
                chosen.append((raw_start, raw_end, target, False, first))
        return chosen

    def _char_after_barrier(self, segments, index, parent, owner, attribute):
        """The first character a reader sees after the stashed tag segments[index]: "" past a block's edge."""
        found = leading_char(segments[index:])
        return self._char_after(parent, owner, attribute) if found is None else found

    def _char_after(self, parent, owner, attribute):
        """The first character a reader sees after `owner.text` (attribute "text") or `owner.tail` (under `parent`)."""
        if attribute == "text":
            return self._first_char(owner[0]) if len(owner) else self._char_after_close(owner)
        return self._first_char_from(parent, list(parent).index(owner) + 1)

    def _first_char_from(self, parent, index):
        return self._first_char(parent[index]) if index < len(parent) else self._char_after_close(parent)

    def _first_char(self, element):
        """The first character a reader sees from `element` on: "" at a block or a footnote number."""
        name = local_name(element.tag)
        if name in BLOCK_TAGS or not UNREAD_CLASSES.isdisjoint((element.get("class") or "").split()):
            return ""
        if name and element.text:
            return self._char_at_start(element.text)
        if name and len(element):
            return self._first_char(element[0])
        return self._char_after_close(element)

    def _char_after_close(self, element):
        if local_name(element.tag) in BLOCK_TAGS or element is self.root:
            return ""
        if element.tail:
            return self._char_at_start(element.tail)
        if self.parents is None:
            self.parents = {child: parent for parent in self.root.iter() for child in parent}
        parent = self.parents.get(element)
        return "" if parent is None else self._first_char_from(parent, list(parent).index(element) + 1)

    def _char_at_start(self, raw):
        return leading_char(self.decode(raw)) or ""

    def _may_link(self, key):
        if key in self.skip or (key in self.linked and not self.link_all):
            return False
        if self.limit is not None and len(self.linked) >= self.limit and key not in self.linked:
            return False
        return self.paragraph_limit is None or self.paragraph_links[-1] < self.paragraph_limit

    def _insert_links(self, parent, owner, attribute, raw, hits):
        links = []
        before = raw[: hits[0][0]]
        for index, (start, end, target, is_link, first) in enumerate(hits):
            anchor = {"id": mention_anchor(target.key)} if first else {}
            if is_link:
                link = ET.Element(
                    "a",
                    {
                        "href": target.href,
                        "class": target.css_class,
                        "data-term": target.key,
                        "data-title": self.attribute_value(target.title),
                        "data-summary": self.attribute_value(target.summary),
                        **anchor,
                    },
                )
            else:
                link = ET.Element("span", {"class": "mention", "data-term": target.key, **anchor})
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
