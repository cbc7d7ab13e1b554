"""An entity's role in the story: one sourced line per kind of role, shown first on its page.

A role is written `kind | what it did [^note]` under `Role:`, one per line; the kinds and their headings
are EXPLAINER_ROLE_TYPES. Each line cites one or more footnotes that the same file defines, so every
claim in the box a reader sees first leads to its source on the same page.
"""

import re
from dataclasses import dataclass

from pelican.plugins.explainer.checks.errors import mistake

from .schema import suggestion
from .sources import citations_of

FOOTNOTE_MARK = re.compile(r"\[\^([^\]\s]+)\]")  # a footnote cited in a line: [^note]


@dataclass(frozen=True)
class Source:
    """A footnote a line cites: its id, the page anchor of the note, the words naming it, its URL."""

    note: str
    anchor: str
    words: str  # "Interfax, 5 December 2024"
    url: str


@dataclass(frozen=True)
class Role:
    """One line of an entity's Role: its kind, the heading it is shown under, its text and the sources it cites."""

    kind: str
    heading: str
    text: str  # without the footnote marks
    sources: tuple


def line_values(entity, key):
    """The lines of a one-item-per-line metadata value (Relations, Role), stripped, blanks left out."""
    value = entity.metadata.get(key, [])
    lines = value if isinstance(value, list) else str(value).splitlines()
    return [line.strip() for line in lines if line.strip()]


def note_anchor(settings, note):
    """The id Python-Markdown's footnotes extension gives the note `note` (its SEPARATOR, ':' by default)."""
    config = settings.get("MARKDOWN", {}).get("extension_configs", {}).get("markdown.extensions.footnotes", {})
    return f"fn{config.get('SEPARATOR', ':')}{note}"


def note_sources(entity):
    """{footnote id: Source} for every footnote the entity's file defines."""
    return {
        note: Source(
            note,
            note_anchor(entity.settings, note),
            ", ".join(part for part in (citation.origin, citation.details) if part),
            citation.url,
        )
        for note, citation in citations_of(entity, entity.settings)
    }


def cited_sources(entity, text):
    """(text without its footnote marks, [Source], [ids this file does not define]) for one line."""
    defined = note_sources(entity)
    notes = list(dict.fromkeys(FOOTNOTE_MARK.findall(text)))
    sources = [defined[note] for note in notes if note in defined]
    missing = [note for note in notes if note not in defined]
    return " ".join(FOOTNOTE_MARK.sub("", text).split()).rstrip(" ;,"), sources, missing


def missing_note_mistakes(entity, line, missing):
    """A mistake for each footnote a metadata `line` cites that the file does not define."""
    return [
        mistake(
            entity.source_path,
            f'[^{note}] is not a footnote of this file — define `[^{note}]: Publication, "Title", date, <URL>` below the text, or cite one it defines',
            needle=line[:40],
        )
        for note in missing
    ]


def citation_mistakes(entity, line, subject, cited, words_wanted):
    """The mistakes of one metadata line's citation, none when it is sound: a footnote the file does not define,
    no footnote at all, or a footnote with no words. `cited` is cited_sources' answer for the line, `subject`
    names what the line gives ("the role 'host'"), and `words_wanted` tells what its words should say."""
    text, sources, missing = cited
    if missing:
        return missing_note_mistakes(entity, line, missing)
    where = {"needle": line[:40]}
    if not sources:
        return [
            mistake(
                entity.source_path,
                f"{subject} cites no source — end the line with a footnote this file defines, e.g. [^reuters]",
                **where,
            )
        ]
    if not text:
        return [mistake(entity.source_path, f"{subject} has a source but no words — {words_wanted}", **where)]
    return []


def parse(entity, role_types):
    """(roles in the order of EXPLAINER_ROLE_TYPES, mistakes) for one entity's Role metadata."""
    roles, found = {}, []
    path = entity.source_path
    for line in line_values(entity, "role"):
        where = {"needle": line[:40]}
        kind, _, rest = (part.strip() for part in line.partition("|"))
        kind = kind.lower()
        if not rest:
            found.append(
                mistake(
                    path,
                    f"the role {line!r} needs two parts — write `kind | what it did [^source]`, kind one of {', '.join(role_types)}",
                    **where,
                )
            )
            continue
        text, sources, _ = cited = cited_sources(entity, rest)
        if kind not in role_types:
            found.append(
                mistake(
                    path, f"unknown role {kind!r} — {suggestion(kind, role_types)} (the kinds are EXPLAINER_ROLE_TYPES)", **where
                )
            )
        elif kind in roles:
            found.append(mistake(path, f"the role {kind!r} is given twice — keep one line per kind", **where))
        elif problems := citation_mistakes(entity, line, f"the role {kind!r}", cited, "say what the country did"):
            found += problems
        else:
            roles[kind] = Role(kind, role_types[kind], text, tuple(sources))
    return [roles[kind] for kind in role_types if kind in roles], found
