"""Jinja2 filters the theme uses to show entities; added to JINJA_FILTERS at start-up."""

import html
import math
import re
import unicodedata

from markupsafe import Markup

from . import graph


def term_data(entities):
    """{key: {title, summary}} for the popover: plain text only, as a tooltip cannot hold links."""
    return {entity.key: {"title": str(entity.title), "summary": entity.plain_summary} for entity in entities}


def groupby_letter(entities):
    """[(letter, entities)] for an A–Z index; names that start with no Latin letter go under "#"."""
    groups = {}
    for entity in entities:
        groups.setdefault(initial(str(entity.title)), []).append(entity)
    return sorted(groups.items(), key=lambda item: (item[0] == "#", item[0]))


def initial(title):
    first = unicodedata.normalize("NFKD", title.strip()[:1])[:1].upper()
    return first if "A" <= first <= "Z" else "#"


def relations_graph(countries):
    """The inline SVG graph of the countries' relations (markup built and escaped by graph.render)."""
    return Markup(graph.render(countries))


def relation_rows(countries):
    """Every declared relation, sorted by country then partner, for the accessible table."""
    rows = [relation for country in countries for relation in country.relations]
    by_slug = {country.slug: country for country in countries}
    return [(relation, by_slug.get(relation.other_slug)) for relation in sorted(rows, key=lambda r: (str(r.country.title), r.other_slug))]


_HEADING = re.compile(r'<h2 id="([^"]+)"[^>]*>(.*?)</h2>', re.S)
_TAG = re.compile(r"<[^>]+>")
_FOOTNOTES = re.compile(r'<div class="footnote">.*', re.S)


def table_of_contents(content):
    """[(anchor, heading text)] of the article's second-level headings."""
    return [(anchor, html.unescape(_TAG.sub("", text)).strip()) for anchor, text in _HEADING.findall(content)]


def reading_minutes(content):
    """Minutes to read the text at 220 words a minute, footnotes left out."""
    words = len(html.unescape(_TAG.sub(" ", _FOOTNOTES.sub("", content))).split())
    return max(1, math.ceil(words / 220))


FILTERS = {"term_data": term_data, "groupby_letter": groupby_letter, "relations_graph": relations_graph, "relation_rows": relation_rows,
           "table_of_contents": table_of_contents, "reading_minutes": reading_minutes}
