"""Bounded work: the largest file, the deepest nesting and the most footnotes one document may have.

Python-Markdown recurses once per nested list (1,000 levels: 20 s, then "maximum recursion depth exceeded"
with no file or line) and its footnotes and inline patterns slow down faster than the text grows (50,000
footnotes: minutes). Each limit is checked on the file's text before it is converted, so a document past
one costs milliseconds and gets a `path:line` message; below the limits a build grows linearly with its
input (`make bench` prints it). The limits are settings (EXPLAINER_MAX_FILE_SIZE, EXPLAINER_MAX_NESTING,
EXPLAINER_MAX_FOOTNOTES, EXPLAINER_MAX_CITATIONS), with defaults far above what an explainer needs.
"""

import os
import re
from collections.abc import Mapping
from html.parser import HTMLParser

from markdown.extensions.footnotes import FootnoteBlockProcessor

from pelican.plugins.explainer.checks.errors import AuthorMistake, display_path

from .document import VOID_TAGS

TAB = 4  # Python-Markdown's tab_length: one level of a nested list is indented by four spaces
LIST_MARKER = re.compile(r"(?:[*+-]|[0-9]{1,9}[.)])[ \t]+")  # a bullet or a number, then white space: a list item
CITATION = re.compile(r"\[\^([^\]]*)\]")  # a footnote citation, as Python-Markdown's footnotes extension reads one


def html_limit(depth_limit: int) -> int:
    """The deepest raw HTML a page takes: a list level is two elements (<ul><li>), and a table or figure a few more."""
    return 2 * depth_limit + 10


class LimitExceeded(Exception):
    """A document past one of the limits; read_failure() reports it on its line."""

    def __init__(self, line: int | None, message: str):
        super().__init__(message)
        self.line = line
        self.message = message


def size_mistake(path: str, settings: Mapping) -> AuthorMistake | None:
    """A file larger than EXPLAINER_MAX_FILE_SIZE, on the line where it crosses the limit (where an author
    would split it); checked before any reader opens it."""
    limit = settings["EXPLAINER_MAX_FILE_SIZE"]
    size = os.path.getsize(path)
    if limit is None or size <= limit:
        return None
    with open(path, "rb") as source:
        line = source.read(limit).count(b"\n") + 1
    return AuthorMistake(
        display_path(path),
        line,
        f"the file is {size / 1e6:.1f} MB and passes EXPLAINER_MAX_FILE_SIZE ({limit / 1e6:g} MB) on this line — split it into several explainers",
    )


def check_text(text: str, settings: Mapping) -> None:
    """Raise LimitExceeded at the first line nested deeper than EXPLAINER_MAX_NESTING (lists and quotes inside
    each other), defining a footnote past EXPLAINER_MAX_FOOTNOTES, or citing one past EXPLAINER_MAX_CITATIONS."""
    depth_limit, notes_limit = settings["EXPLAINER_MAX_NESTING"], settings["EXPLAINER_MAX_FOOTNOTES"]
    citations_limit = settings["EXPLAINER_MAX_CITATIONS"]
    if depth_limit is not None and "<" in text:
        depth, deepest_line = html_depth(text)
        if depth > html_limit(depth_limit):
            raise LimitExceeded(
                deepest_line,
                f"the HTML here is {depth} elements deep, and pages take at most {html_limit(depth_limit)} (twice EXPLAINER_MAX_NESTING, and ten: a list level is two elements) — flatten it",
            )
    notes = citations = 0
    for number, line in enumerate(text.splitlines(), start=1):
        if depth_limit is not None and nesting(line) > depth_limit:
            raise LimitExceeded(
                number,
                f"this line is nested {nesting(line)} levels deep (lists or quotes inside each other) and pages take at most {depth_limit} (EXPLAINER_MAX_NESTING) — flatten the list or quote",
            )
        definition = FootnoteBlockProcessor.RE.match(line)
        if notes_limit is not None and definition:
            notes += 1
            if notes > notes_limit:
                raise LimitExceeded(
                    number,
                    f"this is footnote number {notes}, and a page takes at most {notes_limit} (EXPLAINER_MAX_FOOTNOTES) — cite one note for a sentence or paragraph, or split the page",
                )
        if citations_limit is not None and "[^" in line:
            citations += len(CITATION.findall(line)) - bool(definition)
            if citations > citations_limit:
                raise LimitExceeded(
                    number,
                    f"this line takes the page past {citations_limit} footnote citations (EXPLAINER_MAX_CITATIONS) — cite one note for a sentence or paragraph, or split the page",
                )


class _HtmlDepth(HTMLParser):
    """How deep the raw HTML of a text nests, read in one pass (html5lib slows down as the square of the depth:
    20,000 nested <ul><li> took minutes). A tag HTML closes by itself when its sibling opens (<li>, <p>, <td>…)
    is closed so."""

    SELF_CLOSING = frozenset({"p", "li", "dt", "dd", "tr", "td", "th", "option"})

    def __init__(self):
        super().__init__(convert_charrefs=False)
        self.open, self.deepest, self.line = [], 0, 0

    def handle_starttag(self, tag, attrs):
        if tag in VOID_TAGS:
            return
        if tag in self.SELF_CLOSING and self.open and self.open[-1] == tag:
            self.open.pop()
        self.open.append(tag)
        if len(self.open) > self.deepest:
            self.deepest, self.line = len(self.open), self.getpos()[0]

    def handle_endtag(self, tag):
        if tag in self.open:
            del self.open[len(self.open) - 1 - self.open[::-1].index(tag) :]


def html_depth(text: str) -> tuple[int, int]:
    """(the deepest nesting of HTML elements in `text`, the line where it is reached)."""
    reader = _HtmlDepth()
    reader.feed(text)
    reader.close()
    return reader.deepest, reader.line


def nesting(line: str) -> int:
    """How many levels a line sits inside lists and quotes: its indentation in tabs of four, plus each `>` and each
    list marker that opens it (`- - - deep` is three lists inside each other on one line)."""
    depth, column, position = 0, 0, 0
    while position < len(line):
        character = line[position]
        marker = LIST_MARKER.match(line, position)
        if character == " ":
            column += 1
        elif character == "\t":
            column += TAB - column % TAB
        elif character == ">":
            depth, column = depth + column // TAB + 1, 0
        elif marker:
            depth, column = depth + column // TAB + 1, 0
            position = marker.end()
            continue
        else:
            break
        position += 1
    return depth + column // TAB
