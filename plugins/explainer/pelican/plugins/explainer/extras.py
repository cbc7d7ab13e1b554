"""Everything the plugin adds to a content object, under one attribute: `article.explainer.covers`,
`page.explainer.corrections`, `entity.explainer.relations`. Pelican's content objects are shared with themes
and other plugins (related_posts and neighbors set `related_posts`, `next_article`…), so no name of the
plugin's own may sit beside theirs.

The reader puts a document's Extras in its metadata (under ATTRIBUTE), so Pelican sets the attribute as it
sets every metadata key, and its content cache, which pickles metadata, keeps the facts with the conversion;
everything else is worked out by each build once every page is read (site.py and the modules it calls).
"""

ATTRIBUTE = "explainer"  # the metadata key and content attribute


class Extras:
    """What the plugin knows of one document. Picklable, as Pelican's content cache requires."""

    def __init__(self, facts=None):
        self.facts = facts  # document.DocumentFacts: what converting the document found
        self.citations = None  # [(footnote id, Citation)], parsed once (sources.py)
        self.mentioned_entities = []  # the entities its text mentions, by key
        self.linked_entities = []  # the entities its text links, in order
        self.countries_list = []  # the entities its metadata names (Countries: …)
        self.concerned_countries = []  # those, then the others of such kinds that it mentions
        self.covers = None  # the date of the last event it covers (freshness.py)
        self.corrections = []  # its corrections, oldest first (freshness.py)
        self.start_here = None  # the article to read first (wayin.py)
        self.related_explainers = []  # related.py
        self.previous_explainer = None
        self.next_explainer = None
        self.map = None  # its locator map (maps.py)
        self.flag = None  # a country's inline flag (maps.py)
        self.people_row = None  # people_row.py
        self.timeline_countries = []  # a timeline page's countries (timeline.py)
        self.timeline_highlight = None
        self.relations = []  # an entity's Relations, for kinds with relations
        self.roles = []  # an entity's Roles, for kinds with roles
        # site.py adds `<key>_entity` for each reference an entity's kind declares (term.explainer.country_entity).


def of(content):
    """The Extras of `content`, given an empty one if it has none (one that no reader of the plugin's read)."""
    found = content.__dict__.get(ATTRIBUTE)
    if not isinstance(found, Extras):
        found = Extras()
        setattr(content, ATTRIBUTE, found)
    return found


def facts_of(content):
    """The DocumentFacts of `content`, or None."""
    found = content.__dict__.get(ATTRIBUTE)
    return found.facts if isinstance(found, Extras) else None
