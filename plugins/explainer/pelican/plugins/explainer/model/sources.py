"""The Sources page: every publication cited in a footnote anywhere on the site, with links back.

The footnotes come from Python-Markdown's footnotes extension (the text of each, as the author wrote
it), read while the document was converted. Their parts follow EXPLAINER_FOOTNOTE_PATTERN (e.g.
CITATION_PATTERN, `Publication, "Title", date, <URL>`; without one each note is listed whole); citations of the same piece (same publication, title and URL) are
merged, and a piece read through another outlet ("Agence France-Presse via Dawn", EXPLAINER_VIA) is
listed under the outlet that wrote it.
"""

from dataclasses import replace

from pelican.plugins.explainer.extras import of
from pelican.plugins.explainer.reading.footnotes import parse_footnote
from pelican.plugins.explainer.reading.matcher import fold

from .entities import sort_key


def citations_of(content, settings):
    """[(footnote id, Citation)] in the order the footnotes are defined, parsed once per document: the
    source checks, the policy and the Sources page all read them."""
    extras = of(content)
    if extras.citations is None:
        footnotes = extras.facts.footnotes if extras.facts else {}
        extras.citations = [(footnote_id, parse_footnote(text, settings)) for footnote_id, text in footnotes.items()]
    return extras.citations


def gather(contents, settings):
    """[(publication, [Citation])] sorted by publication, from the footnotes of every content object."""
    citations = {}
    for content in sorted(contents, key=sort_key):
        for footnote_id, parsed in citations_of(content, settings):
            key = (fold(parsed.origin), fold(parsed.title), parsed.url)
            citation = citations.setdefault(key, replace(parsed, cited_in=[]))  # the document's own stays as read
            citation.cited_in.append((content, footnote_id))
    by_publication = {}
    for citation in citations.values():
        by_publication.setdefault(citation.origin, []).append(citation)
    return sorted(
        ((name, sorted(items, key=lambda c: (fold(c.title), c.url))) for name, items in by_publication.items()),
        key=lambda item: fold(item[0]),
    )
