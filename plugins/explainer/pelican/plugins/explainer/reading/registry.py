"""Every entity's names, known before the first article is read, so articles are linked as they are
converted; and the Markdown reader that does it.

Pelican reads articles before any plugin generator runs, so at the start of each build (the
get_generators signal) the registry reads the metadata of every entity file, only the lines above the
first blank one, through Pelican's own Markdown reader. The registry lives in the build's state
(state.py), so each build (and each autoreload run) has its own.
"""

import functools
import hashlib
import os
import re

from markdown import Markdown
from markdown.extensions import Extension
from markdown.extensions.meta import BEGIN_RE, END_RE, META_MORE_RE, META_RE
from markdown.preprocessors import Preprocessor
from pelican.contents import Article, Page
from pelican.readers import MarkdownReader
from pelican.utils import pelican_open

from pelican.plugins.explainer import state
from pelican.plugins.explainer.extras import ATTRIBUTE, Extras, facts_of
from pelican.plugins.explainer.model.entities import Entity, entity_key, names_of
from pelican.plugins.explainer.model.i18n import translations

from . import limits
from .document import DocumentFacts, LinkTarget
from .figures import FiguresExtension
from .footnotes import SourceNotesExtension
from .htmllink import link_html
from .known import KnownUnknownExtension
from .matcher import Matcher
from .text import metadata_text, single_line, split_list
from .treelink import LinkingExtension

LINE_LIST_KEYS = frozenset(
    {"relations", "role", "key-points", "corrections", "images", "places", "range-rings", "missiles"}
)  # values that are one item per line; any other is one string
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")  # tab, line breaks and form feed are white space
_OFF = {"off", "no", "false", "0"}


class Registry:
    """The names and link targets of one build's entities, one matcher per language."""

    def __init__(self, settings, listing, types):
        self.settings = settings
        self.types = types  # kind → settings.EntityType
        self.content_path = os.path.abspath(settings["PATH"])
        self.default_lang = settings["DEFAULT_LANG"]
        self.targets = {}  # key → LinkTarget
        self.keys_of_slug = {}  # slug → keys (one per kind and language that has it)
        self.key_of_path = {}  # absolute source path → key
        by_lang = {}
        for kind in types.values():
            for path in listing.entity_files(kind.path):
                metadata = read_metadata(path, settings)
                if metadata is None:
                    continue  # unreadable: the entity generator reports it with its line
                slug = single_line(metadata.get("slug") or os.path.splitext(os.path.basename(path))[0])
                lang = single_line(metadata.get("lang") or self.default_lang).lower()
                key = entity_key(kind.name, slug, lang, self.default_lang)
                relative = os.path.relpath(path, self.content_path).replace(os.sep, "/")
                formatted = "summary" in settings.get("FORMATTED_FIELDS", ())
                summary = metadata_text(_Metadata(metadata, formatted), "summary")
                self.targets[key] = LinkTarget(
                    key, "{filename}/" + relative, kind.link_class, single_line(metadata.get("title", "")), summary
                )
                self.keys_of_slug.setdefault(slug, []).append(key)
                self.key_of_path[os.path.abspath(path)] = key
                if kind.link:
                    by_lang.setdefault(lang, []).extend((name, self.targets[key]) for name in names_of(metadata))
        self.matchers = {lang: Matcher(names) for lang, names in by_lang.items()}
        self.fingerprint = hashlib.sha256(
            repr(
                sorted(
                    (
                        lang,
                        name.text,
                        name.case_sensitive,
                        target.key,
                        target.href,
                        target.title,
                        target.summary,
                        target.css_class,
                    )
                    for lang, names in by_lang.items()
                    for name, target in names
                )
            ).encode("utf-8")
        ).hexdigest()[:16]

    def options_for(self, metadata, source_path):
        """The DocumentWalker options for one document, from its own metadata (`Glossary: off`,
        `Glossary-exclude: icbm`, `Link-limit: 20`, `Paragraph-link-limit: 4`, `Lang: ko`)."""
        lang = single_line(metadata.get("lang") or self.default_lang).lower()
        own = self.key_of_path.get(os.path.abspath(source_path))
        skip = {own} if own else set()
        excluded = {slug.lower() for slug in split_list(metadata.get("glossary-exclude", ""))}
        skip.update(key for slug in excluded for key in self.keys_of_slug.get(slug, ()))
        if not self.settings["EXPLAINER_AUTOLINK"] or single_line(metadata.get("glossary", "")).lower() in _OFF:
            skip = set(self.targets)
        return {
            "matcher": self.matchers.get(lang),
            "targets": self.targets,
            "skip": frozenset(skip),
            "link_all": self.settings["EXPLAINER_LINK_ALL"],
            "limit": self.number(metadata, "link-limit", "EXPLAINER_LINK_LIMIT"),
            "paragraph_limit": self.number(metadata, "paragraph-link-limit", "EXPLAINER_PARAGRAPH_LINK_LIMIT"),
        }

    def number(self, metadata, key, setting):
        """A page's own whole-number limit, else the site's (a value that is not a number is reported)."""
        value = single_line(metadata.get(key, ""))
        return int(value) if value.isdigit() else self.settings[setting]


