"""Entities: authored Markdown files of a declared kind (glossary terms, countries, …) with names the
linker finds in articles and a page of their own.

They are read with Pelican's own readers, so Markdown, metadata and `{filename}` links behave exactly as
in articles. An entity's names are its title and its aliases; each name carries its own case rule.
"""

import os
import re
from dataclasses import dataclass

from pelican.contents import Content

from .errors import mistake, read_failure
from .extras import facts_of
from .matcher import fold
from .text import metadata_text, single_line, split_list

_YES = {"yes", "true", "on", "1"}
_NO = {"no", "false", "off", "0"}
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


@dataclass(frozen=True)
class Name:
    """One way an entity is written in running text."""

    text: str
    case_sensitive: bool


def names_of(metadata):
    """Title and aliases, each with its case rule (Match-case, else a name in capitals matches exactly)."""
    rule = str(metadata.get("match-case", "")).strip().lower()
    result = []
    for text in [single_line(metadata.get("title", "")), *split_list(metadata.get("aliases", ""))]:
        if text:
            result.append(Name(text, rule in _YES if rule else is_all_capitals(text)))
    return result


def entity_key(kind, slug, lang, default_lang):
    """Unique across kinds and languages: "glossary:icbm", "glossary:icbm@ko"."""
    return f"{kind}:{slug}" if lang == default_lang else f"{kind}:{slug}@{lang}"


class Entity(Content):
    """An authored entity page of one kind; URL and SAVE_AS come from its kind's patterns."""

    mandatory_properties = ("title",)
    default_status = "published"

    def __init__(self, content, metadata=None, settings=None, source_path=None, context=None, entity_type=None):
        self.entity_type = entity_type
        metadata = dict(metadata or {})
        # The file name is the slug, so that `Country: north-korea` and links are predictable.
        metadata.setdefault("slug", os.path.splitext(os.path.basename(source_path))[0])
        super().__init__(content, metadata, settings, source_path, context)
        self.mentions = {}  # article → number of mentions
        self.referenced_by = {}  # kind → [entities whose metadata names this one]
        self.subject_of = set()  # articles that name this entity as a main subject

    def _get_template(self):
        return self.metadata.get("template") or self.entity_type.template

    def _expand_settings(self, key, klass=None):
        """URL and SAVE_AS from the kind's patterns, worked out once: templates ask for them often."""
        cache = self.__dict__.setdefault("_addresses", {})
        if key not in cache:
            cache[key] = getattr(self.entity_type, key.lower()).format(**self.url_format)
        return cache[key]

    @property
    def kind(self):
        return self.entity_type.name

    @property
    def key(self):
        return entity_key(self.kind, self.slug, self.lang, self.settings["DEFAULT_LANG"])

    @property
    def other_names(self):
        return split_list(self.metadata.get("aliases", ""))

    @property
    def plain_summary(self):
        return metadata_text(self, "summary")

    def value(self, key):
        """A metadata value as one line of plain text ("" when absent)."""
        return metadata_text(self, key)

    def names(self):
        return names_of(self.metadata)

    def people(self):
        """Every entity whose metadata names this one (terms of a country, say), by title."""
        return sorted((e for group in self.referenced_by.values() for e in group), key=sort_key)

    def delegates(self):
        """People who were at the event: entities that name this one and carry a Delegation line."""
        return [person for person in self.people() if person.metadata.get("delegation")]

    def mentioning_articles(self):
        """(article, count), newest first, ties by title then slug: the "Mentioned in" list."""
        return sorted(self.mentions.items(), key=lambda item: newest_first(item[0]))

    def first_mention(self, content):
        """Where `content` first mentions this entity (a document.FirstMention), or None."""
        facts = facts_of(content)
        return facts.first_mentions.get(self.key) if facts is not None else None

    def explainers(self):
        """(article, "main subject" or "mention") for every article about this entity, newest first."""
        articles = sorted(set(self.subject_of) | set(self.mentions), key=newest_first)
        return [(article, "main subject" if article in self.subject_of else "mention") for article in articles]

    @property
    def iso_codes(self):
        return split_list(self.metadata.get("iso", ""))


def sort_key(content):
    """A total order by title, then slug: the same content always lists in the same order."""
    return fold(single_line(getattr(content, "title", ""))), getattr(content, "slug", "")


def newest_first(content):
    return (-content.date.timestamp(), *sort_key(content))


def is_all_capitals(text):
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters)


def entity_files(content_path, folder):
    """Every Markdown file under `folder` of the content, in a stable order."""
    base = os.path.join(content_path, folder)
    if not os.path.isdir(base):
        return []
    found = []
    for directory, folders, files in os.walk(base):
        folders[:] = sorted(f for f in folders if not f.startswith("."))
        found += [os.path.join(directory, name) for name in sorted(files) if not name.startswith(".") and name.endswith(".md")]
    return found


def load(readers, content_path, entity_type, paths, context):
    """(entities, mistakes): the files of one kind (`paths`, from entity_files()), read with Pelican's readers."""
    entities, found = [], []
    for path in paths:
        filename = os.path.basename(path)
        if not SLUG.match(os.path.splitext(filename)[0]):
            found.append(
                mistake(
                    path,
                    f"the file name {filename!r} is not a usable slug — rename it with lower-case letters, digits and hyphens, e.g. kim-jong-un.md",
                )
            )
            continue
        try:
            entity = readers.read_file(
                base_path=content_path,
                path=os.path.relpath(path, content_path),
                content_class=EntityClass(entity_type),
                context=context,
            )
        except Exception as error:  # noqa: BLE001 - the reader's failure is the author's to fix
            found.append(read_failure(path, error))
            continue
        entities.append(entity)
    return entities, found


class EntityClass:
    """A content_class for Pelican's Readers.read_file that makes Entities of one kind (picklable)."""

    def __init__(self, entity_type):
        self.entity_type = entity_type
        self.mandatory_properties = Entity.mandatory_properties
        self.__name__ = f"Entity[{entity_type.name}]"  # Pelican logs the class name of what it reads

    def __call__(self, *args, **kwargs):
        return Entity(*args, entity_type=self.entity_type, **kwargs)
