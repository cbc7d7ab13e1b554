"""The HTML allowlist, applied where every document ends: its converted HTML.

Markdown with any extension (attribute lists, `markdown="1"` blocks), reStructuredText (its `raw`
directive) and HTML pages all end as one HTML fragment per document, and one per formatted metadata field
(a Summary, where FORMATTED_FIELDS has it). Pages and feeds publish that fragment whatever wrote it, so it is
judged here, not in one reader's input: every element and attribute outside the allowlist, every URL with a
scheme pages do not keep, every inline style and every resource loaded from another site is a finding.

What the allowlist admits is the site's EXPLAINER_HTML_TAGS and EXPLAINER_HTML_ATTRIBUTES, plus the inert
markup the writers themselves produce (WRITER_TAGS and WRITER_ATTRIBUTES: Python-Markdown's footnotes and
tables, docutils' tables, the plugin's term links); none of it can run code, load anything or cover the page.
A site without an allowlist (the default) publishes any markup (inline SVG, styles, forms) but what runs code
or puts another document in the page: RUNS_CODE elements, event-handler attributes, an animation that rewrites
a link, and URLs with UNSAFE_SCHEMES are refused whatever the settings. EXPLAINER_URL_SCHEMES narrows the
schemes a link may use, and EXPLAINER_LOCAL_RESOURCES refuses what would load from another site.
"""

import html
import itertools
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from urllib.parse import urlsplit

import lxml.html

from pelican.plugins.explainer.reading.htmllink import parse as parse_like_a_browser

UNSAFE_SCHEMES = frozenset({"javascript", "data", "vbscript", "file"})
# Elements that run code, load another document into the page, or change where its links and forms lead or
# what the browser does with it: never published, allowlist or not.
RUNS_CODE = frozenset({"script", "iframe", "frame", "frameset", "object", "embed", "applet", "portal", "base", "meta", "link"})
ANIMATIONS = frozenset({"animate", "set"})  # SVG animations, which can set a link's href to javascript:
URL_ATTRIBUTES = frozenset(
    {
        "href",
        "src",
        "cite",
        "poster",
        "action",
        "formaction",
        "background",
        "data",
        "srcset",
        "xlink:href",
        "longdesc",
        "usemap",
        "manifest",
        "icon",
        "ping",
    }
)
# Attributes that make the browser fetch something as the page loads (or that a site could not vouch for).
EMBEDDING = frozenset({"src", "srcset", "poster", "data", "background"})
# Tags and attributes Python-Markdown (its core, footnotes, tables, toc, abbr, def_list, codehilite), docutils and
# this plugin write by themselves: structure and presentation only.
WRITER_TAGS = frozenset(
    {
        "p",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "blockquote",
        "ul",
        "ol",
        "li",
        "pre",
        "code",
        "em",
        "strong",
        "a",
        "img",
        "hr",
        "br",
        "table",
        "thead",
        "tbody",
        "tr",
        "th",
        "td",
        "colgroup",
        "col",
        "dl",
        "dt",
        "dd",
        "abbr",
        "sup",
        "div",
        "span",
        "tt",
        "cite",
        "figure",
        "figcaption",
    }
)
WRITER_ATTRIBUTES: Mapping[str, frozenset] = {
    "*": frozenset({"class", "id", "title"}),
    "a": frozenset({"href", "role", "aria-label", "data-term", "data-title", "data-summary"}),
    "div": frozenset({"role", "aria-label", "style"}),  # and a figure's :figwidth:
    "span": frozenset({"data-term"}),
    "sup": frozenset({"role", "aria-label"}),  # footnote markers side by side, one group (footnotes.py)
    "li": frozenset({"data-countries"}),
    "img": frozenset({"src", "alt", "style"}),  # docutils writes an image's :width: and :height: as a style
    "ol": frozenset({"start"}),
    "table": frozenset({"border", "frame", "rules"}),
    "col": frozenset({"width"}),
    "thead": frozenset({"valign"}),
    "tbody": frozenset({"valign"}),
    "th": frozenset({"style", "align"}),  # a Markdown table's column alignment
    "td": frozenset({"style", "align"}),
}
ALIGNMENTS = frozenset({"left", "right", "center", "justify"})
LENGTH = re.compile(r"[0-9]+(?:\.[0-9]+)?(?:px|em|rem|%|pt|ex|ch)?")


ANYWHERE = (
    'whatever writes it (raw HTML, an attribute list {: … }, a markdown="1" block, a reStructuredText '
    "directive) — remove it, or use only the HTML the README lists"
)


