"""Checks every article and page for what a reader relies on: a summary and sound footnotes.

Python-Markdown leaves a footnote reference without a definition as literal `[^id]` text and silently
keeps definitions nobody cites, so both are caught here from the source, with their line.
"""

import os
import re

from .errors import mistake

_FOOTNOTE_REF = re.compile(r"\[\^([^\]\s]+)\](?!:)")
_FOOTNOTE_DEF = re.compile(r"^\[\^([^\]\s]+)\]:", re.MULTILINE)
_CODE = re.compile(r"```.*?```|`[^`\n]*`", re.DOTALL)
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
    found.extend(footnote_mistakes(path))
    found.extend(link_mistakes(path, content_path))
    sources = len(set(_FOOTNOTE_DEF.findall(source_text(path) or "")))
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


def link_mistakes(path, content_path):
    """`{filename}` links to files that do not exist (Pelican only warns, without saying where)."""
    text = source_text(path)
    found = []
    for target in sorted(set(_INTERNAL_LINK.findall(text or ""))):
        base = content_path if target.startswith("/") else os.path.dirname(path)
        if not os.path.isfile(os.path.join(base, target.lstrip("/"))):
            found.append(mistake(path, f"the link to {target} points to no file in the content folder — correct the path (a leading / starts from the content folder)", needle=target))
    return found


def footnote_mistakes(path):
    text = source_text(path)
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
