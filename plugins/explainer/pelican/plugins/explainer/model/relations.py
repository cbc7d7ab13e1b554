"""Country relations: one typed line per other country, checked on both sides.

A relation is written `other-slug | type | since | note | source` under `Relations:`, one per line. The
source is best a footnote of the same file (`[^interfax]`), so a reader sees who reported it and when;
a URL or plain words are accepted too.
"""

import calendar
import datetime as dt
import difflib
import os
import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from pelican.plugins.explainer.checks.errors import mistake

from .roles import Source, cited_sources, line_values, missing_note_mistakes, note_sources

FIELDS = 5  # a Relations line: other country | type | since | note | source
_SINCE = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$")


@dataclass(frozen=True)
class Relation:
    """One line of a country's Relations: the other country, the kind of relation, since when, a note, and its source."""

    country: object  # the Country that declares it
    other_slug: str
    type: str
    since: str
    note: str
    source: str  # as written
    sources: tuple = ()  # Source objects, for a source that is footnotes or a URL; empty for plain words

    @property
    def year(self):
        """The year the relation began, from its since date."""
        return self.since[:4]


def date_words(since):
    """A YYYY, YYYY-MM or YYYY-MM-DD date as a reader says it: "1950", "January 2020", "11 July 1961"."""
    match [int(part) for part in str(since).split("-")]:
        case [year, month, day]:
            return f"{day} {calendar.month_name[month]} {year}"
        case [year, month]:
            return f"{calendar.month_name[month]} {year}"
    return str(since)


def sources_of(country, source):
    """(Sources, ids the file does not define) for a relation's source: its footnotes, or a URL (named
    like the footnote of this file that cites it, else by its host)."""
    if source.startswith(("https://", "http://")):
        same = [item for item in note_sources(country).values() if item.url == source]
        return (same[:1] or [Source("", "", urlsplit(source).hostname or source, source)]), []
    _, found, missing = cited_sources(country, source)
    return found, missing


def parse(country, known_slugs, allowed_types):
    """(relations, mistakes) for one country's Relations metadata."""
    relations, found = [], []
    path = country.source_path
    for line in line_values(country, "relations"):
        fields = [field.strip() for field in line.split("|")]
        if len(fields) != FIELDS or not all(fields):
            found.append(
                mistake(
                    path,
                    f"the relation {line!r} needs five parts — write `other-slug | type | since | note | source`",
                    needle=line[:40],
                )
            )
            continue
        other, kind, since, note, source = fields
        other = other.lower()
        where = {"needle": line[:40]}
        if other == country.slug:
            found.append(mistake(path, f"{country.slug} has a relation to itself — remove that line", **where))
        elif other not in known_slugs:
            close = difflib.get_close_matches(other, sorted(known_slugs), n=1)
            hint = f"did you mean {close[0]!r}?" if close else "add the country file first"
            found.append(mistake(path, f"the relation names {other!r}, which is not in countries/ — {hint}", **where))
        elif kind not in allowed_types:
            found.append(mistake(path, f"unknown relation type {kind!r} — use one of {', '.join(allowed_types)}", **where))
        elif not _valid_since(since):
            found.append(mistake(path, f"the since-date {since!r} is not YYYY, YYYY-MM or YYYY-MM-DD — correct it", **where))
        elif int(since[:4]) > dt.date.today().year:
            found.append(
                mistake(path, f"the since-date {since!r} is in the future — a relation is recorded once it holds", **where)
            )
        elif any(r.other_slug == other for r in relations):
            found.append(mistake(path, f"the relation to {other} is declared twice — keep one line per country", **where))
        else:
            sources, missing = sources_of(country, source)
            found += missing_note_mistakes(country, line, missing)
            relations.append(Relation(country, other, kind, since, note, source, tuple(sources)))
    return relations, found


def _valid_since(since):
    if not _SINCE.match(since):
        return False
    parts = [int(part) for part in since.split("-")] + [1, 1]
    try:
        dt.date(*parts[:3])
    except ValueError:
        return False
    return True


def one_sided(relations):
    """Advice for relations declared on one side only, or with a different type on each side."""
    by_pair = {(r.country.slug, r.other_slug): r for r in relations}
    advice = []
    for (first, second), relation in sorted(by_pair.items()):
        back = by_pair.get((second, first))
        other_file = os.path.join(os.path.dirname(relation.country.source_path), f"{second}.md")
        if back is None:
            advice.append(
                mistake(
                    relation.country.source_path,
                    f"the relation to {second} ({relation.type}) is not declared in {os.path.relpath(other_file)} — add the same relation there",
                    needle=f"{second} |",
                )
            )
        elif back.type != relation.type and first < second:
            advice.append(
                mistake(
                    relation.country.source_path,
                    f"the relation to {second} is {relation.type!r} here but {back.type!r} in {os.path.relpath(back.country.source_path)} — make the two sides agree",
                    needle=f"{second} |",
                )
            )
    return advice
