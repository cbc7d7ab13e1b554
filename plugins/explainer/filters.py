"""Jinja2 filters the theme uses to show entities; added to JINJA_FILTERS at start-up."""

import unicodedata


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


FILTERS = {"term_data": term_data, "groupby_letter": groupby_letter}
