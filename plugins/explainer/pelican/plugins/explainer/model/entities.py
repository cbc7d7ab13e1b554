"""Entities: authored Markdown files of a declared kind (glossary terms, countries, …) with names the
linker finds in articles and a page of their own.

They are read with Pelican's own readers, so Markdown, metadata and `{filename}` links behave exactly as
in articles. An entity's names are its title and its aliases; each name carries its own case rule.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from pelican.contents import Content

from pelican.plugins.explainer.checks.errors import mistake, read_failure
from pelican.plugins.explainer.extras import facts_of
from pelican.plugins.explainer.reading.matcher import fold
from pelican.plugins.explainer.reading.text import metadata_text, single_line, split_list

if TYPE_CHECKING:
    from pelican.plugins.explainer.checks.errors import AuthorMistake
    from pelican.plugins.explainer.reading.document import FirstMention
    from pelican.plugins.explainer.settings import EntityType

_YES = {"yes", "true", "on", "1"}
_NO = {"no", "false", "off", "0"}
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


@dataclass(frozen=True)
class Name:
    """One way an entity is written in running text."""

    text: str
    case_sensitive: bool


def names_of(metadata: Mapping[str, Any]) -> list[Name]:
    """Title and aliases, each with its case rule (Match-case, else a name in capitals matches exactly)."""
    rule = str(metadata.get("match-case", "")).strip().lower()
    result = []
    for text in [single_line(metadata.get("title", "")), *split_list(metadata.get("aliases", ""))]:
        if text:
            result.append(Name(text, rule in _YES if rule else is_all_capitals(text)))
    return result


def entity_key(kind: str, slug: str, lang: str, default_lang: str) -> str:
    """Unique across kinds and languages: "glossary:icbm", "glossary:icbm@ko"."""
    return f"{kind}:{slug}" if lang == default_lang else f"{kind}:{slug}@{lang}"


class Entity(Content):
    """An authored entity page of one kind; URL and SAVE_AS come from its kind's patterns."""

    mandatory_properties = ("title",)
    default_status = "published"

    def __init__(
        self,
        content: str,
        metadata: dict[str, Any] | None = None,
        settings: dict[str, Any] | None = None,
        source_path: str | None = None,
        context: dict[str, Any] | None = None,
        *,
        entity_type: EntityType,
    ) -> None:
        self.entity_type = entity_type
        metadata = dict(metadata or {})
        # The file name is the slug, so that `Country: north-korea` and links are predictable.
        metadata.setdefault("slug", os.path.splitext(os.path.basename(source_path or ""))[0])
        super().__init__(content, metadata, settings, source_path, context)
        self.mentions: dict[Any, int] = {}  # article → number of mentions
        self.referenced_by: dict[str, list[Entity]] = {}  # kind → [entities whose metadata names this one]
        self.subject_of: set[Any] = set()  # articles that name this entity as a main subject

    def _get_template(self) -> str:
        return self.metadata.get("template") or self.entity_type.template

    def _expand_settings(self, key: str, klass: str | None = None) -> str:
        """URL and SAVE_AS from the kind's patterns, worked out once: templates ask for them often."""
        cache: dict[str, str] = self.__dict__.setdefault("_addresses", {})
        if key not in cache:
            cache[key] = getattr(self.entity_type, key.lower()).format(**self.url_format)
        return cache[key]

    @property
    def kind(self) -> str:
        """The name of its kind ("glossary", "countries")."""
        return self.entity_type.name

    @property
    def index_url(self) -> str:
        """The address of its kind's index in its own language: the generator writes one per language an entity of the
        kind is written in, so a Korean page's "Glossary" link stays in Korean."""
        if self.in_default_lang:
            return self.entity_type.index_url
        return self.entity_type.lang_index_url.format(lang=self.lang)

    @property
    def key(self) -> str:
        """Its key, unique across kinds and languages ("glossary:icbm@ko")."""
        return entity_key(self.kind, self.slug, self.lang, self.settings["DEFAULT_LANG"])

    @property
    def other_names(self) -> list[str]:
        """Its aliases, as the author listed them."""
        return split_list(self.metadata.get("aliases", ""))

    @property
    def plain_summary(self) -> str:
        """Its summary as plain text, for popovers and meta tags."""
        return metadata_text(self, "summary")

    def value(self, key: str) -> str:
        """A metadata value as one line of plain text ("" when absent)."""
        return metadata_text(self, key)

    def names(self) -> list[Name]:
        """Its title and aliases, each with its case rule, as the linker matches them."""
        return names_of(self.metadata)

    def people(self) -> list[Entity]:
        """Every entity whose metadata names this one (terms of a country, say), by title."""
        return sorted((e for group in self.referenced_by.values() for e in group), key=sort_key)

    def delegates(self) -> list[Entity]:
        """People who were at the event: entities that name this one and carry a Delegation line."""
        return [person for person in self.people() if person.metadata.get("delegation")]

    def mentioning_articles(self) -> list[tuple[Any, int]]:
        """(article, count), newest first, ties by title then slug: the "Mentioned in" list."""
        return sorted(self.mentions.items(), key=lambda item: newest_first(item[0]))

    def first_mention(self, content: Any) -> FirstMention | None:
        """Where `content` first mentions this entity (a document.FirstMention), or None."""
        facts = facts_of(content)
        return facts.first_mentions.get(self.key) if facts is not None else None

    def explainers(self) -> list[tuple[Any, str]]:
        """(article, "main subject" or "mention") for every article about this entity, newest first."""
        articles = sorted(set(self.subject_of) | set(self.mentions), key=newest_first)
        return [(article, "main subject" if article in self.subject_of else "mention") for article in articles]

    @property
    def iso_codes(self) -> list[str]:
        """A country's ISO codes ("KP, PRK"), for its flag and map."""
        return split_list(self.metadata.get("iso", ""))


def sort_key(content: Any) -> tuple[str, str]:
    """A total order by title, then slug: the same content always lists in the same order."""
    return fold(single_line(getattr(content, "title", ""))), getattr(content, "slug", "")


def newest_first(content: Any) -> tuple[float, str, str]:
    """A sort key: newest first, ties by title, then slug."""
    return (-content.date.timestamp(), *sort_key(content))


def is_all_capitals(text: str) -> bool:
    """True for "ICBM" and "KCNA": a name in capitals matches only as written."""
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters)


def load(
    readers: Any, content_path: str, entity_type: EntityType, paths: Iterable[str], context: dict[str, Any]
) -> tuple[list[Entity], list[AuthorMistake]]:
    """(entities, mistakes): the files of one kind (`paths`, from Listing.entity_files()), read with Pelican's readers."""
    entities: list[Entity] = []
    found: list[AuthorMistake] = []
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

    def __init__(self, entity_type: EntityType) -> None:
        self.entity_type = entity_type
        self.mandatory_properties = Entity.mandatory_properties
        self.__name__ = f"Entity[{entity_type.name}]"  # Pelican logs the class name of what it reads

    def __call__(self, *args: Any, **kwargs: Any) -> Entity:
        """Make one Entity of this kind, as Pelican makes content objects."""
        return Entity(*args, entity_type=self.entity_type, **kwargs)
