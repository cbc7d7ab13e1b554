"""Related explainers and reading order, computed from what the plugin found in each article.

Two explainers are related when they mention the same glossary terms and countries; the score is
the number of entities they share (countries named in metadata count too), which needs no tags.
"""

import heapq
from collections import Counter

from pelican.plugins.explainer.extras import of


def entities_of(article):
    """The entities `article` is about: the ones its text mentions and the countries its metadata names."""
    return set(of(article).mentioned_entities) | set(of(article).countries_list)


def connect(reading_order, how_many=3):
    """Set `explainer.related_explainers`, and `.previous_explainer` and `.next_explainer` in `reading_order` (the
    home page's order), so "Next" walks a reader down the list.

    Shared entities are counted through an index of who mentions what, so an article is compared only
    with the articles it shares something with, not with every other one."""
    newest = sorted(reading_order, key=lambda article: (-article.date.timestamp(), article.slug))
    rank = {article: position for position, article in enumerate(newest)}  # ties: newest, then by slug
    mentioned_by = {}
    for article in newest:
        for entity in entities_of(article):
            mentioned_by.setdefault(entity, []).append(article)
    for index, article in enumerate(reading_order):
        shared = Counter()
        for entity in entities_of(article):
            shared.update(mentioned_by[entity])
        del shared[article]
        best = heapq.nsmallest(how_many, shared.items(), key=lambda item: (-item[1], rank[item[0]]))
        extras = of(article)
        extras.related_explainers = [other for other, _ in best]
        extras.previous_explainer = reading_order[index - 1] if index > 0 else None
        extras.next_explainer = reading_order[index + 1] if index + 1 < len(reading_order) else None
