"""Checks every article, page and entity for what a reader relies on: its metadata, sound footnotes and
links, images with text alternatives, and a safe address.

Everything is read from the facts recorded while the document was parsed (the footnotes extension's
definitions and references, the links and images of the tree), so an example inside a code block is
never mistaken for a footnote or a link.
"""

import fnmatch
import os
import re
from urllib.parse import urljoin

import nh3
import pycountry
from pelican.utils import slugify
from unidecode import unidecode

from pelican.plugins.explainer.extras import facts_of
from pelican.plugins.explainer.model.roles import FOOTNOTE_MARK, line_values
from pelican.plugins.explainer.model.schema import closest, suggestion
from pelican.plugins.explainer.model.sources import citations_of
from pelican.plugins.explainer.reading.htmllink import parse
from pelican.plugins.explainer.reading.text import single_line

from . import lookalikes
from .errors import AuthorMistake, display_path, mistake, text_line
from .published import (
    UNSAFE_SCHEMES,
    URL_ATTRIBUTES,
    Allowlist,
    browser_scheme,
    findings,
    from_this_site,
    kept_schemes,
    local_name,
)

# What an author may write in an article or page besides what a kind of entity names: Pelican's keys
# and the plugin's own; a site adds its own in EXPLAINER_CONTENT_KEYS.
CONTENT_KEYS = (
    "title",
    "date",
    "modified",
    "slug",
    "summary",
    "status",
    "tags",
    "category",
    "author",
    "authors",
    "lang",
    "translation",
    "template",
    "save_as",
    "url",
    "glossary",
    "glossary-exclude",
    "link-limit",
    "paragraph-link-limit",
    "key-points",
    "covers",
    "corrections",
    "people-row",
    "people-row-source",
    "people-row-caption",
    "images",
    "highlight",
    "places",
    "range-rings",
    "missiles",
)
ISO_639_1_LENGTH = 2  # a two-letter language code is ISO 639-1; a longer one, ISO 639-3
_ON_OFF = {"on", "off", "yes", "no", "true", "false"}
_INTERNAL = re.compile(r"^(?:\{(filename|static|attach)\}|\|(filename|static|attach)\|)(?P<target>[^#?]*)")
NAME_KEYS = frozenset({"title", "aliases"})  # the names readers see and the linker matches
_SAFE_SLUG = re.compile(r"^[^/\\]+$")
METADATA_CITING = ("relations", "role", "places", "range-rings", "missiles")  # metadata lines that may cite the file's footnotes
PAGE_BASE = "https://site.invalid/"  # any absolute address: a page's URL is resolved against it as a browser would


def content_mistakes(content, content_path, settings, required=(), min_sources=0):
    """Mistakes in one Article, Page or Entity: missing metadata, too few sources, broken footnotes,
    links and images, unsafe raw HTML, an unsafe Slug."""
    path = content.source_path
    found = []
    for key in required:
        if not single_line(content.metadata.get(key) or ""):
            found.append(mistake(path, f"missing {key.capitalize()} — add a line `{key.capitalize()}: …` to the metadata"))
    facts = facts_of(content)
    if facts is not None:
        found += repeated_key_mistakes(path, facts) if settings["EXPLAINER_KEYS_ONCE"] else []
        found += file_text_mistakes(path, facts)
        found += footnote_mistakes(path, facts, cited_in_metadata(content), settings["EXPLAINER_NOTES_CITED"])
        found += link_mistakes(path, content_path, facts, settings)
        served = [folder.strip("/") + "/" for folder in settings.get("STATIC_PATHS", [])]
        found += image_mistakes(path, content_path, facts, settings["EXPLAINER_ALT_TEXT"], (content.url, served))
        found += raw_html_mistakes(path, facts, settings)
        found += scheme_mistakes(path, facts)
        found += published_html_mistakes(content, facts, settings, already=found)
    found += slug_mistakes(content, facts)
    found += hidden_character_mistakes(content)
    found += lang_mistakes(content, facts)
    if min_sources:
        pieces = {(c.origin.casefold(), c.title.casefold(), c.url) for _, c in citations_of(content, settings)}
        if len(pieces) < min_sources:
            found.append(
                mistake(
                    path,
                    f'only {len(pieces)} distinct footnoted source(s) — an explainer needs at least {min_sources}: add footnotes `[^id]: Publication, "Title", date, <URL>`',
                )
            )
    return found


