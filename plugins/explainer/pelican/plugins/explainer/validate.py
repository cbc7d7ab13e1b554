"""Checks every article and page for what a reader relies on: its metadata, sound footnotes and links,
images with text alternatives, and a safe address.

Python-Markdown leaves a footnote reference without a definition as literal `[^id]` text and silently
keeps definitions nobody cites, so both are caught here from the source, with their line.
"""

import os
import re

from .errors import mistake

_FOOTNOTE_REF = re.compile(r"\[\^([^\]\s]+)\](?!:)")
_FOOTNOTE_DEF = re.compile(r"^\[\^([^\]\s]+)\]:", re.MULTILINE)
_CODE = re.compile(r"```.*?```|`[^`\n]*`", re.DOTALL)
_IMAGE = re.compile(r"<img\b[^>]*>", re.IGNORECASE)
_ATTRIBUTE = r"""\b{}\s*=\s*(?:"([^"]*)"|'([^']*)')"""
_SAFE_SLUG = re.compile(r"^[^/\\]+$")
_INTERNAL_LINK = re.compile(r"""(?:\]\(|href=["']|src=["'])\{(?:filename|static|attach)\}([^)"'\s#?]+)""")


def content_mistakes(content, content_path, required=("summary",), min_sources=0):
    """Mistakes in one Article or Page: missing metadata, too few sources, broken footnotes and links."""
    path = content.source_path
    found = []
    for key in required:
        value = content.metadata.get(key)
        if not str(value or "").strip():
            found.append(
                mistake(path, f"missing {key.capitalize()} — add a line `{key.capitalize()}: …` to the metadata")
            )
    text = source_text(path)  # read once for the footnote, link and source checks
    found.extend(footnote_mistakes(path, text))
    found.extend(link_mistakes(path, content_path, text))
    found.extend(image_mistakes(content, content_path))
    slug = str(content.metadata.get("slug") or "")
    if slug and (not _SAFE_SLUG.match(slug) or ".." in slug):
        found.append(mistake(path, f"the Slug {slug!r} contains a slash or '..' — use lower-case letters, digits and hyphens", key="slug"))
    sources = len(set(_FOOTNOTE_DEF.findall(text or "")))
    if sources < min_sources:
        found.append(mistake(path, f"only {sources} footnoted source(s) — an explainer needs at least {min_sources}: add footnotes `[^id]: Publication, \"Title\", date, <URL>`"))
    return found


def source_text(path):
    """The file's text with code spans removed (examples in code are not links or footnotes)."""
    try:
        with open(path, encoding="utf-8-sig") as source:
            return _CODE.sub("", source.read())
    except (OSError, UnicodeDecodeError):
        return None  # Pelican itself reports unreadable files


def resolve(path, content_path, target):
    """The file a link or image in `path` points to: from the content folder when `target` starts with /."""
    base = content_path if target.startswith("/") else os.path.dirname(path)
    return os.path.abspath(os.path.join(base, target.lstrip("/")))


def attribute(tag, name):
    found = re.search(_ATTRIBUTE.format(name), tag, re.IGNORECASE)
    return None if found is None else (found.group(1) if found.group(1) is not None else found.group(2))


def image_mistakes(content, content_path):
    """Images without a text alternative, and images whose file is not in the content folder."""
    path = content.source_path
    found = []
    for tag in _IMAGE.findall(content._content or ""):
        source = attribute(tag, "src") or ""
        needle = source.split("}")[-1] or source
        if not (attribute(tag, "alt") or "").strip():
            found.append(mistake(path, f"the image {source} has no alt text — describe it for readers who cannot see it: ![what it shows]({source})", needle=needle))
        if source.startswith(("http://", "https://", "data:", "{static}", "{filename}", "{attach}")) or not source:
            continue  # remote, inline, or checked with the other {filename} links
        if not os.path.isfile(resolve(path, content_path, source)):
            found.append(mistake(path, f"the image {source} is not in the content folder — put it in content/images/ and write ![…]({{static}}/images/name.png)", needle=needle))
    return found


def internal_links(path, text=None):
    """Every `{filename}`, `{static}` or `{attach}` target written in the file, once each."""
    return sorted(set(_INTERNAL_LINK.findall((source_text(path) if text is None else text) or "")))


def link_mistakes(path, content_path, text=None):
    """`{filename}` links to files that do not exist (Pelican only warns, without saying where)."""
    found = []
    for target in internal_links(path, text):
        if not os.path.isfile(resolve(path, content_path, target)):
            found.append(mistake(path, f"the link to {target} points to no file in the content folder — correct the path (a leading / starts from the content folder)", needle=target))
    return found


def footnote_mistakes(path, text=None):
    """Footnotes cited but never defined, and defined but never cited."""
    text = source_text(path) if text is None else text
    if text is None:
        return []
    defined = set(_FOOTNOTE_DEF.findall(text))
    cited = set(_FOOTNOTE_REF.findall(text))
    found = [
        mistake(path, f"footnote [^{name}] is cited but never defined — add a line `[^{name}]: Publication, \"Title\", date, <URL>`", needle=f"[^{name}]")
        for name in sorted(cited - defined)
    ]
    found += [
        mistake(path, f"footnote [^{name}] is defined but never cited — cite it in the text or delete it", needle=f"[^{name}]:")
        for name in sorted(defined - cited)
    ]
    return found
