"""Checks every article, page and entity for what a reader relies on: its metadata, sound footnotes and
links, images with text alternatives, and a safe address.

Everything is read from the facts recorded while the document was parsed (the footnotes extension's
definitions and references, the links and images of the tree), so an example inside a code block is
never mistaken for a footnote or a link.
"""

import os
import re

from .errors import mistake
from .registry import FACTS
from .sources import citations_of

_INTERNAL = re.compile(r"^(?:\{(filename|static|attach)\}|\|(filename|static|attach)\|)(?P<target>[^#?]*)")
_SAFE_SLUG = re.compile(r"^[^/\\]+$")


def facts_of(content):
    return getattr(content, FACTS, None)


def content_mistakes(content, content_path, settings, required=(), min_sources=0):
    """Mistakes in one Article, Page or Entity: missing metadata, too few sources, broken footnotes,
    links and images, an unsafe Slug."""
    path = content.source_path
    found = []
    for key in required:
        if not str(content.metadata.get(key) or "").strip():
            found.append(mistake(path, f"missing {key.capitalize()} — add a line `{key.capitalize()}: …` to the metadata"))
    facts = facts_of(content)
    if facts is not None:
        found += footnote_mistakes(path, facts)
        found += link_mistakes(path, content_path, facts)
        found += image_mistakes(path, content_path, facts)
    slug = str(content.metadata.get("slug") or "")
    if slug and (not _SAFE_SLUG.match(slug) or ".." in slug):
        found.append(mistake(path, f"the Slug {slug!r} contains a slash or '..' — use lower-case letters, digits and hyphens", key="slug"))
    if min_sources:
        pieces = {(c.origin.casefold(), c.title.casefold(), c.url) for _, c in citations_of(content, settings)}
        if len(pieces) < min_sources:
            found.append(mistake(path, f"only {len(pieces)} distinct footnoted source(s) — an explainer needs at least {min_sources}: add footnotes `[^id]: Publication, \"Title\", date, <URL>`"))
    return found


def footnote_mistakes(path, facts):
    """Footnotes cited but never defined, and defined but never cited."""
    found = [
        mistake(path, f"footnote [^{name}] is cited but never defined — add a line `[^{name}]: Publication, \"Title\", date, <URL>`", needle=f"[^{name}]")
        for name in sorted(set(facts.undefined))
    ]
    found += [
        mistake(path, f"footnote [^{name}] is defined but never cited — cite it in the text or delete it", needle=f"[^{name}]:")
        for name in sorted(set(facts.footnotes) - set(facts.cited))
    ]
    return found


def resolve(path, content_path, target):
    """The file a link or image in `path` points to: from the content folder when `target` starts with /."""
    base = content_path if target.startswith("/") else os.path.dirname(path)
    return os.path.abspath(os.path.join(base, target.lstrip("/")))


def internal_targets(facts):
    """Every `{filename}`, `{static}` or `{attach}` target the document links to or shows, once each."""
    targets = set()
    for href in [*facts.links, *(src for src, _ in facts.images)]:
        found = _INTERNAL.match(href or "")
        if found and found["target"]:
            targets.add(found["target"])
    return sorted(targets)


def link_mistakes(path, content_path, facts):
    """`{filename}` links to files that do not exist (Pelican only warns, without saying where)."""
    return [
        mistake(path, f"the link to {target} points to no file in the content folder — correct the path (a leading / starts from the content folder)", needle=target)
        for target in internal_targets(facts) if not os.path.isfile(resolve(path, content_path, target))
    ]


def image_mistakes(path, content_path, facts):
    """Images without a text alternative, and images whose file is not in the content folder."""
    found = []
    for source, alt in facts.images:
        needle = source.split("}")[-1] or source
        if not (alt or "").strip():
            found.append(mistake(path, f"the image {source} has no alt text — describe it for readers who cannot see it: ![what it shows]({source})", needle=needle))
        if not source or source.startswith(("http://", "https://", "data:", "{", "|")):
            continue  # remote, inline, or checked with the other {filename} links
        if not os.path.isfile(resolve(path, content_path, source)):
            found.append(mistake(path, f"the image {source} is not in the content folder — put it in content/images/ and write ![…]({{static}}/images/name.png)", needle=needle))
    return found
