"""Wraps entity names in an HTML fragment's text with links, and counts every mention.

The fragment is tokenized into tags and text; names are matched in the decoded text of each text run
outside skipped elements, and a link is spliced around the matching characters of the original HTML.
Everything else stays byte for byte as it was, so the text content is the same before and after, the
markup stays well-formed, and a second pass finds nothing new because text inside links is skipped.
(Parsing into a BeautifulSoup tree and serialising it back cost more than the build's budget for
linking, and re-serialising rewrote markup the linker had no business touching.)
"""

import bisect
import html
import re
from collections import Counter

# Text under these is never linked: links, code, headings, and the footnote list of sources.
SKIPPED_TAGS = frozenset({"a", "code", "pre", "kbd", "samp", "h1", "h2", "h3", "h4", "h5", "h6", "svg", "math", "button", "label", "select", "option"})
SKIPPED_CLASSES = frozenset({"footnote", "no-glossary"})
RAW_TEXT_TAGS = frozenset({"script", "style", "textarea", "title"})  # their content is not text to link
VOID_TAGS = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"})

_TOKEN = re.compile(r"<!--.*?-->|<!\[CDATA\[.*?\]\]>|<![^>]*>|<\?[^>]*>|<(/?)([a-zA-Z][^\s/>]*)((?:[^>\"']|\"[^\"]*\"|'[^']*')*)>", re.S)
_CLASS = re.compile(r"""\bclass\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", re.I)
_DATA_TERM = re.compile(r"""\bdata-term\s*=\s*(?:"([^"]*)"|'([^']*)')""", re.I)
_ENTITY = re.compile(r"&(?:#[0-9]+|#[xX][0-9a-fA-F]+|[a-zA-Z][a-zA-Z0-9]*);?")


class LinkResult:
    """The linked HTML; per entity, how many times the fragment mentions it; the entities it links."""

    def __init__(self, html, mentions, linked):
        self.html = html
        self.mentions = mentions
        self.linked = linked


def link_html(fragment, matcher, url_of, link_all=False, skip=frozenset(), css_class="term"):
    """Link names in `fragment`. `url_of(entity)` gives the href; entities in `skip` are counted, not linked.

    Term links already in the fragment (from an earlier pass) count as mentions and as linked, which
    makes a second pass a no-op.
    """
    if not matcher.may_match(html.unescape(fragment) if "&" in fragment else fragment):
        return LinkResult(fragment, Counter(), [])
    mentions, linked, insertions = Counter(), {}, []
    for start, end in _linkable_text_runs(fragment, matcher, mentions, linked):
        text, to_raw = _decode(fragment[start:end])
        for hit_start, hit_end, entity in matcher.find(text):
            mentions[entity] += 1
            if entity in skip or (entity in linked and not link_all):
                continue
            linked[entity] = None
            insertions.append((start + to_raw(hit_start), start + to_raw(hit_end), entity))
    if not insertions:
        return LinkResult(fragment, mentions, list(linked))
    pieces, cursor = [], 0
    for start, end, entity in insertions:
        href = html.escape(url_of(entity), quote=True)
        classes = css_class_for(entity, css_class)
        pieces += [fragment[cursor:start], f'<a href="{href}" class="{classes}" data-term="{html.escape(entity.key)}">', fragment[start:end], "</a>"]
        cursor = end
    pieces.append(fragment[cursor:])
    return LinkResult("".join(pieces), mentions, list(linked))


def css_class_for(entity, base):
    kind = getattr(entity, "link_class", None)
    return f"{base} {kind}" if kind else base


def _linkable_text_runs(fragment, matcher, mentions, linked):
    """(start, end) of each run of text not inside a skipped element; counts existing term links."""
    stack = []  # (tag name, skipped?) of open elements
    skipped_depth = 0
    cursor = 0
    position = 0
    while True:
        token = _TOKEN.search(fragment, position)
        text_end = token.start() if token else len(fragment)
        if cursor < text_end and skipped_depth == 0:
            yield cursor, text_end
        if token is None:
            return
        position = cursor = token.end()
        closing, name, attributes = token.group(1), (token.group(2) or "").lower(), token.group(3) or ""
        if not name:
            continue  # comment, doctype, processing instruction
        if closing:
            for index in range(len(stack) - 1, -1, -1):
                if stack[index][0] == name:
                    skipped_depth -= sum(1 for _, skipped in stack[index:] if skipped)
                    del stack[index:]
                    break
            continue
        if name in RAW_TEXT_TAGS:
            close = re.compile(rf"</{name}\s*>", re.I).search(fragment, cursor)
            position = cursor = close.end() if close else len(fragment)
            continue
        if name == "a":
            _count_existing_link(attributes, matcher, mentions, linked)
        if name in VOID_TAGS or attributes.rstrip().endswith("/"):
            continue
        skipped = name in SKIPPED_TAGS or _has_skipped_class(attributes)
        stack.append((name, skipped))
        skipped_depth += skipped


def _has_skipped_class(attributes):
    found = _CLASS.search(attributes)
    return bool(found) and not SKIPPED_CLASSES.isdisjoint((found.group(1) or found.group(2) or found.group(3) or "").split())


def _count_existing_link(attributes, matcher, mentions, linked):
    found = _DATA_TERM.search(attributes)
    entity = matcher.by_key.get(html.unescape(found.group(1) or found.group(2))) if found else None
    if entity is not None:
        mentions[entity] += 1
        linked[entity] = None


def _decode(raw):
    """(text, to_raw): the run's text with character references decoded, and a map of text offsets
    back to offsets in `raw` (a reference is one unit: a match never starts or ends inside one)."""
    if "&" not in raw:
        return raw, lambda offset: offset
    text_parts, text_starts, raw_starts, lengths = [], [], [], []
    text_length = raw_cursor = 0
    for reference in _ENTITY.finditer(raw):
        plain = raw[raw_cursor:reference.start()]
        decoded = html.unescape(reference.group(0))
        for piece, raw_start, is_reference in ((plain, raw_cursor, False), (decoded, reference.start(), True)):
            if piece:
                text_parts.append(piece)
                text_starts.append(text_length)
                raw_starts.append(raw_start)
                lengths.append((len(piece), reference.end() - reference.start() if is_reference else len(piece), is_reference))
                text_length += len(piece)
        raw_cursor = reference.end()
    if raw_cursor < len(raw):
        text_parts.append(raw[raw_cursor:])
        text_starts.append(text_length)
        raw_starts.append(raw_cursor)
        lengths.append((len(raw) - raw_cursor, len(raw) - raw_cursor, False))

    def to_raw(offset):
        index = bisect.bisect_right(text_starts, offset) - 1
        if index < 0:
            return 0
        text_length, raw_length, is_reference = lengths[index]
        within = offset - text_starts[index]
        if is_reference:
            return raw_starts[index] + (raw_length if within >= text_length else 0 if within == 0 else raw_length)
        return raw_starts[index] + within

    return "".join(text_parts), to_raw