def slug_mistakes(content, facts):
    """A Slug is one safe URL segment: no slash, no '..', no space or character a URL must escape."""
    slug = single_line(content.metadata.get("slug") or "")
    if not slug and ("slug" in content.metadata or (facts and "slug" in facts.written_keys)):
        return [
            mistake(
                content.source_path,
                "the Slug is empty — write the page's address after `Slug:`, e.g. `Slug: parade-drones`, or remove the line",
                key="slug",
            )
        ]
    if not slug and not getattr(content, "slug", "") and content.save_as:
        return [
            mistake(
                content.source_path,
                f"the Title {single_line(str(getattr(content, 'title', '')))!r} gives no address (it has no letters or digits) — add a line `Slug: …`",
                key="title",
            )
        ]
    if not slug:
        return ascii_address_mistakes(content)
    if not _SAFE_SLUG.match(slug) or ".." in slug:
        return [
            mistake(
                content.source_path,
                f"the Slug {slug!r} contains a slash or '..' — use lower-case letters, digits and hyphens",
                key="slug",
            )
        ]
    if not re.fullmatch(r"[\w-]+(?:\.[\w-]+)*", slug):
        suggested = slugify(slug, regex_subs=content.settings.get("SLUG_REGEX_SUBSTITUTIONS", []))
        return [
            mistake(
                content.source_path,
                f"the Slug {slug!r} is not a safe address: use letters, digits and hyphens, e.g. `Slug: {suggested}`",
                key="slug",
            )
        ]
    return ascii_address_mistakes(content)


def ascii_address_mistakes(content):
    """An address with a letter outside ASCII: a Cyrillic 'а' looks exactly like a Latin 'a', so one page's
    address could pass for another's. Slugs are ASCII (Pelican's slugify spells a Title out in ASCII)."""
    slug = str(getattr(content, "slug", "") or "")
    letter = lookalikes.non_ascii(slug)
    if letter is None:
        return []
    suggested = slugify(unidecode(slug), regex_subs=content.settings.get("SLUG_REGEX_SUBSTITUTIONS", [])) or "a-b-c"
    advice = f"its address must be ASCII, since letters of other scripts can look exactly like these (another page's address could be imitated) — write `Slug: {suggested}`"
    if content.metadata.get("slug"):
        return [
            mistake(content.source_path, f"the Slug {slug!r} has the letter {lookalikes.describe(letter)}: {advice}", key="slug")
        ]
    return [
        mistake(
            content.source_path,
            f"the address {slug!r}, made from this file's name or Title, has the letter {lookalikes.describe(letter)}: {advice}",
            key="title",
        )
    ]


def hidden_character_mistakes(content):
    """Metadata that holds a character which hides or reorders text, or joins what it should not (lookalikes.py)."""
    found = {}
    for key, text in lookalikes.metadata_values(content.metadata):
        character = lookalikes.hidden_character(text)
        mixed = lookalikes.mixed_script_word(text) if key in NAME_KEYS else None
        if character and key not in found:
            found[key] = mistake(
                content.source_path,
                f"{key.capitalize()} holds the invisible character {lookalikes.describe(character)}, which makes it read differently from how it is stored, or match words it should not — delete it",
                key=key,
            )
        elif mixed and key not in found:
            found[key] = mistake(
                content.source_path,
                f"{key.capitalize()} has the word {mixed!r}, which mixes Latin, Cyrillic or Greek letters, so it looks like another word it is not — type it in one alphabet",
                key=key,
            )
    return list(found.values())


def lang_mistakes(content, facts):
    """A Lang that is not a language code: it becomes part of the page's address (/EN/articles/…, "/k o/…")."""
    if not facts or "lang" not in facts.written_keys:
        return []
    lang = single_line(str(content.metadata.get("lang", "")))
    primary = lang.split("-")[0]
    if re.fullmatch(r"[a-z]{2,3}(?:-[a-z0-9]{2,8})*", lang) and (
        pycountry.languages.get(alpha_2=primary) if len(primary) == ISO_639_1_LENGTH else pycountry.languages.get(alpha_3=primary)
    ):
        return []
    example = (
        lang.lower() if re.fullmatch(r"[a-z]{2,3}", lang.lower()) and pycountry.languages.get(alpha_2=lang.lower()) else "en"
    )
    return [
        mistake(
            content.source_path,
            f"Lang is {lang!r}, which is not a language code — write one in lower case (ISO 639), e.g. `Lang: {example}`",
            key="lang",
        )
    ]