@dataclass(frozen=True)
class Finding:
    """One thing a page may not carry: what it is, what to do (in an author's words), and text to find its line by."""

    what: str
    advice: str
    needle: str
    runs_code: bool = False  # a URL with a scheme that runs code or embeds data (javascript:, data:)

    @property
    def message(self) -> str:
        """The finding as one sentence: what it is, then what to do."""
        return f"{self.what} {self.advice}"


@dataclass(frozen=True)
class Allowlist:
    """The tags and attributes (tag → names, "*" for any tag) a published page may carry (None: any but what runs
    code), the URL schemes its links may use (None: any but UNSAFE_SCHEMES), whether it loads only from its own
    site, and where that is."""

    tags: frozenset | None
    attributes: Mapping[str, frozenset] | None
    site_url: str = ""
    schemes: frozenset | None = None
    local_only: bool = False

    @classmethod
    def from_settings(cls, settings: Mapping) -> "Allowlist":
        """The site's allowlist: EXPLAINER_HTML_TAGS and EXPLAINER_HTML_ATTRIBUTES with what the plugin itself writes
        added, EXPLAINER_URL_SCHEMES, EXPLAINER_LOCAL_RESOURCES, and the SITEURL when it is an absolute address."""
        site_url = str(settings.get("SITEURL") or "")
        tags, allowed = settings["EXPLAINER_HTML_TAGS"], settings["EXPLAINER_HTML_ATTRIBUTES"]
        attributes = None
        if allowed is not None:
            attributes = {tag: frozenset(names) | WRITER_ATTRIBUTES.get(tag, frozenset()) for tag, names in allowed.items()}
            for tag, written in WRITER_ATTRIBUTES.items():
                attributes.setdefault(tag, written)
        schemes = settings["EXPLAINER_URL_SCHEMES"]
        return cls(
            None if tags is None else frozenset(tags) | WRITER_TAGS,
            attributes,
            site_url if urlsplit(site_url).netloc else "",
            None if schemes is None else frozenset(scheme.lower() for scheme in schemes) | {""},
            settings["EXPLAINER_LOCAL_RESOURCES"],
        )

    def allows_tag(self, tag: str) -> bool:
        """Whether the element `tag` may be published: never one that runs code, whatever the allowlist says."""
        return tag not in RUNS_CODE and (self.tags is None or tag in self.tags)

    def allows(self, tag: str, attribute: str) -> bool:
        """Whether `attribute` may be on `tag`, for that tag or for every tag (any, without an allowlist), and is
        not an event handler, which runs code."""
        if attribute.startswith("on"):
            return False
        if self.attributes is None:
            return True
        return attribute in self.attributes.get(tag, ()) or attribute in self.attributes.get("*", ())


def parse_markdown_output(fragment: str):
    """Python-Markdown's output, which its serializer wrote from a tree, parsed fast (its raw HTML pieces are
    judged one by one with a browser's parser, in validate.raw_html_mistakes)."""
    return lxml.html.fragment_fromstring(fragment, create_parent="div")


def findings(fragment: str, allowlist: Allowlist, browser_exact: bool = True) -> list[Finding]:
    """Everything in `fragment` a page may not carry, in document order, each named once."""
    if not fragment or "<" not in fragment:
        return []
    parse: Callable = parse_like_a_browser if browser_exact else parse_markdown_output
    found: dict[tuple[str, str], Finding] = {}
    for element in itertools.islice(parse(fragment).iter(), 1, None):  # the fragment's own root left out
        if not isinstance(element.tag, str):
            continue  # a comment or processing instruction: never shown
        tag = local_name(element.tag)
        if not allowlist.allows_tag(tag):
            what = f"the element <{tag}>"
            why = "is not allowed on a page or in a feed" if allowlist.tags is not None else "runs code or loads another document"
            found.setdefault((what, ""), Finding(what, f"{why}, {ANYWHERE}", f"<{tag}"))
            continue  # its attributes go with it
        animated = local_name(element.get("attributeName", "")) if tag in ANIMATIONS else ""
        if animated in URL_ATTRIBUTES:
            what = f"the <{tag}> of {animated}"
            found.setdefault((what, ""), Finding(what, f"can turn a link into code, {ANYWHERE}", f"<{tag}"))
        for name, value in element.attrib.items():
            for finding in attribute_findings(tag, local_name(name), value, allowlist):
                found.setdefault((finding.what, finding.needle), finding)
    return list(found.values())


