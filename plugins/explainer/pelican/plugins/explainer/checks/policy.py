"""The source policy: which footnotes a site accepts, and what `make check` tells an author about them.

A footnote that cites a host in EXPLAINER_UNACCEPTABLE_HOSTS, or a URL whose host no reader's browser could
reach (`nwww.`, a trailing dot, no dot at all), stops the build. One that cites an aggregator or mirror
(EXPLAINER_AGGREGATOR_HOSTS), a copy ("Reuters via Nasdaq"), a publication on another publication's host
(EXPLAINER_PUBLICATION_HOSTS), or has no URL, no date, or a URL carrying tracking parameters, is advice:
`make check` lists it with its line and the rule it breaks. The advice reads a note's parts, so it needs
EXPLAINER_FOOTNOTE_PATTERN.
"""

import functools
import re
from urllib.parse import parse_qsl, urlsplit

from pelican.plugins.explainer.model.sources import citations_of
from pelican.plugins.explainer.reading.matcher import fold

from .errors import mistake

_YEAR = re.compile(r"\b(?:1[5-9]|20)\d\d\b")
_LABEL = re.compile(r"^(?!-)[a-z0-9-]{1,63}(?<!-)$")
_TOP_LEVEL = re.compile(r"^(?:[a-z]{2,63}|xn--[a-z0-9-]{1,59})$")
_MISTYPED_WWW = re.compile(r"^(?:ww|w{4,}|[a-z]w{3}|w{3}[a-z])$")  # "nwww", "wwww", "ww": not "www" or "www2"
TRACKING = re.compile(r"^(?:utm_\w+|fbclid|gclid|dclid|mc_cid|mc_eid|ocid|cmpid|igshid|_ga|yclid|mkt_tok|spm|ref_src)$", re.I)


def bare_host(url):
    """`url`'s host in lower case, without a leading "www."."""
    return (urlsplit(url).hostname or "").lower().removeprefix("www.")


def host_in(url, hosts):
    """The entry of `hosts` that `url`'s host is or lies under ("www.reuters.com" is under "reuters.com")."""
    host = bare_host(url)
    return next((entry for entry in hosts if host == entry or host.endswith("." + entry)), None)


def malformed_host(url):
    """Why the host of `url` cannot be a publication's address ("" when it can): a reader who follows the
    link would reach no site, or another site than the one the note names."""
    try:
        parts = urlsplit(url)
        host = parts.hostname or ""
        parts.port  # noqa: B018 - raises ValueError on a port that is not a number
        ascii_host = host.encode("idna").decode("ascii") if host else ""
    except (ValueError, UnicodeError):
        return "cannot be read as an address"
    labels = ascii_host.split(".")
    # (problem found, how the message words it), in the order they are told: the first found is the one reported.
    problems = (
        (not host, "has no host"),
        (host.endswith("."), f"ends its host ({host!r}) with a dot"),
        (len(labels) < 2, f"has a host ({host!r}) with no dot: no public site has such a name"),  # noqa: PLR2004 - a name and its top-level domain
        (
            not all(_LABEL.match(label) for label in labels) or not _TOP_LEVEL.match(labels[-1]),
            f"has a host ({host!r}) that is not a valid domain name",
        ),
        (bool(_MISTYPED_WWW.match(labels[0])), f"has a host ({host!r}) that starts with {labels[0]!r}, a mistyped 'www'"),
    )
    return next((problem for found, problem in problems if found), "")


def tracking_parameters(url):
    """The tracking parameters in `url`'s query (utm_source, fbclid…), which a footnote should not publish."""
    return sorted({key for key, _ in parse_qsl(urlsplit(url).query, keep_blank_values=True) if TRACKING.match(key)})


def unacceptable(content, settings):
    """Footnotes that cite a host the site does not accept, or a host no browser could reach: mistakes
    that stop the build."""
    found = []
    for footnote_id, citation in citations_of(content, settings):
        broken = citation.url and malformed_host(citation.url)
        if broken:
            found.append(
                mistake(
                    content.source_path,
                    f"footnote [^{footnote_id}] links <{citation.url}>, which {broken} — copy the address again from the publication's page",
                    needle=f"[^{footnote_id}]:",
                )
            )
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
    """Footnotes `make check` lists: an aggregator or mirror, a copy, another publication's host, no URL, no
    date, tracking parameters."""
    if not settings["EXPLAINER_FOOTNOTE_PATTERN"]:
        return []  # without a pattern a note is not read as publication, title, date and URL: nothing to advise on
    found, own_hosts = [], publication_hosts(settings)
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
        elif citation.carrier:
            note(f"cites a copy ({citation.publication}) — cite {citation.origin}'s own publication where it is public")
        elif elsewhere := other_host(citation, own_hosts):
            note(elsewhere)
        tracking = tracking_parameters(citation.url)
        if tracking:
            note(f"has tracking parameters in its URL ({', '.join(tracking)}) — remove them")
        if not _YEAR.search(citation.details or ""):
            note("has no date — add the day it was published, e.g. 28 July 2023")
    return found


def publication_hosts(settings):
    """{folded publication name: its own hosts} from EXPLAINER_PUBLICATION_HOSTS, read once per document."""
    return {
        fold(name): (own,) if isinstance(own, str) else tuple(own)
        for name, own in settings["EXPLAINER_PUBLICATION_HOSTS"].items()
    }


def other_host(citation, own_hosts):
    """Advice when a note names a publication (`own_hosts`, from publication_hosts) but links another host: a
    copy that does not say it is one ("" when the host is the publication's own, or the publication is not listed)."""
    own = own_hosts.get(fold(citation.origin))
    if not own or host_in(citation.url, own):
        return ""
    host = bare_host(citation.url)
    return (
        f"names {citation.origin} but links {host}, not {citation.origin}'s own site ({', '.join(own)}; "
        f"EXPLAINER_PUBLICATION_HOSTS) — link the original, or write `{citation.origin} via …` if only a copy is public"
    )


def kind_filter(settings):
    """The `source_kind` filter: a publication's kind (wire service, state media…) from EXPLAINER_PUBLICATION_KINDS."""
    kinds = {name.casefold(): kind for name, kind in settings["EXPLAINER_PUBLICATION_KINDS"].items()}
    return functools.partial(source_kind, kinds)  # picklable, as i18n.make_filter says


def source_kind(kinds, publication):
    """The filter itself (see kind_filter): the kind of `publication`, ignoring case; "" when it has none."""
    return kinds.get(str(publication).casefold(), "")
