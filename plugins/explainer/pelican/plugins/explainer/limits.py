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

from markdown.extensions.footnotes import FootnoteBlockProcessor

from .errors import AuthorMistake, display_path

TAB = 4  # Python-Markdown's tab_length: one level of a nested list is indented by four spaces
LIST_MARKER = re.compile(r"(?:[*+-]|[0-9]{1,9}[.)])[ \t]+")  # a bullet or a number, then white space: a list item
CITATION = re.compile(r"\[\^([^\]]*)\]")  # a footnote citation, as Python-Markdown's footnotes extension reads one


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
    return AuthorMistake(display_path(path), line, f"the file is {size / 1e6:.1f} MB and passes EXPLAINER_MAX_FILE_SIZE ({limit / 1e6:g} MB) on this line — split it into several explainers")


def check_text(text: str, settings: Mapping) -> None:
    """Raise LimitExceeded at the first line nested deeper than EXPLAINER_MAX_NESTING (lists and quotes inside
    each other), defining a footnote past EXPLAINER_MAX_FOOTNOTES, or citing one past EXPLAINER_MAX_CITATIONS."""
    depth_limit, notes_limit = settings["EXPLAINER_MAX_NESTING"], settings["EXPLAINER_MAX_FOOTNOTES"]
    citations_limit = settings["EXPLAINER_MAX_CITATIONS"]
    notes = citations = 0
    for number, line in enumerate(text.splitlines(), start=1):
        if depth_limit is not None and nesting(line) > depth_limit:
            raise LimitExceeded(number, f"this line is nested {nesting(line)} levels deep (lists or quotes inside each other) and pages take at most {depth_limit} (EXPLAINER_MAX_NESTING) — flatten the list or quote")
        definition = FootnoteBlockProcessor.RE.match(line)
        if notes_limit is not None and definition:
            notes += 1
            if notes > notes_limit:
                raise LimitExceeded(number, f"this is footnote number {notes}, and a page takes at most {notes_limit} (EXPLAINER_MAX_FOOTNOTES) — cite one note for a sentence or paragraph, or split the page")
        if citations_limit is not None and "[^" in line:
            citations += len(CITATION.findall(line)) - bool(definition)
            if citations > citations_limit:
                raise LimitExceeded(number, f"this line takes the page past {citations_limit} footnote citations (EXPLAINER_MAX_CITATIONS) — cite one note for a sentence or paragraph, or split the page")


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
