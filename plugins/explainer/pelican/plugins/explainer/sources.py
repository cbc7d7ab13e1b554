"""The Sources page: every publication cited in a footnote anywhere on the site, with links back.

Footnotes follow one convention, `[^id]: Publication, "Title", date, <URL>`, so the publication is the
text before the first comma; citations of the same piece (same publication, title and URL) are merged,
and "Agence France-Presse via Dawn" is listed under Agence France-Presse.
"""

import re
from dataclasses import dataclass, field

from .validate import source_text

_DEFINITION = re.compile(r"^\[\^([^\]\s]+)\]:[ \t]*(.+)$", re.MULTILINE)
_TITLE = re.compile(r"[\"“]([^\"”]+)[\"”]")
_URL = re.compile(r"<?(https?://[^\s>]+)>?")


@dataclass
class Citation:
    publication: str  # who published it, e.g. "Agence France-Presse via Dawn"
    title: str
    details: str  # what follows the title: the date, as written
    url: str
    cited_in: list = field(default_factory=list)  # (content, footnote id)

    @property
    def origin(self):
        """The publication that wrote it: a wire story read in a newspaper is grouped under the wire."""
        return self.publication.split(" via ", 1)[0].strip()

    @property
    def carrier(self):
        """Where it was read, for "X via Y" footnotes; empty otherwise."""
        return self.publication.split(" via ", 1)[1].strip() if " via " in self.publication else ""


def parse_footnote(text):
    """(publication, title, details, url) from one footnote's text."""
    url_match = _URL.search(text)
    url = url_match.group(1).rstrip(".,") if url_match else ""
    without_url = _URL.sub("", text).strip().rstrip(".,").strip()
    publication = without_url.split(",", 1)[0].strip()
    title_match = _TITLE.search(without_url)
    title = title_match.group(1).strip().rstrip(",") if title_match else ""
    details = without_url[title_match.end():].strip(" ,.") if title_match else without_url[len(publication):].strip(" ,.")
    return publication, title, details, url


def gather(contents):
    """[(publication, [Citation])] sorted by publication, from the footnotes of every content object."""
    citations = {}
    for content in contents:
        for footnote_id, text in _DEFINITION.findall(source_text(content.source_path) or ""):
            publication, title, details, url = parse_footnote(text)
            key = (publication.casefold(), title.casefold(), url)
            citation = citations.setdefault(key, Citation(publication, title, details, url))
            citation.cited_in.append((content, footnote_id))
    by_publication = {}
    for citation in citations.values():
        by_publication.setdefault(citation.origin, []).append(citation)
    return sorted(((name, sorted(items, key=lambda c: c.title.casefold())) for name, items in by_publication.items()),
                  key=lambda item: item[0].casefold())
