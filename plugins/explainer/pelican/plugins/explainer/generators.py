"""Pelican generators for the pages that are not articles: the glossary and the countries.

Each reads its entity files in generate_context (so every entity is known before linking starts, in
all_generators_finalized) and writes an index page and one page per entity in generate_output, with
templates a theme can override.
"""

import os

from pelican.generators import Generator

from . import entities, sources


class EntityGenerator(Generator):
    """Reads the entity files of one kind and writes their pages."""

    entity_class = None
    path_setting = None  # e.g. "GLOSSARY_PATH"
    prefix = None  # the settings prefix, e.g. "GLOSSARY"
    context_key = None  # the template variable holding every entity, e.g. "glossary_terms"
    index_template = None

    def generate_context(self):
        self.entities, self.mistakes = entities.load(
            self.readers, self.path, self.settings[self.path_setting], self.entity_class, self.context)
        self.entities.sort(key=lambda entity: entities.fold(str(entity.title)))
        for entity in self.entities:
            # Lets authors write [text]({filename}/glossary/icbm.md) as they do for articles.
            self.context["generated_content"][os.path.relpath(entity.source_path, self.path)] = entity
        self.context[self.context_key] = self.entities

    def generate_output(self, writer):
        for entity in self.entities:
            writer.write_file(entity.save_as, self.get_template(entity.template), self.context,
                              url=entity.url, entity=entity, **{self.entity_class.template_variable: entity})
        writer.write_file(self.settings[f"{self.prefix}_INDEX_SAVE_AS"], self.get_template(self.index_template),
                          self.context, url=self.settings[f"{self.prefix}_INDEX_URL"])


class GlossaryGenerator(EntityGenerator):
    entity_class = entities.Term
    path_setting = "GLOSSARY_PATH"
    prefix = "GLOSSARY"
    context_key = "glossary_terms"
    index_template = "glossary"


class CountryGenerator(EntityGenerator):
    entity_class = entities.Country
    path_setting = "COUNTRY_PATH"
    prefix = "COUNTRY"
    context_key = "countries"
    index_template = "countries"


class SourcesGenerator(Generator):
    """Writes the Sources page, gathered from the footnotes of everything the site publishes."""

    def generate_context(self):
        pass  # the footnotes are read once every page is known, in generate_output

    def generate_output(self, writer):
        contents = [*self.context.get("articles", []), *self.context.get("pages", []),
                    *self.context.get("glossary_terms", []), *self.context.get("countries", [])]
        writer.write_file(self.settings["SOURCES_SAVE_AS"], self.get_template("sources"), self.context,
                          url=self.settings["SOURCES_URL"], publications=sources.gather(contents))
