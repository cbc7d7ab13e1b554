"""A way into the story: numbered chapters that group the explainers, the article every other one
points back to, and the key points an article opens with.

- EXPLAINER_CHAPTERS, `{1: {"title": "What happened", "question": "What did …?"}, …}`: an article names its
  chapter with `Chapter: 1`; the home page lists the explainers chapter by chapter, each chapter in the
  site's reading order (newest first, then by title and slug: a total order, the same every build).
- EXPLAINER_START_HERE, an article's slug: the one a newcomer should read first; every other article
  gets `explainer.start_here`, a link back to it, instead of retelling it.
- EXPLAINER_KEY_POINTS, a number: an article that writes `Key-points:` (one point a line, continued on
  lines indented by four spaces) gives exactly that many, each sourced with its own footnotes, `… [^id]`.
"""

import re
from dataclasses import dataclass, field

from pelican.plugins.explainer import state
from pelican.plugins.explainer.checks.errors import AuthorMistake, mistake
from pelican.plugins.explainer.extras import facts_of, of
from pelican.plugins.explainer.model.entities import newest_first
from pelican.plugins.explainer.model.schema import suggestion
from pelican.plugins.explainer.reading.footnotes import note_numbers
from pelican.plugins.explainer.reading.text import single_line
from pelican.plugins.explainer.settings import DEFAULTS

CHAPTER_KEY = "chapter"
KEY_POINTS_KEY = "key-points"
SNIPPET_LENGTH = 50  # the most of a key point a message quotes
_NOTE = re.compile(r"\[\^([^\]\s]+)\]")


@dataclass(frozen=True)
class Chapter:
    """One chapter of the way in: its number, title, the question it answers, and the explainers in it."""

    number: int | None  # None: the explainers no chapter claims, listed after the chapters
    title: str
    question: str
    articles: list = field(default_factory=list)


@dataclass(frozen=True)
class Note:
    """A footnote a key point cites: its id and the number the article shows for it."""

    label: str
    number: int


def chapter_of(article):
    """The chapter number an article names, or None."""
    value = single_line(article.metadata.get(CHAPTER_KEY, ""))
    return int(value) if value.isdigit() else None


def chapters(articles, table):
    """[Chapter] in order, each with its articles in reading order; articles no chapter claims come last
    (number None), so none is left off the home page. Chapters no article names are left out. `table` is
    the build's chapter table (settings.Tables.chapters)."""
    groups = {}
    for article in sorted(articles, key=newest_first):
        number = chapter_of(article)
        groups.setdefault(number if number in table else None, []).append(article)
    found = [Chapter(number, *table[number], groups[number]) for number in table if number in groups]
    if None in groups:
        found.append(Chapter(None, "More explainers", "", groups[None]))
    return found


def chapter_table():
    """{number: (title, question)}: the chapters of the build under way ({} outside a build, or with none)."""
    build = state.current()
    return build.tables.chapters if build is not None else {}


def chapters_filter(articles):
    """The `chapters` filter: `{% for chapter in articles|chapters %}`, with the build's chapters."""
    return chapters(articles, chapter_table())


def points_of(content):
    """The key points as written, one a line."""
    value = content.metadata.get(KEY_POINTS_KEY, [])
    lines = value if isinstance(value, list) else str(value).splitlines()
    return [" ".join(line.split()) for line in lines if line.strip()]


def key_points(content):
    """[[(text, [Note, …])]]: each key point as pieces of text, each followed by the notes it cites there (none,
    one, or several side by side, which the theme shows as one marker), numbered as the article's notes are
    (footnotes.note_numbers: a note naming the same source as an earlier one shows as that one)."""
    facts = facts_of(content)
    cited = facts.cited if facts else []
    written = facts.footnotes if facts else {}
    pattern = content.settings.get("EXPLAINER_FOOTNOTE_PATTERN", DEFAULTS["EXPLAINER_FOOTNOTE_PATTERN"])
    numbers = note_numbers(cited, written, pattern)
    points = []
    for line in points_of(content):
        pieces: list[tuple[str, list[Note]]] = []
        start = 0
        for found in _NOTE.finditer(line):
            text = line[start : found.start()].rstrip()
            if text or not pieces:
                pieces.append((text, []))
            if found[1] in numbers:
                note = Note(*numbers[found[1]])
                if note not in pieces[-1][1]:
                    pieces[-1][1].append(note)
            start = found.end()
        if start < len(line):
            pieces.append((line[start:], []))
        points.append(pieces)
    return points