def unknown_keys(content, settings, kinds):
    """{key written but unknown: (the key it was meant to be or "", what to do)} for the keys article_key_mistakes
    reports: with EXPLAINER_KNOWN_KEYS_ONLY every unknown key, otherwise only a typo of a key the plugin reads."""
    facts = facts_of(content)
    if facts is None:
        return {}
    known = (
        set(CONTENT_KEYS)
        | {kind.article_key for kind in kinds.values() if kind.article_key}
        | set(settings.get("EXPLAINER_CONTENT_KEYS", ()))
    )
    if settings.get("EXPLAINER_CHAPTERS"):
        known.add("chapter")  # only a site with chapters has the key
    unknown = sorted(set(facts.written_keys) - known)
    if settings["EXPLAINER_KNOWN_KEYS_ONLY"]:
        return {key: (next(iter(closest(key, known)), ""), suggestion(key, known)) for key in unknown}
    plugin_keys = known | {key for kind in kinds.values() for key in kind.known_keys}
    return {key: (typo, f"did you mean {typo.capitalize()!r}?") for key in unknown if (typo := one_typo_from(key, plugin_keys))}


def article_key_mistakes(content, settings, kinds):
    """Metadata keys no article or page has (`Countrys:`), and values the plugin cannot use."""
    facts = facts_of(content)
    if facts is None:
        return []
    path = content.source_path
    found = [
        mistake(path, f"unknown metadata key {key.capitalize()!r} — {hint}", key=key)
        for key, (_, hint) in unknown_keys(content, settings, kinds).items()
    ]
    glossary = single_line(content.metadata.get("glossary", "")).lower()
    if glossary and glossary not in _ON_OFF:
        found.append(mistake(path, f"Glossary is {glossary!r} — write `Glossary: off` (or on)", key="glossary"))
    for key, example in (("link-limit", 20), ("paragraph-link-limit", 4)):
        limit = single_line(content.metadata.get(key, ""))
        if limit and not limit.isdigit():
            name = key.capitalize()
            found.append(mistake(path, f"{name} is {limit!r} — write a whole number, e.g. `{name}: {example}`", key=key))
    status = single_line(content.metadata.get("status", "")).lower()
    allowed = getattr(content, "allowed_statuses", ())
    if status and allowed and status not in allowed:
        found.append(mistake(path, f"Status is {status!r} — use one of {', '.join(allowed)}", key="status"))
    if "title" in facts.written_keys and not single_line(content.metadata.get("title", "")):
        found.append(mistake(path, "the Title is empty — write the title after `Title:`", key="title"))
    date, modified = getattr(content, "date", None), getattr(content, "modified", None)
    order = settings["EXPLAINER_MODIFIED_AFTER_DATE"] and "date" in facts.written_keys
    if order and date and modified and modified < date:
        found.append(
            mistake(
                path,
                f"Modified ({modified:%Y-%m-%d}) is earlier than Date ({date:%Y-%m-%d}) — correct one of them",
                key="modified",
            )
        )
    return found


TYPO_LENGTH = 5  # a shorter key is one letter from too many ordinary words to be read as a typo


def one_typo_from(key, known):
    """The key of `known` that `key` is one typo from (a letter left out, added, changed, or two swapped), or "".
    A plural or singular is no typo: `Image:` is a theme's own key, not a mistyped `Images:`."""
    if key in known:
        return ""  # a key the plugin reads elsewhere (an entry's `Relations:`), written in full
    for candidate in sorted(known):
        plural = key + "s" == candidate or candidate + "s" == key
        if plural or min(len(key), len(candidate)) < TYPO_LENGTH:
            continue
        if len(key) == len(candidate):
            differ = [index for index, (a, b) in enumerate(zip(key, candidate)) if a != b]
            first = differ[0]
            swapped = differ == [first, first + 1] and (key[first], key[first + 1]) == (candidate[first + 1], candidate[first])
            if len(differ) == 1 or swapped:
                return candidate
        elif abs(len(key) - len(candidate)) == 1:
            short, long = sorted((key, candidate), key=len)
            if any(long[:index] + long[index + 1 :] == short for index in range(len(long))):
                return candidate
    return ""


def file_text_mistakes(path, facts):
    """A line that ended the metadata early, and a control character anywhere in the file."""
    found = []
    if facts.stray_line:
        number, line = facts.stray_line
        found.append(
            AuthorMistake(
                display_path(path),
                number,
                f"{line[:40]!r} is not a metadata line, so the metadata ended above it and the rest would be published as text — write `Key: value` (no space before the colon), or leave a blank line before the text",
            )
        )
    if facts.control:
        number, character = facts.control
        found.append(
            AuthorMistake(
                display_path(path),
                number,
                f"this line holds the invisible control character U+{ord(character):04X}, which no page may carry — delete it",
            )
        )
    return found


