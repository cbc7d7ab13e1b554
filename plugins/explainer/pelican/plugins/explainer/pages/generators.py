"""Pelican generators for the pages that are not articles: one page per entity and an index per kind
and language, the Sources page and the corrections log.

Entities are read in generate_context, so every entity object is known before all_generators_finalized
counts mentions; pages are written in generate_output with templates a theme can override by name.
"""

import os
from dataclasses import dataclass

from pelican.generators import Generator

from pelican.plugins.explainer import state
from pelican.plugins.explainer.model import entities, freshness, sources
from pelican.plugins.explainer.model.entities import sort_key


@dataclass(frozen=True)
class IndexPage:
    """A kind's index in one language, as a page links to its translations (explainer/translations.html)."""

    lang: str
    url: str


class EntityGenerator(Generator):
    """Reads the entity files of every declared kind and writes their pages."""

    def __init__(self, *args, **kwargs):
        # With Pelican's content cache on, entity files stay converted like articles, so a rebuild after a
        # one-file edit converts only that file (registry.keep_cache_in_step gives each set of entity names
        # a cache folder of its own, so an edit to a name still relinks every page).
        super().__init__(*args, readers_cache_name="EntityGenerator-Readers", **kwargs)

    def generate_context(self):
        """Read the entity files of every kind (converted ahead by the workers) and put the entities in the context, so
        templates, the linker and the checks all see them before any page is written."""
        self.entities, self.mistakes = [], []
        self.by_kind = {}
        build = state.current()
        self.kinds = list(build.tables.types.values())
        files = {kind.name: build.listing.entity_files(kind.path) for kind in self.kinds}
        build.workers.convert_ahead(self.readers, [path for paths in files.values() for path in paths])
        for kind in self.kinds:
            found, mistakes = entities.load(self.readers, self.path, kind, files[kind.name], self.context)
            found.sort(key=sort_key)
            self.by_kind[kind.name] = found
            self.entities += found
            self.mistakes += mistakes
        for found in self.by_kind.values():
            link_translations(found)
        for entity in self.entities:
            # Lets authors (and the linker) write [text]({filename}/glossary/icbm.md) as for articles.
            self.context["generated_content"][os.path.relpath(entity.source_path, self.path)] = entity
        self.context["entities_by_kind"] = self.by_kind
        for name, found in self.by_kind.items():
            self.context[name] = self.in_default_lang(found)
        self.readers.save_cache()

    def in_default_lang(self, found):
        """The entities of `found` in the site's default language: the ones the main index lists."""
        return [entity for entity in found if entity.in_default_lang]

    def languages(self, found):
        """The other languages some entity of `found` is written in, each of which gets an index of its own."""
        return sorted({entity.lang for entity in found if not entity.in_default_lang})

    def generate_output(self, writer):
        """Write each entity's page, then each kind's index: one in the default language and one per other language,
        each linking to the others."""
        default_lang = self.settings["DEFAULT_LANG"]
        for kind in self.kinds:
            found = self.by_kind.get(kind.name, [])
            indexes = [IndexPage(default_lang, kind.index_url)] + [
                IndexPage(lang, kind.lang_index_url.format(lang=lang)) for lang in self.languages(found)
            ]
            for entity in found:
                writer.write_file(
                    entity.save_as,
                    self.get_template(entity.template),
                    self.context,
                    url=entity.url,
                    entity=entity,
                    entity_type=kind,
                    lang=entity.lang,
                    **{kind.variable: entity},
                )
            for index in indexes:
                self.write_index(
                    writer,
                    kind,
                    self.in_default_lang(found) if index.lang == default_lang else [e for e in found if e.lang == index.lang],
                    save_as=kind.index_save_as if index.lang == default_lang else kind.lang_index_save_as.format(lang=index.lang),
                    page=index,
                    translations=[other for other in indexes if other != index],
                )

    def write_index(self, writer, kind, listed, *, save_as, page, translations):
        """Write the index of `kind` that lists the entities `listed` in the language of `page`, with the kind's index
        template, linking to the same index in other languages."""
        writer.write_file(
            save_as,
            self.get_template(kind.index_template),
            self.context,
            url=page.url,
            entity_type=kind,
            entities=listed,
            lang=page.lang,
            index_translations=translations,
            **{kind.name: listed},
        )


def link_translations(found):
    """Give each entity of one kind its translations, as Pelican gives articles theirs: the entities with its slug
    in other languages, in the order of their language codes."""
    by_slug = {}
    for entity in found:
        by_slug.setdefault(entity.slug, []).append(entity)
    for entity in found:
        entity.translations = sorted((e for e in by_slug[entity.slug] if e is not entity), key=lambda e: e.lang)


class SourcesGenerator(Generator):
    """Writes the Sources page, gathered from the footnotes of everything the site publishes."""

    def generate_context(self):
        """Nothing to read yet: the footnotes are known once every page is read."""
        pass  # the footnotes are known once every page is read, in generate_output

    def generate_output(self, writer):
        """Write the Sources page from the footnotes of the articles, pages and entities, in every language: Pelican's
        context lists only the original of each article and page, which carries its translations."""
        originals = [*self.context.get("articles", []), *self.context.get("pages", [])]
        contents = [
            *originals,
            *[translation for content in originals for translation in getattr(content, "translations", [])],
            *[e for found in self.context.get("entities_by_kind", {}).values() for e in found],
        ]
        writer.write_file(
            self.settings["EXPLAINER_SOURCES_SAVE_AS"],
            self.get_template("sources"),
            self.context,
            url=self.settings["EXPLAINER_SOURCES_URL"],
            lang=self.settings["DEFAULT_LANG"],
            publications=sources.gather(contents, self.settings),
        )


class CorrectionsGenerator(Generator):
    """Writes the corrections log: every `Corrections:` line of the published articles and pages."""

    def generate_context(self):
        """Nothing to read: corrections are read with the site's checks."""
        pass  # corrections are read with the site's checks, in all_generators_finalized

    def generate_output(self, writer):
        """Write the corrections log, unless EXPLAINER_CORRECTIONS_SAVE_AS turns it off."""
        if not self.settings["EXPLAINER_CORRECTIONS_SAVE_AS"]:
            return
        contents = [*self.context.get("articles", []), *self.context.get("pages", [])]
        writer.write_file(
            self.settings["EXPLAINER_CORRECTIONS_SAVE_AS"],
            self.get_template("corrections"),
            self.context,
            url=self.settings["EXPLAINER_CORRECTIONS_URL"],
            lang=self.settings["DEFAULT_LANG"],
            corrections=freshness.log(contents),
        )
