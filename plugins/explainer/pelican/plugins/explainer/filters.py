"""Jinja2 filters the plugin's templates (and a theme's) use; added to JINJA_FILTERS at start-up.

Everything about a document comes from the facts recorded while it was parsed (registry.FACTS), never
from reading its HTML again.
"""

import math
import unicodedata

from markupsafe import Markup

from . import graph
from .entities import sort_key
from .registry import FACTS

WORDS_PER_MINUTE = 220


def groupby_letter(entities):
    """[(letter, entities)] for an A–Z index; names that start with no Latin letter go under "#"."""
    groups = {}
    for entity in sorted(entities, key=sort_key):
        groups.setdefault(initial(str(entity.title)), []).append(entity)
    return sorted(groups.items(), key=lambda item: (item[0] == "#", item[0]))


def initial(title):
    first = unicodedata.normalize("NFKD", title.strip()[:1])[:1].upper()
    return first if "A" <= first <= "Z" else "#"


def relations_graph(countries, styles):
    """The inline SVG graph of the countries' relations (markup built and escaped by graph.render)."""
    return Markup(graph.render(countries, styles))


def relation_rows(countries):
    """Every declared relation, sorted by country then partner, for the accessible table."""
    rows = [relation for country in countries for relation in country.relations]
    by_slug = {country.slug: country for country in countries}
    ordered = sorted(rows, key=lambda r: (sort_key(r.country), r.other_slug, r.type))
    return [(relation, by_slug.get(relation.other_slug)) for relation in ordered]


def table_of_contents(content, level=2):
    """[(anchor, heading text)] of the document's headings of one level, from its parsed tree."""
    facts = getattr(content, FACTS, None)
    return [(anchor, text) for depth, anchor, text in (facts.headings if facts else []) if depth == level and anchor]


def reading_minutes(content):
    """Minutes to read the document's text (footnotes left out), the same with linking on or off."""
    facts = getattr(content, FACTS, None)
    return max(1, math.ceil((facts.words if facts else 0) / WORDS_PER_MINUTE))


FILTERS = {"groupby_letter": groupby_letter, "relations_graph": relations_graph, "relation_rows": relation_rows,
           "table_of_contents": table_of_contents, "reading_minutes": reading_minutes}
