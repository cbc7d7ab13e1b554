"""The source policy: which footnotes a site accepts, and what `make check` tells an author about them.

A footnote that cites a host in EXPLAINER_UNACCEPTABLE_HOSTS stops the build. One that cites an
aggregator or mirror (EXPLAINER_AGGREGATOR_HOSTS), or has no URL, no date, or a URL carrying tracking
parameters, is advice: `make check` lists it with its line and the rule it breaks.
"""

import functools
import re
from urllib.parse import parse_qsl, urlsplit

from .errors import mistake
from .sources import citations_of

_YEAR = re.compile(r"\b(?:1[5-9]|20)\d\d\b")
TRACKING = re.compile(r"^(?:utm_\w+|fbclid|gclid|dclid|mc_cid|mc_eid|ocid|cmpid|igshid|_ga|yclid|mkt_tok|spm|ref_src)$", re.I)


def host_in(url, hosts):
    """The entry of `hosts` that `url`'s host is or lies under ("www.reuters.com" is under "reuters.com")."""
    host = (urlsplit(url).hostname or "").lower().removeprefix("www.")
    return next((entry for entry in hosts if host == entry or host.endswith("." + entry)), None)


def tracking_parameters(url):
    return sorted({key for key, _ in parse_qsl(urlsplit(url).query, keep_blank_values=True) if TRACKING.match(key)})


def unacceptable(content, settings):
    """Footnotes that cite a host the site does not accept: mistakes that stop the build."""
    found = []
    for footnote_id, citation in citations_of(content, settings):
        banned = citation.url and host_in(citation.url, settings["EXPLAINER_UNACCEPTABLE_HOSTS"])
        if banned:
            found.append(
                mistake(
                    content.source_path,
                    f"footnote [^{footnote_id}] cites {banned}, which this site does not accept as a source (EXPLAINER_UNACCEPTABLE_HOSTS) — cite the original reporting or a wire service instead",
                    needle=f"[^{footnote_id}]:",
                )
            )
    return found


def advice(content, settings):
    """Footnotes `make check` lists: an aggregator or mirror, no URL, no date, tracking parameters."""
    found = []
    for footnote_id, citation in citations_of(content, settings):

        def note(message, footnote_id=footnote_id):
            found.append(mistake(content.source_path, f"footnote [^{footnote_id}] {message}", needle=f"[^{footnote_id}]:"))

        if not citation.url:
            note("has no URL — add the address of the original publication: <https://…>")
            continue
        mirror = host_in(citation.url, settings["EXPLAINER_AGGREGATOR_HOSTS"])
        if mirror:
            note(
                f"cites {mirror}, an aggregator or mirror (EXPLAINER_AGGREGATOR_HOSTS) — cite the original publication where it is public"
            )
        tracking = tracking_parameters(citation.url)
        if tracking:
            note(f"has tracking parameters in its URL ({', '.join(tracking)}) — remove them")
        if not _YEAR.search(citation.details or ""):
            note("has no date — add the day it was published, e.g. 28 July 2023")
    return found


def kind_filter(settings):
    """The `source_kind` filter: a publication's kind (wire service, state media…) from EXPLAINER_PUBLICATION_KINDS."""
    kinds = {name.casefold(): kind for name, kind in settings["EXPLAINER_PUBLICATION_KINDS"].items()}
    return functools.partial(source_kind, kinds)  # picklable, as i18n.make_filter says


def source_kind(kinds, publication):
    return kinds.get(str(publication).casefold(), "")