class _Metadata:
    """Enough of a content object for metadata_text() on metadata read before the content exists."""

    def __init__(self, metadata, formatted):
        self.metadata = metadata
        self.settings = {"FORMATTED_FIELDS": ("summary",) if formatted else ()}


def read_metadata(path, settings):
    """The metadata of a Markdown file, as Pelican's own Markdown reader reads it with only the metadata block
    converted; None when unreadable."""
    reader = MarkdownReader({**settings, "MARKDOWN": {"extensions": ["markdown.extensions.meta", MetadataBlockExtension()]}})
    try:
        return reader.read(path)[1]
    except Exception:  # noqa: BLE001 - unreadable, or a bad value: the entity generator reports it with its line
        return None


class MetadataBlockExtension(Extension):
    """With the meta extension, converts only the lines above the first blank one (lines as str.splitlines() ends
    them): the registry needs every entity's metadata before the first article is read, and none of its text."""

    def extendMarkdown(self, md: Markdown) -> None:
        """Add the preprocessor that hands the meta extension only the metadata block."""
        md.preprocessors.register(_MetadataBlock(md), "explainer-metadata-block", 35)  # before normalize_whitespace


class _MetadataBlock(Preprocessor):
    def run(self, lines):
        if "meta" not in self.md.preprocessors:
            return lines  # a formatted field (FORMATTED_FIELDS): Pelican takes the meta preprocessor out for those
        block = []
        for line in "\n".join(lines).splitlines():
            if not line.strip():
                break
            block.append(line)
        return "\n".join(block).split("\n")


def metadata_block(text):
    """({key: [line numbers]}, stray) of the metadata block, read as Python-Markdown's meta extension reads it:
    the keys the author wrote (a key given twice has two lines), up to the blank line, or up to a line that is
    neither `Key: value` nor a continuation. There the metadata ends without a word ("Corrections :", a
    byte-order mark before a key) and the rest of the block is published as text: `stray` is (number, line)
    of that line, or () when there is none."""
    lines = _LINE_BREAK.split(text)
    first = 1 if lines and BEGIN_RE.match(lines[0]) else 0
    found = {}
    for number, line in enumerate(lines[first:], start=first + 1):
        if not line.strip() or END_RE.match(line):
            break
        key = META_RE.match(line)
        if key:
            found.setdefault(key["key"].lower(), []).append(number)
        elif not (found and META_MORE_RE.match(line)):
            return found, ((number, line.strip()) if found else ())
    return found, ()


def control_character(text):
    """(line number, character) of the first control character in `text`, which no page may carry, or ()."""
    found = _CONTROL.search(text)
    return (text.count("\n", 0, found.start()) + 1, found.group()) if found else ()


# The shape of what the plugin keeps in Pelican's content cache (2 since 1.1.0, a page's facts under
# `explainer`; 3, the images it shows as figures among its facts): a cache written in another shape is in
# another folder, so it is never read back.
CACHE_FORMAT = 3


def keep_cache_in_step(settings, registry):
    """Pelican's content cache keeps each file's converted HTML until the file changes; its links depend on
    every entity's names too, so each set of names gets a cache folder of its own: an edit to a term or a
    country rebuilds every page, and a stale link never survives it. So does each CACHE_FORMAT: after an
    upgrade, a cache the older plugin wrote is not read as if this one had."""
    if settings.get("CACHE_CONTENT") or settings.get("LOAD_CONTENT_CACHE"):
        base = settings.setdefault("EXPLAINER_CACHE_BASE", settings["CACHE_PATH"])
        settings["CACHE_PATH"] = os.path.join(base, f"explainer-{CACHE_FORMAT}-{registry.fingerprint}")