def repeated_key_mistakes(path, facts):
    """A key written twice: Pelican would show both values as a list, or keep one silently."""
    return [
        mistake(
            path,
            f"{key.capitalize()} is given {len(lines)} times (lines {', '.join(map(str, lines))}) — keep one; continue a long value on lines indented by four spaces",
            key=key,
        )
        for key, lines in sorted(facts.written_keys.items())
        if len(lines) > 1
    ]


def raw_html_mistakes(path, facts, settings):
    """Raw HTML outside the allowlist (EXPLAINER_HTML_TAGS, EXPLAINER_HTML_ATTRIBUTES), as nh3 judges it: anything the
    sanitizer would remove is a mistake, since the page and the feed would carry it. Without both lists, what
    published.py finds, each piece read as a browser reads it, not as Python-Markdown's output is."""
    if settings["EXPLAINER_HTML_TAGS"] is None or settings["EXPLAINER_HTML_ATTRIBUTES"] is None:
        allowlist = Allowlist.from_settings(settings)
        return [
            mistake(path, finding.message, needle=finding.needle or piece.strip().splitlines()[0][:40])
            for piece in facts.raw_html
            for finding in findings(piece, allowlist)
        ]
    tags = set(settings["EXPLAINER_HTML_TAGS"])
    attributes = {tag: set(names) for tag, names in settings["EXPLAINER_HTML_ATTRIBUTES"].items()}
    schemes = settings["EXPLAINER_URL_SCHEMES"]
    found = []
    for piece in facts.raw_html:
        removed = unsafe_parts(piece, tags, attributes, schemes)
        if removed:
            snippet = " ".join(piece.split())[:60]
            found.append(
                mistake(
                    path,
                    f"the raw HTML {snippet!r} has {removed}, which pages and feeds may not carry — use Markdown, or only the HTML the README lists",
                    needle=piece.strip().splitlines()[0][:40],
                )
            )
    return found


def unsafe_parts(piece, tags, attributes, schemes=None):
    """What nh3 would strip from `piece` (an element or attribute), or "" when it keeps it whole; a URL is judged
    by its scheme: one of `schemes` (None: any but those published.UNSAFE_SCHEMES names)."""
    kept = nh3.clean(
        piece,
        tags=tags,
        attributes=attributes,
        url_schemes=set(schemes or ("http", "https", "mailto")),
        link_rel=None,
        strip_comments=False,
    )
    before = [(local_name(e.tag), dict(e.attrib)) for e in parse(piece).iter() if isinstance(e.tag, str)]
    after = [(local_name(e.tag), dict(e.attrib)) for e in parse(kept).iter() if isinstance(e.tag, str)]
    for index, (tag, attrs) in enumerate(before):
        if index >= len(after) or after[index][0] != tag:
            return f"the element <{tag}>"
        for name in sorted(set(attrs) - set(after[index][1])):
            scheme = browser_scheme(attrs[name]) if name in URL_ATTRIBUTES else ""
            if scheme in UNSAFE_SCHEMES or (scheme and schemes is None):
                continue  # scheme_mistakes names the link that runs code; without EXPLAINER_URL_SCHEMES any other is fine
            if scheme:
                return f"a {name} that uses {scheme}: (pages keep only {kept_schemes(schemes)} links)"
            return f"the attribute {name} on <{tag}>"
    return ""


def published_html_mistakes(content, facts, settings, already=()):
    """What the converted HTML, and each formatted metadata field, would publish outside the allowlist, whatever
    wrote it (published.py); a finding a message in `already` names (the raw HTML piece it came from, a link
    that runs code) is not named twice."""
    allowlist = Allowlist.from_settings(settings)
    named = [m.message for m in already]
    fields = [(key, content.metadata.get(key)) for key in settings.get("FORMATTED_FIELDS", ())]
    found = []
    for key, fragment in [(None, content._content), *((key, value) for key, value in fields if isinstance(value, str))]:
        for finding in findings(fragment or "", allowlist, browser_exact=not facts.markdown):
            if finding.needle and any(finding.what in message for message in named):
                continue
            if key is None and finding.runs_code and finding.what.endswith(("on <a>", "on <img>")):
                continue  # scheme_mistakes names every link and image of the text that runs code, as the author wrote it
            where = {"key": key} if key else {"needle": finding.needle}
            found.append(mistake(content.source_path, finding.message, **where))
    return found


def scheme_mistakes(path, facts):
    """Links and images that run code or embed data (`javascript:`, `data:`), in Markdown or raw HTML, read
    as a browser reads them: character references decoded (`&#106;avascript:`), tabs and line breaks dropped."""
    found = []
    for href in [*facts.links, *(src for src, _ in facts.images)]:
        scheme = browser_scheme(href)
        if scheme in UNSAFE_SCHEMES:
            needle = href[:30] if text_line(path, href[:30]) else href.split(":", 1)[-1][:30]
            found.append(
                mistake(path, f"the link {href[:40]!r} uses {scheme}: — link to a page (https://…) instead", needle=needle)
            )
    return found


