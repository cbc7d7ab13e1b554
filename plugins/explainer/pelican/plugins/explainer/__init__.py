"""pelican-explainer: entity files (glossary terms, countries, any kind a site declares) linked where
articles mention them, a page per entity and an index per kind, a Sources page, strict checks.

register() connects module-level functions only: blinker keeps weak references, so a lambda or a
nested function would be dropped silently. The subpackages are reading/ (documents read and linked once),
model/ (entities and what they carry), checks/ (an author's mistakes) and pages/ (what is written);
ARCHITECTURE.md, beside the package, follows the data from the files to the pages.
"""

import logging
import os

from jinja2 import FileSystemLoader
from pelican import signals
from pelican.generators import Generator
from pelican.utils import copy

from . import optional, settings, state
from .checks import addresses, errors, policy
from .checks.site import check_and_connect
from .model import i18n
from .pages import article_map, assets, cards, head, maps, sections, sitemap, wayin
from .pages.filters import FILTERS
from .pages.generators import CorrectionsGenerator, EntityGenerator, SourcesGenerator
from .reading import cache, registry, workers
from .reading.listing import Listing

logger = logging.getLogger(__name__)
HERE = os.path.dirname(os.path.abspath(__file__))
TEMPLATES = os.path.join(HERE, "templates")


def template_filters(config):
    """The Jinja filters the plugin's templates (and a theme written for it) use, for one build's settings."""
    return {
        **FILTERS,
        "t": i18n.make_filter(config),
        "language_name": i18n.language_name,
        "source_kind": policy.kind_filter(config),
        "share_card": cards.make_filter(config),
        "chapters": wayin.chapters_filter,
        "key_points": wayin.key_points,
        "first_section": sections.first_section,
        "notes_apart": sections.notes_apart,
        "asset_url": assets.asset_url,
    }


def configure(pelican):
    """initialized: the plugin's settings with their defaults, checked once; its filters and templates."""
    config = pelican.settings
    for message in [*checked_settings(config), optional.maps_problem(config)]:
        if message:
            logger.error("pelicanconf.py: %s", message)  # fails a strict build, with no traceback
    config["JINJA_FILTERS"] = {**template_filters(config), **config.get("JINJA_FILTERS", {})}  # a site's own filters win
    # reStructuredText may not read files (`.. include:: /etc/passwd`, `raw` and `csv-table` with :file: or :url:);
    # what its `raw` directive writes meets the same allowlist as any other HTML (published.py).
    config["DOCUTILS_SETTINGS"] = {**config.get("DOCUTILS_SETTINGS", {}), "file_insertion_enabled": False}
    folders = [kind.path for kind in settings.entity_types(config).values()]
    # Entity files are read by the plugin, never as articles or pages.
    config["ARTICLE_EXCLUDES"] = [*config.get("ARTICLE_EXCLUDES", []), *folders]
    config["PAGE_EXCLUDES"] = [*config.get("PAGE_EXCLUDES", []), *folders]
    cache.start()


def checked_settings(config):
    """The messages for the plugin's settings, once each. A value it cannot work with is named and its default put
    in its place, and the settings are read again, so the content is read as usual and nothing else follows."""
    problems = []
    for _ in settings.DEFAULTS:
        try:
            return problems + settings.apply(config)
        except settings.SettingsError as error:
            problems.append(str(error))
            if error.key not in settings.DEFAULTS:
                return problems
            config[error.key] = settings.DEFAULTS[error.key]
    return problems


def start_build(pelican):
    """get_generators, at the start of every build run: read every entity's names, then add the
    generators for entity pages, the Sources page and the corrections log."""
    listing = Listing(pelican.settings["PATH"], pelican.settings)  # the one walk of the content folder
    found = addresses.file_mistakes(listing, pelican.settings)
    if found:  # before Pelican opens a pipe or follows a link
        errors.report(found)
        raise errors.ContentMistakes(len(found))
    state.start(pelican.settings, listing)
    return [EntityGenerator, SourcesGenerator, CorrectionsGenerator, AssetsGenerator, maps.FiguresGenerator]


def finish_build(pelican):
    """finalized: the build's last files are written, and its state dropped."""
    state.current().finish(pelican.output_path)
    state.end()


def add_template_fallback(generator):
    """generator_init: the plugin's templates come after the theme's, so a theme overrides any by name; and what
    templates read of the build's tables (the kinds of entity, the relation types) joins their context."""
    generator.env.loader.loaders.append(FileSystemLoader(TEMPLATES))
    build = state.current()
    if build is not None:
        generator.context.update(build.tables.template_context())


class AssetsGenerator(Generator):
    """Copies the plugin's styles and script to THEME_STATIC_DIR/explainer/ (a theme's own copy, copied
    after this by Pelican's static generator, replaces them)."""

    def generate_context(self):
        """Nothing to read: the assets are files of the plugin, copied as they are."""
        pass

    def generate_output(self, writer):
        """Copy the plugin's static folder into the theme's static folder of the output."""
        copy(assets.PLUGIN_STATIC, os.path.join(self.output_path, self.settings["THEME_STATIC_DIR"], "explainer"))


def register():
    """Pelican's entry point for the plugin: connect each step of the build to the signal it runs on."""
    signals.initialized.connect(configure)
    signals.get_generators.connect(start_build)
    signals.generator_init.connect(add_template_fallback)
    signals.generator_init.connect(head.remember_templates)
    signals.readers_init.connect(registry.install_reader)
    signals.content_object_init.connect(registry.link_other_content)
    signals.article_generator_preread.connect(workers.generator_reading)
    signals.page_generator_preread.connect(workers.generator_reading)
    signals.all_generators_finalized.connect(check_and_connect)
    signals.all_generators_finalized.connect(cache.remember_addresses)
    signals.content_written.connect(sitemap.record)
    signals.content_written.connect(article_map.add_map)
    signals.content_written.connect(head.add_assets)
    signals.finalized.connect(finish_build)