def current():
    """The Registry of the build under way, or None."""
    build = state.current()
    return build.registry if build is not None else None


def meta_values(md):
    """Python-Markdown's raw `Meta` ({key: [lines]}) as single values, for the linker's options."""
    return {key: " ".join(value) for key, value in getattr(md, "Meta", {}).items()}


def document_options(registry, source_path, md):
    """The linker's options for one document, from its metadata. None (not linked) for a formatted field
    (FORMATTED_FIELDS), which Pelican converts after the document with the same Markdown, its meta preprocessor
    taken out."""
    if "meta" not in md.preprocessors:
        return None
    return registry.options_for(meta_values(md), source_path) if registry else {}


def source_notes(settings, source_path, types):
    """The notes' options for one document: the site's words, footnote pattern and folders (`types`: the kinds of
    entity, whose folders hold no articles)."""
    return SourceNotesExtension(
        lang=settings["DEFAULT_LANG"],
        strings=translations(settings),
        pattern=settings["EXPLAINER_FOOTNOTE_PATTERN"],
        content_path=settings["PATH"],
        source_path=source_path,
        article_paths=settings.get("ARTICLE_PATHS", [""]),
        non_article_paths=[
            *settings.get("PAGE_PATHS", []),
            *(kind.path for kind in types.values()),
        ],
    )


class OneValuePerKeyExtension(Extension):
    """Pelican lists the lines of a key written on several lines; the plugin reads them as one value, but for the
    keys that are one item per line (LINE_LIST_KEYS)."""

    def extendMarkdown(self, md: Markdown) -> None:
        """Add the preprocessor that joins a multi-line value into one, after the meta extension has read it."""
        md.preprocessors.register(_OneValuePerKey(md), "explainer-one-value-per-key", 26)  # after meta (27)


class _OneValuePerKey(Preprocessor):
    def run(self, lines):
        self.md.Meta = {
            key: value if key in LINE_LIST_KEYS else [" ".join(line.strip() for line in value)]
            for key, value in getattr(self.md, "Meta", {}).items()
        }
        return lines


class LinkingMarkdownReader(MarkdownReader):
    """Pelican's Markdown reader, with the plugin's extensions (the linker, the notes, the figures) made for each document."""

    def read(self, source_path):
        """A worker's conversion of the file when one is ready (workers.py), else this process's."""
        build = state.current()
        return (build.workers.take(source_path) if build is not None else None) or self.convert(source_path)

    def convert(self, source_path):
        """(content, metadata) as Pelican's Markdown reader reads them with this document's extensions; the
        metadata holds what the linker found (extras.Extras)."""
        with pelican_open(source_path) as text:
            limits.check_text(text, self.settings)  # before Python-Markdown spends minutes on it
        registry = current()
        linking = LinkingExtension(functools.partial(document_options, registry, source_path))
        config = self.settings["MARKDOWN"]
        figures = FiguresExtension()
        extensions = [
            *config["extensions"],
            OneValuePerKeyExtension(),
            linking,
            source_notes(self.settings, source_path, registry.types if registry else {}),
            figures,
            KnownUnknownExtension(),
        ]
        content, metadata = MarkdownReader({**self.settings, "MARKDOWN": {**config, "extensions": extensions}}).read(source_path)
        facts = linking.facts or DocumentFacts()  # Markdown runs no tree processor on an empty text
        facts.figures = sorted(figures.shown)
        facts.written_keys, facts.stray_line = metadata_block(text)
        facts.control = control_character(text)
        metadata[ATTRIBUTE] = Extras(facts)
        return content, metadata


def install_reader(readers):
    """readers_init handler: every Markdown extension Pelican reads goes through the linking reader."""
    for extension, reader_class in list(readers.reader_classes.items()):
        if reader_class is MarkdownReader:
            readers.reader_classes[extension] = LinkingMarkdownReader


def link_other_content(content):
    """content_object_init handler: HTML from other readers (HTML, reST) is linked through html5lib."""
    registry = current()
    if registry is None or facts_of(content) is not None or not isinstance(content, (Article, Page, Entity)):
        return
    options = registry.options_for(content.metadata, content.source_path or "")
    written = content._content or ""
    content._content, facts = link_html(written, **options)
    setattr(content, ATTRIBUTE, Extras(facts))
    if (content.source_path or "").lower().endswith((".html", ".htm")):
        facts.raw_html = [written]  # an HTML page is all raw HTML: the same allowlist holds