def local_name(name: str) -> str:
    """`svg` for html5lib's `{http://www.w3.org/2000/svg}svg`, in lower case."""
    return name.rsplit("}", 1)[-1].lower()


def attribute_findings(tag: str, name: str, value: str, allowlist: Allowlist) -> Iterable[Finding]:
    """What is wrong with one attribute: not allowed, a style that is more than alignment, a URL with a scheme
    pages do not keep, or a resource from another site."""
    if not allowlist.allows(tag, name):
        why = "is not allowed on a page or in a feed" if allowlist.attributes is not None else "runs code"
        yield Finding(f"the attribute {name} on <{tag}>", f"{why}, {ANYWHERE}", value.strip()[:30] or name)
        return
    if name == "style" and allowlist.attributes is not None and not is_writer_style(value):
        yield Finding(
            f"the inline style {' '.join(value.split())[:40]!r} on <{tag}>",
            "is not allowed: a page takes its look from the theme, and a style can cover or hide it — remove it",
            value.strip()[:30] or "style=",
        )
        return
    if name not in URL_ATTRIBUTES:
        return
    urls = [candidate.split()[0] for candidate in value.split(",") if candidate.split()] if name == "srcset" else [value]
    for url in urls:
        scheme = browser_scheme(url)
        if scheme in UNSAFE_SCHEMES:
            yield Finding(
                f"the {name} {url[:40]!r} on <{tag}>",
                f"uses {scheme}: — link to a page (https://…) instead",
                url[:30],
                runs_code=True,
            )
        elif allowlist.schemes is not None and scheme not in allowlist.schemes:
            yield Finding(
                f"a {name} that uses {scheme}:",
                f"(pages keep only {kept_schemes(allowlist.schemes)} links) — link to a web page instead",
                url[:30],
            )
        elif allowlist.local_only and name in EMBEDDING and not from_this_site(url, allowlist.site_url):
            host = host_of(url) or url
            yield Finding(
                f"the {name} {url[:60]!r} on <{tag}>",
                f"would load from {host}, another site, and a page loads nothing from another site — save the "
                "file in content/images/ and show it from there, e.g. ![what it shows]({static}/images/name.png)",
                url[:30],
            )


def kept_schemes(schemes: Iterable[str]) -> str:
    """The schemes a site's links may use, in words: "http, https and mailto"."""
    named = sorted(scheme for scheme in schemes if scheme)
    return ", ".join(named[:-1]) + " and " + named[-1] if len(named) > 1 else "".join(named) or "relative"


def from_this_site(url: str, site_url: str) -> bool:
    r"""A relative address, a `{static}`-style one, or one under the site's own SITEURL, read as a browser reads
    it: a backslash is a slash (`/\evil.example/x.png` is on evil.example), tabs and line breaks are dropped."""
    url = as_browser_reads(url)
    if not urlsplit(url).scheme and not host_of(url):
        return True
    return bool(site_url) and url.startswith(site_url.rstrip("/") + "/")


def host_of(url: str) -> str | None:
    """The host a browser loads `url` from, or None for an address on this site. A browser skips every slash
    before a host (`///evil.example/x` is on evil.example), where urlsplit sees none."""
    read = as_browser_reads(url)
    return urlsplit("//" + read.lstrip("/") if read.startswith("//") else read).hostname


def is_writer_style(style: str) -> bool:
    """A style a writer puts there itself, and nothing else: Python-Markdown's `text-align: center;` on a table
    cell, docutils' `width: 50%;` or `height: 120px` on an image or figure. It can neither cover nor hide the page."""
    declarations = [part for part in style.split(";") if part.strip()]
    for declaration in declarations:
        name, _, value = (part.strip().lower() for part in declaration.partition(":"))
        if not ((name == "text-align" and value in ALIGNMENTS) or (name in ("width", "height") and LENGTH.fullmatch(value))):
            return False
    return bool(declarations)


def as_browser_reads(url: str) -> str:
    """`url` as a browser reads it in a web page: character references decoded, tabs and line breaks dropped,
    leading and trailing spaces and control characters stripped, and a backslash read as a slash."""
    decoded = re.sub(r"[\t\n\r]", "", html.unescape(url)).strip("".join(map(chr, range(33))))
    return decoded.replace("\\", "/")


def browser_scheme(href: str) -> str:
    """The scheme a browser finds in `href`, lower-cased."""
    return urlsplit(as_browser_reads(href)).scheme.lower()
