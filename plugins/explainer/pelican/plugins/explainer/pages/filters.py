"""Jinja2 filters the plugin's templates (and a theme's) use; added to JINJA_FILTERS at start-up.

Everything about a document comes from the facts recorded while it was parsed (extras.py), never
from reading its HTML again.
"""

import math
import unicodedata
from collections.abc import Callable, Iterable
from typing import Any

from jinja2 import pass_context
from jinja2.runtime import Context
from markupsafe import Markup

from pelican.plugins.explainer.extras import facts_of, of
from pelican.plugins.explainer.model.entities import Entity, sort_key
from pelican.plugins.explainer.model.relations import date_words

from . import graph

WORDS_PER_MINUTE = 220


def groupby_letter(entities: Iterable[Entity]) -> list[tuple[str, list[Entity]]]:
    """[(letter, entities)] for an A–Z index; names that start with no Latin letter go under "#"."""
    groups: dict[str, list[Entity]] = {}
    for entity in sorted(entities, key=sort_key):
        groups.setdefault(initial(str(entity.title)), []).append(entity)
    return sorted(groups.items(), key=lambda item: (item[0] == "#", item[0]))


def initial(title: str) -> str:
    """The letter a title is listed under in an A–Z index: its first letter without accents, else "#"."""
    first = unicodedata.normalize("NFKD", title.strip()[:1])[:1].upper()
    return first if "A" <= first <= "Z" else "#"


@pass_context
def relations_graph(context: Context, countries: list[Entity]) -> Markup:
    """The inline SVG graph of every relation between `countries`, centred on EXPLAINER_GRAPH_CENTRE (markup
    built and escaped by graph.render)."""
    return Markup(
        graph.render(
            countries,
            graph.unique_pairs(countries),
            context["relation_types"],
            context.get("SITEURL", ""),
            centre=context.get("EXPLAINER_GRAPH_CENTRE"),
        )
    )


@pass_context
def country_graph(context: Context, country: Entity, countries: list[Entity]) -> Markup:
    """The small graph on `country`'s page: it at the centre, the countries it has relations with around it."""
    partners = {relation.other_slug for relation in of(country).relations}
    shown = [country, *(other for other in countries if other.slug in partners)]
    return Markup(
        graph.render(
            shown,
            of(country).relations,
            context["relation_types"],
            context.get("SITEURL", ""),
            centre=country.slug,
            here=country.slug,
            name="country-graph",
            title=f"{country.title}'s relations",
        )
    )


def relation_rows(countries: list[Entity]) -> list[tuple[Any, Any, Entity]]:
    """(relation, country, other): one row per pair of countries, whichever side declared it, for the table."""
    by_slug = {country.slug: country for country in countries}
    return [
        (relation, relation.country, by_slug[relation.other_slug])
        for relation in graph.unique_pairs(countries)
        if relation.other_slug in by_slug
    ]


def table_of_contents(content: Any, level: int = 2) -> list[tuple[str, str]]:
    """[(anchor, heading text)] of the document's headings of one level, from its parsed tree."""
    facts = facts_of(content)
    return [(anchor, text) for depth, anchor, text in (facts.headings if facts else []) if depth == level and anchor]


def reading_minutes(content: Any) -> int:
    """Minutes to read the document's text (footnotes left out), the same with linking on or off."""
    facts = facts_of(content)
    return max(1, math.ceil((facts.words if facts else 0) / WORDS_PER_MINUTE))


FILTERS: dict[str, Callable[..., Any]] = {
    "groupby_letter": groupby_letter,
    "relations_graph": relations_graph,
    "country_graph": country_graph,
    "relation_rows": relation_rows,
    "date_words": date_words,
    "table_of_contents": table_of_contents,
    "reading_minutes": reading_minutes,
}
