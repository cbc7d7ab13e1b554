"""Everything the plugin adds to a content object, under one attribute: `article.explainer.covers`,
`page.explainer.corrections`, `entity.explainer.relations`. Pelican's content objects are shared with themes
and other plugins (related_posts and neighbors set `related_posts`, `next_article`…), so no name of the
plugin's own may sit beside theirs.

The reader puts a document's Extras in its metadata (under ATTRIBUTE), so Pelican sets the attribute as it
sets every metadata key, and its content cache, which pickles metadata, keeps the facts with the conversion;
everything else is worked out by each build once every page is read (site.py and the modules it calls).
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pelican.plugins.explainer.reading.document import DocumentFacts

ATTRIBUTE = "explainer"  # the metadata key and content attribute


class Extras:
    """What the plugin knows of one document. Picklable, as Pelican's content cache requires."""

    def __init__(self, facts: DocumentFacts | None = None) -> None:
        self.facts = facts  # document.DocumentFacts: what converting the document found
        self.citations: list[tuple[str, Any]] | None = None  # [(footnote id, Citation)], parsed once (sources.py)
        self.mentioned_entities: list[Any] = []  # the entities its text mentions, by key
        self.linked_entities: list[Any] = []  # the entities its text links, in order
        self.countries_list: list[Any] = []  # the entities its metadata names (Countries: …)
        self.concerned_countries: list[Any] = []  # those, then the others of such kinds that it mentions
        self.covers: dt.date | None = None  # the date of the last event it covers (freshness.py)
        self.corrections: list[Any] = []  # its corrections, oldest first (freshness.py)
        self.start_here: Any = None  # the article to read first (wayin.py)
        self.related_explainers: list[Any] = []  # related.py
        self.previous_explainer: Any = None
        self.next_explainer: Any = None
        self.map: Any = None  # its locator map (maps.py)
        self.places: list[Any] = []  # the places its Places: lines name (places.py)
        self.range_rings: Any = None  # its Range-rings: (places.py)
        self.flag: str | None = None  # a country's inline flag (maps.py)
        self.people_row: Any = None  # people_row.py
        self.missiles: Any = None  # its Missiles: drawn to scale (missiles.py)
        self.timeline_countries: list[tuple[str, str, int]] = []  # a timeline page's countries (timeline.py)
        self.timeline_highlight: Any = None
        self.relations: list[Any] = []  # an entity's Relations, for kinds with relations
        self.roles: list[Any] = []  # an entity's Roles, for kinds with roles
        # site.py adds `<key>_entity` for each reference an entity's kind declares (term.explainer.country_entity).


def of(content: Any) -> Extras:
    """The Extras of `content`, given an empty one if it has none (one that no reader of the plugin's read)."""
    found = content.__dict__.get(ATTRIBUTE)
    if not isinstance(found, Extras):
        found = Extras()
        setattr(content, ATTRIBUTE, found)
    return found


def facts_of(content: Any) -> DocumentFacts | None:
    """The DocumentFacts of `content`, or None."""
    found = content.__dict__.get(ATTRIBUTE)
    return found.facts if isinstance(found, Extras) else None
