"""Author mistakes as `path:line: what is wrong — what to do`, reported together.

Pelican run with `--fatal warnings` stops at the first logged error, so every mistake found in one pass
is gathered and logged as one message: an author fixes them all in one round.
"""

import logging
import os
import re
from dataclasses import dataclass

from pelican.plugins.explainer import state

logger = logging.getLogger(__name__)
# How docutils words a problem in the text it read: "path:8: (WARNING/2) "include" directive disabled."
_DOCUTILS = re.compile(r"^.*?:(?P<line>\d+): \((?:INFO|WARNING|ERROR|SEVERE)/\d\) (?P<text>[^\n]*)")
_READS_FILES = ("directive disabled", "File and URL access deactivated")
_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")  # a backslash before ASCII punctuation, as Markdown reads it

# Advice that never fails a build: `make check` lists it, `make build` stays quiet about it.
advice_logger = logging.getLogger("explainer.check")
# What the build did about something it found and dealt with (a damaged cache file it discarded), logged at INFO:
# it never fails a build; `pelican-explainer build` (tooling/runner.py) prints it as one line, Pelican shows it with --verbose.
note_logger = logging.getLogger("explainer.note")


class ContentMistakes(Exception):
    """Raised once the mistakes are reported, so Pelican stops before it writes a page."""

    def __init__(self, count):
        super().__init__(f"{count} content mistake(s), listed above; nothing was written")


class BoundariesError(ValueError):
    """EXPLAINER_MAP_BOUNDARIES is missing or is not a world-atlas countries TopoJSON file (geography.py)."""


@dataclass(frozen=True)
class AuthorMistake:
    """A mistake an author can correct: the file (as the author names it), the line when it is known, and what to do."""

    path: str
    line: int | None
    message: str

    def __str__(self):
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.message}"


def metadata_line(path, key):
    """The 1-based line where metadata `key` is set in `path`, or None when it is absent: as the Markdown reader
    recorded it while it read the file (the build's state), else as the file's first lines say."""
    build = state.current()
    written = build.written_keys.get(os.path.abspath(path)) if build is not None else None
    if written:
        lines = written.get(key.lower())
        return lines[0] if lines else None
    prefix = key.lower() + ":"
    try:
        with open(path, encoding="utf-8-sig", errors="replace") as source:
            for number, line in enumerate(source, start=1):
                if not line.strip():
                    return None  # metadata ends at the first blank line
                if line.lower().startswith(prefix):
                    return number
    except OSError:
        return None
    return None


def text_line(path, needle):
    """The 1-based line of the first occurrence of `needle` in `path`, as written or once Markdown's
    backslash escapes are read (a backslash before a punctuation mark is dropped), or None."""
    try:
        with open(path, encoding="utf-8-sig", errors="replace") as source:
            lines = source.readlines()
    except OSError:
        return None
    for read in (lambda line: line, lambda line: _ESCAPE.sub(r"\1", line)):
        for number, line in enumerate(lines, start=1):
            if needle in read(line):
                return number
    return None


def mistake(path, message, key=None, needle=None):
    """An AuthorMistake located at metadata `key` or at the text `needle`, shown relative to cwd."""
    line = metadata_line(path, key) if key else text_line(path, needle) if needle else None
    return AuthorMistake(display_path(path), line, message)


def read_failure(path, error):
    """An AuthorMistake for a file a reader could not read, with the line that caused it."""
    if isinstance(error, UnicodeDecodeError):
        try:
            with open(path, "rb") as source:
                line = source.read()[: error.start].count(b"\n") + 1
        except OSError:
            line = None
        return AuthorMistake(
            display_path(path),
            line,
            "this file is not UTF-8 text (is it a binary file, or saved in another encoding?) — save it as UTF-8, or move it out of the content folder",
        )
    if hasattr(error, "line") and hasattr(error, "message"):  # limits.LimitExceeded: it knows its line
        return AuthorMistake(display_path(path), error.line, error.message)
    docutils = _DOCUTILS.match(str(error))
    if docutils:
        return restructuredtext_failure(path, int(docutils["line"]), docutils["text"])
    quoted = re.search(r"'([^']+)'", str(error))
    line = text_line(path, quoted[1]) if quoted else None
    return AuthorMistake(display_path(path), line, f"this file could not be read: {error} — correct it and build again")


def restructuredtext_failure(path, line, text):
    """A docutils warning as a mistake on its line; a directive that would read a file or an address (include,
    raw or csv-table with :file: or :url:) is named as what it is."""
    if any(words in text for words in _READS_FILES):
        directive = re.search(r'"([\w-]+)"', text)
        what = f"the {directive[1]} directive" if directive else "this directive"
        return AuthorMistake(
            display_path(path),
            line,
            f"{what} would read a file or a web address into the page, which this site does not allow (a page could publish any file of the machine) — write the text into the page itself",
        )
    return AuthorMistake(display_path(path), line, f"reStructuredText could not read this: {text} — correct it and build again")


def display_path(path):
    """`path` relative to the folder the build runs in, as an author types it; as given when it lies outside."""
    relative = os.path.relpath(path)
    return path if relative.startswith("..") else relative


def report(mistakes):
    """Log every mistake in one error (which fails a strict build); no-op when there are none."""
    if mistakes:
        lines = "\n".join(str(m) for m in sorted(set(mistakes), key=_order))
        logger.error("%d content mistake(s):\n%s", len(set(mistakes)), lines)


def advise(advice):
    """Record things `make check` should list but that must not fail a build."""
    for item in sorted(set(advice), key=_order):
        advice_logger.info("%s", item)


def _order(item):
    return (item.path, item.line or 0, item.message)