def cited_in_metadata(content):
    """The footnotes a `Relations:`, `Role:`, `Places:`, `Range-rings:` or `Missiles:` line cites (`… | [^treaty]`): cited as much as in the text."""
    return {name for key in METADATA_CITING for line in line_values(content, key) for name in FOOTNOTE_MARK.findall(line)}


def footnote_mistakes(path, facts, also_cited=frozenset(), every_note_cited=True):
    """Footnotes cited but never defined, defined twice, or empty, and, when `every_note_cited`
    (EXPLAINER_NOTES_CITED), defined but never cited (in the text, or in `also_cited`)."""
    found = [
        mistake(
            path,
            f'footnote [^{name}] is cited but never defined — add a line `[^{name}]: Publication, "Title", date, <URL>`',
            needle=f"[^{name}]",
        )
        for name in sorted(set(facts.undefined))
    ]
    found += [
        mistake(path, f"footnote [^{name}] is defined but never cited — cite it in the text or delete it", needle=f"[^{name}]:")
        for name in sorted(set(facts.footnotes) - set(facts.cited) - set(also_cited))
        if every_note_cited
    ]
    found += [
        mistake(
            path,
            f"footnote [^{name}] is defined twice: only the last would be shown — give each source its own id",
            needle=f"[^{name}]:",
        )
        for name in facts.defined_twice
    ]
    found += [
        mistake(path, f'footnote [^{name}] is empty — write its source: Publication, "Title", date, <URL>', needle=f"[^{name}]:")
        for name, text in sorted(facts.footnotes.items())
        if not text.strip()
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


def link_mistakes(path, content_path, facts, settings):
    """`{filename}` links that name no file, or a file that does not exist or that the build ignores (a
    dotfile): Pelican only warns, without saying where."""
    written = [*facts.links, *(src for src, _ in facts.images)]
    empty = sorted({href for href in written if (internal := _INTERNAL.match(href or "")) and not internal["target"]})
    found = [
        mistake(
            path,
            f"the link {href!r} names no file — write the file's path after it, e.g. {{filename}}/articles/name.md",
            needle=href,
        )
        for href in empty
    ]
    ignored = settings.get("IGNORE_FILES", [])
    for target in internal_targets(facts):
        if not os.path.isfile(resolve(path, content_path, target)):
            found.append(
                mistake(
                    path,
                    f"the link to {target} points to no file in the content folder — correct the path (a leading / starts from the content folder)",
                    needle=target,
                )
            )
        elif any(fnmatch.fnmatch(os.path.basename(target), pattern) for pattern in ignored):
            found.append(
                mistake(
                    path,
                    f"the link to {target} points to a file the build leaves out (IGNORE_FILES: {', '.join(ignored)}) — link a published file",
                    needle=target,
                )
            )
    return found


def image_mistakes(path, content_path, facts, alt_text=True, page=None):
    """Images without a text alternative (when `alt_text`, EXPLAINER_ALT_TEXT), images whose file is not in the
    content folder, and images written relative to this file that a browser, reading them relative to the page's
    address, would look for elsewhere (`page`: the page's URL and the static folders, copied where they are)."""
    found = []
    for source, alt in facts.images:
        needle = source.split("}")[-1] or source
        if not from_this_site(source, ""):
            continue  # published_html_mistakes names an image from another site, scheme_mistakes a data: one
        if alt_text and not (alt or "").strip():
            found.append(
                mistake(
                    path,
                    f"the image {source} has no alt text — describe it for readers who cannot see it: ![what it shows]({source})",
                    needle=needle,
                )
            )
        if not source or source.startswith(("{", "|")):
            continue  # checked with the other {filename} links
        if not source.startswith("/"):
            target = os.path.relpath(resolve(path, content_path, source), content_path).replace(os.sep, "/")
            if page and target.startswith(tuple(page[1])) and urljoin(PAGE_BASE + page[0], source) == PAGE_BASE + target:
                continue  # the page sits where the file does (a flat site): the browser finds the copied image
            found.append(
                mistake(
                    path,
                    f"the image {source} is a path relative to this file, which breaks on the published page — write ![…]({{static}}/{target})",
                    needle=needle,
                )
            )
        elif not os.path.isfile(resolve(path, content_path, source)):
            found.append(
                mistake(
                    path,
                    f"the image {source} is not in the content folder — put it in content/images/ and write ![…]({{static}}/images/name.png)",
                    needle=needle,
                )
            )
    return found
