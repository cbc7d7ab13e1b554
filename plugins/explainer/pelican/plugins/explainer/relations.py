"""Country relations: one typed line per other country, checked on both sides.

A relation is written `other-slug | type | since | note | source` under `Relations:`, one per line.
"""

import datetime
import difflib
import os
import re
from dataclasses import dataclass

from .errors import mistake

_SINCE = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$")


@dataclass(frozen=True)
class Relation:
    country: object  # the Country that declares it
    other_slug: str
    type: str
    since: str
    note: str
    source: str

    @property
    def source_is_url(self):
        return self.source.startswith(("https://", "http://"))


def relation_lines(country):
    value = country.metadata.get("relations", [])
    lines = value if isinstance(value, list) else str(value).splitlines()
    return [line.strip() for line in lines if line.strip()]


def parse(country, known_slugs, allowed_types):
    """(relations, mistakes) for one country's Relations metadata."""
    relations, found = [], []
    path = country.source_path
    for line in relation_lines(country):
        fields = [field.strip() for field in line.split("|")]
        if len(fields) != 5 or not all(fields):
            found.append(mistake(path, f"the relation {line!r} needs five parts — write `other-slug | type | since | note | source`", needle=line[:40]))
            continue
        other, kind, since, note, source = fields
        other = other.lower()
        where = dict(needle=line[:40])
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
        elif int(since[:4]) > datetime.date.today().year:
            found.append(mistake(path, f"the since-date {since!r} is in the future — a relation is recorded once it holds", **where))
        elif any(r.other_slug == other for r in relations):
            found.append(mistake(path, f"the relation to {other} is declared twice — keep one line per country", **where))
        else:
            relations.append(Relation(country, other, kind, since, note, source))
    return relations, found


def _valid_since(since):
    if not _SINCE.match(since):
        return False
    parts = [int(part) for part in since.split("-")] + [1, 1]
    try:
        datetime.date(*parts[:3])
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
            advice.append(mistake(relation.country.source_path, f"the relation to {second} ({relation.type}) is not declared in {os.path.relpath(other_file)} — add the same relation there", needle=f"{second} |"))
        elif back.type != relation.type and first < second:
            advice.append(mistake(relation.country.source_path, f"the relation to {second} is {relation.type!r} here but {back.type!r} in {os.path.relpath(back.country.source_path)} — make the two sides agree", needle=f"{second} |"))
    return advice
