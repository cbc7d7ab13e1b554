"""The plugin's settings and their defaults: GLOSSARY_* for terms, COUNTRY_* for countries.

Paths are relative to Pelican's PATH, as Pelican's own ARTICLE_PATHS are; URL and SAVE_AS pairs
follow Pelican's TAG_URL / TAG_SAVE_AS convention, so a site can move the pages anywhere.
"""

from .filters import FILTERS

DEFAULTS = {
    "EXPLAINER_MIN_SOURCES": 3,  # distinct footnoted sources every article must cite
    "GLOSSARY_PATH": "glossary",
    "GLOSSARY_URL": "glossary/{slug}/",
    "GLOSSARY_SAVE_AS": "glossary/{slug}/index.html",
    "GLOSSARY_INDEX_URL": "glossary/",
    "GLOSSARY_INDEX_SAVE_AS": "glossary/index.html",
    "GLOSSARY_AUTOLINK": True,
    "GLOSSARY_LINK_ALL": False,
    "GLOSSARY_CATEGORIES": ("weapon", "organisation", "person", "place", "treaty", "event", "concept"),
    "COUNTRY_PATH": "countries",
    "COUNTRY_URL": "countries/{slug}/",
    "COUNTRY_SAVE_AS": "countries/{slug}/index.html",
    "COUNTRY_INDEX_URL": "countries/",
    "COUNTRY_INDEX_SAVE_AS": "countries/index.html",
    "SOURCES_URL": "sources/",
    "SOURCES_SAVE_AS": "sources/index.html",
    "COUNTRY_RELATION_TYPES": ("ally", "partner", "adversary", "at-war", "neutral"),
}


def apply_defaults(settings):
    """Fill in every plugin setting the site did not set, and add the theme's filters."""
    for key, value in DEFAULTS.items():
        settings.setdefault(key, value)
    settings["JINJA_FILTERS"] = {**FILTERS, **settings.get("JINJA_FILTERS", {})}