def article_mistakes(article, settings):
    """A chapter that does not exist, key points of the wrong number, unsourced or citing a footnote the
    article does not have."""
    path, found = article.source_path, []
    table = chapter_table()
    written = single_line(article.metadata.get(CHAPTER_KEY, ""))
    facts = facts_of(article)
    if table and (written or (facts and CHAPTER_KEY in facts.written_keys)) and chapter_of(article) not in table:
        choices = ", ".join(f"{number} ({title})" for number, (title, _) in table.items())
        found.append(mistake(path, f"Chapter is {written!r}, which is not a chapter — use one of {choices}", key=CHAPTER_KEY))
    if KEY_POINTS_KEY not in article.metadata:
        return found
    points, wanted = points_of(article), settings.get("EXPLAINER_KEY_POINTS")
    if wanted and len(points) != wanted:
        found.append(
            mistake(
                path,
                f"Key-points gives {len(points)} point(s) — write exactly {wanted}, one a line, continued on lines indented by four spaces",
                key=KEY_POINTS_KEY,
            )
        )
    facts = facts_of(article)
    footnotes = set(facts.footnotes) if facts else set()
    for point in points:
        labels = _NOTE.findall(point)
        if not labels:
            snippet = point if len(point) <= SNIPPET_LENGTH else point[: SNIPPET_LENGTH - 1].rstrip() + "…"
            found.append(
                mistake(
                    path,
                    f"the key point {snippet!r} cites no source — end it with one of this article's footnotes, e.g. `… [^id]`",
                    needle=point[:40],
                )
            )
        for label in labels:
            if label not in footnotes:
                found.append(
                    mistake(
                        path,
                        f"the key point cites [^{label}], which this article does not define — {suggestion(label, footnotes)}",
                        needle=f"[^{label}]",
                    )
                )
    return found


def connect(articles, settings):
    """Give every article but the lead `explainer.start_here`, the article to read first (None on the lead itself)."""
    slug = settings.get("EXPLAINER_START_HERE")
    lead = (
        next(
            (article for article in sorted(articles, key=newest_first) if article.slug == slug and article.in_default_lang), None
        )
        if slug
        else None
    )
    for article in articles:
        of(article).start_here = lead if lead is not None and article.slug != slug else None
    return lead


def advice(articles, settings):
    """What `make check` lists: a lead no article has (a small site built with the same settings has
    none, so it is not a mistake), articles with no chapter (listed after the chapters) or no key points."""
    found = []
    slug = settings.get("EXPLAINER_START_HERE")
    if slug and slug not in {article.slug for article in articles}:
        found.append(
            AuthorMistake(
                "pelicanconf.py",
                None,
                f"EXPLAINER_START_HERE names {slug!r}, which is not the Slug of any article — the home page shows no lead and no article links back to it",
            )
        )
    if chapter_table():
        found += [
            mistake(a.source_path, "this article names no chapter — the home page lists it after the chapters: add `Chapter: N`")
            for a in articles
            if CHAPTER_KEY not in a.metadata
        ]
    if settings.get("EXPLAINER_KEY_POINTS"):
        found += [
            mistake(
                a.source_path,
                f"this article has no key points — open it with `Key-points:` and {settings['EXPLAINER_KEY_POINTS']} sourced lines",
            )
            for a in articles
            if KEY_POINTS_KEY not in a.metadata
        ]
    return found
