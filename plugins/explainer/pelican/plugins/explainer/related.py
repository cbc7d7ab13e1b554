"""Related explainers and reading order, computed from what the plugin found in each article.

Two explainers are related when they mention the same glossary terms and countries; the score is
the number of entities they share (countries named in metadata count too), which needs no tags.
"""


def entities_of(article):
    return set(getattr(article, "mentioned_entities", {})) | set(getattr(article, "countries_list", []))


def connect(articles, how_many=3):
    """Set `related_explainers`, and `previous_explainer` and `next_explainer` in the home page's order
    (newest first), so "Next" walks a reader down the list."""
    by_date = sorted(articles, key=lambda article: (article.date, article.slug), reverse=True)
    found = {article: entities_of(article) for article in by_date}
    for index, article in enumerate(by_date):
        scored = [(len(found[article] & found[other]), other) for other in by_date if other is not article]
        scored = [(score, other) for score, other in scored if score > 0]
        scored.sort(key=lambda item: (-item[0], -item[1].date.timestamp(), item[1].slug))
        article.related_explainers = [other for _, other in scored[:how_many]]
        article.previous_explainer = by_date[index - 1] if index > 0 else None
        article.next_explainer = by_date[index + 1] if index + 1 < len(by_date) else None
