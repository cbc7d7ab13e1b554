"""The Sources page: every publication cited in a footnote anywhere on the site, with links back.

The footnotes come from Python-Markdown's footnotes extension (the text of each, as the author wrote
it), read while the document was converted. Their parts follow EXPLAINER_FOOTNOTE_PATTERN (by default
`Publication, "Title", date, <URL>`); citations of the same piece (same publication, title and URL) are
merged, and a piece read through another outlet ("Agence France-Presse via Dawn", EXPLAINER_VIA) is
listed under the outlet that wrote it.
"""

import re
from dataclasses import dataclass, field, replace

from .entities import sort_key
from .matcher import fold
from .registry import FACTS


@dataclass
class Citation:
    publication: str  # who published it, e.g. "Agence France-Presse via Dawn"
    title: str
    details: str  # what follows the title: the date, as written
    url: str
    origin: str  # the publication that wrote it
    carrier: str  # where it was read, for "X via Y" footnotes; empty otherwise
    cited_in: list = field(default_factory=list)  # (content, footnote id)


def parse_footnote(text, settings):
    """A Citation (without its places) from one footnote's text; one that does not follow the pattern is
    listed whole, under the publication named before its first comma."""
    text = " ".join(text.split())
    found = re.match(settings["EXPLAINER_FOOTNOTE_PATTERN"], text)
    if not found:
        publication = text.split(",", 1)[0].strip()
        return Citation(publication, text, "", "", publication, "")
    parts = {key: (value or "").strip() for key, value in found.groupdict().items()}
    publication = parts.get("publication", "")
    origin, carrier = publication, ""
    for separator in settings["EXPLAINER_VIA"]:
        if separator in publication:
            origin, carrier = (piece.strip() for piece in publication.split(separator, 1))
            break
    return Citation(publication, parts.get("title", ""), parts.get("date", "").strip(" ,."), parts.get("url", "").rstrip(".,"),
                    origin, carrier)


def citations_of(content, settings):
    """[(footnote id, Citation)] in the order the footnotes are defined, parsed once per document: the
    source checks, the policy and the Sources page all read them."""
    if "_citations" not in content.__dict__:
        facts = getattr(content, FACTS, None)
        footnotes = facts.footnotes if facts else {}
        content._citations = [(footnote_id, parse_footnote(text, settings)) for footnote_id, text in footnotes.items()]
    return content._citations


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
    return sorted(((name, sorted(items, key=lambda c: (fold(c.title), c.url))) for name, items in by_publication.items()),
                  key=lambda item: fold(item[0]))
